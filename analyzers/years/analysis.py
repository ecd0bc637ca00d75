"""The analyses across reports, kept up to date batch by batch.

`YearsAnalysis.add(batch)` keys and fingerprints the new filings, rebuilds only the units
the batch touches (book.UnitBook), and recomputes results only for the reports a change
can touch: a unit-year whose counted report changed, that unit's next year (its
carry-over and copy-from-previous depend on it), and the reports of the same year sharing
a not-yet-common sentence with it. Nothing else is redone. A report id taken in again (a
re-parse) replaces its earlier parse everywhere.
"""

from __future__ import annotations

import datetime
from typing import Iterable, Mapping

from analyzers.years import copies
from analyzers.years.crossyear import cross_year_checks
from analyzers.years.missing import missing_reports
from analyzers.years.sentence_index import COMMON_UNITS, SentenceIndex
from analyzers.years.book import UnitBook
from analyzers.years.series import Filing, Unit, narrative_summary
from analyzers.years.timeliness import timeliness
from analyzers.years.units import AliasTable, unit_key

SLIM_DROP = ("sections", "checks", "issue_keywords", "warnings")


def slim(parse: Mapping) -> dict:
    """The parse without its text (kept: metadata, tables, the narrative's length and digest), to hold 100k reports."""
    kept = {key: value for key, value in parse.items() if key not in SLIM_DROP}
    kept["_narrative"] = narrative_summary(parse)
    return kept


class YearsAnalysis:
    """Units, counted reports, the sentence index and per-report results, updated per batch."""

    def __init__(self, aliases: AliasTable | None = None, common_units: int = COMMON_UNITS) -> None:
        self.aliases = aliases
        self.book = UnitBook()
        self.prints: dict[str, copies.Fingerprint] = {}
        self.slots: dict[tuple[str, int], str] = {}
        self.unit_of: dict[str, str] = {}
        self.index = SentenceIndex(common_units)
        self.results: dict[str, dict] = {}

    @property
    def units(self) -> dict[str, Unit]:
        """Units by id."""
        return self.book.units

    @property
    def filings(self) -> dict[str, Filing]:
        """Every filing taken in (text dropped), by report id."""
        return self.book.filings

    @property
    def skipped(self) -> list[dict]:
        """Filings that belong to no unit, with the reason."""
        return self.book.skipped

    def add(self, batch: Iterable[Filing], prints: Mapping[str, copies.Fingerprint] | None = None) -> set[str]:
        """Take in a batch of filings (`prints`: fingerprints made already, by report id); return
        the ids of the reports whose results were (re)computed."""
        keyed, retracted, prints = [], {}, prints or {}
        for filing in batch:
            retracted.update(self._retract(filing.report_id))
            self.prints[filing.report_id] = prints.get(filing.report_id) or copies.fingerprint(filing.parse)
            key = unit_key(filing.parse.get("agency"), filing.parse.get("region"), self.aliases)
            keyed.append((Filing(filing.report_id, slim(filing.parse), filing.url), key))
        old_units = self.book.add(keyed)
        changed, moved = self._update_slots(old_units)
        for slot, report_id in retracted.items():
            old, new = changed.get(slot, (report_id, self.slots.get(slot)))
            if old == report_id:  # its old sentences already left the index: only the new state goes in
                changed[slot] = (None, new)
        affected = self._reindex(changed, moved) | {filing.report_id for filing, _ in keyed}
        for unit_id, year in changed:  # the versions of a year whose counted report changed
            unit = self.units.get(unit_id)
            affected.update(e["report_id"] for e in (unit.versions.get(year, []) if unit else []))
        for report_id in affected:
            self.results[report_id] = self._result(report_id)
        return affected

    def _retract(self, report_id: str) -> dict[tuple[str, int], str]:
        """A report taken in again (re-parsed) leaves the sentence index with its old sentences."""
        unit_id, filing = self.unit_of.get(report_id), self.filings.get(report_id)
        slot = (unit_id, filing.year) if unit_id and filing and filing.year is not None else None
        if slot is None or self.slots.get(slot) != report_id:
            return {}
        self.index.remove(slot[1], unit_id, self.prints[report_id].keys)
        return {slot: report_id}

    def _update_slots(self, old_units: Mapping[str, Unit | None]) -> tuple[dict[tuple[str, int], tuple], set[str]]:
        """Replace the slots and unit_of entries of rebuilt units; the changed slots and moved reports."""
        old_slots = {(uid, y): f.report_id for uid, u in old_units.items() if u for y, f in u.primary.items()}
        new_slots = {(uid, y): f.report_id for uid in old_units if uid in self.units
                     for y, f in self.units[uid].primary.items()}
        moved = set()
        for slot in old_slots:
            del self.slots[slot]
        self.slots.update(new_slots)
        for uid in old_units:
            for report_id in (self.units[uid].report_ids() if uid in self.units else ()):
                if self.unit_of.get(report_id, uid) != uid:
                    moved.add(report_id)
                self.unit_of[report_id] = uid
        changed = {s: (old_slots.get(s), new_slots.get(s)) for s in old_slots.keys() | new_slots.keys()
                   if old_slots.get(s) != new_slots.get(s)}
        return changed, moved

    def _reindex(self, changed: Mapping[tuple[str, int], tuple], moved: set[str]) -> set[str]:
        """Move changed slots in the sentence index; collect the reports a change can touch."""
        affected: set[str] = set(moved)
        for (unit_id, year), (old, new) in changed.items():
            for report_id in (old, new):
                if report_id is not None:
                    affected.add(report_id)
                    affected.update(self._slot_reports(self.index.neighbours(year, self.prints[report_id].keys), year))
            if old is not None:
                self.index.remove(year, unit_id, self.prints[old].keys)
            if new is not None:
                self.index.add(year, unit_id, self.prints[new].keys)
                affected.update(self._slot_reports(self.index.neighbours(year, self.prints[new].keys), year))
            if (unit_id, year + 1) in self.slots:
                affected.add(self.slots[(unit_id, year + 1)])
        return {r for r in affected if r in self.filings}

    def _slot_reports(self, unit_ids: Iterable[str], year: int) -> set[str]:
        return {self.slots[(u, year)] for u in unit_ids if (u, year) in self.slots}

    def _result(self, report_id: str) -> dict:
        filing = self.filings[report_id]
        unit_id = self.unit_of.get(report_id)
        year = filing.year
        base = {"report_id": report_id, "unit_id": unit_id, "year": year, "timeliness": timeliness(filing.parse)}
        if unit_id is None:
            return {**base, "counted": False, "why": "no agency name: belongs to no unit"}
        if year is None:
            return {**base, "counted": False, "why": "no year: takes part in no chain"}
        counted = self.slots.get((unit_id, year))
        if counted != report_id:
            return {**base, "counted": False, "why": f"another report ({counted}) is counted for {year}"}
        return {**base, "counted": True, **self._against_previous(filing, unit_id, year),
                "copied_from_others": self._others(unit_id, year, report_id)}

    def _against_previous(self, filing: Filing, unit_id: str, year: int) -> dict:
        previous_id = self.slots.get((unit_id, year - 1))
        if previous_id is None:
            note = "no report of the year before: nothing to compare"
            return {"previous_report_id": None, "cross_year_checks": [], "copied_from_previous": None,
                    "unchanged_tables": [], "note": note}
        previous = self.filings[previous_id]
        return {
            "previous_report_id": previous_id,
            "cross_year_checks": cross_year_checks(filing.parse, previous.parse, previous_id),
            "copied_from_previous": copies.compare_previous(self.prints[filing.report_id], self.prints[previous_id]),
            "unchanged_tables": copies.unchanged_tables(filing.parse, previous.parse),
        }

    def _others(self, unit_id: str, year: int, report_id: str) -> dict:
        found = self.index.compare(year, unit_id, self.prints[report_id])
        for source in found["sources"]:
            source["report_id"] = self.slots.get((source["unit_id"], year))
        return found

    def missing(self, reference: datetime.date) -> list[dict]:
        """Units that reported for Y−1 and not for Y, Y's deadline before `reference`."""
        return missing_reports(self.units.values(), reference)

