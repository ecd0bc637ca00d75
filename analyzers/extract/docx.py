"""DOCX into blocks with python-docx: body paragraphs and tables in document order."""

from __future__ import annotations

import io

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from analyzers.errors import UnreadableDocument
from analyzers.extract.blocks import Block, Document, Paragraph, Table, normalize_text
from analyzers.extract.bounds import bounded_zip

_MAX_GRID_SPAN = 63  # Word's own limit on table columns; larger spans only come from hostile files
# Grid slots a table may unroll to (a report's tables have a few hundred); a bigger table is
# read row by row as paragraphs, which costs no more than its XML.
_MAX_TABLE_SLOTS = 50_000
# Exceptions python-docx raises on malformed XML (bad attribute values, missing parts).
_MALFORMED = (ValueError, KeyError, AttributeError, TypeError, IndexError, RecursionError)


def _cell_texts(table: DocxTable) -> tuple[tuple[str, ...], ...]:
    """Rows of cell texts; python-docx repeats a merged cell's text in every grid slot."""
    # one text per <w:tc>, however many slots it spans; keyed by the element itself (holding it
    # keeps lxml's proxy alive, so the same element is the same key)
    texts: dict[object, str] = {}
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            key = cell._tc
            if key not in texts:
                texts[key] = normalize_text(cell.text).replace("\n", "").strip()
            cells.append(texts[key])
        rows.append(tuple(cells))
    return tuple(rows)


def _slots(table_element) -> int:
    """How many grid slots the table unrolls to (gridSpan values already clamped)."""
    return sum(int(tc.grid_span) for tc in table_element.iter(qn("w:tc")))


def _table_blocks(table_element, document: DocxDocument) -> list[Block]:
    """A table as one Table block, or, when too big to unroll, one paragraph per row."""
    if _slots(table_element) <= _MAX_TABLE_SLOTS:
        rows = _cell_texts(DocxTable(table_element, document))
        return [Table(rows)] if rows else []
    blocks: list[Block] = []
    for tr in table_element.iter(qn("w:tr")):
        text = normalize_text(" ".join("".join(t.text or "" for t in tr.iter(qn("w:t"))).split())).strip()
        if text:
            blocks.append(Paragraph(text))
    return blocks


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
            blocks.extend(_table_blocks(child, document))
    return blocks


def _clamp_grid_spans(body) -> None:
    """Cap each cell's gridSpan at Word's 63 columns: a span of a billion would make
    python-docx build a billion-slot row. Values that are not numbers are left for
    python-docx to reject."""
    attribute = qn("w:val")
    for span in body.iter(qn("w:gridSpan")):
        value = (span.get(attribute) or "").strip()
        if value.isascii() and value.isdigit() and (len(value) > 2 or int(value) > _MAX_GRID_SPAN):
            span.set(attribute, str(_MAX_GRID_SPAN))


def _open(data: bytes) -> DocxDocument:
    """python-docx's document over the size-bounded repack of the zip."""
    package = bounded_zip(data, "DOCX", lambda name: name.endswith((".xml", ".rels")))
    try:
        document = docx.Document(io.BytesIO(package))
    except Exception as error:  # python-docx raises assorted errors on malformed parts
        raise UnreadableDocument(f"the DOCX file could not be read ({error.__class__.__name__}: "
                                 f"{' '.join(str(error).split())[:120]})") from error
    root = document.element
    if root.tag != qn("w:document") or root.find(qn("w:body")) is None:
        name = root.tag.rsplit("}", 1)[-1] if isinstance(root.tag, str) else "?"
        raise UnreadableDocument(f"the DOCX main part is <{name}>, not a Word document body")
    return document


def extract_docx(data: bytes) -> Document:
    """Parse DOCX bytes; a truncated, oversized or non-Word zip is an UnreadableDocument."""
    document = _open(data)
    try:
        _clamp_grid_spans(document.element.body)
        blocks = _iter_blocks(document)
    except _MALFORMED as error:
        raise UnreadableDocument(f"the DOCX file has a malformed part ({error.__class__.__name__}: "
                                 f"{' '.join(str(error).split())[:120]})") from error
    return Document(tuple(blocks), "docx")
