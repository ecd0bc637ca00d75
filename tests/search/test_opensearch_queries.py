"""OpenSearch bodies are pure dicts: compared as dicts, with no user text in query_string."""

from __future__ import annotations

import json

from indexer.backends import opensearch_queries as OQ
from indexer.search.model import RangeFilter, SearchRequest
from indexer.search.query import analyze, parse_query
from indexer.search.understand import understand


def tok(token: str) -> dict:
    """The clause of one token: whole token or subword."""
    return {"dis_max": {"queries": [{"term": {"text": token}}, {"term": {"subwords": token}}]}}


def prepared(text: str):
    """The analyzed AST of a query, split on spaces (the grammar tests' tokenizer)."""
    return analyze(parse_query(text), lambda words: words.split("_"))


def test_words_become_term_clauses_and_phrases_match_phrase():
    assert OQ.and_query(prepared("行政_复议")) == {"bool": {"must": [tok("行政"), tok("复议")]}}
    assert OQ.and_query(prepared('"依法_公开"')) == {"match_phrase": {"text": {"query": "依法 公开"}}}
    assert OQ.and_query(prepared('"公开"')) == tok("公开")  # a one-token phrase is just the word


def test_exclusions_and_or_and_numeric_filters():
    body = OQ.and_query(prepared("公开 -平潭 复议 OR 诉讼 新收>9"))
    assert body == {"bool": {
        "must": [
            tok("公开"),
            {"bool": {"should": [tok("复议"), tok("诉讼")], "minimum_should_match": 1}},
            {"range": {"t3_new_total": {"gt": 9}}},
        ],
        "must_not": [tok("平潭")],
    }}


def test_an_empty_query_matches_all():
    assert OQ.and_query(prepared("")) == {"match_all": {}}


def test_facet_selections_go_to_post_filter_and_each_selected_facet_counts_without_itself():
    request = SearchRequest(filters={"province": ("福建省",), "year": ("2023",)}, facets=("province", "year", "format"))
    body = OQ.search_body(request, understand(""))
    counts = OQ.facets_body(request, understand(""))
    assert body["post_filter"] == {"bool": {"filter": [{"terms": {"province": ["福建省"]}}, {"terms": {"year": [2023]}}]}}
    assert "aggs" not in body and counts["size"] == 0
    assert counts["aggs"]["group:"]["filter"] == body["post_filter"]
    assert counts["aggs"]["group:province"]["filter"] == {"bool": {"filter": [{"terms": {"year": [2023]}}]}}
    assert list(counts["aggs"]["group:province"]["aggs"]) == ["province", "province:selected"]
    assert counts["aggs"]["group:province"]["aggs"]["province:selected"] == {"terms": {"field": "province", "size": 1, "include": ["福建省"]}}
    assert counts["aggs"]["group:year"]["aggs"]["year"]["terms"]["size"] == 100


def test_facet_counts_match_the_hits_in_filter_context_without_ranking_clauses():
    request = SearchRequest(query="行政复议 2023", ranges=(RangeFilter("denied_total", gte=1),))
    understood = understand(request.query)
    hits, counts = OQ.search_body(request, understood), OQ.facets_body(request, understood)
    assert hits["query"]["bool"]["should"], "the hits are ranked"
    assert counts["query"] == {"bool": {"filter": hits["query"]["bool"]["must"] + hits["query"]["bool"]["filter"]}}
    assert counts["track_total_hits"] is True and OQ.search_body(request, understood, count_total=False)["track_total_hits"] is False
    selected = SearchRequest(query="行政复议", filters={"province": ("江苏省",)})
    assert OQ.facets_body(selected, understood)["post_filter"] == OQ.search_body(selected, understood)["post_filter"]
    assert OQ.facets_body(SearchRequest(query="行政复议", facets=()), understood) is None


def test_ranges_superseded_and_sort_shape_the_base_query():
    request = SearchRequest(ranges=(RangeFilter("denied_total", gte=1),), sort="new_requests_desc", page=3, page_size=10)
    body = OQ.search_body(request, understand(""))
    assert body["query"]["bool"]["filter"] == [
        {"range": {"denied_total": {"gte": 1}}},
        {"bool": {"must_not": [{"term": {"superseded": True}}]}},
    ]
    assert body["sort"] == [{"sort_new_requests": {"order": "desc", "unmapped_type": "long"}}, "_score"]
    assert (body["from"], body["size"]) == (20, 10)


def test_user_text_never_reaches_query_string():
    body = OQ.search_body(SearchRequest(query='a:b OR (c AND "d'), understand('a:b OR (c AND "d"'))
    assert "query_string" not in json.dumps(body)


def test_ranking_clauses_boost_fields_years_and_identity_without_changing_matches():
    understood = understand("潘家堡镇 2021")
    clauses = OQ.rank_clauses(understood)
    assert {"term": {"title_text": {"value": "潘家堡", "boost": 3.0}}} in clauses
    assert {"constant_score": {"filter": {"term": {"year": 2021}}, "boost": 30.0}} in clauses
    identity = {"bool": {"must": [{"bool": {"should": [{"term": {"agency_text": "潘家堡"}}, {"term": {"region_text": "潘家堡"}}],
                                           "minimum_should_match": 1}}]}}
    assert {"constant_score": {"filter": identity, "boost": 60.0}} in clauses
    body = OQ.base_query(SearchRequest(query="潘家堡镇 2021"), understood)["bool"]
    assert body["must"] == [tok("潘家堡")] and body["should"] == clauses  # the year only ranks
    assert "should" not in OQ.base_query(SearchRequest(query="潘家堡镇", sort="year_desc"), understood)["bool"]


def test_a_relaxed_query_needs_any_one_word_each_scoring_a_constant():
    relaxed = OQ.text_query(understand("潘家堡镇 潘庄镇 -平潭"), relaxed=True)
    assert relaxed == {"bool": {
        "should": [{"constant_score": {"filter": tok("潘家堡"), "boost": 200.0}},
                   {"constant_score": {"filter": tok("潘庄"), "boost": 200.0}}],
        "minimum_should_match": 1,
        "must_not": [tok("平潭")],
    }}


def test_bounded_facets_are_counted_by_one_tags_aggregation_and_read_back_per_facet():
    document = {"province": "江苏省", "year": 2023, "outcomes": ["has_review", "has_denied"], "issue_tags": [],
                "county": "沭阳县", "format": "2021"}
    tags = OQ.facet_tags(document)
    assert {"province=江苏省", "year=2023", "outcomes=has_review", "outcomes=has_denied", "format=2021"} == set(tags)
    assert not any(t.startswith("county=") for t in tags), "open-ended facets keep their own aggregation"
    request = SearchRequest(filters={"province": ("江苏省",)})
    aggs = OQ.aggregations(request)
    plain = aggs["group:"]["aggs"]
    assert set(plain) == {"county", "town", OQ.FACET_TAGS}
    assert "province=" not in plain[OQ.FACET_TAGS]["terms"]["include"], "a selected facet is counted in its own group"
    assert "year|" in plain[OQ.FACET_TAGS]["terms"]["include"] or "|year" in plain[OQ.FACET_TAGS]["terms"]["include"]
    assert list(OQ.group_aggregations(aggs, "province")) == ["province", "province:selected"]
    assert OQ.split_tags([("year=2023", 5), ("province=a=b", 2)]) == {"year": [("2023", 5)], "province": [("a=b", 2)]}


def test_a_group_without_filters_is_counted_at_top_level_and_all_tags_need_no_pattern():
    aggs = OQ.aggregations(SearchRequest(query="公开"))
    assert not any("filter" in agg for agg in aggs.values()), "no filter aggregation to test each report against"
    assert set(aggs) == {"group:/county", "group:/town", f"group:/{OQ.FACET_TAGS}"}
    assert "include" not in aggs[f"group:/{OQ.FACET_TAGS}"]["terms"], "every tag is wanted"
    assert "include" in OQ.aggregations(SearchRequest(facets=("province", "year")))[f"group:/{OQ.FACET_TAGS}"]["terms"]
    response = {"group:/county": {"buckets": [{"key": "沭阳县", "doc_count": 3}]}, "group:province": {"doc_count": 1}}
    assert OQ.group_aggregations(response, None) == {"county": {"buckets": [{"key": "沭阳县", "doc_count": 3}]}}
    assert OQ.group_aggregations(response, "province") == {"doc_count": 1}
