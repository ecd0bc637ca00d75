"""Lateness by region: for each child region, counted reports, late, on time, date unknown, share late.

Shown on region pages (`region_lateness(place)` in templates/regions/_lateness.html) and on
the late page. An unknown publication date is never on time: it has its own column and
stays in the denominator of the share late (late ÷ counted reports).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, request

from indexer.years.regional import Regional
from portal.missing.data import regional
from portal.regions.model import Place

bp = Blueprint("region_lateness", __name__)


@dataclass(frozen=True)
class LatenessRow:
    """One region's tally: counted reports, late, on time, date unknown."""

    name: str
    path: str
    reports: int
    late: int
    on_time: int
    unknown_date: int

    @property
    def share_late(self) -> float | None:
        """Late reports over counted reports (None without reports)."""
        return self.late / self.reports if self.reports else None


@dataclass
class LatenessTable:
    """A place's own tally and one row per child region, for a year or all years."""

    total: LatenessRow
    rows: list[LatenessRow]
    year: int | None
    years: list[int]


def _row(picture: Regional, names: tuple[str, ...], year: int | None) -> LatenessRow:
    return LatenessRow(names[-1] if names else "全国", "/".join(names), *picture.tally(names, year))


def lateness_table(picture: Regional, place: Place, year: int | None) -> LatenessTable:
    """The tally of a place and of each child region holding counted reports (most reports first)."""
    rows = [_row(picture, place.names + (name,), year) for name in picture.child_names(place.names)]
    rows = [row for row in rows if row.reports]
    rows.sort(key=lambda row: (-row.reports, row.name))
    return LatenessTable(_row(picture, place.names, year), rows, year, picture.years)


def _year_arg() -> int | None:
    value = request.args.get("year", "")
    return int(value) if value.isdigit() and len(value) == 4 else None


@bp.app_template_global()
def region_lateness(place: Place) -> LatenessTable | None:
    """The region page's lateness table (year from `?year=`), or None before `nianbao years` has run."""
    picture = regional()  # the missing pages' picture: one per process and run
    if picture is None or not picture.tally(place.names)[0]:
        return None
    return lateness_table(picture, place, _year_arg())
