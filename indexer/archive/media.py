"""Media type of archived bytes, sniffed from their content (names and headers can lie)."""

from __future__ import annotations

import io
import zipfile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
HTML = "text/html"
TEXT = "text/plain"
BINARY = "application/octet-stream"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_media_type(data: bytes) -> str:
    """Guess the media type of `data` from its first bytes (PDF, DOCX, DOC, HTML, text)."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return DOCX if _is_docx(data) else BINARY
    if data.startswith(_OLE_MAGIC):
        return DOC
    lowered = head.lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered or b"<body" in lowered:
        return HTML
    if b"\x00" in head:
        return BINARY
    return TEXT


def _is_docx(data: bytes) -> bool:
    """Whether a ZIP archive is a Word document (it holds word/document.xml)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
