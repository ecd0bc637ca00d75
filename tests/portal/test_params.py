"""URL state: query strings parse into frozen SearchRequests and build back the same."""

from urllib.parse import parse_qsl

import pytest

from indexer.search.errors import InvalidRequest, ResultWindowExceeded
from indexer.search.model import RangeFilter
from portal.search import params as P

VOCAB = P.Vocabulary(facets=("province", "year", "issue_tags"), numeric_fields=("denied_total", "t3_new_total"),
                     page_size=20, facet_size=30, result_window=2000)


def parse(pairs):
    return P.parse_search_args(pairs, VOCAB)


def test_repeated_facet_parameters_become_a_multi_select_filter():
    req = parse([("q", "行政复议"), ("province", "福建省"), ("province", "江苏省"), ("year", "2021")])
    assert req.query == "行政复议"
    assert req.filters == {"province": ("福建省", "江苏省"), "year": ("2021",)}


def test_range_suffixes_become_range_filters_on_declared_fields():
    req = parse([("denied_total__gte", "1"), ("t3_new_total__gte", "10"), ("t3_new_total__lte", "99")])
    assert req.ranges == (RangeFilter("denied_total", gte=1.0), RangeFilter("t3_new_total", gte=10.0, lte=99.0))


def test_empty_range_inputs_from_the_sidebar_form_are_ignored():
    assert parse([("denied_total__gte", ""), ("denied_total__lte", " ")]).ranges == ()


def test_unknown_parameters_are_ignored_but_unknown_range_fields_are_errors():
    assert parse([("utm_source", "x")]).filters == {}
    with pytest.raises(InvalidRequest):
        parse([("salary__gte", "1")])


@pytest.mark.parametrize("pairs", [[("page", "abc")], [("page", "0")], [("size", "-3")], [("sort", "random")],
                                   [("denied_total__gte", "lots")], [("q", "字" * 501)]])
def test_malformed_parameters_raise_invalid_request(pairs):
    with pytest.raises(InvalidRequest):
        parse(pairs)


def test_a_page_past_the_window_names_the_last_reachable_page():
    with pytest.raises(ResultWindowExceeded) as caught:
        parse([("page", "101")])
    assert caught.value.max_page == 100


def test_query_string_round_trips_through_the_parser():
    req = parse([("q", "公开 \"依申请\""), ("year", "2020"), ("year", "2021"), ("denied_total__gte", "1"),
                 ("sort", "year_desc"), ("page", "3")])
    again = parse(P.to_params(req))
    assert again == req


def test_toggling_a_facet_value_adds_then_removes_it_and_resets_the_page():
    req = parse([("province", "福建省"), ("page", "4")])
    added = P.toggle_facet(req, "province", "江苏省")
    assert added.filters["province"] == ("福建省", "江苏省") and added.page == 1
    removed = P.toggle_facet(added, "province", "福建省")
    assert removed.filters == {"province": ("江苏省",)}
    assert P.toggle_facet(removed, "province", "江苏省").filters == {}


def test_removing_a_range_keeps_the_other_filters():
    req = parse([("denied_total__gte", "1"), ("t3_new_total__gte", "5"), ("year", "2020")])
    left = P.without_range(req, "denied_total")
    assert [r.field for r in left.ranges] == ["t3_new_total"] and left.filters == {"year": ("2020",)}


@pytest.mark.parametrize("query", [
    "",
    "q=复议&province=福建省",
    "q=a+b&year=2021&province=江苏省&province=福建省&denied_total__gte=1&sort=year_desc&size=50&page=3",
    "year=2021&issue_tags=x&t3_new_total__lte=4&page=2",
])
def test_the_facet_toggler_gives_the_same_links_as_toggling_each_value(query):
    req = parse(parse_qsl(query))
    for name in ("province", "year", "format", "agency"):
        toggle = P.facet_toggler(req, name)
        for value in ("福建省", "江苏省", "2021", "2019", "a&b=c", "空 格"):
            assert toggle(value) == P.query_string(P.toggle_facet(req, name, value))


def test_words_sort_by_relevance_and_no_words_by_newest_year_unless_the_url_says():
    assert parse([]).sort == "year_desc" and parse([("q", "复议")]).sort == "relevance"
    assert parse([("sort", "relevance")]).sort == "year_desc"  # nothing to be relevant to
    assert parse([("q", "复议"), ("sort", "year_asc")]).sort == "year_asc"
    assert P.query_string(parse([])) == "" and P.query_string(parse([("q", "复议")])) == "q=%E5%A4%8D%E8%AE%AE"
    assert P.query_string(parse([("sort", "year_desc"), ("q", "复议")])) == "q=%E5%A4%8D%E8%AE%AE&sort=year_desc"
    # clearing the words of a search in its default order keeps a default order, and no sort in the URL
    assert P.query_string(P.without_query(parse([("q", "复议"), ("year", "2021")]))) == "year=2021"
