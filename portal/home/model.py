"""The home page model: counts for the ways in and the newest real reports, from two searches.

The home is the search page's empty state (`/` with no parameter at all); every link on
it is an ordinary search or region URL, so search URLs stay what they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import quote

from indexer.search.fields import ORIGIN_REAL, ORIGIN_SAMPLE
from indexer.search.model import FacetResult, Hit, SearchRequest, SearchResult
from portal.search.presenters import qs

HOME_FACETS = ("province", "year", "origin")
PROVINCES_SHOWN = 40  # every province, autonomous region and municipality fits
YEARS_SHOWN = 30


@dataclass(frozen=True)
class EntryPoint:
    """One way in: a label, how many reports lie behind it, and where it leads."""

    label: str
    count: int
    href: str


@dataclass(frozen=True)
class HomePage:
    """What the home shows: totals, provinces, years, newest real reports, the samples' place."""

    total: int  # reports in the default view (the real ones, when the archive holds any)
    real: int
    samples: int
    samples_hidden: bool  # samples are left out of the default view
    provinces: tuple[EntryPoint, ...]
    years: tuple[EntryPoint, ...]
    newest: tuple[Hit, ...]


def ways_in_request() -> SearchRequest:
    """Counts of provinces, years and origins over the default view (no hits needed)."""
    return SearchRequest(page_size=1, facets=HOME_FACETS, facet_size=max(PROVINCES_SHOWN, YEARS_SHOWN),
                         highlight=False)


def newest_request(size: int) -> SearchRequest:
    """The most recently archived real reports."""
    return SearchRequest(filters={"origin": (ORIGIN_REAL,)}, sort="added_desc", page_size=size, facets=(),
                         highlight=False)


def samples_request(size: int) -> SearchRequest:
    """The most recently archived synthetic samples, with their count."""
    return SearchRequest(filters={"origin": (ORIGIN_SAMPLE,)}, sort="added_desc", page_size=size, facets=(),
                         highlight=False)


def region_href(prefix: str, name: str) -> str:
    """The region page of a province (prefix: the URL of /regions/)."""
    return prefix + quote(name, safe="")


def year_href(prefix: str, year: str) -> str:
    """The search for one year's reports (prefix: the URL of the search page)."""
    return f"{prefix}?{qs(SearchRequest(filters={'year': (year,)}))}"


def _counts(facet: FacetResult | None) -> Mapping[str, int]:
    """Value -> count of one facet (empty when the engine returned none)."""
    return {v.value: v.count for v in facet.values} if facet else {}


def home_page(ways_in: SearchResult, newest: SearchResult, hrefs: Mapping[str, str], samples_hidden: bool) -> HomePage:
    """The page model from the two searches; hrefs holds the 'regions' and 'search' URL prefixes."""
    origins = _counts(ways_in.facets.get("origin"))
    provinces = _counts(ways_in.facets.get("province"))
    years = _counts(ways_in.facets.get("year"))
    return HomePage(
        total=ways_in.total,
        real=origins.get(ORIGIN_REAL, 0),
        samples=origins.get(ORIGIN_SAMPLE, 0),
        samples_hidden=samples_hidden,
        provinces=tuple(EntryPoint(name, count, region_href(hrefs["regions"], name))
                        for name, count in sorted(provinces.items(), key=lambda p: (-p[1], p[0]))[:PROVINCES_SHOWN]),
        years=tuple(EntryPoint(f"{year} 年度", count, year_href(hrefs["search"], year))
                    for year, count in sorted(years.items(), reverse=True)[:YEARS_SHOWN]),
        newest=newest.hits,
    )


def is_first_visit(args: Mapping[str, Any]) -> bool:
    """Whether a request to / names nothing at all: no query (not even an empty one), no filter, no page."""
    return not args
