"""Thin views: parse the URL into a request object, call a service, render."""

from __future__ import annotations

import time
from dataclasses import replace

from flask import request

from indexer.search.facets import FACETS
from indexer.search.fields import NUMERIC_FIELDS
from indexer.search.model import SearchRequest, SearchResult
from portal import services
from portal.extensions import resources
from portal.search.params import Vocabulary, parse_search_args, query_string

# The sidebar asks for more values than it shows at first; the rest sit behind "显示更多".
FACET_FETCH_FACTOR = 2
# Identical searches within this many seconds share one engine call (per worker).
CACHE_SECONDS = 60


def vocabulary() -> Vocabulary:
    """What URLs of this app may name, from the declared facets, fields and settings."""
    settings = resources().settings
    return Vocabulary(
        facets=tuple(f.name for f in FACETS),
        numeric_fields=tuple(NUMERIC_FIELDS),
        page_size=settings.page_size,
        facet_size=settings.facet_size * FACET_FETCH_FACTOR,
        result_window=settings.result_window,
    )


def search_request(facets: bool = True) -> SearchRequest:
    """The current URL's search as a frozen SearchRequest (raises InvalidRequest)."""
    return parse_search_args(request.args.items(multi=True), vocabulary(), facets_wanted=facets)


def run_search(req: SearchRequest) -> SearchResult:
    """services.search through a short per-worker cache keyed by the request and index size.

    Facet counts depend on the search, not on its page or order: they are kept apart, so
    paging through a search or sorting it again asks the engine for hits only.
    """
    backend = resources().backend()
    stamp = (backend.count(), int(time.time() // CACHE_SECONDS))
    key = ("search", query_string(req), req.page_size, req.facets, req.facet_size, req.highlight, *stamp)
    return resources().cached(key, lambda: _search_sharing_facets(backend, req, stamp))


def _search_sharing_facets(backend: object, req: SearchRequest, stamp: tuple) -> SearchResult:
    """One page of hits; its facet counts from an earlier page or order of the same search if kept."""
    names = _names() if req.query else None
    if req.facets == ():
        return services.search(backend, req, names)
    key = ("facets", req.query, tuple(sorted(req.filters.items())), req.all_of, req.ranges, req.include_superseded,
           req.facets, req.facet_size, *stamp)
    kept = resources().facet_counts(key)
    if kept is None:
        result = services.search(backend, req, names)
        resources().keep_facet_counts(key, result.facets)
        return result
    return replace(services.search(backend, replace(req, facets=()), names), request=req, facets=kept)


def _names() -> object:
    """The app's place and agency names (portal.search.suggest), for pinyin and did-you-mean."""
    from flask import current_app

    from portal.search.suggest import name_index

    return name_index(current_app)
