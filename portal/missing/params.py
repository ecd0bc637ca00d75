"""Reading the missing and late pages' parameters: region path, year, reference date, page, status."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Mapping

from indexer.search.errors import InvalidRequest
from portal.regions.model import Place, parse_path

FIRST_YEAR, LAST_YEAR = 1990, 2100  # a year outside is a typo, not a request
PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class Listing:
    """What a missing or late listing shows: a place, a year (or all), the reference date, a page."""

    place: Place
    year: int | None
    on: datetime.date
    page: int = 1
    size: int = PAGE_SIZE
    status: str = "late"

    def pages(self, total: int) -> int:
        """How many pages `total` rows fill (at least one)."""
        return max(1, -(-total // self.size))


def _int(args: Mapping[str, str], name: str, low: int, high: int, default: int | None) -> int | None:
    value = (args.get(name) or "").strip()
    if not value:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise InvalidRequest(f"参数 {name} 应为 {low}–{high} 之间的整数，收到“{value[:20]}”")
    return int(value)


def _date(args: Mapping[str, str]) -> datetime.date:
    value = (args.get("on") or "").strip()
    if not value:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidRequest(f"参数 on 应为日期，如 2026-12-05，收到“{value[:20]}”") from None


def place_of(path: str) -> Place:
    """The region of a path (省/市/县/镇); a malformed or too deep path is a clear error."""
    place = parse_path(path or "")
    if place is None:
        raise InvalidRequest("地区路径有误：最多四级（省/市/县/乡镇），每级不超过40个字")
    return place


def listing(path: str, args: Mapping[str, str], statuses: tuple[str, ...] = ("late",)) -> Listing:
    """A listing from a region path and the query string (year, on, page, size, status)."""
    status = (args.get("status") or statuses[0]).strip()
    if status not in statuses:
        raise InvalidRequest(f"参数 status 应为 {' / '.join(statuses)} 之一，收到“{status[:20]}”")
    return Listing(place_of(path), _int(args, "year", FIRST_YEAR, LAST_YEAR, None), _date(args),
                   _int(args, "page", 1, 100_000, 1), _int(args, "size", 1, MAX_PAGE_SIZE, PAGE_SIZE), status)
