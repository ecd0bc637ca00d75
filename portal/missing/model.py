"""The missing-reports page model: rows of a place, counts per child region, the CSV and JSON records.

Counts come from the picture's per-region tallies of (child region, year, deadline), and a
page reads only the rows it shows: a national page never walks every missing row.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator

from indexer.years.regional import LEVELS, MissingRow, Regional
from portal.missing.params import Listing
from portal.units.model import KIND_LABELS

CSV_HEADER = ["省", "市", "县", "乡镇", "单位", "单位编号", "未见报告的年度", "发布期限", "机关类别",
              "最近一份报告年度", "最近一份报告发布日期", "最近一份报告编号", "最近一份报告页面", "最近一份报告原始网址"]


def select(model: Regional, query: Listing) -> Iterator[MissingRow]:
    """Missing unit-years in the place whose deadline passed before the reference date (and of the year asked), in order."""
    on, year = query.on.isoformat(), query.year
    return (row for row in model.missing(query.place.names)
            if row.deadline < on and (year is None or row.year == year))


def window(model: Regional, query: Listing) -> list[MissingRow]:
    """The rows of the query's page."""
    start = (query.page - 1) * query.size
    return list(islice(select(model, query), start, start + query.size))


@dataclass
class Counts:
    """How many rows a query has: in all, per child region, at the place itself; the years with rows."""

    total: int
    children: list[tuple[str, int]]
    here: int
    years: list[int]


def counts(model: Regional, query: Listing) -> Counts:
    """The query's counts from the place's (child, year, deadline) tallies."""
    on, below, years, total = query.on.isoformat(), Counter(), set(), 0
    for (child, year, deadline), number in model.missing_counts.get(query.place.names, {}).items():
        if deadline >= on:
            continue
        years.add(year)
        if query.year is None or year == query.year:
            total += number
            below[child] += number
    here = below.pop(None, 0)
    return Counts(total, sorted(below.items(), key=lambda item: (-item[1], item[0])), here, sorted(years))


@dataclass
class MissingPage:
    """What `/missing/…` shows: this page's rows and the query's counts."""

    query: Listing
    shown: list[MissingRow]
    counts: Counts


def missing_page(model: Regional, query: Listing) -> MissingPage:
    """The page's rows and counts."""
    return MissingPage(query, window(model, query), counts(model, query))


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


def csv_text(rows: Iterable[MissingRow], report_url: Callable[[str], str]) -> str:
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
