"""Table 二 (主动公开政府信息情况): one entry per item, keys depending on the template."""

from __future__ import annotations

import re

from analyzers.report.lines import Row
from analyzers.report.numbers import SearchExhausted, parse_cell, split_fused

# item -> (label pattern, value keys in the 2019 template, value keys in the 2021 template)
ITEMS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "rules": (r"规章", ("new_made", "new_published", "total_published"), ("issued", "repealed", "in_force")),
    "normative_documents": (r"规范性文件", ("new_made", "new_published", "total_published"),
                            ("issued", "repealed", "in_force")),
    "licensing": (r"行政许可", ("previous_count", "change", "decisions"), ("decisions",)),
    "other_services": (r"其他对外管理服务", ("previous_count", "change", "decisions"), ()),
    "punishment": (r"行政处罚", ("previous_count", "change", "decisions"), ("decisions",)),
    "enforcement": (r"行政强制", ("previous_count", "change", "decisions"), ("decisions",)),
    "fees": (r"行政事业性收费", ("previous_count", "change"), ("amount_10k_yuan",)),
    "procurement": (r"政府集中采购", ("items", "amount"), ()),
}


def _keys(item: str, template: str) -> tuple[str, ...]:
    return ITEMS[item][1] if template == "2019" else ITEMS[item][2]


def _item_for(label: str) -> str | None:
    text = re.sub(r"\s+", "", label)
    best, best_at = None, -1
    for item, (pattern, _, _) in ITEMS.items():
        for match in re.finditer(pattern, text):
            if match.end() > best_at:
                best, best_at = item, match.end()
    return best


def _values(row: Row, count: int) -> list | None:
    chunks = list(row.chunks)
    if len(chunks) >= count and not row.fused:
        try:
            return [parse_cell(c) if c is not None else None for c in chunks[:count]]
        except ValueError:
            return None
    if len(chunks) == count:
        try:
            return [parse_cell(c) if c is not None else None for c in chunks]
        except ValueError:
            return None
    if any(c is None or not c.isdigit() for c in chunks):
        return None
    try:
        candidates = split_fused(chunks, count)
    except SearchExhausted:
        return None
    return candidates[0] if len(candidates) == 1 else None


# The columns the two templates share, by meaning: 本年新制作数量 is 本年制发件数, and
# 处理决定数量 is 本年处理决定数量. The others (本年新公开数量 vs 本年废止件数, 对外公开总数量 vs
# 现行有效件数, 上一年项目数量, 本年增/减, 本年收费金额) have no counterpart.
_SAME_COLUMN = {("new_made", "issued"), ("decisions", "decisions")}
_COLUMNS_2019 = re.compile(r"本年新制作|上一年项目数量|本年增\s*/\s*减|采购项目数量")
_COLUMNS_2021 = re.compile(r"本年制发|本年废止|现行有效|本年收费金额")


def printed_columns(text: str) -> str | None:
    """The template whose column headings table 二 prints in `text` (a report may keep the
    old table 二 under a new table 三), or None when it prints neither's or both."""
    old, new = bool(_COLUMNS_2019.search(text)), bool(_COLUMNS_2021.search(text))
    return None if old == new else ("2019" if old else "2021")


def _as_template(values: dict, template: str, item: str) -> dict:
    """An item read by the other template's columns, under `template`'s keys: the columns
    the two share keep their number, the rest are null."""
    return {key: next((value for printed, value in values.items() if (printed, key) in _SAME_COLUMN
                       or (key, printed) in _SAME_COLUMN), None) for key in _keys(item, template)}


def parse_table2(rows: list[Row], template: str, printed: str | None = None) -> tuple[dict, list[str]]:
    """Every item the template defines, with null cells where the report shows none.

    `printed` is the template whose columns the table prints when that differs from the
    report's: cells are then split by the printed columns and kept where they mean the same."""
    printed = printed or template
    result = {item: dict.fromkeys(_keys(item, template)) for item in ITEMS if _keys(item, template)}
    warnings: list[str] = []
    if printed != template:
        warnings.append(f"table2: printed with the {printed} template's columns in a {template} report; "
                        "cells without a counterpart left null")
    for row in rows:
        item = _item_for(row.label)
        if item is None or item not in result or not _keys(item, printed):
            continue
        keys = _keys(item, printed)
        values = _values(row, len(keys))
        if values is None:
            warnings.append(f"table2.{item}: cells could not be read; left null")
            continue
        read = dict(zip(keys, values))
        result[item] = read if printed == template else _as_template(read, template, item)
    return result, warnings
