"""Flattening a parsed report into the index document both engines store."""

from __future__ import annotations

from analyzers.segment import subwords
from indexer.documents import build_index_document, epoch_seconds, requests_bucket
from indexer.search.facets import FACETS
from indexer.search.fields import NUMERIC_FIELDS, T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_OUTCOMES, YEARS_NUMERIC_FIELDS
from indexer.years.fields import YEARS_FIELDS, with_years, years_fields
from search.search_corpus import REPORTS, provenance


def test_numeric_fields_cover_every_table_cell_and_derived_total_with_a_label():
    assert len(NUMERIC_FIELDS) == 1 + len(T3_ROWS) * len(T3_COLUMNS) + len(T4_GROUPS) * len(T4_OUTCOMES) + 8 + len(YEARS_NUMERIC_FIELDS)
    assert NUMERIC_FIELDS["t3_new_natural_person"] == "本年新收政府信息公开申请数量（自然人）"
    assert NUMERIC_FIELDS["t4_review_corrected"] == "行政复议·结果纠正"
    assert all(label for label in NUMERIC_FIELDS.values())


def test_cells_become_numbers_and_blank_cells_stay_absent():
    document = build_index_document("r03", REPORTS["r03"], provenance("r03"))
    assert document["t3_new_total"] == 150 and document["t3_new_natural_person"] == 150
    assert "t3_granted_natural_person" not in document  # a blank is not a zero
    assert document["t4_review_total"] == 4 and document["t4_litigation_direct_corrected"] == 1


def test_derived_totals_and_flags_follow_the_tables():
    document = build_index_document("r03", REPORTS["r03"], provenance("r03"))
    assert (document["denied_total"], document["review_total"], document["review_corrected"]) == (4, 4, 1)
    assert (document["litigation_total"], document["litigation_corrected"]) == (2, 1)
    assert document["outcomes"] == [
        "has_review", "has_review_upheld", "has_review_corrected", "has_review_pending",
        "has_litigation", "has_litigation_upheld", "has_litigation_corrected", "has_denied",
    ]
    assert document["failed_checks"] == ["t3_identity_total"] and document["failed_check_count"] == 1


def test_a_report_with_blank_tables_gets_no_numbers_and_the_unknown_bucket():
    document = build_index_document("r05", REPORTS["r05"], provenance("r05"))
    assert "t3_new_total" not in document and "denied_total" not in document
    assert document["requests_bucket"] == "unknown" and document["sort_new_requests"] == -1


def test_request_buckets_have_the_declared_edges():
    assert [requests_bucket(n) for n in (None, 0, 1, 9, 10, 99, 100)] == ["unknown", "0", "1-9", "1-9", "10-99", "10-99", "100+"]


def test_text_is_segmented_lowercased_and_the_original_kept_for_snippets():
    report = dict(REPORTS["r01"], title="平潭 GOV 报告")
    document = build_index_document("r01", report, provenance("r01"))
    assert "gov" in document["title_text"].split() and "GOV" not in document["title_text"]
    assert document["content"].startswith("平潭 GOV 报告")
    assert document["report"]["title"] == "平潭 GOV 报告"


def test_provenance_flags_and_every_facet_field_are_present():
    document = build_index_document("r07", REPORTS["r07"], provenance("r07", superseded=True))
    assert document["synthetic"] is True and document["origin"] == "synthetic"
    assert document["superseded"] is True and document["source"]["batch"] == "test"
    assert document["source_url"] == "https://example.gov.cn/r07.html"
    # the across-years facets come from the years step (indexer.years), which adds its fields
    years = {f.field for f in FACETS if f.field in YEARS_FIELDS}
    assert {f.field for f in FACETS if f.name != "town"} - years <= set(document)
    # a report not analysed yet has every years facet but its unit's (it has none yet)
    analysed = with_years(document, years_fields(None, REPORTS["r07"]))
    assert years - {"unit_id"} <= set(analysed) and "unit_id" not in analysed


def test_the_archive_date_is_kept_as_a_date_and_a_sortable_number():
    document = build_index_document("r01", REPORTS["r01"], provenance("r01"))
    assert document["archived_at"] == "2026-03-09T10:00:00+00:00"
    assert document["sort_added"] == 1773050400
    fetched_only = build_index_document("r02", REPORTS["r02"], {"fetched_at": "2026-01-05T08:00:00Z"})
    assert fetched_only["archived_at"] == "2026-01-05T08:00:00Z" and fetched_only["sort_added"] == 1767600000
    assert build_index_document("r03", REPORTS["r03"], {})["sort_added"] == -1
    assert epoch_seconds("not a time") == -1 and epoch_seconds("2026-01-05T08:00:00") == 1767600000


def test_subwords_expose_dictionary_words_inside_whole_terms():
    assert {"政府", "信息", "公开", "信息公开"} <= set(subwords("政府信息公开"))
    assert "政府信息公开" not in subwords("政府信息公开") and subwords("公开") == ()
    document = build_index_document("r01", REPORTS["r01"], provenance("r01"))
    assert "年度报告" in document["subwords"].split()


def test_table_wording_and_region_names_are_searchable_but_not_snippet_text():
    document = build_index_document("r03", REPORTS["r03"], provenance("r03"))
    words = document["text"].split()
    assert {"不予公开", "行政复议", "宿迁"} <= set(words) and "纠正" in document["subwords"].split()
    assert "不予公开" not in document["content"]


def test_a_report_without_table_numbers_gets_no_table_wording():
    document = build_index_document("r05", REPORTS["r05"], provenance("r05"))
    assert "不予公开" not in document["text"].split()


def test_failed_check_facet_values_read_in_chinese():
    facet = next(f for f in FACETS if f.name == "failed_checks")
    assert facet.value_label("t3_identity_total") == "表三总计列：本年新收+上年结转=办理结果总计+结转下年度"
    assert facet.value_label("t3_applicants_granted") == "表三“予以公开”行：六类申请人之和=总计"
    assert facet.value_label("t4_review_total") == "表四行政复议：维持+纠正+其他+尚未审结=总计"
    assert facet.value_label("something_else") == "something_else"


def test_every_query_alias_names_a_declared_numeric_field():
    from indexer.search.fields import QUERY_ALIASES

    assert {alias: field for alias, field in QUERY_ALIASES.items() if field not in NUMERIC_FIELDS} == {}
