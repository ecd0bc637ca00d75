"""Synthetic units over several years, with planted truths for the cross-report analyses.

Each unit is a drawn reporting body (regions.draw_agency) with consecutive years of
reports made by report.build_truth, then changed on purpose: carry-over and table 二
chains made to hold except for planted breaks; late, undated and missing years; name
variants (abbreviation, spacing, bare place, city prefix, an alias-table rename);
passages copied from the unit's previous report or from another unit of the same year;
tables repeated unchanged; duplicates, re-issued versions and reports without a year.
What was planted is returned as `truth`, so tests can measure each detector.
"""

from __future__ import annotations

import copy
import datetime
import random
from dataclasses import dataclass, field

from analyzers.years.series import Filing
from indexer.synth.checks import evaluate
from indexer.synth.regions import DEPARTMENTS, Agency, draw_agency
from indexer.synth.report import build_truth
from indexer.synth.years_plant import chain_carry_over, chain_table2, local_paragraph, rename, stale_copy

BLOCK = 40  # units generated together: cross-unit copies take donors inside a block
SHARES = {"carry_break": 0.08, "table2_break": 0.06, "late": 0.08, "undated_day": 0.04, "gap": 0.12,
          "rename": 0.3, "copy_prev": 0.12, "copy_other": 0.06, "stale": 0.05, "duplicate": 0.03,
          "version": 0.02, "no_year": 0.02, "sibling": 0.3}
KIND_OF_LEVEL = {"town": "town", "county": "government", "city": "government",
                 "county_department": "department", "city_department": "department"}


@dataclass
class YearsTruth:
    """What was planted: per report and per unit."""

    unit_of: dict[str, int] = field(default_factory=dict)
    counted: dict[tuple[int, int], str] = field(default_factory=dict)
    kind: dict[int, str] = field(default_factory=dict)
    carry_breaks: set[str] = field(default_factory=set)
    table2_breaks: set[str] = field(default_factory=set)
    chained: set[str] = field(default_factory=set)
    table2_chained: set[str] = field(default_factory=set)
    late: set[str] = field(default_factory=set)
    unknown_date: set[str] = field(default_factory=set)
    missing: set[tuple[int, int]] = field(default_factory=set)
    copied_prev: set[str] = field(default_factory=set)
    copied_other: dict[str, str] = field(default_factory=dict)
    stale: set[str] = field(default_factory=set)
    aliases_tsv: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


def _deadline(year: int, kind: str) -> datetime.date:
    return datetime.date(year + 1, 1, 31) if kind == "department" else datetime.date(year + 1, 3, 31)


def _years(rng: random.Random) -> list[int]:
    start = rng.randint(2019, 2022)
    years = list(range(start, rng.randint(start + 2, 2025) + 1))
    if len(years) > 2 and rng.random() < SHARES["gap"]:
        years.remove(rng.choice(years[1:-1]))
    return years


def _agency(rng: random.Random, previous: Agency | None) -> Agency:
    """A new body; sometimes a sibling department of the previous one (same county, other department)."""
    if previous and previous.level.endswith("department") and rng.random() < SHARES["sibling"]:
        old = next(d for d in DEPARTMENTS if previous.name.endswith(d))
        new = rng.choice([d for d in DEPARTMENTS if d != old])
        return Agency(previous.name[: -len(old)] + new, previous.level, previous.self_name, previous.region)
    return draw_agency(rng)


def _date(rng: random.Random, truth: dict, kind: str, out: YearsTruth, report_id: str) -> None:
    """Plant a late or an unknown publication date; record the truth of either."""
    year = truth["year"]
    roll = rng.random()
    if roll < SHARES["undated_day"]:
        truth["published_on"] = None
    elif roll < SHARES["undated_day"] + SHARES["late"]:
        day = datetime.date(year + 1, rng.randint(4, 9), rng.randint(1, 28))
        truth["published_on"] = day.isoformat()
    published = truth["published_on"]
    if published is None:
        out.unknown_date.add(report_id)
    elif datetime.date.fromisoformat(published) > _deadline(year, kind):
        out.late.add(report_id)


def _unit(seed: int, index: int, previous: Agency | None, out: YearsTruth) -> tuple[Agency, list[Filing]]:
    """One unit's filings; truths recorded in `out`."""
    rng = random.Random(f"nianbao-synth-years/{seed}/{index}")
    agency = _agency(rng, previous)
    while agency.name in out.names:  # one real body is one unit: a name drawn twice is drawn again
        agency = _agency(rng, None)
    out.names.add(agency.name)
    kind = KIND_OF_LEVEL[agency.level]
    out.kind[index] = kind
    years = _years(rng)
    renamed = rename(rng, agency, years, SHARES["rename"])
    if renamed.alias_row:
        out.aliases_tsv.append(renamed.alias_row)
    filings: list[Filing] = []
    before: dict | None = None
    for year in years:
        report_id = f"y{seed}-u{index:06d}-{year}"
        truth = build_truth(random.Random(f"{report_id}/truth"), 0.0, agency, year)
        truth["agency"] = renamed.names.get(year, agency.name)
        truth["sections"]["overview"] += "\n" + local_paragraph(rng, agency)
        if before is not None and before["year"] == year - 1:
            _link(rng, truth, before, report_id, out)
        _date(rng, truth, kind, out, report_id)
        truth["checks"] = evaluate(truth["format"], truth["requests"]["rows"], truth["review_litigation"])
        out.unit_of[report_id] = index
        out.counted[(index, year)] = report_id
        filings.append(Filing(report_id, truth, f"https://synth.example/{report_id}.html"))
        filings += _extras(rng, truth, report_id, index, out)
        counted = out.counted[(index, year)]
        before = next(f.parse for f in filings if f.report_id == counted)
    out.missing.update((index, y) for y in range(years[0] + 1, 2026) if y not in years and y - 1 in years)
    return agency, filings


def _link(rng: random.Random, truth: dict, before: dict, report_id: str, out: YearsTruth) -> None:
    """Chain this year to the last (carry-over, table 二), then plant breaks, copies, stale tables."""
    if rng.random() < SHARES["stale"] and stale_copy(truth, before):
        out.stale.add(report_id)
    elif chain_carry_over(truth, before, rng, rng.random() < SHARES["carry_break"]):
        out.carry_breaks.add(report_id)
    out.chained.add(report_id)
    planted = chain_table2(truth, before, rng, rng.random() < SHARES["table2_break"])
    if planted is not None:
        out.table2_chained.add(report_id)
        if planted:
            out.table2_breaks.add(report_id)
    if rng.random() < SHARES["copy_prev"]:
        truth["sections"] = copy.deepcopy(before["sections"])
        out.copied_prev.add(report_id)


def _extras(rng: random.Random, truth: dict, report_id: str, index: int, out: YearsTruth) -> list[Filing]:
    """A duplicate at a second URL, a re-issued version (counted instead), or a copy without a year."""
    extras = []
    if rng.random() < SHARES["duplicate"]:
        extras.append(Filing(report_id + "-dup", truth, f"https://mirror.example/{report_id}.html"))
    if truth["published_on"] and rng.random() < SHARES["version"]:
        version = copy.deepcopy(truth)
        later = datetime.date.fromisoformat(truth["published_on"]) + datetime.timedelta(days=rng.randint(5, 40))
        version["published_on"] = later.isoformat()
        version["sections"]["other"] = (version["sections"]["other"] or "") + "本报告为更正版，原报告同时废止。"
        extras.append(Filing(report_id + "-v2", version, None))
        out.counted[(index, truth["year"])] = report_id + "-v2"
        for planted in (out.copied_prev, out.stale, out.carry_breaks, out.table2_breaks, out.chained, out.table2_chained):
            if report_id in planted:
                planted.discard(report_id)
                planted.add(report_id + "-v2")
        out.unit_of[report_id + "-v2"] = index
        out.late.discard(report_id)  # timeliness is judged on the counted report: the re-issue
        if later > _deadline(truth["year"], out.kind[index]):
            out.late.add(report_id + "-v2")
    if rng.random() < SHARES["no_year"]:
        undated = dict(truth, year=None, title=None)
        extras.append(Filing(report_id + "-noyear", undated, None))
    for extra in extras:
        out.unit_of.setdefault(extra.report_id, index)
    return extras


def _copy_across(block: list[list[Filing]], rng: random.Random, out: YearsTruth) -> None:
    """Plant passages of another unit's report of the same year (its local paragraph and section 五)."""
    by_year: dict[int, list[Filing]] = {}
    for filings in block:
        for filing in filings:
            if out.counted.get((out.unit_of[filing.report_id], filing.year)) == filing.report_id:
                by_year.setdefault(filing.year, []).append(filing)
    for year, filings in sorted(by_year.items()):
        for filing in filings:
            donors = [f for f in filings if out.unit_of[f.report_id] != out.unit_of[filing.report_id]]
            if not donors or rng.random() >= SHARES["copy_other"] or filing.report_id in out.copied_other.values():
                continue
            donor = rng.choice(donors)
            if donor.report_id in out.copied_other:
                continue
            sections = filing.parse["sections"]
            donor_local = donor.parse["sections"]["overview"].rsplit("\n", 1)[-1]
            sections["overview"] = sections["overview"].rsplit("\n", 1)[0] + "\n" + donor_local
            out.copied_other[filing.report_id] = donor.report_id


def generate_years(units: int, seed: int = 0) -> tuple[list[Filing], YearsTruth]:
    """`units` synthetic units with all their filings (deterministic from `seed`) and the planted truth."""
    out = YearsTruth()
    filings: list[Filing] = []
    for start in range(0, units, BLOCK):
        filings += generate_block(seed, start, min(units, start + BLOCK), out)
    return filings, out


def generate_block(seed: int, start: int, stop: int, out: YearsTruth) -> list[Filing]:
    """Units start..stop−1 (one block: cross-unit copies stay inside it); truths added to `out`."""
    block: list[list[Filing]] = []
    previous: Agency | None = None
    for index in range(start, stop):
        previous, filings = _unit(seed, index, previous, out)
        block.append(filings)
    _copy_across(block, random.Random(f"nianbao-synth-years/{seed}/block/{start}"), out)
    return [filing for filings in block for filing in filings]

