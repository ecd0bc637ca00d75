"""The missing-reports page model: rows of a place, counts per child region, the CSV and JSON records."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from indexer.years.regional import LEVELS, MissingRow, Regional, within
from portal.missing.params import Listing
from portal.units.model import KIND_LABELS

CSV_HEADER = ["省", "市", "县", "乡镇", "单位", "单位编号", "未见报告的年度", "发布期限", "机关类别",
              "最近一份报告年度", "最近一份报告发布日期", "最近一份报告编号", "最近一份报告页面", "最近一份报告原始网址"]


def select(model: Regional, query: Listing) -> list[MissingRow]:
    """Missing unit-years in the place whose deadline passed before the reference date (and of the year asked)."""
    on, place = query.on.isoformat(), query.place.names
    return [row for row in model.missing
            if row.deadline < on and within(row.path, place) and (query.year is None or row.year == query.year)]


@dataclass
class MissingPage:
    """What `/missing/…` shows."""

    query: Listing
    rows: list[MissingRow]
    children: list[tuple[str, int]]
    here: int  # rows of units placed at the place itself (not in a child region)
    years: list[int]

    @property
    def shown(self) -> list[MissingRow]:
        """This page's rows."""
        return self.query.window(self.rows)


def missing_page(model: Regional, query: Listing) -> MissingPage:
    """Rows of the place, and how many fall in each child region (most first)."""
    rows = select(model, query)
    depth = len(query.place.names)
    below = Counter(row.path[depth] for row in rows if len(row.path) > depth)
    years = sorted({row.year for row in model.missing if row.deadline < query.on.isoformat()})
    return MissingPage(query, rows, sorted(below.items(), key=lambda item: (-item[1], item[0])),
                       len(rows) - sum(below.values()), years)


def region_of(row: MissingRow) -> dict[str, str | None]:
    """The region names of a row by level (None below the last resolved one)."""
    return {level: row.path[i] if i < len(row.path) else None for i, level in enumerate(LEVELS)}


def record(row: MissingRow, report_url: Callable[[str], str], unit_url: Callable[[str], str]) -> dict:
    """One missing unit-year as JSON (the API), with the page links of the unit and its last report."""
    return {
        "unit_id": row.unit_id, "name": row.name, "region": region_of(row), "year": row.year,
        "deadline": row.deadline, "kind": row.kind, "unit_page": unit_url(row.unit_id),
        "last_report": {"report_id": row.last_report_id, "year": row.last_year, "url": row.last_url,
                        "published_on": row.last_published_on, "page": report_url(row.last_report_id)},
        "message": f"{row.year}年度报告未见（期限{row.deadline}已过；最近一份为{row.last_year}年度）",
        "message_en": f"no report for {row.year} (deadline {row.deadline} passed; the last one covers {row.last_year})",
    }


def csv_text(rows: list[MissingRow], report_url: Callable[[str], str]) -> str:
    """The rows as CSV, one line per unit and missing year, in the page's order."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        names = list(region_of(row).values())
        writer.writerow([*(n or "" for n in names), row.name, row.unit_id, row.year, row.deadline,
                         KIND_LABELS.get(row.kind, row.kind), row.last_year, row.last_published_on or "",
                         row.last_report_id, report_url(row.last_report_id), row.last_url or ""])
    return out.getvalue()
