"""Sorting by any numeric field and requiring every ticked value of a facet, on both engines."""

from __future__ import annotations

import pytest

from indexer.search.errors import InvalidRequest
from indexer.search.model import SearchRequest, sort_spec
from search.search_corpus import index_documents

LIVE = [d for d in index_documents() if not d["superseded"]]


def _values(field: str) -> dict[str, int | None]:
    """id -> the field's value in the corpus (None when the report lacks it)."""
    return {d["id"]: d.get(field) for d in LIVE}


@pytest.mark.parametrize("field", ["t3_granted_total", "review_total", "t3_new_natural_person", "denied_total"])
@pytest.mark.parametrize("direction", ["desc", "asc"])
def test_any_numeric_field_orders_the_hits_with_reports_lacking_it_last(loaded, field, direction):
    result = loaded.search(SearchRequest(sort=f"{field}_{direction}", page_size=50, highlight=False))
    values = _values(field)
    order = [values[hit.id] for hit in result.hits]
    present = [v for v in order if v is not None]
    assert present == sorted(present, reverse=direction == "desc") and len(present) >= 2
    assert order == present + [None] * (len(order) - len(present))  # missing values come last either way
    assert result.total == len(LIVE)


def test_a_page_past_the_first_continues_the_numeric_order(loaded):
    whole = loaded.search(SearchRequest(sort="t3_granted_total_desc", page_size=50, highlight=False))
    second = loaded.search(SearchRequest(sort="t3_granted_total_desc", page_size=2, page=2, highlight=False))
    values = _values("t3_granted_total")
    assert [values[h.id] for h in second.hits] == [values[h.id] for h in whole.hits[2:4]]


def test_named_sorts_keep_their_own_keys():
    assert sort_spec("year_desc") == ("sort_year", "desc")
    assert sort_spec("t3_new_total_asc") == ("t3_new_total", "asc")
    assert sort_spec("relevance") is None and sort_spec("nonsense_desc") is None


def test_hits_carry_the_numeric_fields_asked_for(loaded):
    result = loaded.search(SearchRequest(fields=("t3_granted_total", "review_total"), page_size=50, highlight=False))
    granted, review = _values("t3_granted_total"), _values("review_total")
    for hit in result.hits:
        assert hit.document.get("t3_granted_total") == granted[hit.id]
        assert hit.document.get("review_total") == review[hit.id]


def test_a_plain_search_carries_only_the_summary(loaded):
    hit = loaded.search(SearchRequest(page_size=1, highlight=False)).hits[0]
    assert "t3_granted_total" not in hit.document


def test_all_of_requires_every_ticked_value_of_a_facet(loaded):
    ticked = ("staffing", "depth")
    any_of = loaded.search(SearchRequest(filters={"issue_tags": ticked}, page_size=50))
    every = loaded.search(SearchRequest(filters={"issue_tags": ticked}, all_of=("issue_tags",), page_size=50))
    expected_any = {d["id"] for d in LIVE if set(ticked) & set(d.get("issue_tags") or ())}
    expected_all = {d["id"] for d in LIVE if set(ticked) <= set(d.get("issue_tags") or ())}
    assert {h.id for h in any_of.hits} == expected_any and {h.id for h in every.hits} == expected_all
    assert 0 < len(expected_all) < len(expected_any)


def test_a_required_facet_counts_its_values_under_its_own_selection(loaded):
    result = loaded.search(SearchRequest(filters={"issue_tags": ("staffing",)}, all_of=("issue_tags",)))
    counts = {v.value: v.count for v in result.facets["issue_tags"].values}
    holding = [d for d in LIVE if "staffing" in (d.get("issue_tags") or ())]
    expected = {}
    for document in holding:
        for tag in document["issue_tags"]:
            expected[tag] = expected.get(tag, 0) + 1
    assert counts == expected  # each count: reports left if that tag were required too


@pytest.mark.parametrize("bad", [
    SearchRequest(sort="title_desc"),
    SearchRequest(all_of=("nonsense",)),
    SearchRequest(fields=("title",)),
])
def test_an_unknown_sort_facet_or_field_is_refused(loaded, bad):
    with pytest.raises(InvalidRequest):
        loaded.search(bad)
