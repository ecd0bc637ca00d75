"""Round trip: the parser reads every generated format back to the truth it was made from."""

from __future__ import annotations

import pytest

from analyzers.report import parse_report
from indexer.synth import FORMATS, generate_reports
from indexer.synth.checks import broken_relations

PER_FORMAT = 24
SOURCE_FORMAT = {"txt": "text"}  # the parser's name where it differs from the file extension
# Reports take the formats in turn; a high break share so every relation kind gets broken.
REPORTS = list(generate_reports(PER_FORMAT * len(FORMATS), seed=17, inconsistent_share=0.3))


def _format_of(report) -> str:
    return FORMATS[report.index % len(FORMATS)]


@pytest.fixture(scope="module")
def parsed() -> dict[int, dict]:
    """Each report parsed once, from its own format."""
    return {r.index: parse_report(r.render(_format_of(r)), r.filename(_format_of(r))).to_dict() for r in REPORTS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_parser_reads_tables_year_template_and_agency_back(parsed, fmt):
    reports = [r for r in REPORTS if _format_of(r) == fmt]
    assert len(reports) == PER_FORMAT
    for report in reports:
        truth, result = report.truth, parsed[report.index]
        label = f"{report.filename(fmt)} ({truth['format']} template)"
        assert result["requests"]["rows"] == truth["requests"]["rows"], label
        assert result["review_litigation"] == truth["review_litigation"], label
        assert (result["year"], result["format"], result["agency"]) == (truth["year"], truth["format"], truth["agency"]), label
        assert result["source_format"] == SOURCE_FORMAT.get(fmt, fmt), label


def test_parser_reads_title_and_date_back(parsed):
    for report in REPORTS:
        truth, result = report.truth, parsed[report.index]
        label = report.filename(_format_of(report))
        assert (result["title"], result["published_on"]) == (truth["title"], truth["published_on"]), label


@pytest.mark.parametrize("fmt", FORMATS)
def test_parser_finds_the_issue_tags_of_section_five(parsed, fmt):
    for report in REPORTS:
        if _format_of(report) == fmt:
            assert parsed[report.index]["issue_tags"] == report.truth["issue_tags"], report.filename(fmt)


def test_parser_resolves_the_region_of_every_report(parsed):
    levels = ("province", "city", "county", "town")
    for report in REPORTS:
        result, region = parsed[report.index]["region"], report.truth["region"]
        assert [result[k] for k in levels] == [region[k] for k in levels], report.filename(_format_of(report))


def test_parser_reads_section_text_back_outside_pdf(parsed):
    # PDF text keeps the line breaks of the page layout, so only the other formats compare exactly.
    for report in REPORTS:
        if _format_of(report) != "pdf":
            assert parsed[report.index]["sections"] == report.truth["sections"], report.filename(_format_of(report))


def test_parser_reads_table_two_back(parsed):
    for report in REPORTS:
        assert parsed[report.index]["active_disclosure"] == report.truth["active_disclosure"], report.filename("txt")


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_parser_fails_exactly_the_checks_the_truth_fails(parsed, template):
    reports = [r for r in REPORTS if r.truth["format"] == template]
    assert reports
    for report in reports:
        assert broken_relations(parsed[report.index]["checks"]) == broken_relations(report.truth["checks"]), \
            report.filename(_format_of(report))
