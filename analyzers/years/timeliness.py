"""Timeliness: a report's publication date against the legal deadline for its kind of body.

政府信息公开条例 (2019 revision), article 49: departments of governments at county level and
above publish their report by 31 January; the competent office of a local government at
county level and above publishes that government's report by 31 March. Towns (乡镇, 街道)
are named by neither sentence; they are given the later date, so a town is only called
late when it is late by any reading. Sources and reasoning: docs/across-years.md.
"""

from __future__ import annotations

import datetime
import re
from typing import Mapping

from analyzers.years.units import ZONE_SUFFIXES, clean_name

DEPARTMENT_DEADLINE = (1, 31)
GOVERNMENT_DEADLINE = (3, 31)
TOWN_RE = re.compile(r"(镇|乡|街道)(人民政府|政府|办事处)?$")
GOVERNMENT_RE = re.compile(r"(省|自治区|市|州|盟|县|旗|区)(人民政府)$")
ZONE_GOVERNMENT_RE = re.compile(rf"({'|'.join(ZONE_SUFFIXES)})(管理委员会|管委会)?$")
DEPARTMENT_RE = re.compile(r"(局|委员会|委|办公室|办公厅|厅|办|中心|署|院|所|队|站|处|部|会|管委会)$")


def body_kind(agency: str | None) -> tuple[str, str]:
    """'department', 'government', 'town' or 'unknown' from the agency name, with the reason."""
    name = clean_name(agency or "")
    if not name:
        return "unknown", "no agency name"
    if TOWN_RE.search(name):
        return "town", "a town or street office (乡镇/街道): not named in article 49"
    if GOVERNMENT_RE.search(name):
        return "government", "a people's government (…人民政府) of county level or above"
    if ZONE_GOVERNMENT_RE.search(name) or re.search(r"(省|自治区|市|州|盟|县|旗)$", name):
        return "government", "a place or zone named alone: its government's report"
    if DEPARTMENT_RE.search(name):
        return "department", "a government department (name ends in 局/委/办/中心 …)"
    return "unknown", "the name fits no rule"


def deadline(year: int, kind: str) -> datetime.date:
    """Last day to publish the report covering `year` (departments 31 Jan, all others 31 Mar)."""
    month, day = DEPARTMENT_DEADLINE if kind == "department" else GOVERNMENT_DEADLINE
    return datetime.date(year + 1, month, day)


def _date(value: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def timeliness(parse: Mapping) -> dict:
    """On time, late, or unknown (no year, no date): never on time without a known date."""
    kind, why = body_kind(parse.get("agency"))
    year, published = parse.get("year"), _date(parse.get("published_on"))
    base = {"kind": kind, "kind_reason": why, "published_on": published.isoformat() if published else None}
    if not isinstance(year, int):
        return {**base, "status": "unknown_year", "deadline": None, "days_late": None,
                "message": "报告年度不明，无法判断是否按时发布", "message_en": "the year covered is unknown: timeliness cannot be judged"}
    due = deadline(year, kind)
    base["deadline"] = due.isoformat()
    if published is None:
        return {**base, "status": "unknown_date", "days_late": None,
                "message": f"发布日期不明，不能认定按时发布（期限{due.isoformat()}）",
                "message_en": f"publication date unknown: not counted as on time (deadline {due.isoformat()})"}
    late = (published - due).days
    if late > 0:
        return {**base, "status": "late", "days_late": late,
                "message": f"逾期发布：{published.isoformat()}发布，期限{due.isoformat()}，逾期{late}天",
                "message_en": f"published late: {published.isoformat()}, deadline {due.isoformat()}, {late} days late"}
    return {**base, "status": "on_time", "days_late": 0,
            "message": f"按时发布：{published.isoformat()}发布，期限{due.isoformat()}",
            "message_en": f"published on time: {published.isoformat()}, deadline {due.isoformat()}"}
