"""The units of an archive kept up to date batch by batch: a batch regroups only the units it touches."""

from __future__ import annotations

from typing import Iterable

from analyzers.years.series import Filing, Unit, group_units
from analyzers.years.units import UNKNOWN_REGION, UnitKey


class UnitBook:
    """Units, built from cached unit keys; `add` rebuilds the touched units only (group_units on them)."""

    def __init__(self) -> None:
        self.units: dict[str, Unit] = {}
        self.skipped: list[dict] = []
        self.filings: dict[str, Filing] = {}
        self.keys: dict[str, UnitKey | None] = {}
        self.members: dict[str, set[str]] = {}  # unit id by the rules (before the full-name fallback) -> reports
        self.full_owners: dict[str, set[str]] = {}  # full name key -> coded unit ids carrying it
        self.home: dict[str, str] = {}  # unit id by the rules -> the unit its reports are in

    def add(self, filings: Iterable[tuple[Filing, UnitKey | None]]) -> dict[str, Unit | None]:
        """Take in keyed filings; return the units rebuilt, removed or created, each with its old state."""
        touched: set[str] = set()
        for filing, key in filings:
            earlier = self.keys.get(filing.report_id)
            if earlier is not None:  # the same report again (re-parsed): it leaves its earlier unit
                self.members[earlier.unit_id].discard(filing.report_id)
                touched.add(earlier.unit_id)
            self.filings[filing.report_id], self.keys[filing.report_id] = filing, key
            if key is None:
                self.skipped.append({"report_id": filing.report_id, "reason": "no agency name: the report belongs to no unit"})
                continue
            self.members.setdefault(key.unit_id, set()).add(filing.report_id)
            touched.add(key.unit_id)
            if key.code != UNKNOWN_REGION:
                owners = self.full_owners.setdefault(key.full_key, set())
                if key.unit_id not in owners:  # who owns this full name changed: its uncoded reports may move
                    owners.add(key.unit_id)
                    touched |= owners | {f"{UNKNOWN_REGION}:{key.full_key}"}
        homes = {self.home.get(raw, raw) for raw in touched} | {self._target(raw) for raw in touched}
        return self._rebuild(homes)

    def _target(self, raw: str) -> str:
        """The unit a rules-level unit's reports belong in (an uncoded name: the one coded owner, if one)."""
        prefix = f"{UNKNOWN_REGION}:"
        if not raw.startswith(prefix):
            return raw
        owners = self.full_owners.get(raw[len(prefix):], set())
        return next(iter(owners)) if len(owners) == 1 else raw

    def _raws_of(self, home: str) -> set[str]:
        """The rules-level units whose reports belong in `home`."""
        raws = {home} if home in self.members else set()
        if not home.startswith(f"{UNKNOWN_REGION}:"):
            fulls = {self.keys[r].full_key for r in self.members.get(home, ())}
            raws |= {f"{UNKNOWN_REGION}:{full}" for full in fulls if self._target(f"{UNKNOWN_REGION}:{full}") == home}
        elif self._target(home) != home:
            raws.discard(home)
        return {raw for raw in raws if raw in self.members}

    def _rebuild(self, homes: set[str]) -> dict[str, Unit | None]:
        old = {home: self.units.pop(home, None) for home in homes}
        raws = set().union(*(self._raws_of(home) for home in homes)) if homes else set()
        subset = [self.filings[r] for raw in raws for r in self.members[raw]]
        rebuilt, _ = group_units(subset, keys=self.keys, owners=self.full_owners)
        for raw in raws:
            self.home[raw] = self._target(raw)
        self.units.update(rebuilt)
        return old
