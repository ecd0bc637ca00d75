"""One definition per figure: each total is the printed 总计 or the sum of its cells, the pages
say which, and a report whose 总计 is not the sum of its cells fails the check comparing them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.search.model import SearchRequest
from portal.stats.aggregates import FAILING_FIELDS, TOTALS, compute_figures, part_state, with_failing

# 行政复议 printed as 10 but its outcomes add up to 8 (the check fails); litigation agrees;
# one report fills only the review 总计, which no check can compare with blank cells.
DOCS = [
    {"year": 2021, "t4_review_total": 10, "t4_review_upheld": 5, "t4_review_corrected": 3,
     "t4_litigation_direct_total": 2, "t4_litigation_direct_upheld": 2,
     "failed_check_count": 1, "failed_checks": ["t4_review_total"]},
    {"year": 2021, "t4_review_total": 4, "t4_review_upheld": 1, "t4_review_other": 3, "failed_check_count": 0},
    {"year": 2020, "t4_review_total": 6, "failed_check_count": 0},
]


def by_key(figures):
    return {total.key: total for total in figures.totals}


def test_each_total_is_summed_both_ways_with_the_reports_that_disagree_counted():
    failing = [doc for doc in DOCS if doc["failed_check_count"]]
    figures = with_failing(compute_figures(DOCS), failing, 10)
    review = by_key(figures)["review"]
    assert (review.printed, review.cells) == (20, 12)
    assert (review.differing, review.flagged, review.one_sided) == (1, 1, 1)
    litigation = by_key(figures)["litigation"]
    assert litigation.agree and litigation.printed == 2 and litigation.differing == 0


def documents_of(settings) -> list[dict]:
    """The totals' cells and failed checks of every report indexed in a portal's sample."""
    from indexer.backends import open_backend

    backend = open_backend(settings)
    try:
        return list(backend.scan(SearchRequest(sort="year_desc", include_superseded=True), fields=FAILING_FIELDS))
    finally:
        backend.close()


def corpus_documents(corpus: Path) -> list[dict]:
    """The real development reports, parsed and turned into index documents."""
    from analyzers.errors import ReportError
    from analyzers.report import parse_report
    from indexer.documents import build_index_document

    documents = []
    for source in sorted(corpus.glob("*.src")):
        try:
            report = parse_report(source.read_bytes(), filename=source.name).to_dict()
        except ReportError:
            continue  # a file that is not a report has no totals
        documents.append(build_index_document(source.stem.zfill(16)[-16:], report, {}))
    return documents


def test_wherever_a_printed_total_is_not_the_sum_of_its_cells_a_check_fails(portal_settings, corpus_dev_dir):
    documents = documents_of(portal_settings) + corpus_documents(corpus_dev_dir)
    differing = 0
    for document in documents:
        failed = set(document.get("failed_checks") or ())
        for total in TOTALS:
            for part in total.parts:
                if part_state(document, part) == "differ":
                    differing += 1
                    assert part.check in failed, (document.get("id"), part)
    assert len(documents) > 50 and differing > 0  # the sample's inconsistent reports are among them


def test_the_stats_page_says_which_definition_each_total_uses(client):
    html = client.get("/stats").get_data(as_text=True)
    assert "报表所列“总计”之和" in html and "各项之和" in html
    for total in TOTALS:
        assert re.search(rf'<tr[^>]*data-total="{total.key}"', html), total.key


def test_a_total_whose_two_sums_differ_shows_both_and_links_the_failing_reports(app):
    from flask import render_template_string

    figures = with_failing(compute_figures(DOCS), [DOCS[0]], 10)
    with app.test_request_context():
        html = render_template_string('{% include "stats/_totals_table.html" %}', figures=figures, query="")
    row = re.search(r'<tr[^>]*data-total="review".*?</tr>', html, re.S).group(0)
    assert "20" in row and "12" in row and "不一致" in row
    assert "failed_checks=t4_review_total" in row
    assert "只填写" in row  # the report with a 总计 but no cells is named, not hidden


@pytest.mark.parametrize("path", ["/stats", "/regions/"])
def test_stats_and_region_pages_show_the_totals_table(client, path):
    assert 'class="data-table totals"' in client.get(path).get_data(as_text=True)
