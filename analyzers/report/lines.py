"""A document as numbered lines with offsets, and table rows read from any region of it.

Paragraphs are one line each; a table row is one line that keeps its cells. Section
search runs over the joined text; table readers turn a region into `Row`s whether the
numbers sit in real cells, in pipe tables, or fused in one crawler-dumped paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from analyzers.extract.blocks import Document, Paragraph
from analyzers.report.numbers import is_blank, is_numeric_cell, squeeze


@dataclass(frozen=True)
class Line:
    """One paragraph or table row, at `start` in the joined text."""

    start: int
    text: str
    cells: tuple[str, ...] | None = None

    @property
    def end(self) -> int:
        """Offset just past the line's text."""
        return self.start + len(self.text)


@dataclass(frozen=True)
class Row:
    """A table row: its label text and its value chunks (None = blank cell).

    `fused` marks chunks that came from running text (digits may have run together);
    otherwise each chunk is exactly one cell.
    """

    label: str
    chunks: tuple[str | None, ...]
    fused: bool
    start: int


@dataclass(frozen=True)
class Layout:
    """The lines of a document and their joined text."""

    lines: tuple[Line, ...]
    text: str


def build_layout(document: Document) -> Layout:
    """Lay the document's blocks out as lines joined by newlines."""
    lines: list[Line] = []
    offset = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            items = [(block.text, None)]
        else:
            items = [("\t".join(row), row) for row in block.rows]
        for text, cells in items:
            lines.append(Line(offset, text, cells))
            offset += len(text) + 1
    return Layout(tuple(lines), "\n".join(line.text for line in lines))


# A run of numbers (or blank placeholders) separated by spaces, inside running text.
_SPACE = r"[ \t\u3000\u2002\u00a0]"
# A number may carry thousands separators (1,234), a count unit before a space (12件, 2笔),
# an amount's unit (984361元, 45.82万元), and a sign where no digit or word precedes it
# (table 二's 本年增/减 column: '-3', '+2').
_NUMBER = r"(?:(?<![\w.])[+\-－＋](?=\d))?(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?)(?:[件条个项笔](?=[ \t\u3000\u2002\u00a0\n]|$)|万?元(?!\d))?"
_CELL = rf"(?:{_NUMBER}|[/／—–])"
# A run continues onto the next line only when that line holds nothing but cells (one cell
# per line, or a row's numbers wrapped by the page width).
_SEPARATOR = rf"(?:{_SPACE}*\n{_SPACE}*(?={_CELL}(?:{_SPACE}+{_CELL})*{_SPACE}*(?:\n|$))|{_SPACE}*)"
_RUN = re.compile(rf"{_CELL}(?:{_SEPARATOR}(?:{_NUMBER}|[/／—–](?![\u4e00-\u9fff])))*")
_UNIT_OR_COMMA = re.compile(r"[件条个项笔,]|万?元")
_PROSE_UNITS = set("年月日%％")
_BLANK_ROW_CELLS = 5  # table 四 groups have five cells, table 三 rows seven
_ORDINAL_AFTER = re.compile(r"[.．、]\s*[^\d\s]")


def _dedupe(cells: list[str]) -> list[str]:
    """Merged cells repeat their text across the grid: keep one copy of each run."""
    out: list[str] = []
    for cell in cells:
        if not out or cell != out[-1]:
            out.append(cell)
    return out


def _cell_row(line: Line) -> Row | None:
    """A table row: label = text cells, values = the cells after the last text cell."""
    cells = list(line.cells or ())
    last_text = -1
    for index, cell in enumerate(cells):
        if not is_blank(cell) and not is_numeric_cell(cell):
            last_text = index
    values = cells[last_text + 1:]
    # A labelled row of blank cells (every count left empty) is still a row: its cells are null.
    if not any(is_numeric_cell(cell) for cell in values) and (last_text < 0 or len(values) < _BLANK_ROW_CELLS):
        return None
    label = " ".join(_dedupe([c for c in cells[: last_text + 1] if c.strip()]))
    chunks = tuple(None if is_blank(cell) else squeeze(cell) for cell in values)
    return Row(label, chunks, False, line.start)


def run_spans(text: str) -> Iterator[tuple[int, int]]:
    """The [start, end) spans of the runs of cells in running text (numbers in prose such
    as '2019年' or '85%' and a next label's ordinal digit left out)."""
    for match in _RUN.finditer(text):
        run_start, run_end = match.span()
        # '...申请10000012.申请人...': the last digit is the next label's ordinal '2.'.
        if _ORDINAL_AFTER.match(text, run_end) and text[run_end - 1].isdigit():
            run_end -= 1
        if text[run_end:run_end + 1] in _PROSE_UNITS:
            continue  # '2019年', '5月', '85%': a number in prose, not a cell
        if any(ch.isdigit() for ch in text[run_start:run_end]):
            yield run_start, run_end


def _text_rows(text: str, start: int) -> list[Row]:
    """Rows from running text: each numeric run and the label text before it."""
    rows: list[Row] = []
    label_from = 0
    for run_start, run_end in run_spans(text):
        run = text[run_start:run_end].strip()
        label = text[label_from:run_start].strip()
        chunks = tuple(None if is_blank(part) else _UNIT_OR_COMMA.sub("", part) for part in run.split())
        rows.append(Row(label, chunks, True, start + run_start))
        label_from = run_end
    return rows


def region_rows(layout: Layout, begin: int, end: int) -> list[Row]:
    """Every row whose line lies (at least partly) within [begin, end).

    Consecutive paragraphs are read as one text, so a label and its cells on separate
    lines still make one row.
    """
    rows: list[Row] = []
    text_from: int | None = None
    for line in layout.lines:
        if line.end <= begin or line.start >= end:
            continue
        if line.cells is None:
            text_from = max(begin, line.start) if text_from is None else text_from
            continue
        if text_from is not None:
            rows.extend(_text_rows(layout.text[text_from:line.start], text_from))
            text_from = None
        row = _cell_row(line)
        if row is not None:
            rows.append(row)
    if text_from is not None:
        rows.extend(_text_rows(layout.text[text_from:end], text_from))
    return rows
