"""Shape a parsed report (DESIGN §2 dict) into the rows and cells the report page shows.

Tables 三 and 四 are laid out like the national template: applicant columns, result rows
grouped under （三）不予公开 etc., and every cell that takes part in a failed consistency
check carries that check's message so the page can highlight it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from portal.labels import (
    ACTIVE_ITEMS, ACTIVE_MEASURES, ACTIVE_TEMPLATES, REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_GROUPS, REVIEW_OUTCOMES,
    active_format, check_label, check_message, parse_check_id,
)

COLUMN_KEYS = [key for key, _label in REQUEST_COLUMNS]


@dataclass(frozen=True)
class Cell:
    """One number of a table: the printed value (None when blank) and failed-check notes."""

    value: float | None
    problems: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        """True when a consistency check involving this cell failed."""
        return bool(self.problems)


@dataclass(frozen=True)
class Row:
    """One row of table 三: its group (spanning `group_span` rows when it starts), label, cells."""

    key: str
    label: str
    group: str | None
    group_span: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class CheckNote:
    """A consistency check as shown under the tables."""

    id: str
    ok: bool
    message: str


IDENTITY_ROWS = ("new", "carried_over", "processed_total", "carried_forward")
RESULT_ROWS = tuple(key for _group, key, _label in REQUEST_ROWS if key not in IDENTITY_ROWS)


def check_cells(check_id: str) -> set[tuple[str, str, str | None]]:
    """The (table, row, column) cells a check relates; column None means the whole row."""
    parsed = parse_check_id(check_id)
    if parsed is None:
        return set()
    relation, subject = parsed
    if relation == "identity":
        return {("requests", row, subject) for row in IDENTITY_ROWS}
    if relation == "results":
        return {("requests", row, subject) for row in RESULT_ROWS + ("processed_total",)}
    if relation == "applicants":
        return {("requests", subject, None)}
    return {("review", subject, None)}


def _message(check: Mapping[str, Any]) -> str:
    """A check's message for readers: internal row keys replaced, its label when it has none."""
    message = str(check.get("message") or "")
    return check_message(message) if message else check_label(str(check.get("id", "")))


def failed_cell_notes(checks: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str, str | None], tuple[str, ...]]:
    """Map each cell named by a failed check to the messages of those checks."""
    notes: dict[tuple[str, str, str | None], tuple[str, ...]] = {}
    for check in checks:
        if check.get("ok", True):
            continue
        for cell in check_cells(str(check.get("id", ""))):
            notes[cell] = notes.get(cell, ()) + (_message(check),)
    return notes


def _problems(notes: Mapping[tuple[str, str, str | None], tuple[str, ...]], table: str, row: str, column: str) -> tuple[str, ...]:
    """Messages for one cell: those naming the cell and those naming its whole row."""
    return notes.get((table, row, column), ()) + notes.get((table, row, None), ())


def _visible_rows(rows: Mapping[str, Any], fmt: str | None) -> list[tuple[str | None, str, str]]:
    """Template rows to print: the 2019 template has one （六）其他处理 row, 2021 three."""
    sub_rows = ("other_overdue_correction", "other_overdue_fee", "other_misc")
    has_sub_rows = any(any(v is not None for v in rows.get(key) or []) for key in sub_rows)
    keep_sub_rows = fmt == "2021" or has_sub_rows
    hidden = {"other_total"} if keep_sub_rows else set(sub_rows)
    return [row for row in REQUEST_ROWS if row[1] not in hidden]


def request_rows(report: Mapping[str, Any]) -> list[Row]:
    """Table 三 as printed: grouped result rows with per-cell failed-check notes."""
    table = report.get("requests") or {}
    rows = table.get("rows") or {}
    if not rows:
        return []
    notes = failed_cell_notes(report.get("checks") or [])
    visible = _visible_rows(rows, report.get("format"))
    result = []
    for index, (group, key, label) in enumerate(visible):
        starts = group is not None and (index == 0 or visible[index - 1][0] != group)
        span = sum(1 for g, _k, _l in visible if g == group) if starts else 0
        values = list(rows.get(key) or [None] * 7) + [None] * 7
        cells = tuple(Cell(values[i], _problems(notes, "requests", key, col)) for i, col in enumerate(COLUMN_KEYS))
        result.append(Row(key=key, label=label, group=group, group_span=span, cells=cells))
    return result


def review_cells(report: Mapping[str, Any]) -> list[tuple[str, str, tuple[Cell, ...]]]:
    """Table 四 as (group key, group label, five outcome cells) with failed-check notes."""
    table = report.get("review_litigation") or {}
    if not table:
        return []
    notes = failed_cell_notes(report.get("checks") or [])
    groups = []
    for key, label in REVIEW_GROUPS:
        values = table.get(key) or {}
        cells = tuple(Cell(values.get(outcome), _problems(notes, "review", key, outcome)) for outcome, _l in REVIEW_OUTCOMES)
        groups.append((key, label, cells))
    return groups


def check_notes(report: Mapping[str, Any]) -> list[CheckNote]:
    """Every consistency check, failed ones first."""
    notes = [CheckNote(str(c.get("id", "")), bool(c.get("ok")), _message(c)) for c in report.get("checks") or []]
    return sorted(notes, key=lambda n: n.ok)


@dataclass(frozen=True)
class ActiveBlock:
    """One block of table 二 under its 第二十条 heading: measure columns and item rows."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Any, ...]], ...]


def active_disclosure_blocks(report: Mapping[str, Any]) -> list[ActiveBlock]:
    """Table 二 laid out like the national template of the report's format.

    Only the items and measures the report carries are shown, in template order; a null
    cell stays blank (it is not 0). Keys no template knows go to a last block as they are.
    """
    table = {k: v for k, v in (report.get("active_disclosure") or {}).items() if isinstance(v, Mapping)}
    blocks, seen = [], set()
    for heading, measures, items in ACTIVE_TEMPLATES[active_format(table, report.get("format"))]:
        present = [(key, label) for key, label in items if key in table]
        columns = [(m, label) for m, label in measures if any(m in table[key] for key, _l in present)]
        seen.update((key, m) for key, _l in present for m, _ml in columns)
        if present and columns:
            rows = tuple((label, tuple(table[key].get(m) for m, _l in columns)) for key, label in present)
            blocks.append(ActiveBlock(heading, tuple(label for _m, label in columns), rows))
    extra = [(item, m) for item, values in table.items() for m in values if (item, m) not in seen]
    if extra:
        rows = tuple((f"{ACTIVE_ITEMS.get(item, item)}·{ACTIVE_MEASURES.get(m, m)}", (table[item][m],)) for item, m in extra)
        blocks.append(ActiveBlock("其他项目", ("数量",), rows))
    return blocks
