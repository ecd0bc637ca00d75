"""Table 四 (行政复议、行政诉讼): 15 numbers in three groups of five, however they were laid out."""

from __future__ import annotations

import re

from analyzers.report.detached import value
from analyzers.report.lines import Row
from analyzers.report.numbers import NumberTooLong, merge_split_cells, parse_cell, resolve_fused

GROUPS = ["review", "litigation_direct", "litigation_after_review"]
OUTCOMES = ["upheld", "corrected", "other", "pending", "total"]
# A sentence in a row's label means narrative text, not the table; only the label's last
# line counts (a header line may follow an introductory sentence), and a sentence that
# ends right before the numbers ('情况如下：') introduces them.
_PROSE = re.compile(r"[。，；]")
_OUTCOME_WORDS = tuple(re.compile(p) for p in (r"维持", r"纠正", r"其他", r"未审结", r"总计|合计"))
_LAST_LINE = re.compile(r"[^\n]*?(?=[。：:]?$)")
# What a row label of table 四 names: a group (its rows in a 3×5 grid) or an outcome (its
# rows when transposed). '行政诉讼' heads two groups and names no row: a line naming it
# with a group is a header line.
_LITIGATION = "litigation"
_ROW_WORDS = {"review": r"行政复议", "litigation_direct": r"未经复议|直接起诉", "litigation_after_review": r"复议后",
              _LITIGATION: r"行政诉讼", **dict(zip(OUTCOMES, (r"维持", r"纠正", r"其他", r"未审结", r"总计|合计")))}
_ROW_PATTERNS = {key: re.compile(pattern) for key, pattern in _ROW_WORDS.items()}
_MAX_LABEL = 14  # characters: a longer label line is a sentence about the table, not a row label
_SENTENCE = re.compile(r"[。，；：:,;]")


def row_key(label: str) -> str | None:
    """The one group or outcome a short label names ('复议后起诉', '结果维持'), else None
    (a header naming several, a sentence, or nothing of table 四)."""
    text = re.sub(r"\s+", "", label)
    if len(text) > _MAX_LABEL or _SENTENCE.search(text):
        return None
    named = {key for key, pattern in _ROW_PATTERNS.items() if pattern.search(text)}
    return named.pop() if len(named) == 1 and _LITIGATION not in named else None


def rows_fit(labels: list[str]) -> bool:
    """Whether the labels are table 四's rows: its three groups, or its five outcomes."""
    keys = sorted(str(row_key(label)) for label in labels)
    return keys in (sorted(GROUPS), sorted(OUTCOMES))


def rows_add_up(labels: list[str], rows: list[tuple]) -> bool:
    """Whether the labelled rows make a table 四 whose groups add up."""
    labelled = [Row(label, row, False, 0) for label, row in zip(labels, rows)]
    chunks = _outcome_major(labelled) or [chunk for row in labelled for chunk in row.chunks]
    return len(chunks) == 15 and _groups_ok([value(chunk) for chunk in chunks])


def detached_shape(rows: list[tuple]) -> bool:
    """Number rows printed apart from their labels that can be table 四: three rows of five
    (a group per row) or five rows of three (an outcome per row); one number a line, or
    the 15 on one line, are read in print order as before."""
    widths = {len(row) for row in rows}
    return (len(rows), widths) in ((len(GROUPS), {len(OUTCOMES)}), (len(OUTCOMES), {len(GROUPS)}))


def _groups_ok(values: list) -> bool:
    """Every complete group of five: the four outcomes add up to the total."""
    for start in range(0, len(values) - 4, 5):
        group = values[start:start + 5]
        if sum(v or 0 for v in group[:4]) != (group[4] or 0):
            return False
    return True


def _outcome_major(rows: list[Row]) -> list[str | None] | None:
    """Table 四 printed transposed in text (five outcome rows of three group cells):
    its cells in group order; None for any other layout."""
    if len(rows) != len(OUTCOMES) or any(len(row.chunks) != len(GROUPS) for row in rows):
        return None
    outcomes = []
    for row in rows:
        found = [(m.end(), i) for i, p in enumerate(_OUTCOME_WORDS) for m in p.finditer(re.sub(r"\s+", "", row.label))]
        outcomes.append(max(found)[1] if found else None)
    if sorted(o for o in outcomes if o is not None) != list(range(len(OUTCOMES))):
        return None
    cells: list[str | None] = [None] * 15
    for row, outcome in zip(rows, outcomes):
        for group, chunk in enumerate(row.chunks):
            cells[group * 5 + outcome] = chunk
    return cells


def collect_rows(rows: list[Row]) -> list[Row]:
    """The rows that belong to table 四: numeric rows up to the first sentence after them."""
    taken: list[Row] = []
    for row in rows:
        if all(chunk is None for chunk in row.chunks):
            continue  # a header row padded with empty cells
        if _PROSE.search(_LAST_LINE.search(row.label.strip()).group()):
            if taken:
                break
            continue  # narrative before the table
        taken.append(row)
        if sum(len(r.chunks) for r in taken) >= 15 and not row.fused:
            break
    return taken


def _read(chunks: list[str | None], fused: bool) -> tuple[list | None, str | None, list[str]]:
    """15 numbers from the chunks: as printed, joined where a number was split across
    cells, or cut out of a fused run; plus the reason when none fits and any warnings."""
    if len(chunks) == 15 or (len(chunks) > 15 and fused):
        try:
            return [parse_cell(c) if c is not None else None for c in chunks[:15]], None, []
        except NumberTooLong:
            return None, "number_too_long", []
        except ValueError:
            return None, "unreadable", []
    if any(c is not None and not c.isdigit() for c in chunks):
        return None, "unreadable", []
    if len(chunks) < 15:
        values, problem = resolve_fused(chunks, 15, _groups_ok)
        return values, problem, []
    values, _ = merge_split_cells(chunks, 15, _groups_ok)
    if values is not None:
        return values, None, []
    try:
        first = [parse_cell(c) if c is not None else None for c in chunks[:15]]
    except NumberTooLong:
        return None, "number_too_long", []
    return first, None, [f"table4: {len(chunks)} cells where 15 were expected; the first 15 taken"]


def parse_table4(rows: list[Row]) -> tuple[dict | None, list[str]]:
    """The review/litigation dict, or None (with a warning) when 15 numbers cannot be read."""
    chunks = _outcome_major(rows) or [chunk for row in rows for chunk in row.chunks]
    if len(chunks) > 15 and sum(c is not None for c in chunks) == 15:
        chunks = [c for c in chunks if c is not None]  # empty layout slots between the numbers
    if not chunks:
        return None, ["table4: no numbers found"]
    values, problem, warnings = _read(chunks, any(row.fused for row in rows))
    if values is None:
        return None, [f"table4: the 15 cells could not be read ({problem}); left null"]
    return {group: dict(zip(OUTCOMES, values[i * 5:(i + 1) * 5])) for i, group in enumerate(GROUPS)}, warnings


def empty_table4() -> dict:
    """Table 四 with every cell null."""
    return {group: dict.fromkeys(OUTCOMES) for group in GROUPS}
