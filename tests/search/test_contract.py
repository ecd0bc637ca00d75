"""The backend contract, run identically against the embedded engine and real OpenSearch."""

from __future__ import annotations

import pytest

from indexer.search.errors import InvalidRequest, QuerySyntaxError, ResultWindowExceeded
from indexer.search.facets import FACETS
from indexer.search.model import RangeFilter, SearchRequest
from search.search_corpus import ARCHIVED_AT, index_documents

LIVE = [d for d in index_documents() if not d["superseded"]]


def ids(result) -> set[str]:
    """The ids of a result's hits."""
    return {hit.id for hit in result.hits}


def expected_counts(facet_field: str, filters: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Facet counts computed directly from the corpus documents (the oracle)."""
    counts: dict[str, int] = {}
    for document in LIVE:
        if all(_has_any(document, next(f.field for f in FACETS if f.name == name), values) for name, values in filters.items()):
            raw = document.get(facet_field)
            for value in raw if isinstance(raw, list) else [raw] if raw is not None else []:
                counts[str(value)] = counts.get(str(value), 0) + 1
    return counts


def _has_any(document: dict, field: str, values: tuple[str, ...]) -> bool:
    """Whether a document's field holds any of the selected values."""
    raw = document.get(field)
    held = {str(v) for v in (raw if isinstance(raw, list) else [raw])}
    return bool(held & set(values))


def test_a_chinese_word_finds_only_reports_containing_it(loaded):
    result = loaded.search(SearchRequest(query="财政金融局"))
    assert ids(result) == {"r06"}
    assert result.total == 1


def test_words_are_anded(loaded):
    assert ids(loaded.search(SearchRequest(query="平潭 财政金融局"))) == {"r06"}
    partial = loaded.search(SearchRequest(query="财政金融局 上海"))  # no report has both words
    assert partial.notes.partial and partial.hits
    assert all(hit.missing in (("财政金融局",), ("上海",)) for hit in partial.hits)


def test_a_phrase_needs_its_words_next_to_each_other(loaded):
    loose = ids(loaded.search(SearchRequest(query="依法 开展")))
    phrase = ids(loaded.search(SearchRequest(query='"依法开展"')))
    assert phrase == {"r06"}
    assert phrase <= loose


def test_or_matches_either_word_and_minus_excludes(loaded):
    assert ids(loaded.search(SearchRequest(query="财政金融局 OR 潭城镇"))) == {"r02", "r06"}
    without = ids(loaded.search(SearchRequest(query="平潭 -财政金融局")))
    assert "r06" not in without and "r01" in without


def test_numeric_filter_in_the_query_matches_the_table_cells(loaded):
    expected = {d["id"] for d in LIVE if d.get("t3_new_total", -1) >= 10}
    assert ids(loaded.search(SearchRequest(query="新收>=10"))) == expected


def test_range_filters_on_derived_totals_skip_blank_cells(loaded):
    request = SearchRequest(ranges=(RangeFilter("denied_total", gte=1),))
    assert ids(loaded.search(request)) == {d["id"] for d in LIVE if d.get("denied_total", 0) >= 1}
    corrected = SearchRequest(ranges=(RangeFilter("review_corrected", gte=1, lte=1),))
    assert ids(loaded.search(corrected)) == {"r03", "r06"}


@pytest.mark.parametrize("facet", FACETS, ids=lambda f: f.name)
def test_every_facet_counts_match_the_corpus(loaded, facet):
    result = loaded.search(SearchRequest(facet_size=50, facets=(facet.name,)))
    counted = {v.value: v.count for v in result.facets[facet.name].values}
    assert counted == expected_counts(facet.field, {})


def test_a_facet_ignores_its_own_selection_but_narrows_the_others(loaded):
    filters = {"province": ("江苏省", "上海市"), "format": ("2021",)}
    result = loaded.search(SearchRequest(filters=filters, facet_size=50))
    province = {v.value: v.count for v in result.facets["province"].values}
    assert province == expected_counts("province", {"format": ("2021",)})
    assert {v.value: v.count for v in result.facets["year"].values} == expected_counts("year", filters)
    assert {v.value for v in result.facets["province"].values if v.selected} == {"上海市", "江苏省"}
    assert result.total == sum(expected_counts("format", filters).values())


def test_facet_lists_are_cut_at_size_and_flag_truncation(loaded):
    result = loaded.search(SearchRequest(facet_size=2, facets=("agency", "origin")))
    assert len(result.facets["agency"].values) == 2 and result.facets["agency"].truncated
    assert not result.facets["origin"].truncated
    assert set(result.facets) == {"agency", "origin"}


def test_highlights_mark_query_words_and_escape_html(loaded):
    result = loaded.search(SearchRequest(query="制度"))
    snippet = " ".join(ids_snippets for hit in result.hits for ids_snippets in hit.highlights.get("text", ()))
    assert "<mark>制度</mark>" in snippet
    assert "&lt;script&gt;" in snippet and "<script>" not in snippet


def test_sorting_by_year_and_by_new_requests(loaded):
    newest = loaded.search(SearchRequest(sort="year_desc", page_size=50))
    years = [hit.document["year"] for hit in newest.hits]
    assert years == sorted(years, reverse=True)
    oldest = loaded.search(SearchRequest(sort="year_asc", page_size=1))
    assert oldest.hits[0].id == "r01"
    busiest = loaded.search(SearchRequest(sort="new_requests_desc", page_size=2))
    assert [hit.id for hit in busiest.hits] == ["r03", "r04"]


def test_newly_added_first_orders_by_archive_date_not_by_year(loaded):
    newest = loaded.search(SearchRequest(sort="added_desc", page_size=50))
    assert [hit.id for hit in newest.hits] == ["r01", "r07", "r06", "r03", "r04", "r05", "r02"]
    assert newest.hits[0].document["archived_at"] == ARCHIVED_AT["r01"]
    paged = loaded.search(SearchRequest(sort="added_desc", query="平潭", page_size=1, page=2))
    assert [hit.id for hit in paged.hits] == ["r06"]


def test_pages_are_disjoint_and_the_window_is_capped(loaded):
    first = loaded.search(SearchRequest(sort="new_requests_desc", page_size=3, page=1))
    second = loaded.search(SearchRequest(sort="new_requests_desc", page_size=3, page=2))
    assert not ids(first) & ids(second) and first.total == second.total == len(LIVE)
    with pytest.raises(ResultWindowExceeded) as raised:
        loaded.search(SearchRequest(page=11, page_size=10))
    assert raised.value.max_page == 10


def test_superseded_versions_are_hidden_unless_asked_for(loaded):
    assert "r04old" not in ids(loaded.search(SearchRequest(query="旧版", page_size=50)))
    assert ids(loaded.search(SearchRequest(query="旧版", include_superseded=True))) == {"r04old"}


def test_get_returns_the_report_and_its_source(loaded):
    stored = loaded.get("r03")
    assert stored["report"]["agency"] == "沭阳县发展和改革局"
    assert stored["source"]["url"] == "https://example.gov.cn/r03.html"
    assert stored["t4_review_total"] == 4


def test_broken_syntax_and_bad_requests_are_typed_errors(loaded):
    with pytest.raises(QuerySyntaxError):
        loaded.search(SearchRequest(query='"未闭合'))
    with pytest.raises(InvalidRequest):
        loaded.search(SearchRequest(filters={"colour": ("red",)}))
    with pytest.raises(InvalidRequest):
        loaded.search(SearchRequest(sort="random"))


def test_scan_yields_every_match_without_paging(loaded):
    scanned = list(loaded.scan(SearchRequest(filters={"province": ("福建省",)}, page_size=1)))
    assert {d["id"] for d in scanned} == {"r01", "r02", "r06"}
    assert "report" not in scanned[0] and "t3_new_total" in scanned[0]


SCANNED_FIELDS = ("id", "title", "agency", "region_code", "failed_checks", "synthetic", "year", "t3_new_total", "t4_review_total")


def test_a_scan_of_chosen_fields_holds_the_same_values_as_the_full_scan(loaded):
    request = SearchRequest(filters={"province": ("福建省",)})
    full = {d["id"]: d for d in loaded.scan(request)}
    rows = list(loaded.scan(request, fields=SCANNED_FIELDS))
    assert sorted(r["id"] for r in rows) == sorted(full)
    for row in rows:
        assert row == {f: full[row["id"]][f] for f in SCANNED_FIELDS if f in full[row["id"]]}


def test_a_scan_of_numbers_only_gives_every_document_its_cells_and_blanks(loaded):
    full = list(loaded.scan(SearchRequest()))
    rows = list(loaded.scan(SearchRequest(), fields=("year", "t3_new_total", "t4_review_total")))
    expected = [{f: d[f] for f in ("year", "t3_new_total", "t4_review_total") if f in d} for d in full]
    assert sorted(map(sorted, (r.items() for r in rows))) == sorted(map(sorted, (e.items() for e in expected)))


def test_a_selected_value_outside_the_top_values_still_shows_with_its_count(loaded):
    result = loaded.search(SearchRequest(filters={"agency": ("潭城镇人民政府",)}, facets=("agency",), facet_size=1))
    values = {v.value: (v.count, v.selected) for v in result.facets["agency"].values}
    assert values["潭城镇人民政府"] == (1, True)
    assert len(values) == 2 and result.facets["agency"].truncated


def test_a_word_inside_a_longer_segmented_term_is_found(loaded):
    # every title holds 政府信息公开(工作)年度报告, which the segmenter keeps as one token
    assert loaded.search(SearchRequest(query="年度报告")).total == len(LIVE)
    assert loaded.search(SearchRequest(query='"年度报告"')).total == len(LIVE)


def test_a_request_naming_no_facets_counts_the_default_ones(loaded):
    result = loaded.search(SearchRequest())
    assert list(result.facets) == [f.name for f in FACETS if f.by_default]
    assert "agency" not in result.facets


@pytest.mark.parametrize("query, first", [("平潭 2019", "r01"), ("平潭 ２０２４年", "r06"), ("平潭 二〇二四年", "r06")])
def test_a_year_in_the_query_ranks_that_years_report_first_without_filtering(loaded, query, first):
    result = loaded.search(SearchRequest(query=query))
    assert result.hits[0].id == first and result.total > 1


def test_a_short_form_and_a_traditional_spelling_find_the_agency(loaded):
    assert ids(loaded.search(SearchRequest(query="沭陽縣 發改局"))) == {"r03"}
