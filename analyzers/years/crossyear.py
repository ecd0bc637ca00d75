"""Checks across two consecutive reports of one unit, in the shape of the parser's checks.

Carry-over: this year's 上年结转 equals last year's 结转下年度, for every applicant column.
Table 二, where the template allows a chain:
- 2021 template, both years: 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数
  (规章 and 行政规范性文件).
- 2019 template, both years: this year's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减
  (行政许可, 其他对外管理服务事项, 行政处罚, 行政强制, 行政事业性收费).
A template change between the two years, a blank cell, or a gap year gives no check.
"""

from __future__ import annotations

from typing import Mapping

from analyzers.report.checks import COLUMN_NAMES
from analyzers.report.table3 import COLUMNS

IN_FORCE_ITEMS = {"rules": ("规章", "rules"), "normative_documents": ("行政规范性文件", "normative documents")}
COUNT_ITEMS = {
    "licensing": ("行政许可", "licensing"), "other_services": ("其他对外管理服务事项", "other services"),
    "punishment": ("行政处罚", "punishments"), "enforcement": ("行政强制", "enforcement"),
    "fees": ("行政事业性收费", "fees"),
}


def cross_check(check_id: str, left: int, right: int, zh: str, en: str, previous: Mapping) -> dict:
    """One cross-year check: the parser's {id, ok, left, right, message, message_en} plus the earlier year."""
    ok = left == right
    verdict_zh, verdict_en = ("成立", "holds") if ok else ("不成立", "fails")
    return {
        "id": check_id, "ok": ok, "left": left, "right": right,
        "message": f"{zh}：{left} {'=' if ok else '≠'} {right}，{verdict_zh}",
        "message_en": f"{en}: {left} {'=' if ok else '!='} {right}, {verdict_en}",
        "previous_year": previous.get("year"),
    }


def _row(parse: Mapping, key: str) -> list:
    rows = (parse.get("requests") or {}).get("rows") or {}
    return rows.get(key) or [None] * len(COLUMNS)


def carry_over_checks(parse: Mapping, previous: Mapping) -> list[dict]:
    """上年结转 of `parse` against 结转下年度 of `previous` (the year before), per column."""
    carried_over, carried_forward = _row(parse, "carried_over"), _row(previous, "carried_forward")
    year = previous.get("year")
    checks = []
    for i, column in enumerate(COLUMNS):
        if carried_over[i] is None or carried_forward[i] is None:
            continue
        zh, en = COLUMN_NAMES[column]
        checks.append(cross_check(
            f"xy_carry_over_{column}", carried_over[i], carried_forward[i],
            f"{zh}列：本年上年结转 = {year}年度报告的结转下年度",
            f"{en} column: carried over this year = carried forward in the {year} report", previous))
    return checks


def _items(parse: Mapping, item: str) -> Mapping:
    return (parse.get("active_disclosure") or {}).get(item) or {}


def table2_checks(parse: Mapping, previous: Mapping) -> list[dict]:
    """Table 二 chains where both reports use the same template (see the module docstring)."""
    fmt = parse.get("format")
    if fmt is None or fmt != previous.get("format"):
        return []
    return _in_force_checks(parse, previous) if fmt == "2021" else _count_checks(parse, previous)


def _in_force_checks(parse: Mapping, previous: Mapping) -> list[dict]:
    checks = []
    for item, (zh, en) in IN_FORCE_ITEMS.items():
        now, before = _items(parse, item), _items(previous, item)
        cells = (before.get("in_force"), now.get("issued"), now.get("repealed"), now.get("in_force"))
        if any(c is None for c in cells):
            continue
        expected = cells[0] + cells[1] - cells[2]
        checks.append(cross_check(
            f"xy_in_force_{item}", expected, cells[3],
            f"{zh}：上年现行有效件数 + 本年制发 − 本年废止 = 本年现行有效件数",
            f"{en}: last year's in force + issued - repealed = in force now", previous))
    return checks


def _count_checks(parse: Mapping, previous: Mapping) -> list[dict]:
    checks = []
    for item, (zh, en) in COUNT_ITEMS.items():
        now, before = _items(parse, item), _items(previous, item)
        cells = (before.get("previous_count"), before.get("change"), now.get("previous_count"))
        if any(c is None for c in cells):
            continue
        checks.append(cross_check(
            f"xy_item_count_{item}", cells[0] + cells[1], cells[2],
            f"{zh}：上年报告的上一年项目数量 + 本年增/减 = 本年报告的上一年项目数量",
            f"{en}: last report's previous count + change = this report's previous count", previous))
    return checks


def cross_year_checks(parse: Mapping, previous: Mapping | None, previous_id: str | None = None) -> list[dict]:
    """Every cross-year check of a report against the unit's report of the year before (none without one)."""
    if previous is None:
        return []
    checks = carry_over_checks(parse, previous) + table2_checks(parse, previous)
    for check in checks:
        check["previous_report_id"] = previous_id
    return checks
