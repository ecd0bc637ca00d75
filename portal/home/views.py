"""The home (the search page's empty state) and the synthetic samples' own place."""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from indexer.search.fields import ORIGIN_SAMPLE
from indexer.search.model import SearchRequest
from portal import services
from portal.extensions import resources
from portal.filters import endpoint_url, search_url
from portal.home.model import HomePage, home_page, newest_request, samples_request, ways_in_request
from portal.search.presenters import qs

bp = Blueprint("home", __name__)
CACHE_SECONDS = 60  # as portal.search.runner's search cache


def render_home() -> ResponseReturnValue:
    """The first visit: what this is, the search box, ways in by region and year, newest real reports."""
    backend = resources().backend()
    hrefs = {"regions": endpoint_url("regions.show"), "search": endpoint_url("search.index")}
    # every first visit asks the same two searches: kept a minute per index size, as searches are
    key = ("home", backend.count(), int(time.time() // CACHE_SECONDS), tuple(hrefs.values()))
    page = resources().cached(key, lambda: _home_page(backend, hrefs))
    return render_template("home/home.html", page=page, samples_url=endpoint_url("home.samples"),
                           browse_all=search_url("page=1"))


def _home_page(backend: Any, hrefs: dict[str, str]) -> HomePage:
    """The home's page model from its two searches."""
    ways_in = services.search(backend, ways_in_request())
    newest = services.search(backend, newest_request(resources().settings.portal_home_newest))
    hidden = backend.excludes_samples(ways_in.request)  # portal.samples.DefaultView
    return home_page(ways_in, newest, hrefs, hidden)


@bp.get("/samples")
def samples() -> ResponseReturnValue:
    """The synthetic samples' own page: what they are, how many, the newest, and their search and stats."""
    result = services.search(resources().backend(), samples_request(resources().settings.portal_home_newest))
    query = qs(SearchRequest(filters={"origin": (ORIGIN_SAMPLE,)}))
    return render_template("home/samples.html", result=result, search=search_url(query),
                           stats=search_url(query, "stats.show"))
