"""PDF with a text layer into blocks via pdfplumber: text lines and detected tables."""

from __future__ import annotations

import io
import logging
import re

import pdfplumber

from analyzers.errors import DocumentTooLarge, NoTextLayer, UnreadableDocument
from analyzers.extract.blocks import Block, Document, Table, normalize_text
from analyzers.extract.bounds import check_pdf_streams
from analyzers.extract.pdfcolumns import unruled_tables
from analyzers.extract.pdfextent import open_sides, ruled_extent
from analyzers.extract.pdfimages import picture_regions, read_picture
from analyzers.extract.pdfwords import column_edges, rebuild_rows, stacked_rows, words_outside
from analyzers.extract.text import extract_text

# pdfminer logs every malformed object at WARNING; a bad PDF is reported by our own error.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def unwrap_lines(text: str) -> str:
    """Join lines the PDF wrapped at the margin ('…加强培' + '训…'): a line that fills the
    width and does not end a sentence continues on the next one."""
    lines = text.split("\n")
    width = max((len(line.strip()) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        wrapped = len(previous.strip()) >= width * _FULL_LINE and not _LINE_END.search(previous)
        if previous and wrapped and not _HEADING.match(previous) and not _HEADING.match(line):
            out[-1] = previous.rstrip() + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _band_blocks(page, top: float, bottom: float, search: bool = True) -> list[Block]:
    """The text between two tables (or page edges), wrapped lines joined; unruled tables
    in it whose rows leave cells empty become tables keeping their columns (`search`: the
    text around them was searched with the band already)."""
    if bottom - top < 1:
        return []
    band = page.crop((page.bbox[0], top, page.bbox[2], bottom))
    text = band.extract_text() or ""
    found = unruled_tables(band.extract_words()) if search and _NUMBER_LINE_END.search(text) else []
    if not found:
        return list(extract_text(unwrap_lines(text), "pdf").blocks)
    blocks: list[Block] = []
    for table in found:
        blocks.extend(_band_blocks(page, top, table.top - _BAND_MARGIN, search=False))
        blocks.append(table.table)
        top = table.bottom + _BAND_MARGIN
    return blocks + _band_blocks(page, top, bottom, search=False)


# Annual reports run 5 to 60 pages; every page costs layout analysis, so a file with more than
# this many is refused before any is read rather than parsed for minutes.
MAX_PAGES = 300
_FULL_LINE = 0.85  # a line this close to the widest one was wrapped, not ended
# Headings and list items start their own line: never glued to their neighbours.
_HEADING = re.compile(r"\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|第[一二三四五六七八九十]+部分)")
# A text line ending in a number after a space: the band may hold an unruled table.
_NUMBER_LINE_END = re.compile(r"[ \t]\d[\d,]*[ \t]*$", re.M)
_BAND_MARGIN = 0.01  # pt between a table found in a band and the text around it
_BORDER_MARGIN = 1.0  # pt around a table with open sides, so the border drawn for it is inside the crop
_LINE_END = re.compile(r"[。！？：:；;）)”」]\s*$")


def _page_blocks(page, notes: list[str] | None = None) -> list[Block]:
    """Text bands, ruled tables and tables drawn as pictures (read by OCR, their notes
    added to `notes`) of one page, top to bottom."""
    tables = page.find_tables()
    edges = page.edges if tables else []
    tables = _distinct([_closed(page, table, edges) for table in tables])
    regions = [(table.bbox, table) for table in tables]
    regions += [(box, None) for box in picture_regions(page) if not any(_overlap(box, t.bbox) for t in tables)]
    blocks: list[Block] = []
    top = page.bbox[1]
    for box, table in sorted(regions, key=lambda region: region[0][1]):
        blocks.extend(_band_blocks(page, top, max(top, box[1])))
        if table is None:
            blocks.extend(read_picture(page, box, notes if notes is not None else []))
            blocks.extend(_band_blocks(page, max(top, box[1]), box[3]))  # any text beside it
        else:
            rows = _table_rows(page, table)
            blocks.extend([Table(rows)] if rows else [])
        top = max(top, box[3])
    blocks.extend(_band_blocks(page, top, page.bbox[3]))
    return blocks


def _overlap(a: tuple, b: tuple) -> bool:
    """Whether two boxes (x0, top, x1, bottom) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _closed(page, table, edges: list[dict]):
    """The table with its open outer sides closed: where its lines reach past the cells
    pdfplumber found (a table ruled by inner lines only), the table is found again with a
    border drawn where its lines end, so its first and last rows and columns are cells too."""
    extent = ruled_extent(table.bbox, edges)
    if not open_sides(table.bbox, extent):
        return table
    x0, top, x1, bottom = extent
    margin = _BORDER_MARGIN
    area = page.crop((x0 - margin, top - margin, x1 + margin, bottom + margin), strict=False)
    found = area.find_tables({"explicit_vertical_lines": [x0, x1], "explicit_horizontal_lines": [top, bottom]})
    return max(found, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]), default=table)


def _distinct(tables: list) -> list:
    """The tables with one copy of each box (parts of one table with open sides are closed
    to the same table)."""
    seen: set[tuple] = set()
    out = []
    for table in tables:
        key = tuple(round(v) for v in table.bbox)
        if key not in seen:
            seen.add(key)
            out.append(table)
    return out


def _table_rows(page, table) -> tuple[tuple[str, ...], ...]:
    """A ruled table's cells; rebuilt from word coordinates when its rows are not ruled
    (a cell holds a whole column) or its outer columns are open (words lie beyond it)."""
    cells = table.extract()
    edges = column_edges(table.cells)
    _, top, _, bottom = table.bbox  # a property computed from every cell: read once
    band = [c for c in page.chars if c["top"] >= top - 1 and c["bottom"] <= bottom + 1]
    if stacked_rows(cells) or words_outside(band, edges):
        words = page.crop((page.bbox[0], top, page.bbox[2], bottom)).extract_words()
        return rebuild_rows(words, edges)
    return tuple(tuple(normalize_text(cell or "").replace("\n", "").strip() for cell in row) for row in cells)


def extract_pdf(data: bytes) -> Document:
    """Parse PDF bytes; no text on any page means a scan (NoTextLayer)."""
    check_pdf_streams(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = list(pdf.pages)
            if len(pages) > MAX_PAGES:
                raise DocumentTooLarge(f"the PDF has {len(pages):,} pages, more than the {MAX_PAGES} "
                                         "an annual report could have")
            blocks: list[Block] = []
            notes: list[str] = []
            for page in pages:
                blocks.extend(_page_blocks(page, notes))
    except UnreadableDocument:
        raise
    except Exception as error:  # pdfminer raises many unrelated types on truncated files
        raise UnreadableDocument(f"the PDF file is truncated or corrupt ({error.__class__.__name__})") from error
    if not pages:
        raise UnreadableDocument("the PDF file has no pages")
    if not any(isinstance(b, Table) or b.text.strip() for b in blocks):
        raise NoTextLayer("the PDF has no text layer (a scanned image); OCR is not supported")
    return Document(tuple(blocks), "pdf", notes=tuple(notes))
