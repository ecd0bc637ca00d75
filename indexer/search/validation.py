"""Checks every engine applies to a SearchRequest before building a query."""

from __future__ import annotations

from indexer.search.errors import InvalidRequest, ResultWindowExceeded
from indexer.search.facets import FACETS_BY_NAME
from indexer.search.fields import NUMERIC_FIELDS
from indexer.search.model import SearchRequest, is_sort

MAX_PAGE_SIZE = 200
MAX_FACET_SIZE = 1000


def validate_request(request: SearchRequest, result_window: int) -> None:
    """Raise InvalidRequest (or ResultWindowExceeded) for what no engine can honour."""
    if not is_sort(request.sort):
        raise InvalidRequest(f"未知的排序方式：{request.sort}")
    if not 1 <= request.page_size <= MAX_PAGE_SIZE:
        raise InvalidRequest(f"每页条数必须在 1 到 {MAX_PAGE_SIZE} 之间")
    if not 1 <= request.facet_size <= MAX_FACET_SIZE:
        raise InvalidRequest(f"分面条数必须在 1 到 {MAX_FACET_SIZE} 之间")
    if request.page < 1:
        raise InvalidRequest("页码必须从 1 开始")
    if request.page * request.page_size > result_window:
        max_page = max(1, result_window // request.page_size)
        raise ResultWindowExceeded(f"最多只能翻到第 {max_page} 页，请缩小检索范围", max_page)
    for name in list(request.filters) + list(request.facets or ()):
        if name not in FACETS_BY_NAME:
            raise InvalidRequest(f"未知的分面：{name}")
    for value in request.filters.get("year", ()):
        if not str(value).lstrip("-").isdigit():
            raise InvalidRequest(f"年度必须是整数：{value}")
    for name in request.all_of:
        if name not in FACETS_BY_NAME:
            raise InvalidRequest(f"未知的分面：{name}")
    for name in request.fields:
        if name not in NUMERIC_FIELDS:
            raise InvalidRequest(f"未知的数值字段：{name}")
    for bound in request.ranges:
        if bound.field not in NUMERIC_FIELDS:
            raise InvalidRequest(f"未知的数值字段：{bound.field}")
        if bound.gte is None and bound.lte is None:
            raise InvalidRequest(f"数值筛选 {bound.field} 缺少上下限")
