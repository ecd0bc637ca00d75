"""A search in words: every filter named, for feed titles, alert pages and e-mails."""

from __future__ import annotations

from indexer.search.facets import FACETS_BY_NAME
from indexer.search.model import SearchRequest
from portal.labels import SORT_LABELS
from portal.search.params import default_sort
from portal.search.presenters import range_label, value_label

EVERYTHING = "全部年报"


def describe_search(req: SearchRequest, with_sort: bool = False) -> str:
    """检索词“复议”；省份：广东、浙江；不予公开合计 ≥ 1 — every part of a search, none left out."""
    parts = []
    if req.query:
        parts.append(f"检索词“{req.query}”")
    for name, values in req.filters.items():
        declared = FACETS_BY_NAME.get(name)
        label = declared.label if declared else name
        parts.append(f"{label}：{'、'.join(value_label(name, v) for v in values)}")
    parts.extend(range_label(r) for r in req.ranges)
    if with_sort and req.sort != default_sort(req.query):
        parts.append(f"排序：{SORT_LABELS.get(req.sort, req.sort)}")
    return "；".join(parts) or EVERYTHING


def feed_title(req: SearchRequest) -> str:
    """The Atom feed's title: what it follows, newest archived first."""
    return f"年报检索：{describe_search(req)}（最新收录）"
