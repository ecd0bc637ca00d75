"""Facet results as the sidebar shows them: order, cut, and what stays selected."""

from indexer.search.facets import FACETS_BY_NAME, facet_result
from indexer.search.model import SearchRequest


def test_a_selected_value_nothing_matches_any_more_stays_listed_with_zero():
    request = SearchRequest(filters={"province": ("山东省", "西藏自治区")}, facet_size=5)
    result = facet_result(FACETS_BY_NAME["province"], [("山东省", 12), ("江苏省", 3)], request)
    assert [(v.value, v.count, v.selected) for v in result.values] == [
        ("山东省", 12, True), ("江苏省", 3, False), ("西藏自治区", 0, True)]


def test_selected_values_beyond_the_cut_are_appended_with_their_counts():
    request = SearchRequest(filters={"agency": ("C",)}, facet_size=1)
    result = facet_result(FACETS_BY_NAME["agency"], [("A", 5), ("B", 4), ("C", 1)], request, [("C", 1)])
    assert [(v.value, v.count) for v in result.values] == [("A", 5), ("C", 1)] and result.truncated


def test_every_province_is_listed_whatever_the_facet_size():
    counts = [(f"省{n:02d}", 100 - n) for n in range(34)]
    result = facet_result(FACETS_BY_NAME["province"], counts, SearchRequest(facet_size=10), [])
    assert len(result.values) == 34 and not result.truncated
