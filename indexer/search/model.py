"""Value objects at the search boundary: what the portal asks and what an engine answers.

Both engines take a SearchRequest and return a SearchResult; nothing engine-specific
crosses this line. All objects are frozen so they can be cached and compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

SORTS = ("relevance", "year_desc", "year_asc", "new_requests_desc", "added_desc", "repeat_share_desc")


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
    # facet name -> selected values; OR within one facet, AND across facets
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
