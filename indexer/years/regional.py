"""The across-years tables read by region: missing reports, late reports, lateness tallies.

Pages of missing and late reports filter one archive-wide picture by region and year; at
100k reports a query per request over `reports` would walk rows that carry their figures
and results, so the picture is read once per state of the tables (the last `nianbao
years` run) from the few columns it needs, never from the result JSON:

- missing rows: `analyzers.years.missing.missing_reports` over the counted reports, for
  every deadline (the reference date filters them per request);
- timeliness of every counted report: `analyzers.years.timeliness.timeliness` of its
  agency, year and publication date, the same three inputs and function as the stored
  result, so a page and the unit page agree;
- tallies of reports, late, on time and date unknown per region and year.

Only counted reports take part (a duplicate or superseded version never counts twice;
a report without a year is counted nowhere). The region path of a unit is its province,
city, county and town names down to the first one the parser did not resolve: the path
scheme of the region pages.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from analyzers.years.missing import missing_reports
from analyzers.years.series import Filing, Unit
from analyzers.years.timeliness import timeliness
from indexer.years.store import YearsStore

LEVELS = ("province", "city", "county", "town")
STATUSES = ("late", "on_time", "unknown_date")  # the tally columns after the number of reports
EVERY_YEAR = None  # the tallies' key for all years together
REPORT_COLUMNS = "report_id, unit_id, year, agency, published_on, url"

Path = tuple[str, ...]


def region_path(region: Mapping | None) -> Path:
    """Province, city, county, town names down to the first unresolved level."""
    names: list[str] = []
    for level in LEVELS:
        name = (region or {}).get(level)
        if not name:
            break
        names.append(name)
    return tuple(names)


def within(path: Path, place: Path) -> bool:
    """Whether a region path lies in a place (the place itself or below it)."""
    return path[:len(place)] == place


def last_run(store: YearsStore) -> int | None:
    """The id of the last finished `nianbao years` run: the state the read model was built from."""
    return store.conn.execute("SELECT MAX(id) FROM runs").fetchone()[0]


@dataclass(frozen=True, slots=True)
class MissingRow:
    """A unit that reported for `year` − 1 and not for `year`, with its last report seen."""

    unit_id: str
    name: str
    path: Path
    year: int
    deadline: str
    kind: str
    last_report_id: str
    last_year: int
    last_url: str | None
    last_published_on: str | None


@dataclass(frozen=True, slots=True)
class TimelyRow:
    """A counted report's timeliness verdict, with its unit and region."""

    report_id: str
    unit_id: str
    name: str
    path: Path
    year: int
    agency: str | None
    kind: str
    status: str
    deadline: str
    published_on: str | None
    days_late: int | None
    url: str | None


@dataclass
class Regional:
    """The archive by region: missing rows, late and undated reports, tallies per region and year."""

    run: int | None = None
    missing: list[MissingRow] = field(default_factory=list)
    timely: list[TimelyRow] = field(default_factory=list)  # late and date-unknown reports only
    tallies: dict[Path, dict[int | None, list[int]]] = field(default_factory=dict)
    children: dict[Path, set[str]] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)

    def tally(self, place: Path, year: int | None = EVERY_YEAR) -> list[int]:
        """[reports, late, on time, date unknown] of the counted reports in a place (and year)."""
        return list(self.tallies.get(place, {}).get(year, [0, 0, 0, 0]))

    def child_names(self, place: Path) -> list[str]:
        """The regions one level below a place that hold counted reports, by name."""
        return sorted(self.children.get(place, ()))


def _units(store: YearsStore) -> dict[str, tuple[str, Path]]:
    rows = store.conn.execute("SELECT unit_id, name, region_json FROM units")
    return {row[0]: (row[1], region_path(json.loads(row[2]))) for row in rows}


def _counted(store: YearsStore) -> Iterable[tuple]:
    """Counted reports with a year: (report_id, unit_id, year, agency, published_on, url)."""
    return store.conn.execute(f"SELECT {REPORT_COLUMNS} FROM reports WHERE counted = 1 AND year IS NOT NULL"
                              " AND unit_id IS NOT NULL")


def _missing(by_unit: dict[str, list[tuple]], units: dict[str, tuple[str, Path]]) -> list[MissingRow]:
    """Every missing unit-year whatever its deadline (the pages filter by their reference date)."""
    found = []
    for unit_id, rows in by_unit.items():
        name, path = units.get(unit_id, (unit_id, ()))
        unit = Unit(unit_id, names={name: [max(r[2] for r in rows)]})
        unit.primary = {r[2]: Filing(r[0], {"agency": r[3], "published_on": r[4]}, r[5]) for r in rows}
        for row in missing_reports([unit], datetime.date.max):
            last = row["last_report"]
            found.append(MissingRow(unit_id, name, path, row["year"], row["deadline"], row["kind"], last["report_id"],
                                    last["year"], last["url"], last["published_on"]))
    return sorted(found, key=lambda r: (r.path, r.name, r.unit_id, r.year))


def _add_tally(model: Regional, path: Path, year: int, status: str) -> None:
    column = STATUSES.index(status) + 1 if status in STATUSES else None
    for depth in range(len(path) + 1):
        place = path[:depth]
        if depth < len(path):
            model.children.setdefault(place, set()).add(path[depth])
        per_year = model.tallies.setdefault(place, {})
        for key in (year, EVERY_YEAR):
            counts = per_year.setdefault(key, [0, 0, 0, 0])
            counts[0] += 1
            if column:
                counts[column] += 1


def load_regional(store: YearsStore) -> Regional:
    """Read the tables once into the by-region picture (the pages filter it per request)."""
    model = Regional(run=last_run(store))
    units = _units(store)
    by_unit: dict[str, list[tuple]] = defaultdict(list)
    years = set()
    for row in _counted(store):
        report_id, unit_id, year, agency, published_on, url = row
        by_unit[unit_id].append(row)
        years.add(year)
        name, path = units.get(unit_id, (unit_id, ()))
        verdict = timeliness({"agency": agency, "year": year, "published_on": published_on})
        _add_tally(model, path, year, verdict["status"])
        if verdict["status"] in ("late", "unknown_date"):
            model.timely.append(TimelyRow(report_id, unit_id, name, path, year, agency, verdict["kind"],
                                          verdict["status"], verdict["deadline"], verdict["published_on"],
                                          verdict["days_late"], url))
    model.timely.sort(key=lambda r: (-r.year, r.status, -(r.days_late or 0), r.path, r.name, r.report_id))
    model.missing = _missing(by_unit, units)
    model.years = sorted(years)
    return model
