"""Page models of the search page: facets, chips, sorts and pager with their URLs.

Result lines have their own presenter (portal.search.hits).

Pure functions from a SearchRequest/SearchResult to frozen view objects; every link is a
query string built from the request value object, so all state stays in the URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from analyzers.normalize import normalize

from indexer.search.facets import FACETS, FACETS_BY_NAME
from indexer.search.fields import NUMERIC_FIELDS
from indexer.search.model import SORTS, QueryNotes, SearchRequest, SearchResult, numeric_sort
from indexer.settings import Settings
from portal.search import params as P
from portal.search.hits import figure_fields
from portal.labels import SORT_LABELS, format_label

# Range filters offered in the sidebar (any NUMERIC_FIELDS name also works in the URL).
RANGE_FIELDS: tuple[str, ...] = (
    "t3_new_total",
    "denied_total",
    "review_total",
    "review_corrected",
    "litigation_total",
    "litigation_corrected",
    "failed_check_count",
)
# One-click numeric filters. 不予公开/复议纠正/诉讼纠正 ≥ 1 are not among them: the facet
# 复议与诉讼 already offers each as a flag (indexer.documents.outcome_flags sets has_denied,
# has_review_corrected, has_litigation_corrected from the same totals), one control a concept.
QUICK_RANGES: tuple[tuple[str, str], ...] = (
    ("failed_check_count", "任一项校验未通过"),
)
# Facets whose reports may hold several values at once: only there can a reader require
# every ticked value (all=<facet>); a report has one province or year, so "all" would match nothing.
MULTI_VALUED_FACETS: frozenset[str] = frozenset({"outcomes", "issue_tags", "failed_checks"})
JOIN_WORDS = {False: "或", True: "且"}
VIEW_LABELS = {"cards": "列表", "table": "表格"}
PAGER_SPAN = 3
# Words printed in table 三 or 四 of every report, and the numeric condition meaning "has some"
# (keys normalised, spaces and the filler 被/结果/的/案件 dropped: 行政复议 纠正 = 行政复议被纠正)
TABLE_WORD_FILTERS: dict[str, str] = {
    "行政复议": "复议>=1", "复议": "复议>=1", "行政诉讼": "诉讼>=1", "诉讼": "诉讼>=1",
    "不予公开": "不予公开>=1", "无法提供": "无法提供>=1", "不予处理": "不予处理>=1",
    "复议纠正": "复议纠正>=1", "诉讼纠正": "诉讼纠正>=1",
    "行政复议纠正": "复议纠正>=1", "行政诉讼纠正": "诉讼纠正>=1", "纠正": "复议纠正>=1",
}
TABLE_WORD_FILLER = re.compile(r"[\s被的]|结果|案件|情况")
EXPANSIONS_SHOWN = 4  # other forms named per word (年报 has many)
# Facets the HTML sidebar counts only once the reader narrows to them: agency has a value
# per report and cities, counties and towns hundreds to thousands nationwide, costly to
# count and useless as a list, so they appear when selected or when the level above is
# (a drill-down, as on the region pages).
SIDEBAR_CONDITIONS: dict[str, tuple[str, ...]] = {
    "agency": ("agency",),
    "city": ("province", "city"),
    "county": ("province", "city", "county"),
    "town": ("city", "county", "town"),
    "unit": ("unit",),  # issue 12: a unit's reports over the years, shown once one is picked
}
DEFAULT_PAGE_SIZE: int = Settings.page_size


@dataclass(frozen=True)
class FacetValueView:
    """One facet value as a toggle link."""

    value: str
    label: str
    count: int
    selected: bool
    toggle: str


@dataclass(frozen=True)
class FacetView:
    """One facet box of the sidebar."""

    name: str
    label: str
    values: tuple[FacetValueView, ...]
    truncated: bool
    selected_count: int
    join: str = "或"  # the word between ticked values: 或 (any) or 且 (all)
    # (label, query string, current) of the any/all switch, for facets with several values a report
    switch: tuple[tuple[str, str, bool], ...] = ()


@dataclass(frozen=True)
class Chip:
    """An active filter shown above the results; clicking it removes the filter."""

    kind: str
    label: str
    remove: str
    join: str = ""  # 或 / 且 before the second and later values of one facet


@dataclass(frozen=True)
class RangeInput:
    """One numeric range row of the sidebar form, with its current bounds."""

    field: str
    label: str
    gte: str
    lte: str


@dataclass(frozen=True)
class PageLink:
    """One pager entry: a page number (None for a gap) and its query string."""

    number: int | None
    query: str
    current: bool = False


def qs(req: SearchRequest) -> str:
    """Encoded query string of a request (the registry's default page size left out)."""
    return P.query_string(req, page_size_default=DEFAULT_PAGE_SIZE)


@lru_cache(maxsize=16384)
def value_label(facet: str, value: str) -> str:
    """Chinese label of a facet value."""
    declared = FACETS_BY_NAME.get(facet)
    if facet == "format":
        return format_label(value)
    return declared.value_label(value) if declared else value


def facet_views(result: SearchResult, visible: tuple[str, ...] | None = None) -> list[FacetView]:
    """Facet boxes in declared order, each value linking to the toggled search."""
    views = []
    for name, declared in FACETS_BY_NAME.items():
        facet = result.facets.get(name)
        if facet is None or (visible is not None and name not in visible):
            continue
        toggle = P.facet_toggler(result.request, name, page_size_default=DEFAULT_PAGE_SIZE)
        values = tuple(
            FacetValueView(v.value, value_label(name, v.value), v.count, v.selected, toggle(v.value))
            for v in facet.values
        )
        selected = len(result.request.filters.get(name, ()))
        if values or selected:
            required = name in result.request.all_of
            views.append(FacetView(name, declared.label, values, facet.truncated, selected, JOIN_WORDS[required],
                                   facet_switch(result.request, name) if selected else ()))
    return views


def facet_switch(req: SearchRequest, name: str) -> tuple[tuple[str, str, bool], ...]:
    """The any/all switch of a facet with ticked values: (label, query string, current) pairs."""
    if name not in MULTI_VALUED_FACETS:
        return ()
    required = name in req.all_of
    return (("任一（或）", qs(P.with_all(req, name, False)), not required),
            ("全部（且）", qs(P.with_all(req, name, True)), required))


def sidebar_facets(req: SearchRequest) -> SearchRequest:
    """The request with the facets the HTML sidebar shows."""
    def shown(name: str) -> bool:
        return name not in SIDEBAR_CONDITIONS or any(req.filters.get(n) for n in SIDEBAR_CONDITIONS[name])

    return replace(req, facets=tuple(f.name for f in FACETS if shown(f.name)))


def range_label(rng: Any) -> str:
    """A range filter as words: 不予公开合计 ≥ 1."""
    label = NUMERIC_FIELDS.get(rng.field, rng.field)
    parts = []
    if rng.gte is not None:
        parts.append(f"≥ {P.number_text(rng.gte)}")
    if rng.lte is not None:
        parts.append(f"≤ {P.number_text(rng.lte)}")
    return f"{label} {' 且 '.join(parts)}"


def chips(req: SearchRequest) -> list[Chip]:
    """Removable chips: the query text, each facet value and each range."""
    found = []
    if req.query:
        found.append(Chip("query", f"检索词：{req.query}", qs(P.without_query(req))))
    for name, values in req.filters.items():
        declared = FACETS_BY_NAME.get(name)
        join = JOIN_WORDS[name in req.all_of]
        for position, value in enumerate(values):
            label = f"{declared.label if declared else name}：{value_label(name, value)}"
            found.append(Chip("facet", label, qs(P.toggle_facet(req, name, value)), join if position else ""))
    for rng in req.ranges:
        found.append(Chip("range", range_label(rng), qs(P.without_range(req, rng.field))))
    return found


def range_inputs(req: SearchRequest) -> list[RangeInput]:
    """Rows of the range form: the offered fields plus any other field in the URL."""
    current = {r.field: r for r in req.ranges}
    names = list(RANGE_FIELDS) + [f for f in current if f not in RANGE_FIELDS]
    rows = []
    for name in names:
        rng = current.get(name)
        gte = P.number_text(rng.gte) if rng and rng.gte is not None else ""
        lte = P.number_text(rng.lte) if rng and rng.lte is not None else ""
        rows.append(RangeInput(name, NUMERIC_FIELDS.get(name, name), gte, lte))
    return rows


def quick_ranges(req: SearchRequest) -> list[tuple[str, str, bool]]:
    """One-click outcome filters as (label, query string, active)."""
    links = []
    for field, label in QUICK_RANGES:
        active = any(r.field == field and r.gte == 1 and r.lte is None for r in req.ranges)
        base = P.without_range(req, field)
        target = base if active else P.replace_ranges(base, base.ranges + (P.RangeFilter(field, gte=1),))
        links.append((label, qs(target), active))
    return links


def table_word_hint(req: SearchRequest) -> tuple[str, str, str] | None:
    """For a query that is one word every report's tables print (行政复议, 不予公开 …), the
    numeric filter finding the reports with such cases: (word, condition, query string)."""
    word = req.query.strip()
    condition = TABLE_WORD_FILTERS.get(TABLE_WORD_FILLER.sub("", normalize(word)))
    if condition is None:
        return None
    return word, condition, qs(replace(req, query=condition, page=1))


def sort_links(req: SearchRequest) -> list[tuple[str, str, bool]]:
    """The sort options as (label, query string, current); a numeric field's sort when chosen."""
    offered = [s for s in SORTS if s != "relevance" or req.query]  # relevance needs words
    links = [(SORT_LABELS.get(s, s), qs(P.with_sort(req, s)), s == req.sort) for s in offered]
    if req.sort not in SORTS:
        links.append((sort_label(req.sort), qs(req), True))
    return links


def sort_label(sort: str) -> str:
    """A numeric field's sort in words: 予以公开（总计）（多→少）."""
    spec = numeric_sort(sort)
    if spec is None:
        return SORT_LABELS.get(sort, sort)
    return f"{NUMERIC_FIELDS[spec[0]]}（{'多→少' if spec[1] == 'desc' else '少→多'}）"


def last_page(req: SearchRequest, total: int, window: int) -> int:
    """The deepest page of a result that paging can reach (1 when there is none)."""
    return max(1, min((total + req.page_size - 1) // req.page_size, window // req.page_size))


def pager(req: SearchRequest, total: int, window: int) -> list[PageLink]:
    """Page links around the current page, with first/last and gaps, within the window."""
    last = last_page(req, total, window)
    numbers = sorted({1, last, *range(max(1, req.page - PAGER_SPAN), min(last, req.page + PAGER_SPAN) + 1)})
    links, previous = [], 0
    for n in numbers:
        if n - previous > 1:
            links.append(PageLink(None, ""))
        links.append(PageLink(n, qs(P.with_page(req, n)), n == req.page))
        previous = n
    return links


@dataclass(frozen=True)
class NotesView:
    """What the page says about how the query was read, each part ready to print."""

    expansions: tuple[tuple[str, str], ...]  # (typed word, other forms joined by 、)
    years: str  # "2023" or "2022、2023": the years ranked first
    corrected: tuple[str, str] | None  # (typed query, query shown instead)
    did_you_mean: tuple[dict, ...]  # {"word", "name", "query"} for templates/search/_did_you_mean.html
    partial: str  # the words no report has all of, joined by 、 ("" when not partial)
    unsearchable: bool  # the query held no searchable character (punctuation, emoji)


def notes_view(req: SearchRequest, notes: QueryNotes) -> NotesView:
    """The reader-facing notes of a result (expansions, year, correction, partial matches)."""
    expansions = tuple((word, "、".join(forms[:EXPANSIONS_SHOWN]) + ("等" if len(forms) > EXPANSIONS_SHOWN else ""))
                       for word, forms, _ in notes.expansions)
    did_you_mean = []
    for word, name in notes.suggestions:
        suggested = normalize(req.query).replace(word, name)
        if suggested != notes.corrected_query:  # (the corrected query's results are already shown)
            did_you_mean.append({"word": word, "name": name, "query": suggested})
    return NotesView(
        expansions=expansions,
        years="、".join(map(str, notes.years)),
        corrected=(req.query, notes.corrected_query) if notes.corrected_query else None,
        did_you_mean=tuple(did_you_mean),
        partial="、".join(notes.words) if notes.partial else "",
        unsearchable=notes.unsearchable,
    )


@dataclass(frozen=True)
class SearchPage:
    """Everything the search page template needs, built from one result."""

    request: SearchRequest
    result: SearchResult
    facets: tuple[FacetView, ...]
    chips: tuple[Chip, ...]
    ranges: tuple[RangeInput, ...]
    quick_ranges: tuple[tuple[str, str, bool], ...]
    sorts: tuple[tuple[str, str, bool], ...]
    pages: tuple[PageLink, ...]
    query: str
    # (name, value) pairs that forms carry along as hidden inputs
    keep_for_query: tuple[tuple[str, str], ...]
    keep_for_ranges: tuple[tuple[str, str], ...]
    # facet values listed before "显示更多"
    facet_shown: int = 10
    # (word, condition, query string): a numeric filter for a word every report's tables print
    table_word_hint: tuple[str, str, str] | None = None
    notes: NotesView | None = None
    # numeric fields each card shows (those filtered or sorted on)
    figures: tuple[str, ...] = ()
    # (label, query string, current) of the card and table views
    views: tuple[tuple[str, str, bool], ...] = ()
    # the results table (portal.search.table.TableView), built only for view=table
    table: Any = None

    @property
    def first(self) -> int:
        """1-based position of the first hit shown."""
        return self.request.offset + 1 if self.result.hits else 0

    @property
    def last(self) -> int:
        """1-based position of the last hit shown."""
        return self.request.offset + len(self.result.hits) if self.result.hits else 0


def search_page(result: SearchResult, window: int, facet_shown: int = 10) -> SearchPage:
    """Build the search page model for one result."""
    req = result.request
    base = P.to_params(P.with_page(req, 1), page_size_default=DEFAULT_PAGE_SIZE)
    range_keys = {r.field + suffix for r in req.ranges for suffix in P.RANGE_SUFFIXES}
    return SearchPage(
        request=req,
        result=result,
        facets=tuple(facet_views(result)),
        chips=tuple(chips(req)),
        ranges=tuple(range_inputs(req)),
        quick_ranges=tuple(quick_ranges(req)),
        sorts=tuple(sort_links(req)),
        pages=tuple(pager(req, result.total, window)),
        query=qs(req),
        keep_for_query=tuple((k, v) for k, v in base if k != "q"),
        keep_for_ranges=tuple((k, v) for k, v in base if k not in range_keys),
        facet_shown=facet_shown,
        table_word_hint=table_word_hint(req),
        notes=notes_view(req, result.notes),
        figures=figure_fields(req),
        views=tuple((label, qs(P.with_view(req, view)), view == req.view) for view, label in VIEW_LABELS.items()),
        table=_table(result),
    )


def _table(result: SearchResult) -> Any:
    """The results table of a view=table page (None for cards: their pages never build it)."""
    if result.request.view != "table":
        return None
    from portal.search.table import table_view

    return table_view(result, qs)
