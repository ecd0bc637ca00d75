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
