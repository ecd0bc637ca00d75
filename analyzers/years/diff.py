"""Year-over-year view of two reports of one unit: narrative diff by sentence, table diff by cell."""

from __future__ import annotations

import difflib
from typing import Mapping

from analyzers.report.table3 import COLUMNS
from analyzers.years.copies import sentences
from analyzers.years.series import NARRATIVE_KEYS


def narrative_diff(before: Mapping, after: Mapping) -> dict:
    """Per section: the similarity ratio and the changed sentence runs (difflib opcodes, equal runs left out)."""
    sections = {}
    for key in NARRATIVE_KEYS:
        old = sentences({"sections": {key: ((before.get("sections") or {}).get(key))}})
        new = sentences({"sections": {key: ((after.get("sections") or {}).get(key))}})
        if not old and not new:
            continue
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        changes = [{"op": op, "before": old[i1:i2], "after": new[j1:j2]}
                   for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
        sections[key] = {"ratio": round(matcher.ratio(), 4), "changes": changes}
    return sections


def _cell_change(table: str, row: str, column: str, old: object, new: object) -> dict | None:
    if old == new:
        return None
    delta = new - old if isinstance(old, (int, float)) and isinstance(new, (int, float)) else None
    if isinstance(delta, float):
        delta = round(delta, 6)  # 5949.09 - 9116.36 is -3167.27, not -3167.2700000000004
    return {"table": table, "row": row, "column": column, "before": old, "after": new, "delta": delta}


def table_diff(before: Mapping, after: Mapping) -> list[dict]:
    """Every cell of tables 二, 三 and 四 whose value differs (a blank against a number included)."""
    changes: list[dict | None] = []
    old_rows = (before.get("requests") or {}).get("rows") or {}
    new_rows = (after.get("requests") or {}).get("rows") or {}
    for row in sorted(old_rows.keys() | new_rows.keys()):
        old, new = old_rows.get(row) or [None] * 7, new_rows.get(row) or [None] * 7
        changes += [_cell_change("requests", row, col, old[i], new[i]) for i, col in enumerate(COLUMNS)]
    for table in ("review_litigation", "active_disclosure"):
        old_t, new_t = before.get(table) or {}, after.get(table) or {}
        for group in sorted(old_t.keys() | new_t.keys()):
            old_g, new_g = old_t.get(group) or {}, new_t.get(group) or {}
            changes += [_cell_change(table, group, cell, old_g.get(cell), new_g.get(cell))
                        for cell in sorted(old_g.keys() | new_g.keys())]
    return [change for change in changes if change]


def year_over_year(before: Mapping, after: Mapping) -> dict:
    """Both diffs of two reports (the earlier first), with a note when the templates differ."""
    note = None
    if before.get("format") != after.get("format"):
        note = f"templates differ ({before.get('format')} -> {after.get('format')}): table 二 rows are not comparable"
    return {"years": [before.get("year"), after.get("year")], "narrative": narrative_diff(before, after),
            "tables": table_diff(before, after), "note": note}
