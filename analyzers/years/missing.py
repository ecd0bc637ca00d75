"""Missing reports: a unit that reported for year Y−1 has none for Y although Y's deadline has passed."""

from __future__ import annotations

import datetime
from typing import Iterable

from analyzers.years.series import Unit
from analyzers.years.timeliness import body_kind, deadline


def missing_reports(units: Iterable[Unit], reference: datetime.date) -> list[dict]:
    """One row per unit and missing year Y (Y−1 counted, Y absent, Y's deadline before `reference`)."""
    rows = []
    for unit in units:
        for year in unit.years():
            if year + 1 in unit.primary:
                continue
            last = unit.primary[year]
            kind, _ = body_kind(last.parse.get("agency"))
            due = deadline(year + 1, kind)
            if due >= reference:
                continue
            rows.append({
                "unit_id": unit.unit_id, "name": unit.display_name(), "region": dict(unit.region),
                "year": year + 1, "deadline": due.isoformat(), "kind": kind,
                "last_report": {"report_id": last.report_id, "year": year, "url": last.url,
                                "published_on": last.parse.get("published_on")},
                "message": f"{year + 1}年度报告未见（期限{due.isoformat()}已过；最近一份为{year}年度）",
                "message_en": f"no report for {year + 1} (deadline {due.isoformat()} passed; the last one covers {year})",
            })
    return rows
