"""Rows printed with fewer numbers than the template has columns: empty cells left out of
a text dump or an unruled PDF ('40 2 1 43' for seven columns). The printed numbers keep
their order; which columns they fill is decided by the template's arithmetic (the row's
total here, the column totals in table3.py), and a row the arithmetic cannot place stays
null with a warning. Unprinted cells are blank (null), as in any other blank cell.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from analyzers.report.numbers import MAX_NUMBER_DIGITS

Reading = list[int | float | None]


def short_placements(chunks: list[str | None], count: int, row_ok: Callable[[list], bool]) -> list[Reading]:
    """Every placement of the printed numbers, in order, into `count` columns whose row adds
    up; placements differing only in where a printed 0 sits are one (that 0 is null)."""
    printed = [chunk for chunk in chunks if chunk is not None]
    if not printed or len(printed) >= count or any(len(chunk) > MAX_NUMBER_DIGITS for chunk in printed):
        return []  # nothing to place, or a digit run no count has (junk, never read)
    values = [int(chunk) for chunk in printed]
    fitting = []
    for positions in combinations(range(count), len(values)):
        row: Reading = [None] * count
        for position, value in zip(positions, values):
            row[position] = value
        if row_ok(row):
            fitting.append(row)
    return _merge_zero_moves(fitting)


def _merge_zero_moves(readings: list[Reading]) -> list[Reading]:
    """One reading per distinct row of numbers (blank = 0): cells where its placements
    disagree hold a 0 or a blank, and become null."""
    groups: dict[tuple, list[Reading]] = {}
    for reading in readings:
        groups.setdefault(tuple(v or 0 for v in reading), []).append(reading)
    merged = []
    for group in groups.values():
        merged.append([cells[0] if len(set(cells)) == 1 else None for cells in zip(*group)])
    return merged


def filled(row: list | None) -> bool:
    """Whether a row holds any number (an all-null row is unknown, not zeros)."""
    return row is not None and any(value is not None for value in row)
