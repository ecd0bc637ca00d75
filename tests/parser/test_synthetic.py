"""Reports the synth helper renders (TXT, HTML, DOCX, PDF) parse back to their truth tables."""

from __future__ import annotations

import pytest

from analyzers.report import parse_report

synth = pytest.importorskip("indexer.synth", reason="the synthetic corpus generator has not landed")

FIXED_FIELDS = ("format", "year", "agency", "requests", "review_litigation")


@pytest.fixture(scope="module")
def reports() -> list:
    return list(synth.generate_reports(8, seed=5))


@pytest.mark.parametrize("fmt, count", [("txt", 8), ("html", 8), ("docx", 2), ("pdf", 1)])
def test_synthetic_reports_parse_back_to_their_truth(reports, fmt, count):
    for report in reports[:count]:
        parsed = parse_report(report.render(fmt), report.filename(fmt), with_keywords=False).to_dict()
        for field in FIXED_FIELDS:
            assert parsed[field] == report.truth[field], (report.report_id, fmt, field)


def test_synthetic_consistency_flags_match_the_checks(reports):
    for report in reports:
        parsed = parse_report(report.render("txt"), report.filename("txt"), with_keywords=False).to_dict()
        assert all(check["ok"] for check in parsed["checks"]) == report.truth["expected_consistent"]
