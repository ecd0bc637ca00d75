"""Parse a search URL into a frozen SearchRequest, and build URLs back from one.

All search state lives in the query string so that every page can be bookmarked, shared
and turned into a feed:  q=…  <facet>=value (repeatable)  <field>__gte=n  <field>__lte=n
sort=…  page=n  size=n  all=<facet> (its values all required)  view=table  cols=a,b,….
Nothing below the views sees Flask's `request`; they get the
value object built here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Collection, Iterable, Mapping
from urllib.parse import quote_plus

from indexer.search.errors import InvalidRequest, ResultWindowExceeded
from indexer.search.facets import FACETS, FACETS_BY_NAME
from indexer.documents import SUMMARY_FIELDS
from indexer.search.model import SORTS, RangeFilter, SearchRequest, is_sort, numeric_sort

MAX_PAGE_SIZE = 100
MAX_QUERY_CHARS = 500
RANGE_SUFFIXES = {"__gte": "gte", "__lte": "lte"}
# the engines' numeric fields are signed 64-bit integers
INT64_MIN, INT64_LIMIT = -(2**63), 2**63
INTEGER_FACETS = frozenset(facet.name for facet in FACETS if facet.numeric)
VIEWS = ("cards", "table")
MAX_COLUMNS = 40
# The table view's columns when the URL picks none: the figures most readers compare.
DEFAULT_COLUMNS: tuple[str, ...] = (
    "t3_new_total", "t3_granted_total", "t3_partial_total", "denied_total", "review_total", "review_corrected",
    "litigation_total",
)


@dataclass(frozen=True)
class Vocabulary:
    """What a URL may name: declared facets and numeric fields, and paging limits."""

    facets: tuple[str, ...]
    numeric_fields: tuple[str, ...]
    page_size: int = 20
    facet_size: int = 10
    result_window: int = 2000


def _parse_int(raw: str, name: str) -> int:
    """A positive integer from the URL, or a typed error naming the parameter."""
    try:
        value = int(raw)
    except ValueError:
        raise InvalidRequest(f"参数 {name} 应为正整数，收到“{raw[:20]}”") from None
    if value < 1:
        raise InvalidRequest(f"参数 {name} 应为正整数，收到“{raw[:20]}”")
    return value


def _parse_number(raw: str, name: str) -> float:
    """A finite bound within 64 bits for a range filter, or a typed error naming the field.

    Both engines store the fields as 64-bit integers: nan, inf, 1e999 or a 30-digit bound
    cannot be compared with them, and reached the engine as a 500.
    """
    try:
        value = float(raw)
    except ValueError:
        raise InvalidRequest(f"数值筛选 {name} 应为数字，收到“{raw[:20]}”") from None
    if not (math.isfinite(value) and INT64_MIN <= value < INT64_LIMIT):
        raise InvalidRequest(f"数值筛选 {name} 应为有限的数字（绝对值小于 2 的 63 次方），收到“{raw[:20]}”")
    return value


def _check_integer_facet(name: str, value: str) -> str:
    """A value of an integer facet (the year) as typed, if it is an integer within 64 bits."""
    text = value.strip()
    digits = text[1:] if text[:1] == "-" else text
    if not (digits.isascii() and digits.isdigit() and INT64_MIN <= int(text) < INT64_LIMIT):
        label = FACETS_BY_NAME[name].label if name in FACETS_BY_NAME else name
        raise InvalidRequest(f"筛选条件“{label}”（参数 {name}）应为整数，收到“{value[:20]}”")
    return value


def _parse_ranges(args: Iterable[tuple[str, str]], fields: Collection[str]) -> tuple[RangeFilter, ...]:
    """Collect field__gte / field__lte pairs into RangeFilters, in first-seen order."""
    bounds: dict[str, dict[str, float]] = {}
    for key, raw in args:
        for suffix, bound in RANGE_SUFFIXES.items():
            if key.endswith(suffix) and raw.strip():
                name = key[: -len(suffix)]
                if name not in fields:
                    raise InvalidRequest(f"未知的数值字段：{name}")
                bounds.setdefault(name, {})[bound] = _parse_number(raw.strip(), name)
    return tuple(RangeFilter(field=name, **values) for name, values in bounds.items())


def _parse_all(values: Iterable[str], facets: Collection[str]) -> tuple[str, ...]:
    """Facets whose selected values must all match (all=<facet>, repeatable)."""
    names: list[str] = []
    for name in values:
        if name not in facets:
            raise InvalidRequest(f"参数 all 应为分面名称，收到“{name[:30]}”")
        if name not in names:
            names.append(name)
    return tuple(names)


def _parse_columns(values: Iterable[str], fields: Collection[str]) -> tuple[str, ...]:
    """Numeric columns picked for the table view and exports (cols=a,b or cols=a&cols=b)."""
    names: list[str] = []
    for value in values:
        for name in filter(None, (part.strip() for part in value.split(","))):
            if name not in fields:
                raise InvalidRequest(f"未知的数值列：{name[:40]}")
            if name not in names:
                names.append(name)
    if len(names) > MAX_COLUMNS:
        raise InvalidRequest(f"最多选择 {MAX_COLUMNS} 列，收到 {len(names)} 列")
    return tuple(names)


def _parse_view(raw: str) -> str:
    """cards (the default) or table."""
    view = raw.strip() or "cards"
    if view not in VIEWS:
        raise InvalidRequest(f"参数 view 应为 {' 或 '.join(VIEWS)}，收到“{raw[:20]}”")
    return view


def hit_fields(view: str, columns: tuple[str, ...], ranges: tuple[RangeFilter, ...], sort: str) -> tuple[str, ...]:
    """Numeric fields each hit must carry beyond its summary: a table's columns, or the
    numbers a card list was filtered or sorted on (none for a plain search)."""
    if view == "table":
        return columns or DEFAULT_COLUMNS
    wanted = [r.field for r in ranges]
    spec = numeric_sort(sort) if sort not in SORTS else None
    if spec:
        wanted.append(spec[0])
    return tuple(dict.fromkeys(f for f in wanted if f not in SUMMARY_FIELDS))


def default_sort(query: str) -> str:
    """The order when a URL names none: by relevance to the words, newest year first without any."""
    return "relevance" if query.strip() else "year_desc"


def _parse_filters(pairs: Iterable[tuple[str, str]], facets: Collection[str]) -> dict[str, tuple[str, ...]]:
    """Facet name -> its selected values, in first-seen order, repeats dropped."""
    filters: dict[str, tuple[str, ...]] = {}
    for key, value in pairs:
        if key in facets and value and value not in filters.get(key, ()):
            if key in INTEGER_FACETS:
                _check_integer_facet(key, value)
            filters[key] = filters.get(key, ()) + (value,)
    return filters


def parse_search_args(args: Iterable[tuple[str, str]], vocab: Vocabulary, facets_wanted: bool = True) -> SearchRequest:
    """Turn (key, value) pairs of a query string into a validated SearchRequest."""
    pairs = [(k, v) for k, v in args]
    first = {k: v for k, v in reversed(pairs)}
    query = first.get("q", "").strip()
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidRequest(f"检索词过长（最多 {MAX_QUERY_CHARS} 个字符）")
    filters = _parse_filters(pairs, vocab.facets)
    sort = first.get("sort") or default_sort(query)
    if not is_sort(sort):
        raise InvalidRequest(f"未知的排序方式：{sort[:30]}（可用：{'、'.join(SORTS)}，或 数值字段_desc、数值字段_asc）")
    if sort == "relevance" and not query:
        sort = default_sort(query)  # no words, nothing to be relevant to
    page = _parse_int(first["page"], "page") if first.get("page") else 1
    size = _parse_int(first["size"], "size") if first.get("size") else vocab.page_size
    size = min(size, MAX_PAGE_SIZE)
    if page * size > vocab.result_window:
        max_page = max(1, vocab.result_window // size)
        raise ResultWindowExceeded(f"只能翻到第 {max_page} 页（前 {vocab.result_window} 条结果）", max_page=max_page)
    ranges = _parse_ranges(pairs, vocab.numeric_fields)
    view = _parse_view(first.get("view", ""))
    columns = _parse_columns((v for k, v in pairs if k == "cols"), vocab.numeric_fields)
    return SearchRequest(
        query=query,
        filters=filters,
        ranges=ranges,
        sort=sort,
        page=page,
        page_size=size,
        facets=None if facets_wanted else (),
        facet_size=vocab.facet_size,
        all_of=_parse_all((v for k, v in pairs if k == "all" and v), vocab.facets),
        fields=hit_fields(view, columns, ranges, sort),
        view=view,
        columns=columns,
    )


def to_params(req: SearchRequest, page_size_default: int = 20) -> list[tuple[str, str]]:
    """The query-string pairs that reproduce a request (defaults left out)."""
    params: list[tuple[str, str]] = []
    if req.query:
        params.append(("q", req.query))
    for name, values in req.filters.items():
        params.extend((name, v) for v in values)
    for rng in req.ranges:
        if rng.gte is not None:
            params.append((rng.field + "__gte", number_text(rng.gte)))
        if rng.lte is not None:
            params.append((rng.field + "__lte", number_text(rng.lte)))
    params.extend(("all", name) for name in req.all_of if req.filters.get(name))
    if req.view != "cards":
        params.append(("view", req.view))
    if req.columns:
        params.append(("cols", ",".join(req.columns)))
    if req.sort != default_sort(req.query) and (req.query or req.sort != "relevance"):
        params.append(("sort", req.sort))
    if req.page_size != page_size_default:
        params.append(("size", str(req.page_size)))
    if req.page != 1:
        params.append(("page", str(req.page)))
    return params


def number_text(value: float) -> str:
    """A bound as typed by a person: 1 rather than 1.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


# A search page links every facet value to its own URL, re-encoding the same few strings
# hundreds of times; remembering their encodings keeps page building cheap.
_encode = lru_cache(maxsize=16384)(quote_plus)


def encode_pairs(pairs: Iterable[tuple[str, str]]) -> str:
    """URL-encode (key, value) pairs like urllib's urlencode, caching each string's encoding."""
    return "&".join(f"{_encode(key)}={_encode(value)}" for key, value in pairs)


def query_string(req: SearchRequest, page_size_default: int = 20) -> str:
    """The encoded query string of a request, without the leading '?'."""
    return encode_pairs(to_params(req, page_size_default))


def facet_toggler(req: SearchRequest, name: str, page_size_default: int = 20) -> Callable[[str], str]:
    """A function value -> query string of toggle_facet(req, name, value), for many values at once.

    Equal to query_string(toggle_facet(...)) but encodes the parts shared by every value of
    the facet once: a sidebar links ~60 values, and rebuilding each request cost ~1 ms a page.
    """
    if name in req.all_of:  # (rare) the all= pair moves with the selection: build each URL whole
        return lambda value: query_string(toggle_facet(req, name, value), page_size_default)
    current = tuple(req.filters.get(name, ()))
    # toggle_facet moves the facet after the other filters and drops the page number
    rest = replace(req, filters={k: v for k, v in req.filters.items() if k != name}, page=1)
    params = to_params(rest, page_size_default)
    split = (1 if req.query else 0) + sum(len(v) for v in rest.filters.values())
    head, tail = encode_pairs(params[:split]), encode_pairs(params[split:])

    key = _encode(name)

    def toggle(value: str) -> str:
        if current:
            chosen = tuple(v for v in current if v != value) if value in current else current + (value,)
            middle = encode_pairs((name, v) for v in chosen)
        else:  # nothing chosen yet in this facet, the usual case: just this value
            middle = f"{key}={_encode(value)}"
        return "&".join(part for part in (head, middle, tail) if part)

    return toggle


def toggle_facet(req: SearchRequest, name: str, value: str) -> SearchRequest:
    """The same search with one facet value added or removed, back on page 1."""
    current = tuple(req.filters.get(name, ()))
    chosen = tuple(v for v in current if v != value) if value in current else current + (value,)
    filters: dict[str, tuple[str, ...]] = {k: v for k, v in req.filters.items() if k != name}
    if chosen:
        filters[name] = chosen
    return replace(req, filters=filters, page=1)


def without_range(req: SearchRequest, field: str) -> SearchRequest:
    """The same search without the range filter on one field, back on page 1."""
    return replace(req, ranges=tuple(r for r in req.ranges if r.field != field), page=1)


def without_query(req: SearchRequest) -> SearchRequest:
    """The same filters with the query text cleared (a default order follows the change)."""
    sort = default_sort("") if req.sort == default_sort(req.query) else req.sort
    return replace(req, query="", sort=sort, page=1)


def with_page(req: SearchRequest, page: int) -> SearchRequest:
    """The same search on another page."""
    return replace(req, page=page)


def with_sort(req: SearchRequest, sort: str) -> SearchRequest:
    """The same search in another order, back on page 1."""
    return replace(req, sort=sort, page=1)


def with_all(req: SearchRequest, name: str, required: bool) -> SearchRequest:
    """The same search with one facet's values all required (or any one of them), back on page 1."""
    others = tuple(n for n in req.all_of if n != name)
    return replace(req, all_of=others + ((name,) if required else ()), page=1)


def with_view(req: SearchRequest, view: str) -> SearchRequest:
    """The same search listed as cards or as a table (the page number kept)."""
    return replace(req, view=view)


def filters_as_dict(req: SearchRequest) -> Mapping[str, list[str]]:
    """Facet selections as plain lists (for JSON answers)."""
    return {name: list(values) for name, values in req.filters.items()}


def replace_ranges(req: SearchRequest, ranges: tuple[RangeFilter, ...]) -> SearchRequest:
    """The same search with other range filters, back on page 1."""
    return replace(req, ranges=ranges, page=1)
