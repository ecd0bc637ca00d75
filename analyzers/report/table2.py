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


def parse_table2(rows: list[Row], template: str) -> tuple[dict, list[str]]:
    """Every item the template defines, with null cells where the report shows none."""
    result = {item: dict.fromkeys(_keys(item, template)) for item in ITEMS if _keys(item, template)}
    warnings: list[str] = []
    for row in rows:
        item = _item_for(row.label)
        if item is None or item not in result:
            continue
        keys = _keys(item, template)
        values = _values(row, len(keys))
        if values is None:
            warnings.append(f"table2.{item}: cells could not be read; left null")
            continue
        result[item] = dict(zip(keys, values))
    return result, warnings
