"""The name lookup a search uses: gazetteer places plus the agencies of the live index.

analyzers.names builds the lookup (pinyin, initials, near spellings); the agency names
come from the index itself (one terms aggregation: 3-17 ms on the 1,677 reports of the
relevance corpus, where reading every stored summary took 0.42 s). Building the lookup
takes 0.6-1 s after the first (3-4 s, the gazetteer's pinyin tables loading), so it is
cached per backend and rebuilt when the index changed size, at most once a minute while
documents keep arriving.
"""

from __future__ import annotations

import threading
import time
import weakref
from typing import Any

from indexer.search.understand import NameLookup

MAX_AGENCIES = 20_000  # distinct agency names read from the index (bounded memory)
REFRESH_SECONDS = 60.0
_LOCK = threading.Lock()
# backend -> (document count, built at, lookup); an entry goes with its backend
_CACHE: "weakref.WeakKeyDictionary[Any, tuple[int, float, NameLookup]]" = weakref.WeakKeyDictionary()


def agency_names(backend: Any) -> list[str]:
    """The distinct agency names of the live index (one terms aggregation, at most MAX_AGENCIES)."""
    return [name for name in backend.distinct_values("agency", MAX_AGENCIES) if name.strip()]


def names_for(backend: Any) -> NameLookup:
    """The lookup for a backend, rebuilt when its document count changed (at most once a minute)."""
    from analyzers.names import build_name_index  # pypinyin and the name tables load on first use

    count = backend.count()
    with _LOCK:
        kept = _CACHE.get(backend)
        if kept is not None and (kept[0] == count or time.monotonic() - kept[1] < REFRESH_SECONDS):
            return kept[2]
        lookup = build_name_index(agency_names(backend))
        _CACHE[backend] = (count, time.monotonic(), lookup)
    return lookup
