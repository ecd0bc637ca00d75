"""Times for readers: stored UTC timestamps shown in Beijing time, as Chinese readers write them.

The archive stores ISO 8601 UTC (`2026-01-05T06:02:00+00:00`); the page shows
`2026年1月5日 14:02` (Asia/Shanghai, no seconds), a bare date as `2026年1月5日`, and a
value it cannot read as it is, so nothing is hidden.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup

try:
    BEIJING: timezone | ZoneInfo = ZoneInfo("Asia/Shanghai")
except ZoneInfoNotFoundError:  # no tz database on the host: China has kept UTC+8 without DST since 1991
    BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


def parse_time(value: str | None) -> datetime | date | None:
    """An ISO date or timestamp (a naive timestamp is UTC, as the archive writes them); None if unreadable."""
    text = str(value or "").strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


def beijing_time(value: str | None) -> str:
    """`2026年1月5日 14:02` in Beijing time; a date alone as `2026年1月5日`; '' for nothing, the text itself if unreadable."""
    parsed = parse_time(value)
    if parsed is None:
        return str(value or "")
    if not isinstance(parsed, datetime):
        return f"{parsed.year}年{parsed.month}月{parsed.day}日"
    local = parsed.astimezone(BEIJING)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def iso_date(value: str | None) -> str | None:
    """The Beijing calendar date of a timestamp or date as YYYY-MM-DD (for citations), None if unreadable."""
    parsed = parse_time(value)
    if parsed is None:
        return None
    day = parsed.astimezone(BEIJING).date() if isinstance(parsed, datetime) else parsed
    return day.isoformat()


def today_in_beijing(now: datetime | None = None) -> date:
    """Today's date in Beijing (the access date of a citation)."""
    return (now or datetime.now(timezone.utc)).astimezone(BEIJING).date()


def time_tag(value: str | None) -> Markup:
    """A <time> element: Beijing time for readers, the machine-readable value in `datetime`; '' for nothing."""
    parsed = parse_time(value)
    if parsed is None:
        return Markup("") if not value else Markup("{}").format(str(value))
    machine = parsed.isoformat() if not isinstance(parsed, datetime) else parsed.astimezone(BEIJING).isoformat(timespec="minutes")
    return Markup('<time datetime="{}">{}</time>').format(machine, beijing_time(value))
