"""DOCX into blocks with python-docx: body paragraphs and tables in document order."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from analyzers.errors import UnreadableDocument
from analyzers.extract.blocks import Block, Document, Paragraph, Table, normalize_text


def _table_rows(table: DocxTable) -> tuple[tuple[str, ...], ...]:
    """Rows of cell texts; python-docx repeats a merged cell's text in every grid slot."""
    rows = []
    for row in table.rows:
        rows.append(tuple(normalize_text(cell.text).replace("\n", "").strip() for cell in row.cells))
    return tuple(rows)


def _body_children(parent):
    """Paragraphs and tables in order, also those inside content controls (w:sdt), which
    Word templates wrap around whole parts of a document."""
    for child in parent.iterchildren():
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_children(content)
        else:
            yield child


def _iter_blocks(document: DocxDocument) -> list[Block]:
    blocks: list[Block] = []
    for child in _body_children(document.element.body):
        if child.tag == qn("w:p"):
            text = normalize_text(DocxParagraph(child, document).text).strip()
            if text:
                blocks.append(Paragraph(text))
        elif child.tag == qn("w:tbl"):
            rows = _table_rows(DocxTable(child, document))
            if rows:
                blocks.append(Table(rows))
    return blocks


def extract_docx(data: bytes) -> Document:
    """Parse DOCX bytes; a truncated or non-Word zip is an UnreadableDocument."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableDocument(f"the DOCX file is truncated or corrupt ({error.__class__.__name__})") from error
    except Exception as error:  # python-docx raises assorted errors on malformed parts
        raise UnreadableDocument(f"the DOCX file could not be read ({error.__class__.__name__})") from error
    return Document(tuple(_iter_blocks(document)), "docx")
