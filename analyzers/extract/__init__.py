"""Text extraction: any supported document's bytes into paragraphs and tables of cells."""

from __future__ import annotations

import json

from analyzers.errors import NotAReport, UnreadableDocument
from analyzers.extract.blocks import Block, Document, Paragraph, Table
from analyzers.extract.detect import decode_text, detect_type

__all__ = ["Block", "Document", "Paragraph", "Table", "extract_document", "detect_type"]


def _charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type or "charset=" not in content_type.lower():
        return None
    return content_type.lower().split("charset=", 1)[1].split(";")[0].strip().strip("\"'") or None


def extract_document(data: bytes, filename: str | None = None, content_type: str | None = None) -> Document:
    """Detect the type of `data` and extract its blocks; raises ReportError subclasses on bad input.

    `content_type` is the HTTP Content-Type when known: its charset wins over <meta> and guessing.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Notepad's "Unicode" (UTF-16 with a BOM): re-encode so detection sees ordinary text.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as error:
            raise UnreadableDocument("the UTF-16 text is truncated or corrupt") from error
    kind = detect_type(data, filename)
    if kind == "pdf":
        from analyzers.extract.pdf import extract_pdf  # pdfplumber is slow to import: only when needed

        return extract_pdf(data)
    if kind == "docx":
        from analyzers.extract.docx import extract_docx

        return extract_docx(data)
    text = decode_text(data, _charset_from_content_type(content_type))
    if kind == "html":
        from analyzers.extract.html import extract_html

        return extract_html(text)
    _refuse_structured_data(text)
    from analyzers.extract.text import extract_text

    return extract_text(text)


def _refuse_structured_data(text: str) -> None:
    """A JSON file (a label, an API dump) can quote report headings but is never a report."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "{[" or stripped[-1] not in "}]":
        return
    try:
        json.loads(stripped)
    except ValueError:
        return
    raise NotAReport("structured data (JSON), not a report document")
