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
    if kind in _BINARY_KINDS:
        return _extract_binary(data, kind, _extension(filename))
    text = decode_text(data, _charset_from_content_type(content_type))
    if kind == "html":
        from analyzers.extract.html import extract_html
        from analyzers.extract.htmlshapes import reshape_html

        return extract_html(reshape_html(text))
    _refuse_structured_data(text)
    from analyzers.extract.text import extract_text

    return extract_text(text)


_BINARY_KINDS = {"pdf", "docx", "doc", "wps", "xlsx", "xls", "image"}


def _extension(filename: str | None) -> str:
    return filename.rsplit(".", 1)[-1].lower() if filename and "." in filename else ""


def _extract_binary(data: bytes, kind: str, extension: str) -> Document:
    """Dispatch a binary kind to its extractor (each imported only when needed: pdfplumber,
    openpyxl and the OCR engine are slow to import)."""
    if kind == "pdf":
        from analyzers.extract.scan import extract_pdf_pages

        return extract_pdf_pages(data)
    if kind == "docx":
        from analyzers.extract.docx import extract_docx

        return extract_docx(data)
    if kind in ("doc", "wps"):
        from analyzers.extract.office import extract_legacy_word

        # WPS Writer saves .wps in Word's binary format: read as .doc, reported as WPS
        return extract_legacy_word(data, kind, "wps" if extension == "wps" else kind)
    if kind in ("xlsx", "xls"):
        from analyzers.extract.sheets import extract_sheets

        return extract_sheets(data, kind, "et" if extension == "et" else kind)
    from analyzers.extract.scan import extract_image

    return extract_image(data)


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
