"""Value objects at the search boundary: what the portal asks and what an engine answers.

Both engines take a SearchRequest and return a SearchResult; nothing engine-specific
crosses this line. All objects are frozen so they can be cached and compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from indexer.search.fields import NUMERIC_FIELDS, SORT_FIELDS

SORTS = ("relevance", "year_desc", "year_asc", "new_requests_desc", "added_desc", "repeat_share_desc")
# Besides SORTS, any numeric field sorts as `<field>_desc` or `<field>_asc` (sort_spec).
SORT_DIRECTIONS = ("desc", "asc")


@dataclass(frozen=True)
class RangeFilter:
    """Inclusive numeric bounds on one numeric field (a table cell or a derived total)."""

    field: str
    gte: float | None = None
    lte: float | None = None


@dataclass(frozen=True)
class SearchRequest:
    """One search: query text in the documented grammar, filters, sort and page."""

    query: str = ""
    # facet name -> selected values; OR within one facet (AND for facets in all_of), AND across facets
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ranges: tuple[RangeFilter, ...] = ()
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    # facet names to count; None means every facet counted by default (Facet.by_default), () means none
    facets: tuple[str, ...] | None = None
    facet_size: int = 10
    highlight: bool = True
    # superseded versions of a report stay out of results unless asked for
    include_superseded: bool = False
    # only reports with every word: no corrected query, no partial matches (feeds, alerts, exports)
    strict: bool = False
    # facets whose selected values must all match (the URL's all=<facet>), not any one of them
    all_of: tuple[str, ...] = ()
    # numeric fields each hit's document also carries (table view columns); none by default
    fields: tuple[str, ...] = ()
    # how the portal lists hits (cards | table) and the numeric columns picked for its table
    # and exports (the URL's view= and cols=); engines ignore both
    view: str = "cards"
    columns: tuple[str, ...] = ()

    @property
    def offset(self) -> int:
        """Index of the first hit of this page."""
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Hit:
    """One matching report: its id, score, stored summary fields and highlighted snippets."""

    id: str
    score: float
    document: Mapping[str, Any]
    # field -> snippets; text is HTML-escaped except the <mark>…</mark> around matches
    highlights: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # in a partial result (no report has every word): the query words this report lacks
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet with the number of reports having it."""

    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class FacetResult:
    """Counts of one facet; `truncated` says more values exist than were returned."""

    name: str
    values: tuple[FacetValue, ...]
    truncated: bool = False


@dataclass(frozen=True)
class QueryNotes:
    """What the search made of the query, for the page to tell the reader."""

    # (word, other forms also searched, kind: synonym | pinyin)
    expansions: tuple[tuple[str, tuple[str, ...], str], ...] = ()
    years: tuple[int, ...] = ()  # years the ranking prefers
    corrected_query: str | None = None  # the query run instead, when the typed one found nothing
    suggestions: tuple[tuple[str, str], ...] = ()  # (typed word, nearest known name)
    partial: bool = False  # no report has every word: these are the best partial matches
    words: tuple[str, ...] = ()  # the required words of the query that was run
    unsearchable: bool = False  # query text without one searchable character (only punctuation, emoji)


@dataclass(frozen=True)
class SearchResult:
    """What an engine answers: total matches, one page of hits, facet counts."""

    request: SearchRequest
    total: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, FacetResult] = field(default_factory=dict)
    took_ms: float = 0.0
    notes: QueryNotes = field(default_factory=QueryNotes)


def numeric_sort(sort: str) -> tuple[str, str] | None:
    """(field, direction) of a sort `<numeric field>_desc|_asc`, else None."""
    name, _, direction = sort.rpartition("_")
    return (name, direction) if direction in SORT_DIRECTIONS and name in NUMERIC_FIELDS else None


def sort_spec(sort: str) -> tuple[str, str] | None:
    """(index field, asc|desc) an engine orders by; None for relevance or an unknown sort.

    The named sorts of SORT_FIELDS come first (their keys are never missing); any other
    numeric field orders reports lacking it last in both directions, on both engines.
    """
    if sort == "relevance":
        return None
    return SORT_FIELDS.get(sort) or numeric_sort(sort)


def is_sort(sort: str) -> bool:
    """True for relevance, a named sort or a numeric field's sort."""
    return sort in SORTS or numeric_sort(sort) is not None
