"""Tables 三 and 四 dumped with their row labels detached from their numbers.

PDF-to-text and PDF-to-markdown tools that read a table column by column print every row
label first and then every row of numbers ('一、本年新收… / 二、上年结转… / … / 1200 30 5 …
/ 40 2 0 …'), as text lines or as pipe-table rows of their own. When the region holds one
unbroken block of number lines, all of them below the labels, and as many of them as
labels naming template rows, the n-th label goes with the n-th number line. Labels and
number rows printed apart in other counts are not paired (Mismatch: the table is null
with a warning), so nothing is paired by guess. Table 四 is dumped so when it is a 3×5
grid (a group per row) or transposed (an outcome per row, three group columns).
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
                  shape_ok=lambda rows: True) -> list[Row] | None:
    """One Row per template row when the region is a detached dump, else None; Mismatch
    when it is one whose label and number-row counts differ (pairing would be a guess).
    `row_key(label)` names a label's template row; `skip(label)` marks group titles;
    `table` names the table in the Mismatch's message; `shape_ok(number_rows)` says whether
    the block of number rows has the table's shape at all (else it is not this dump)."""
    lines = [line for line in layout.lines if line.end > begin and line.start < end]
    numbers = [index for index, line in enumerate(lines) if _numbers(line) is not None]
    if len(numbers) < _MIN_ROWS or numbers != list(range(numbers[0], numbers[-1] + 1)):
        return None  # no block, or several blocks (a label before each row's numbers)
    if not shape_ok([_numbers(lines[index]) for index in numbers]):
        return None
    labels = [label for label in map(_label, lines[:numbers[0]]) if _names_row(label, row_key, skip)]
    after = [label for label in map(_label, lines[numbers[-1] + 1:]) if _names_row(label, row_key, skip)]
    if len(labels) < _MIN_ROWS or after:
        return None  # labels beside or after the numbers: not this shape
    if len(labels) != len(numbers):
        raise Mismatch(f"{table}: {len(labels)} row labels and {len(numbers)} number rows printed apart; "
                       "not paired, left null")
    return [Row(label, _numbers(lines[index]), lines[index].cells is None, lines[index].start)
            for label, index in zip(labels, numbers)]


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
