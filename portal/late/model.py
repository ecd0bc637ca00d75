"""The late-reports page model: reports published after their deadline (or with no known date) in a place and year."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator

from indexer.years.regional import LEVELS, Regional, TimelyRow
from portal.missing.params import Listing
from portal.regions.lateness import LatenessTable, lateness_table
from portal.units.model import KIND_LABELS

STATUSES = ("late", "unknown_date", "all")
STATUS_LABELS = {"late": "逾期发布", "unknown_date": "发布日期不明"}
CSV_HEADER = ["省", "市", "县", "乡镇", "单位", "单位编号", "报告编号", "报告页面", "年度", "机关类别", "发布期限",
              "发布日期", "逾期天数", "时效", "原始网址"]


def select(model: Regional, query: Listing) -> Iterator[TimelyRow]:
    """Late (or date-unknown, or both) counted reports of the place and year, latest year and longest delay first."""
    wanted = ("late", "unknown_date") if query.status == "all" else (query.status,)
    return (row for row in model.timely(query.place.names)
            if row.status in wanted and (query.year is None or row.year == query.year))


def window(model: Regional, query: Listing) -> list[TimelyRow]:
    """The rows of the query's page."""
    start = (query.page - 1) * query.size
    return list(islice(select(model, query), start, start + query.size))


def total(table: LatenessTable, status: str) -> int:
    """How many rows a status lists: the place's tally of late and/or date-unknown reports."""
    found = table.total
    return {"late": found.late, "unknown_date": found.unknown_date, "all": found.late + found.unknown_date}[status]


@dataclass
class LatePage:
    """What `/late/…` shows: this page's rows, their number, the place's tally and its children's."""

    query: Listing
    shown: list[TimelyRow]
    total: int
    table: LatenessTable


def late_page(model: Regional, query: Listing) -> LatePage:
    """Rows and tallies of one place and year."""
    table = lateness_table(model, query.place, query.year)
    return LatePage(query, window(model, query), total(table, query.status), table)


def region_of(row: TimelyRow) -> dict[str, str | None]:
    """The region names of a row by level."""
    return {level: row.path[i] if i < len(row.path) else None for i, level in enumerate(LEVELS)}


def record(row: TimelyRow, report_url: Callable[[str], str]) -> dict:
    """One late or date-unknown report as JSON."""
    return {"report_id": row.report_id, "page": report_url(row.report_id), "unit_id": row.unit_id, "name": row.name,
            "region": region_of(row), "year": row.year, "kind": row.kind, "status": row.status,
            "deadline": row.deadline, "published_on": row.published_on, "days_late": row.days_late, "url": row.url}


def csv_text(rows: Iterable[TimelyRow], report_url: Callable[[str], str]) -> str:
    """The rows as CSV in the page's order; an unknown date is written 发布日期不明, never a number of days."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([*(n or "" for n in region_of(row).values()), row.name, row.unit_id, row.report_id,
                         report_url(row.report_id), row.year, KIND_LABELS.get(row.kind, row.kind), row.deadline,
                         row.published_on or "发布日期不明", "" if row.days_late is None else row.days_late,
                         STATUS_LABELS[row.status], row.url or ""])
    return out.getvalue()
