"""A unit's reports in year order: one report counted per year, the others kept as versions.

Two reports of one unit for one year (a re-issued version, or the same report at two
URLs) are never both counted: the primary is the one with readable tables, then the
later publication date (a re-issue supersedes), then the longer text, then the smaller
id (so the choice is stable). A report without a year is listed as `undated` and takes
part in no chain; a year missing from the middle leaves a gap that no check bridges.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from analyzers.years.units import UNKNOWN_REGION, AliasTable, Step, UnitKey, unit_key

NARRATIVE_KEYS = ("overview", "active", "requests", "review", "problems", "other")


@dataclass(frozen=True)
class Filing:
    """One parsed report as the analyses see it: its id, its parse (DESIGN §2 dict), its URL."""

    report_id: str
    parse: Mapping
    url: str | None = None

    @property
    def year(self) -> int | None:
        """The year covered, if the parser found one."""
        year = self.parse.get("year")
        return year if isinstance(year, int) else None


@dataclass
class Unit:
    """A reporting body over the years: its filings, name variants and why they were merged."""

    unit_id: str
    primary: dict[int, Filing] = field(default_factory=dict)
    versions: dict[int, list[dict]] = field(default_factory=dict)
    undated: list[Filing] = field(default_factory=list)
    names: dict[str, list[int | None]] = field(default_factory=dict)
    merges: list[dict] = field(default_factory=list)
    region: Mapping = field(default_factory=dict)
    full_keys: set[str] = field(default_factory=set)

    def years(self) -> list[int]:
        """Years with a counted report, ascending."""
        return sorted(self.primary)

    def gaps(self) -> list[int]:
        """Years missing between the first and the last counted report."""
        years = self.years()
        return [y for y in range(years[0], years[-1] + 1) if y not in self.primary] if years else []

    def previous(self, year: int) -> Filing | None:
        """The counted report of the year before, if there is one (no bridging of gaps)."""
        return self.primary.get(year - 1)

    def report_ids(self) -> list[str]:
        """Every filing of the unit: counted, versions and undated."""
        versions = [entry["report_id"] for entries in self.versions.values() for entry in entries]
        return [f.report_id for f in self.primary.values()] + versions + [f.report_id for f in self.undated]

    def display_name(self) -> str:
        """The name the unit used most recently."""
        dated = [(max((y for y in years if y is not None), default=-1), name) for name, years in self.names.items()]
        return max(dated)[1] if dated else self.unit_id


def narrative_summary(parse: Mapping) -> dict:
    """Length and digest of the narrative: what ranking and duplicate detection need of the text."""
    if "_narrative" in parse:
        return parse["_narrative"]
    sections = parse.get("sections") or {}
    texts = [sections.get(key) or "" for key in NARRATIVE_KEYS]
    digest = hashlib.blake2b("\x1f".join(texts).encode(), digest_size=8).hexdigest()
    return {"chars": sum(map(len, texts)), "digest": digest}


def _text_length(filing: Filing) -> int:
    return narrative_summary(filing.parse)["chars"]


def _rank(filing: Filing) -> tuple:
    """Higher is preferred as the year's counted report."""
    return filing.parse.get("format") is not None, filing.parse.get("published_on") or "", _text_length(filing)


def _same_text(a: Filing, b: Filing) -> bool:
    return narrative_summary(a.parse)["digest"] == narrative_summary(b.parse)["digest"] and \
        a.parse.get("requests") == b.parse.get("requests")


def _add_dated(unit: Unit, filing: Filing, year: int) -> None:
    current = unit.primary.get(year)
    if current is None:
        unit.primary[year] = filing
        return
    # Ties (a duplicate at a second URL) go to the smaller id, whatever the order of arrival.
    keep = max(sorted((filing, current), key=lambda f: f.report_id), key=_rank)
    other = current if keep is filing else filing
    unit.primary[year] = keep
    kind = "duplicate" if _same_text(keep, other) else "version"
    entries = [e for e in unit.versions.get(year, []) if e["report_id"] != keep.report_id]
    entries.append({"report_id": other.report_id, "url": other.url, "kind": kind, "counted": keep.report_id})
    unit.versions[year] = entries


def _merge_note(filing: Filing, steps: tuple[Step, ...], how: str) -> dict:
    return {"report_id": filing.report_id, "name": filing.parse.get("agency"), "year": filing.year,
            "how": how, "steps": [s.to_dict() for s in steps if s.rule != "clean"]}


def group_units(filings: Iterable[Filing], aliases: AliasTable | None = None,
                keys: Mapping[str, UnitKey | None] | None = None,
                owners: Mapping[str, set[str]] | None = None) -> tuple[dict[str, Unit], list[dict]]:
    """Units by id, and the filings left out (no agency name) with the reason.

    `keys` caches unit_key by report id; `owners` (full name key -> coded unit ids) is the
    archive-wide index when only some units are being regrouped. Filings are taken in id
    order, so the result does not depend on the order they came in.
    """
    units: dict[str, Unit] = {}
    skipped: list[dict] = []
    pending: list[tuple[Filing, UnitKey]] = []
    for filing in sorted(filings, key=lambda f: f.report_id):
        key = keys[filing.report_id] if keys is not None and filing.report_id in keys else \
            unit_key(filing.parse.get("agency"), filing.parse.get("region"), aliases)
        if key is None:
            skipped.append({"report_id": filing.report_id, "reason": "no agency name: the report belongs to no unit"})
        elif key.code == UNKNOWN_REGION:
            pending.append((filing, key))
        else:
            _place(units, key.unit_id, filing, key, "rules")
    by_full = _full_name_index(units) if owners is None else \
        {full: next(iter(ids)) for full, ids in owners.items() if len(ids) == 1}
    for filing, key in pending:
        target = by_full.get(key.full_key)
        if target:  # the region was not resolved this time: the same full name under one coded unit
            _place(units, target, filing, key, "same full name; region not resolved in this report")
        else:
            _place(units, key.unit_id, filing, key, "rules")
    return units, skipped


def _full_name_index(units: dict[str, Unit]) -> dict[str, str]:
    """Full (unstripped) name keys that belong to exactly one coded unit."""
    owners: dict[str, set[str]] = {}
    for unit in units.values():
        for full in unit.full_keys:
            owners.setdefault(full, set()).add(unit.unit_id)
    return {full: next(iter(ids)) for full, ids in owners.items() if len(ids) == 1}


def _place(units: dict[str, Unit], unit_id: str, filing: Filing, key: UnitKey, how: str) -> None:
    unit = units.setdefault(unit_id, Unit(unit_id))
    region = filing.parse.get("region") or {}
    if region.get("code") and not unit.region:
        unit.region = dict(region)
    if key.code != UNKNOWN_REGION:
        unit.full_keys.add(key.full_key)
    name = filing.parse.get("agency") or ""
    if name not in unit.names or how != "rules":  # one note per printed name: how it became the name key
        unit.merges.append(_merge_note(filing, key.steps, how))
    unit.names.setdefault(name, []).append(filing.year)
    if filing.year is None:
        unit.undated.append(filing)
    else:
        _add_dated(unit, filing, filing.year)
