"""The name lookup a search uses: gazetteer places plus the agencies of the live index.

analyzers.names builds the lookup (pinyin, initials, near spellings); the agency names
come from the index itself, read once per index size and cached, so pinyin and
did-you-mean know every reporting body that has reports.
"""

from __future__ import annotations

import threading
from typing import Any

from indexer.search.model import SearchRequest
from indexer.search.understand import NameLookup

MAX_AGENCIES = 20_000  # distinct agency names read from the index (bounded memory)
_LOCK = threading.Lock()
_CACHE: dict[tuple[int, int], NameLookup] = {}


def agency_names(backend: Any) -> list[str]:
    """The distinct agency names of the live index (streamed, bounded by MAX_AGENCIES)."""
    names: dict[str, None] = {}
    for row in backend.scan(SearchRequest(facets=(), highlight=False), fields=("agency",)):
        if row.get("agency"):
            names[row["agency"]] = None
            if len(names) >= MAX_AGENCIES:
                break
    return list(names)


def names_for(backend: Any) -> NameLookup:
    """The lookup for a backend, rebuilt when its document count changes."""
    from analyzers.names import build_name_index  # pypinyin and the name tables load on first use

    key = (id(backend), backend.count())
    with _LOCK:
        lookup = _CACHE.get(key)
        if lookup is None:
            _CACHE.clear()  # one live index per process: keep only the newest lookup
            lookup = _CACHE[key] = build_name_index(agency_names(backend))
    return lookup
