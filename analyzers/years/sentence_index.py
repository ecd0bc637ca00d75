"""Which units' reports of one year hold a sentence: the index behind the cross-unit copy share."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from analyzers.years.copies import Fingerprint, share, spans

MIN_RUN = 3  # consecutive sentences shared with one unit before they count as a copied passage
SHARED_SHARE = 0.05  # measured: planted passages >= 0.079 of a narrative, chance runs rarely above 0
COMMON_UNITS = 5  # a sentence in this many units' reports of a year is common wording, not a copy


class SentenceIndex:
    """Masked sentence key -> the units whose counted report of one year holds it."""

    def __init__(self, common_units: int = COMMON_UNITS) -> None:
        self.common_units = common_units
        # A list while a key has few holders (order kept, small), a set once it is common.
        self._holders: dict[int, dict[int, list[str] | set[str]]] = {}

    def add(self, year: int, unit_id: str, keys: Iterable[int]) -> None:
        """Record a unit's counted report of `year` (each key once)."""
        table = self._holders.setdefault(year, {})
        for key in set(keys):
            holders = table.setdefault(key, [])
            if isinstance(holders, set):
                holders.add(unit_id)
            elif len(holders) < self.common_units:
                holders.append(unit_id)
            else:  # common wording: a set keeps removal O(1) among thousands of holders
                table[key] = {*holders, unit_id}

    def remove(self, year: int, unit_id: str, keys: Iterable[int]) -> None:
        """Forget a report that is no longer the unit's counted one for `year`."""
        table = self._holders.get(year, {})
        for key in set(keys):
            holders = table.get(key)
            if holders and unit_id in holders:
                holders.remove(unit_id)
                if not holders:
                    del table[key]

    def holders(self, year: int, key: int) -> list[str] | set[str]:
        """Units holding a key in a year (empty when none)."""
        return self._holders.get(year, {}).get(key, ())

    def neighbours(self, year: int, keys: Iterable[int]) -> set[str]:
        """Units whose cross-unit result can change when a report with these keys comes or goes."""
        found: set[str] = set()
        for key in set(keys):
            holders = self.holders(year, key)
            if len(holders) <= self.common_units:
                found.update(holders)
        return found

    def compare(self, year: int, unit_id: str, fp: Fingerprint) -> dict:
        """Share of a report's narrative found in other units' reports of the same year.

        Only runs of at least MIN_RUN consecutive sentences held by one same other unit count:
        a copied passage comes in runs, while a stock phrase shared by chance stands alone.
        Sentences in COMMON_UNITS units or more are common wording, measured apart.
        """
        distinct, common = [], []
        for key in fp.keys:
            held = self.holders(year, key)
            # Checked on the size first: listing thousands of holders per sentence would be quadratic.
            holders = [u for u in held if u != unit_id] if len(held) <= self.common_units else held
            is_common = len(holders) + 1 >= self.common_units
            distinct.append(set() if is_common else set(holders))
            common.append(bool(holders) and is_common)
        shared = [False] * len(distinct)
        others: Counter = Counter()
        # Common wording inside a copied passage neither breaks the run nor counts as copied.
        positions = [i for i, is_common in enumerate(common) if not is_common]
        for start, end, source in _runs([distinct[i] for i in positions]):
            for i in positions[start:end]:
                shared[i] = True
                others[source] += fp.lengths[i]
        found = share(fp, shared)
        return {"share": found, "copied": found >= SHARED_SHARE, "spans": spans(shared), "common_share": share(fp, common),
                "sources": [{"unit_id": u, "chars": n} for u, n in others.most_common(3)]}


def _runs(holders: list[set[str]]) -> list[tuple[int, int, str]]:
    """Maximal runs of at least MIN_RUN consecutive sentences sharing one other unit: (start, end, unit)."""
    found = []
    start, current = 0, set()
    for i, units in enumerate([*holders, set()]):
        narrowed = current & units if current else set(units)
        if narrowed and i > start and current:
            current = narrowed
            continue
        if current and i - start >= MIN_RUN:
            found.append((start, i, min(current)))
        start, current = i, set(units)
    return found
