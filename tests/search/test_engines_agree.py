"""Both engines give the same hits and counts for the same request (ranking ties aside)."""

from __future__ import annotations

import pytest

from indexer.backends import open_backend
from indexer.search.model import RangeFilter, SearchRequest
from search.support import engine_settings
from search.search_corpus import index_documents

REQUESTS = [
    SearchRequest(query="公开"),
    SearchRequest(query='"政府信息公开" -平潭'),
    SearchRequest(query="平潭 OR 沭阳县 新收>=5"),
    SearchRequest(query="复议纠正>=1", filters={"province": ("福建省", "上海市")}),
    SearchRequest(filters={"outcomes": ("has_review",), "format": ("2021",)}, sort="year_desc"),
    SearchRequest(ranges=(RangeFilter("denied_total", gte=1, lte=3),), sort="new_requests_desc"),
    SearchRequest(query="制度", include_superseded=True, facet_size=2),
    SearchRequest(query="公开", sort="added_desc", page_size=3),
    # query understanding (issue 9): synonyms, years, report names, traditional script, partial matches
    SearchRequest(query="沭阳县 发改局 2023"),
    SearchRequest(query="平潭 年报 2019年"),
    SearchRequest(query="潘家堡鎮 財政"),
    SearchRequest(query="财政金融局 上海"),
    SearchRequest(query="！！！"),
    # issue 11: every ticked value required, any numeric field as the order, extra fields on hits
    SearchRequest(filters={"issue_tags": ("staffing", "depth")}, all_of=("issue_tags",)),
    SearchRequest(query="公开", filters={"issue_tags": ("depth",), "year": ("2023",)}, all_of=("issue_tags",),
                  sort="t3_granted_total_desc"),
    SearchRequest(sort="t3_new_total_asc", fields=("t3_granted_total", "review_total"), page_size=4),
]


@pytest.fixture(scope="module")
def engines(request, tmp_path_factory):
    """One loaded backend per engine, over the same corpus."""
    backends = {}
    for engine in ("embedded", "opensearch"):
        backend = open_backend(engine_settings(engine, tmp_path_factory.mktemp(engine), request))
        backend.rebuild(index_documents())
        backends[engine] = backend
    yield backends
    backends["opensearch"].drop()


def comparable(result) -> tuple:
    """What must agree: total, the set of ids, facet values with counts and flags."""
    facets = {name: [(v.value, v.count, v.selected) for v in facet.values] + [facet.truncated] for name, facet in result.facets.items()}
    return result.total, {(hit.id, hit.missing) for hit in result.hits}, facets, result.notes


@pytest.mark.parametrize("search", REQUESTS, ids=lambda r: r.query or "filters")
def test_both_engines_return_the_same_hits_and_counts(engines, search):
    embedded, opensearch = (engines[name].search(search) for name in ("embedded", "opensearch"))
    assert comparable(embedded) == comparable(opensearch)
    if search.sort == "added_desc":  # archive dates are distinct, so the order must agree too
        assert [h.id for h in embedded.hits] == [h.id for h in opensearch.hits]
    if search.fields:
        assert {h.id: dict(h.document) for h in embedded.hits} == {h.id: dict(h.document) for h in opensearch.hits}
    assert [h.highlights for h in sorted(embedded.hits, key=lambda h: h.id)] == \
        [h.highlights for h in sorted(opensearch.hits, key=lambda h: h.id)]
