"""Synthetic samples (合成样例) kept out of a real archive's default view.

The portal reads the index through `DefaultView`: a search or scan that names no origin
(facet 数据来源) is narrowed to real reports whenever the index holds any, unless the
setting `portal_samples_in_default_view` says otherwise. A search naming an origin
(`origin=synthetic`, the page /samples) is run as asked. The result keeps the request the
reader made, so pages, chips and URLs show no filter the reader did not choose, and the
数据来源 facet still counts both origins (its own filter does not narrow it).
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import Any, Iterator, Sequence

from indexer.search.fields import ORIGIN_REAL, ORIGIN_SAMPLE
from indexer.search.model import SearchRequest, SearchResult

ORIGIN_FACET = "origin"
# What the API description says of the origin parameter (portal.api.openapi)
FACET_NOTES = {ORIGIN_FACET: "；不指定时，只要收录了真实报告（archive），就不含合成样例（synthetic），"
                             "除非设置 portal_samples_in_default_view；origin=synthetic 单独检索合成样例"}
# An OpenSearch count is a round trip: the index size is looked at again after this long.
RECHECK_SECONDS = 5.0


def names_origin(req: SearchRequest) -> bool:
    """Whether a request chooses an origin itself."""
    return bool(req.filters.get(ORIGIN_FACET))


def real_only(req: SearchRequest) -> SearchRequest:
    """The same request narrowed to real reports."""
    return replace(req, filters={**req.filters, ORIGIN_FACET: (ORIGIN_REAL,)})


def samples_only(req: SearchRequest) -> SearchRequest:
    """The same request narrowed to synthetic samples (the page /samples)."""
    return replace(req, filters={**req.filters, ORIGIN_FACET: (ORIGIN_SAMPLE,)})


def as_asked(result: SearchResult, asked: SearchRequest) -> SearchResult:
    """A result of a narrowed request reported against the request the reader made."""
    facets = dict(result.facets)
    origin = facets.get(ORIGIN_FACET)
    if origin is not None:
        chosen = set(asked.filters.get(ORIGIN_FACET, ()))
        facets[ORIGIN_FACET] = replace(origin, values=tuple(replace(v, selected=v.value in chosen) for v in origin.values))
    return replace(result, request=asked, facets=facets)


class DefaultView:
    """A backend seen as the portal shows it: samples left out unless asked for.

    Every method but `search` and `scan` is the wrapped backend's own.
    """

    def __init__(self, backend: Any, samples_in_default_view: bool):
        self.backend = backend
        self.samples_in_default_view = samples_in_default_view
        self._lock = threading.Lock()
        self._real: tuple[int, bool] | None = None  # (index size, holds real reports)
        self._checked = 0.0  # time.monotonic() of the last look at the index size

    def __getattr__(self, name: str) -> Any:
        """Everything else (get, count, ping, close, client …) is the wrapped backend's."""
        return getattr(self.backend, name)

    def holds_real_reports(self) -> bool:
        """Whether the index holds any real report (asked again once its size changed, at most every few seconds)."""
        now = time.monotonic()
        with self._lock:
            known, checked = self._real, self._checked
        if known is not None and now - checked < RECHECK_SECONDS:
            return known[1]
        size = self.backend.count()
        if known is None or known[0] != size:
            probe = SearchRequest(filters={ORIGIN_FACET: (ORIGIN_REAL,)}, page_size=1, facets=(), highlight=False)
            known = (size, self.backend.search(probe).total > 0)
        with self._lock:
            self._real, self._checked = known, now
        return known[1]

    def excludes_samples(self, req: SearchRequest) -> bool:
        """Whether this request is narrowed to real reports."""
        return not (self.samples_in_default_view or names_origin(req)) and self.holds_real_reports()

    def search(self, request: SearchRequest, names: Any = None) -> SearchResult:
        """One page of results; a request naming no origin sees real reports only (see module)."""
        if not self.excludes_samples(request):
            return self.backend.search(request, names)
        return as_asked(self.backend.search(real_only(request), names), request)

    def scan(self, request: SearchRequest, fields: Sequence[str] | None = None) -> Iterator[dict]:
        """Every matching document, narrowed like `search` (exports, stats, region figures)."""
        narrowed = real_only(request) if self.excludes_samples(request) else request
        return self.backend.scan(narrowed) if fields is None else self.backend.scan(narrowed, fields=fields)


def view_key(backend: Any, req: SearchRequest) -> str:
    """'real' when the portal's view narrows this request to real reports, else 'all' (for cache keys)."""
    return "real" if isinstance(backend, DefaultView) and backend.excludes_samples(req) else "all"
