"""The across-years tables read by region: missing reports, late reports, lateness tallies.

Pages of missing and late reports filter one archive-wide picture by region and year; at
100k reports a query per request over `reports` would walk rows that carry their figures
and results, so the picture is read once per state of the tables (the last `nianbao
years` run) from the few columns it needs, never from the result JSON:

- missing rows: `analyzers.years.missing.missing_reports` over the counted reports, for
  every deadline (the reference date filters them per request);
- timeliness of every counted report: the rule of `analyzers.years.timeliness.timeliness`
  on its agency, year and publication date, the inputs of the stored verdict, so a page
  and the unit page agree (`Verdicts`);
- tallies of reports, late, on time and date unknown per region and year.

Only counted reports take part (a duplicate or superseded version never counts twice;
a report without a year is counted nowhere). The region path of a unit is its province,
city, county and town names down to the first one the parser did not resolve: the path
scheme of the region pages.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Mapping

from analyzers.years.missing import missing_reports
from analyzers.years.series import Filing, Unit
from analyzers.years.timeliness import body_kind, deadline
from indexer.years.store import YearsStore

LEVELS = ("province", "city", "county", "town")
STATUSES = ("late", "on_time", "unknown_date")  # the tally columns after the number of reports
COLUMN = {status: i + 1 for i, status in enumerate(STATUSES)}
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


def last_run(store: YearsStore) -> tuple | None:
    """The last finished `nianbao years` run (id, finished at): the state the picture was built from.

    The time is part of it so that a years file rebuilt from scratch, whose run ids start
    again at 1, is never taken for the one before.
    """
    row = store.conn.execute("SELECT id, finished_at FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    return tuple(row) if row else None


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
    """The archive by region: missing rows, late and undated reports, tallies per region and year.

    `missing_at` and `timely_at` hold, for every region path with rows (the nation is the
    empty path), the rows in that region or below it, in page order: a page filters only
    its own region's rows.
    """

    run: tuple | None = None  # last_run() of the tables it was read from
    missing_at: dict[Path, list[MissingRow]] = field(default_factory=dict)
    # per region: (child region or None for the region itself, missing year, deadline) → rows
    missing_counts: dict[Path, Counter] = field(default_factory=dict)
    timely_at: dict[Path, list[TimelyRow]] = field(default_factory=dict)  # late and date-unknown reports
    tallies: dict[Path, dict[int | None, list[int]]] = field(default_factory=dict)
    children: dict[Path, set[str]] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)

    def missing(self, place: Path = ()) -> list[MissingRow]:
        """Missing unit-years of a place and below (every deadline), by region and unit."""
        return self.missing_at.get(place, [])

    def timely(self, place: Path = ()) -> list[TimelyRow]:
        """Late and date-unknown counted reports of a place and below, latest year and longest delay first."""
        return self.timely_at.get(place, [])

    def tally(self, place: Path, year: int | None = EVERY_YEAR) -> list[int]:
        """[reports, late, on time, date unknown] of the counted reports in a place (and year)."""
        return list(self.tallies.get(place, {}).get(year, [0, 0, 0, 0]))

    def child_names(self, place: Path) -> list[str]:
        """The regions one level below a place that hold counted reports, by name."""
        return sorted(self.children.get(place, ()))


def _units(store: YearsStore) -> dict[str, tuple[str, Path]]:
    rows = store.conn.execute("SELECT unit_id, name, region_json FROM units")
    return {row[0]: (row[1], region_path(json.loads(row[2]))) for row in rows}


def _counted(store: YearsStore) -> dict[str, list[tuple]]:
    """Counted reports with a year by unit: (report_id, unit_id, year, agency, published_on, url)."""
    by_unit: dict[str, list[tuple]] = defaultdict(list)
    for row in store.conn.execute(f"SELECT {REPORT_COLUMNS} FROM reports WHERE counted = 1 AND year IS NOT NULL"
                                  " AND unit_id IS NOT NULL"):
        by_unit[row[1]].append(row)
    return by_unit


def _by_place(rows: list, key) -> dict[Path, list]:
    """Rows sorted by `key`, listed under their region path and every path above it."""
    found: dict[Path, list] = defaultdict(list)
    for row in sorted(rows, key=key):
        for depth in range(len(row.path) + 1):
            found[row.path[:depth]].append(row)
    return dict(found)


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
    return found


class Verdicts:
    """`timeliness()` of many reports: the same rule, with each agency's kind of body worked out once.

    Reading the stored verdict would mean reading every row's result JSON; the kind
    (`body_kind`, a few regular expressions) is what costs, and a unit repeats its agency.
    `tests/missing/test_synthetic.py` checks the outcome against every stored verdict.
    """

    def __init__(self) -> None:
        self.kinds: dict[str | None, str] = {}
        self.deadlines: dict[tuple[int, str], tuple[datetime.date, str]] = {}

    def __call__(self, agency: str | None, year: int, published_on: str | None) -> tuple[str, str, str, int | None]:
        """(kind, status, deadline, days late) as `timeliness` gives them for a report with a year."""
        kind = self.kinds.get(agency)
        if kind is None:
            kind = self.kinds[agency] = body_kind(agency)[0]
        due, day = self.deadlines.get((year, kind)) or self._deadline(year, kind)
        try:
            published = datetime.date.fromisoformat(str(published_on)) if published_on else None
        except ValueError:
            published = None
        if published is None:
            return kind, "unknown_date", day, None
        late = (published - due).days
        return (kind, "late", day, late) if late > 0 else (kind, "on_time", day, 0)

    def _deadline(self, year: int, kind: str) -> tuple[datetime.date, str]:
        due = deadline(year, kind)
        self.deadlines[(year, kind)] = (due, due.isoformat())
        return due, due.isoformat()


def _add(into: list[int], counts: list[int]) -> None:
    into[0] += counts[0]
    into[1] += counts[1]
    into[2] += counts[2]
    into[3] += counts[3]


def _tallies(model: Regional, leaves: dict[Path, dict[int, list[int]]]) -> None:
    """Each region's counts: its own units' plus its children's, added up once per region, deepest first."""
    nodes = {path[:depth] for path in leaves for depth in range(len(path) + 1)}
    for path in sorted(nodes, key=len, reverse=True):
        per_year = model.tallies.setdefault(path, {})
        for year, counts in leaves.get(path, {}).items():
            _add(per_year.setdefault(year, [0, 0, 0, 0]), counts)
        every = per_year[EVERY_YEAR] = [0, 0, 0, 0]
        for counts in [c for y, c in per_year.items() if y is not EVERY_YEAR]:
            _add(every, counts)
        if path:
            model.children.setdefault(path[:-1], set()).add(path[-1])
            parent = model.tallies.setdefault(path[:-1], {})
            for year, counts in per_year.items():
                if year is not EVERY_YEAR:
                    _add(parent.setdefault(year, [0, 0, 0, 0]), counts)


def _missing_counts(rows: list[MissingRow]) -> dict[Path, Counter]:
    """Per region: missing rows by (child region, or None for the region itself; year; deadline)."""
    found: dict[Path, Counter] = defaultdict(Counter)
    for row in rows:
        for depth in range(len(row.path) + 1):
            child = row.path[depth] if depth < len(row.path) else None
            found[row.path[:depth]][(child, row.year, row.deadline)] += 1
    return dict(found)


def _timeliness(by_unit: dict[str, list[tuple]], units: dict[str, tuple[str, Path]]) -> tuple[dict, list[TimelyRow]]:
    """Each region's own counts per year ([reports, late, on time, date unknown]) and the not-on-time rows."""
    verdict, leaves, timely = Verdicts(), defaultdict(dict), []
    for unit_id, rows in by_unit.items():
        name, path = units.get(unit_id, (unit_id, ()))
        own = leaves[path]
        for report_id, _unit, year, agency, published_on, url in rows:
            kind, status, due, days_late = verdict(agency, year, published_on)
            counts = own.get(year) or own.setdefault(year, [0, 0, 0, 0])
            counts[0] += 1
            counts[COLUMN[status]] += 1
            if status != "on_time":
                timely.append(TimelyRow(report_id, unit_id, name, path, year, agency, kind, status, due,
                                        published_on, days_late, url))
    return leaves, timely


def load_regional(store: YearsStore) -> Regional:
    """Read the tables once into the by-region picture (the pages filter it per request)."""
    model = Regional(run=last_run(store))
    units, by_unit = _units(store), _counted(store)
    leaves, timely = _timeliness(by_unit, units)
    _tallies(model, leaves)
    model.timely_at = _by_place(timely, lambda r: (-r.year, r.status, -(r.days_late or 0), r.path, r.name, r.report_id))
    model.missing_at = _by_place(_missing(by_unit, units), lambda r: (r.path, r.name, r.unit_id, r.year))
    model.missing_counts = _missing_counts(model.missing_at.get((), []))
    model.years = sorted({row[2] for rows in by_unit.values() for row in rows})
    return model
