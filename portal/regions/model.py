"""Region paths (/regions/省/市/县/镇) as value objects, and their child listings."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.search.model import SearchRequest, SearchResult
from portal.labels import REGION_LEVELS
from portal.search.presenters import qs

LEVELS = tuple(level for level, _label in REGION_LEVELS)


@dataclass(frozen=True)
class Place:
    """A region path: the names from province down, and the level below it."""

    names: tuple[str, ...]

    @property
    def filters(self) -> dict[str, tuple[str, ...]]:
        """Facet filters selecting the reports of this region."""
        return {LEVELS[i]: (name,) for i, name in enumerate(self.names)}

    @property
    def child_level(self) -> str | None:
        """The facet of the level below (None at town level)."""
        return LEVELS[len(self.names)] if len(self.names) < len(LEVELS) else None

    @property
    def title(self) -> str:
        """The region's name as readers write it: 山东省聊城市临清市, 重庆市 (not 重庆市重庆市)."""
        return "".join(distinct_levels(self.names)) or "全国"

    def crumbs(self) -> list[tuple[str, str]]:
        """Breadcrumb (name, path) pairs from the national page down.

        A municipality's city level repeats its province (重庆市 › 重庆市); the two are one
        crumb, linking the deeper page.
        """
        crumbs = [("全国", "")]
        for i, name in enumerate(self.names):
            if i and name == self.names[i - 1]:
                crumbs.pop()
            crumbs.append((name, path_of(self.names[: i + 1])))
        return crumbs

    def search_query(self) -> str:
        """Query string of the search page restricted to this region."""
        return qs(SearchRequest(filters=self.filters))


def distinct_levels(names: tuple[str, ...] | list[str]) -> list[str]:
    """Region names with a level equal to the one above dropped (重庆市, 重庆市 → 重庆市)."""
    return [name for i, name in enumerate(names) if not i or name != names[i - 1]]


def path_of(names: tuple[str, ...]) -> str:
    """The path of a region below /regions/ (url_for percent-encodes it)."""
    return "/".join(names)


def parse_path(path: str) -> Place | None:
    """A Place from a URL path, or None when it is deeper than town level or malformed."""
    names = tuple(part for part in path.split("/") if part)
    if len(names) > len(LEVELS) or any(len(n) > 40 for n in names):
        return None
    return Place(names)


def overview_request(place: Place, page_size: int = 20) -> SearchRequest:
    """Recent reports of a region with the child level counted (up to 500 children)."""
    facets = (place.child_level,) if place.child_level else ()
    return SearchRequest(filters=place.filters, sort="year_desc", page_size=page_size, facets=facets, facet_size=500, highlight=False)


def children(place: Place, overview: SearchResult) -> list[tuple[str, int, str]]:
    """Child regions as (name, report count, path), most reports first."""
    if not place.child_level or place.child_level not in overview.facets:
        return []
    return [(v.value, v.count, path_of(place.names + (v.value,))) for v in overview.facets[place.child_level].values]
