"""The year-over-year view of two reports of one unit: narrative diff by sentence, table diff by cell."""

from __future__ import annotations

from dataclasses import dataclass

from analyzers.years.diff import year_over_year
from indexer.archive import Catalog
from indexer.years.loading import latest_ok_parse
from indexer.years.store import YearsStore
from portal.labels import (ACTIVE_ITEMS, ACTIVE_MEASURES, REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_GROUPS, REVIEW_OUTCOMES,
                           SECTIONS, request_row_label)

TABLE_LABELS = {"requests": "表三", "review_litigation": "表四", "active_disclosure": "表二"}
OP_LABELS = {"replace": "改写", "delete": "删去", "insert": "新增"}
CELL_LABELS = {**dict(REQUEST_COLUMNS), **dict(REVIEW_GROUPS), **dict(REVIEW_OUTCOMES), **ACTIVE_ITEMS, **ACTIVE_MEASURES}
# Changed cells are listed as the report prints them: table 二, 三, 四, each row and column in template order
TABLE_ORDER = {"active_disclosure": 0, "requests": 1, "review_litigation": 2}
PLACES = {name: {key: i for i, key in enumerate(keys)} for name, keys in (
    ("rows", [key for _group, key, _label in REQUEST_ROWS] + list(ACTIVE_ITEMS) + [key for key, _l in REVIEW_GROUPS]),
    ("columns", [key for key, _l in REQUEST_COLUMNS] + list(ACTIVE_MEASURES) + [key for key, _l in REVIEW_OUTCOMES]))}


def print_order(cell: dict) -> tuple[int, int, int]:
    """Where a changed cell stands in the printed report (unknown names last)."""
    return (TABLE_ORDER.get(cell["table"], 9), PLACES["rows"].get(cell["row"], 999),
            PLACES["columns"].get(cell["column"], 999))


class CompareError(ValueError):
    """The two reports cannot be compared: unknown, not of this unit, or without a stored parse."""


@dataclass
class Comparison:
    """Two reports (the earlier first) and their differences."""

    unit: dict
    before: dict
    after: dict
    diff: dict

    def sections(self) -> list[tuple[str, dict]]:
        """The narrative sections that changed, with their Chinese titles, in template order."""
        return [(title, self.diff["narrative"][key]) for key, title in SECTIONS if key in self.diff["narrative"]]

    def cells(self) -> list[dict]:
        """The changed table cells with Chinese table, row and column names."""
        found = []
        for cell in sorted(self.diff["tables"], key=print_order):
            row = cell["row"]
            row = request_row_label(row) if cell["table"] == "requests" else CELL_LABELS.get(row, row)
            found.append({**cell, "table_label": TABLE_LABELS.get(cell["table"], cell["table"]), "row_label": row,
                          "column_label": CELL_LABELS.get(cell["column"], cell["column"])})
        return found


def _parse(store: YearsStore, catalog: Catalog, unit_id: str, report_id: str) -> tuple[dict, dict]:
    row = store.report(report_id)
    if row is None or row["unit_id"] != unit_id:
        raise CompareError(f"报告 {report_id} 不属于该单位")
    parse, _error = latest_ok_parse(catalog, row["sha256"])
    if parse is None:
        raise CompareError(f"报告 {report_id} 没有可用的解析结果")
    return row, parse


def compare(store: YearsStore, catalog: Catalog, unit: dict, a: str, b: str) -> Comparison:
    """The comparison of two reports of a unit, ordered by year."""
    (row_a, parse_a), (row_b, parse_b) = (_parse(store, catalog, unit["unit_id"], rid) for rid in (a, b))
    if (row_a["year"] or 0, row_a["report_id"]) > (row_b["year"] or 0, row_b["report_id"]):
        (row_a, parse_a), (row_b, parse_b) = (row_b, parse_b), (row_a, parse_a)
    return Comparison(unit, row_a, row_b, year_over_year(parse_a, parse_b))
