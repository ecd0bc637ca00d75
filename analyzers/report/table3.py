"""Table 三 (收到和处理政府信息公开申请情况): rows matched by label, else by template order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import product
from math import prod

from analyzers.report.detached import value
from analyzers.report.grid import text_column_order, transposed_text_rows
from analyzers.report.lines import Row
from analyzers.report.numbers import (NumberTooLong, SearchExhausted, fused_readings, merge_split_cells, parse_cell,
                                      resolve_fused)
from analyzers.report.placement import filled, short_placements

COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
ROW_KEYS = [
    "new", "carried_over", "granted", "partial",
    "denied_state_secret", "denied_prohibited_by_law", "denied_three_safeties",
    "denied_third_party", "denied_internal_affairs", "denied_process_info",
    "denied_enforcement_file", "denied_admin_query",
    "unable_no_info", "unable_needs_creation", "unable_unclear",
    "rejected_petition", "rejected_duplicate", "rejected_publication",
    "rejected_mass_repeat", "rejected_confirm_existing",
    "other_overdue_correction", "other_overdue_fee", "other_misc", "other_total",
    "processed_total", "carried_forward",
]
RESULT_KEYS = ROW_KEYS[2:23]  # the rows that add up to processed_total (2021 sub-rows)
_ORDER_2021 = [k for k in ROW_KEYS if k != "other_total"]
_ORDER_2019 = [k for k in ROW_KEYS if not k.startswith("other_") or k == "other_total"]

# Label fragments, tried together; the one matching latest in the label wins, because
# merged group labels come first ('（三）不予公开 1.属于国家秘密').
_LABELS = {
    "new": r"新收", "carried_over": r"上一?年度?(结转|转结)", "granted": r"予以(全部)?公开|全部公开",
    "partial": r"部分公开", "denied_state_secret": r"国家秘密", "denied_prohibited_by_law": r"禁止公开",
    "denied_three_safeties": r"三安全|危及.{0,4}安全|社会稳定", "denied_third_party": r"第三方",
    "denied_internal_affairs": r"内部事务", "denied_process_info": r"过程性",
    "denied_enforcement_file": r"执法案卷", "denied_admin_query": r"行政查询",
    "unable_no_info": r"不掌握", "unable_needs_creation": r"现成信息|另行制作",
    "unable_unclear": r"仍不明确|补正后", "rejected_petition": r"信访|举报|投诉",
    "rejected_duplicate": r"重复申请", "rejected_publication": r"出版物",
    "rejected_mass_repeat": r"大量反复", "rejected_confirm_existing": r"确认或重新|已获取",
    "other_overdue_correction": r"逾期不补正|不补正", "other_overdue_fee": r"收费通知|缴纳费用",
    "other_misc": r"(^|[\s\d.．、）)])其他$", "other_total": r"其他处理$",
    "processed_total": r"(总计|合计)$", "carried_forward": r"(结转|转结)(至|到|入)?下一?年|下一?年度继续",
}
_LABEL_PATTERNS = {key: re.compile(pattern) for key, pattern in _LABELS.items()}
_GROUP_TOTAL = re.compile(r"(不予公开|无法提供|不予处理)$")
_SHOWN_LABELS = 5  # lines naming template rows: table 三 is printed, if only its labels
_MAX_COMBINATIONS = 4096  # joint readings of several ambiguous rows tried at most
_HEADER = re.compile(r"自然人|法人|商业企业|申请人情况")
_FORMAT_2021 = re.compile(r"逾期不补正|收费通知|缴纳费用")


@dataclass
class Table3:
    """The parsed table: row key -> 7 cells, plus warnings."""

    rows: dict[str, list] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The `requests` JSON: fixed columns and every fixed row key."""
        return {"columns": COLUMNS, "rows": {key: self.rows.get(key, [None] * 7) for key in ROW_KEYS}}


def match_label(label: str) -> str | None:
    """The row key a label names, or None; the latest-matching fragment wins (a row built
    from a transposed table is labelled with its key already)."""
    if label in _LABEL_PATTERNS:
        return label
    text = re.sub(r"\s+", "", label)
    best, best_at = None, -1
    for key, pattern in _LABEL_PATTERNS.items():
        for match in pattern.finditer(text):
            if match.end() > best_at:
                best, best_at = key, match.end()
    return best


def _row_ok(values: list) -> bool:
    """Applicant columns sum to the total (blank cells count as 0 here)."""
    if len(values) < 7:
        return True
    return sum(v or 0 for v in values[:6]) == (values[6] or 0)


def shows_row_labels(region_text: str) -> bool:
    """Whether the text names table 三's rows (its labels printed, even with every cell
    blank), as a picture of the table or a cut-off page does not."""
    return sum(1 for line in region_text.split("\n") if match_label(line)) >= _SHOWN_LABELS


def rows_add_up(labels: list[str], rows: list[tuple]) -> bool:
    """Whether rows of 7 chunks each add up (the applicant columns sum to the total)."""
    return all(len(row) == len(COLUMNS) and _row_ok([value(chunk) for chunk in row]) for row in rows)


def read_values(row: Row, count: int = 7) -> tuple[list | None, str | None]:
    """The row's `count` numbers, splitting fused digit runs by the template arithmetic."""
    chunks = list(row.chunks)
    while len(chunks) > count and chunks[-1] is None:
        chunks.pop()
    while len(chunks) > count and chunks[0] is None:
        chunks.pop(0)
    if len(chunks) > count and sum(c is not None for c in chunks) == count:
        # empty slots between the numbers are layout (a PDF grid with misaligned columns)
        chunks = [c for c in chunks if c is not None]
    if len(chunks) == count:
        try:
            return [parse_cell(c) if c is not None else None for c in chunks], None
        except NumberTooLong:
            return None, "number_too_long"
        except ValueError:
            return None, "unreadable"
    if any(c is not None and not c.isdigit() for c in chunks):
        return None, "unreadable"
    if len(chunks) > count:
        return merge_split_cells(chunks, count, _row_ok)
    values, problem = resolve_fused(chunks, count, _row_ok)
    if values is None and problem != "search_budget_exhausted":
        return _place_short(chunks, count, problem)
    return values, problem


def _place_short(chunks: list, count: int, problem: str | None) -> tuple[list | None, str | None]:
    """A row that is no fused run: its printed numbers placed by the row total when only one
    placement fits, else ambiguous (the column totals may settle it)."""
    placed = short_placements(chunks, count, _row_ok)
    if len(placed) == 1 and problem != "ambiguous":
        return placed[0], "placed"
    return None, "ambiguous" if placed else problem


def count_template_rows(rows: list[Row]) -> int:
    """Readable rows that can be template rows: group subtotals (either template's) left out,
    so a 2019 table that prints them is not taken for the 25-row 2021 one."""
    return sum(1 for row in rows if not group_subtotal(row.label, "2021") and read_values(row)[0] is not None)


def detect_format(region_text: str) -> str:
    """'2021' when the 其他处理 sub-rows are there, else '2019'."""
    return "2021" if _FORMAT_2021.search(region_text) else "2019"


def parse_table3(rows: list[Row], template: str) -> Table3:
    """Assign each numeric row to a template row key and read its 7 cells."""
    order = _ORDER_2021 if template == "2021" else _ORDER_2019
    table = Table3()
    ambiguous: dict[str, list[list]] = {}
    position = -1
    rows = transposed_text_rows(rows, order) or rows
    header = next((row for row in rows if "自然人" in row.label), None)
    printed_order = text_column_order(header.label) if header is not None and header.fused else None
    for row in rows:
        if _padded_header(row) or group_subtotal(row.label, template):
            continue
        if printed_order and len(row.chunks) == len(COLUMNS):
            row = replace(row, chunks=tuple(row.chunks[i] for i in printed_order))
        labelled = match_label(row.label)
        if labelled in order and order.index(labelled) > position:
            key = labelled
        else:
            # Unknown or out-of-order label: the row takes the next slot of the template.
            key = order[position + 1] if position + 1 < len(order) else None
            labelled = None
        if key is None:
            break
        values, problem = read_values(row)
        if problem == "placed":
            table.warnings.append(f"table3.{key}: fewer numbers than columns, placed by the row total")
        if values is None and labelled is None:
            continue  # a stray number (a page number, a year) is not a table row
        position = order.index(key)
        if values is None:
            if problem == "ambiguous":
                _keep_readings(ambiguous, key, row)
            values = [None] * 7
            table.warnings.append(f"table3.{key}: cells could not be read ({problem}); left null")
        table.rows[key] = values
    _settle_by_columns(table, ambiguous, template)
    _derive_other_total(table, template)
    return table


def _keep_readings(ambiguous: dict[str, list[list]], key: str, row: Row) -> None:
    """Keep an ambiguous row's readings for the column totals to settle (not when listing
    them again runs out of search steps: the row then stays null)."""
    try:
        readings = fused_readings(list(row.chunks), 7, _row_ok)
    except SearchExhausted:
        return
    readings += short_placements(list(row.chunks), 7, _row_ok)
    if readings:
        ambiguous[key] = readings


def not_a_row_label(label: str, template: str) -> bool:
    """A header line ('自然人 商业企业 … 总计') or a group's subtotal: names no template row."""
    return bool(_HEADER.search(label)) or group_subtotal(label, template)


def group_subtotal(label: str, template: str) -> bool:
    """A group's own subtotal row ('（三）不予公开' with numbers): not a template row, and
    it must not take the next slot. In 2019, （六）其他处理 is the template row itself."""
    text = re.sub(r"\s+", "", label)
    return bool(_GROUP_TOTAL.search(text)) or (template == "2021" and text.endswith("其他处理"))


def _padded_header(row: Row) -> bool:
    """A header row padded with empty cells (not a data row left blank)."""
    if any(chunk is not None for chunk in row.chunks):
        return False
    return match_label(row.label) is None or bool(_HEADER.search(row.label))


def result_keys(template: str) -> list[str]:
    """The rows that add up to processed_total: 2021 counts the 其他处理 sub-rows, 2019 its one row."""
    return RESULT_KEYS if template == "2021" else RESULT_KEYS[:-3] + ["other_total"]


def _columns_hold(rows: dict[str, list], key: str, template: str) -> bool:
    """Whether the column relations that involve row `key` hold (at least one must be checkable)."""
    relations = []
    results = result_keys(template)
    if key in results or key == "processed_total":
        relations.append((results, ["processed_total"]))
    if key in ("new", "carried_over", "processed_total", "carried_forward"):
        relations.append((["new", "carried_over"], ["processed_total", "carried_forward"]))
    checked = False
    for left, right in relations:
        cells = [rows.get(k) for k in left + right]
        if not all(filled(c) for c in cells):
            continue  # a null row is unknown; a row's blank cells count as 0
        checked = True
        for i in range(7):
            if sum(rows[k][i] or 0 for k in left) != sum(rows[k][i] or 0 for k in right):
                return False
    return checked


def _settle_by_columns(table: Table3, ambiguous: dict[str, list[list]], template: str) -> None:
    """Ambiguous fused rows are settled when exactly one reading (or, for rows that only add
    up together, one combination of readings) makes the column relations hold."""
    progress = True
    while progress and ambiguous:
        progress = False
        for key, readings in list(ambiguous.items()):
            fitting = [r for r in readings if _columns_hold({**table.rows, key: r}, key, template)]
            if len(fitting) == 1:
                _settle(table, ambiguous, {key: fitting[0]})
                progress = True
    if 1 < len(ambiguous) and prod(len(r) for r in ambiguous.values()) <= _MAX_COMBINATIONS:
        keys = list(ambiguous)
        fitting = [combo for combo in product(*ambiguous.values())
                   if _all_hold({**table.rows, **dict(zip(keys, combo))}, keys, template)]
        if len(fitting) == 1:
            _settle(table, ambiguous, dict(zip(keys, fitting[0])))


def _all_hold(rows: dict[str, list], keys: list[str], template: str) -> bool:
    return all(_columns_hold(rows, key, template) for key in keys)


def _settle(table: Table3, ambiguous: dict[str, list[list]], chosen: dict[str, list]) -> None:
    """Take the chosen readings and replace their 'could not be read' warnings."""
    for key, values in chosen.items():
        table.rows[key] = values
        del ambiguous[key]
        table.warnings = [w for w in table.warnings if not w.startswith(f"table3.{key}:")]
        how = "fewer numbers than columns, placed" if None in values else "fused run read"
        table.warnings.append(f"table3.{key}: {how} by the column totals")


def _derive_other_total(table: Table3, template: str) -> None:
    """2021: other_total is the sum of its three sub-rows (null where a sub-row is missing)."""
    if template != "2021":
        return
    parts = [table.rows.get(k) for k in ("other_overdue_correction", "other_overdue_fee", "other_misc")]
    if all(p is not None for p in parts):
        table.rows["other_total"] = [
            None if all(p[i] is None for p in parts) else sum(p[i] or 0 for p in parts) for i in range(7)
        ]
