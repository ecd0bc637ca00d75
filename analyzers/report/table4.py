"""Table 四 (行政复议、行政诉讼): 15 numbers in three groups of five, however they were laid out."""

from __future__ import annotations

import re

from analyzers.report.lines import Row
from analyzers.report.numbers import parse_cell, resolve_fused

GROUPS = ["review", "litigation_direct", "litigation_after_review"]
OUTCOMES = ["upheld", "corrected", "other", "pending", "total"]
# A sentence in a row's label means narrative text, not the table.
_PROSE = re.compile(r"[。，；]")


def _groups_ok(values: list) -> bool:
    """Every complete group of five: the four outcomes add up to the total."""
    for start in range(0, len(values) - 4, 5):
        group = values[start:start + 5]
        if sum(v or 0 for v in group[:4]) != (group[4] or 0):
            return False
    return True


def collect_rows(rows: list[Row]) -> list[Row]:
    """The rows that belong to table 四: numeric rows up to the first sentence after them."""
    taken: list[Row] = []
    for row in rows:
        if _PROSE.search(row.label):
            if taken:
                break
            continue  # narrative before the table
        taken.append(row)
        if sum(len(r.chunks) for r in taken) >= 15 and not row.fused:
            break
    return taken


def parse_table4(rows: list[Row]) -> tuple[dict | None, list[str]]:
    """The review/litigation dict, or None (with a warning) when 15 numbers cannot be read."""
    chunks = [chunk for row in rows for chunk in row.chunks]
    if not chunks:
        return None, ["table4: no numbers found"]
    values: list | None
    if len(chunks) >= 15 and not any(row.fused for row in rows):
        try:
            values = [parse_cell(c) if c is not None else None for c in chunks[:15]]
        except ValueError:
            values = None
        problem = "unreadable"
    else:
        values, problem = resolve_fused(chunks, 15, _groups_ok) if len(chunks) <= 15 else (None, "too_many")
    if values is None:
        return None, [f"table4: the 15 cells could not be read ({problem}); left null"]
    return {group: dict(zip(OUTCOMES, values[i * 5:(i + 1) * 5])) for i, group in enumerate(GROUPS)}, []


def empty_table4() -> dict:
    """Table 四 with every cell null."""
    return {group: dict.fromkeys(OUTCOMES) for group in GROUPS}
