"""Tables 三 and 四 dumped with their row labels detached from their numbers.

PDF-to-text and PDF-to-markdown tools that read a table column by column print every row
label first and then every row of numbers ('一、本年新收… / 二、上年结转… / … / 1200 30 5 …
/ 40 2 0 …'), as text lines or as pipe-table rows of their own. When the region holds one
unbroken block of number lines, all of them below the labels, and as many of them as
labels naming template rows, the n-th label goes with the n-th number line. Labels and
number rows printed apart in other counts are not paired (Mismatch: the table is null
with a warning), so nothing is paired by guess. Table 四 is dumped so when it is a 3×5
grid (a group per row) or transposed (an outcome per row, three group columns). A PDF
read column by column prints one number a line, column after column: the row totals
tell that order from row after row.
"""

from __future__ import annotations

import re

from analyzers.report.lines import Layout, Line, Row
from analyzers.report.numbers import is_blank, is_numeric_cell, squeeze

_MIN_ROWS = 3  # fewer number lines in a block are a table's own layout, not a detached dump
_MAX_CELLS = 7
_UNIT = re.compile(r"[件条个项]$")
_SUB_ROW = re.compile(r"\s*\d{1,2}\s*[.．、]\s*\D")


class Mismatch(ValueError):
    """Labels printed apart from their number rows, in another count: not paired."""


def detached_rows(layout: Layout, begin: int, end: int, row_key, skip, table: str = "table3",
                  shape_ok=lambda rows: True, single=None) -> list[Row] | None:
    """One Row per template row when the region is a detached dump, else None; Mismatch
    when it is one whose label and number-row counts differ (pairing would be a guess).
    `row_key(label)` names a label's template row; `skip(label)` marks group titles;
    `table` names the table in the Mismatch's message; `shape_ok(number_rows)` says whether
    the block of number rows has the table's shape at all (else it is not this dump);
    `single` = (labels_fit, table_ok) reads a block of one number a line (_one_a_line)."""
    lines = [line for line in layout.lines if line.end > begin and line.start < end]
    numbers = [index for index, line in enumerate(lines) if _numbers(line) is not None]
    if len(numbers) < _MIN_ROWS or numbers != list(range(numbers[0], numbers[-1] + 1)):
        return None  # no block, or several blocks (a label before each row's numbers)
    one_a_line = single is not None and all(len(_numbers(lines[i])) == 1 for i in numbers)
    if not one_a_line and not shape_ok([_numbers(lines[index]) for index in numbers]):
        return None
    labels = [label for label in map(_label, lines[:numbers[0]]) if _names_row(label, row_key, skip)]
    after = [label for label in map(_label, lines[numbers[-1] + 1:]) if _names_row(label, row_key, skip)]
    if len(labels) < _MIN_ROWS or after:
        return None  # labels beside or after the numbers: not this shape
    if one_a_line and len(labels) != len(numbers):
        return _one_a_line(labels, [lines[i] for i in numbers], *single, table)
    if len(labels) != len(numbers):
        raise Mismatch(f"{table}: {len(labels)} row labels and {len(numbers)} number rows printed apart; "
                       "not paired, left null")
    return [Row(label, _numbers(lines[index]), lines[index].cells is None, lines[index].start)
            for label, index in zip(labels, numbers)]


def _one_a_line(labels: list[str], lines: list[Line], labels_fit, table_ok, table: str) -> list[Row] | None:
    """A table whose every cell is printed on a line of its own after all the labels: row
    by row, or column by column (a PDF read one column at a time). The order is the one in
    which `table_ok(labels, rows)` holds (its rows add up); when both or neither do (and
    they differ), Mismatch. None when `labels_fit(labels)` says the labels are not the
    table's rows (the numbers are then read as printed)."""
    if not labels_fit(labels):
        return None
    cells = [_numbers(line)[0] for line in lines]
    count = len(labels)
    columns = len(cells) // count
    if columns < 2 or len(cells) != count * columns:
        raise Mismatch(f"{table}: {count} row labels and {len(cells)} numbers printed one a line apart; "
                       "not paired, left null")
    by_row = [tuple(cells[i * columns:(i + 1) * columns]) for i in range(count)]
    by_column = [tuple(cells[c * count + i] for c in range(columns)) for i in range(count)]
    fitting = [rows for rows in (by_row, by_column) if table_ok(labels, rows)]
    if not fitting or (len(fitting) == 2 and by_row != by_column):
        raise Mismatch(f"{table}: {count} row labels and {len(cells)} numbers printed one a line apart, "
                       "in an order the totals cannot tell; not paired, left null")
    start = lines[0].start
    return [Row(label, row, False, start) for label, row in zip(labels, fitting[0])]


def value(chunk: str | None) -> int | float | None:
    """A cell's number for the arithmetic (None when blank or not a plain number)."""
    if chunk is None:
        return None
    try:
        return float(chunk) if "." in chunk else int(chunk.replace(",", ""))
    except ValueError:
        return None



def _names_row(label: str, row_key, skip) -> bool:
    """A label of a template row: it names one, or it is a numbered sub-row ('5.属于…'
    with a misspelt name still is one); group titles and headers are not."""
    return bool(label) and bool(row_key(label) or _SUB_ROW.match(label)) and not skip(label)


def _cells(line: Line) -> list[str]:
    """A paragraph's words, or a table row's cells from its first non-empty one on (its
    empty cells keep their places)."""
    if line.cells is None:
        return line.text.split()
    cells = [cell.strip() for cell in line.cells]
    while cells and not cells[0]:
        cells.pop(0)
    return cells


def _numbers(line: Line) -> tuple[str | None, ...] | None:
    """The line's numbers when it holds nothing else (1 to 7 of them), else None."""
    cells = _cells(line)
    if not cells or len(cells) > _MAX_CELLS or not any(is_numeric_cell(c) for c in cells):
        return None
    if not all(is_numeric_cell(c) or is_blank(c) for c in cells):
        return None
    return tuple(None if is_blank(c) else _UNIT.sub("", squeeze(c)) for c in cells)


def _label(line: Line) -> str:
    """The line's text when it holds no number at all (a label line), else ''."""
    cells = [cell for cell in _cells(line) if cell]
    if not cells or any(is_numeric_cell(c) for c in cells):
        return ""
    return " ".join(cells)
