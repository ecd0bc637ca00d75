"""A text PDF whose tables 三 and 四 are pictures: the pictures are read by OCR and the
tables equal the TXT seed's (a number OCR doubts is null with a warning, never wrong)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.extract import extract_document
from analyzers.extract.blocks import Table
from analyzers.report import parse_report
from tests.parser.pdf_builders import picture_pdf

pytestmark = pytest.mark.slow  # OCR: a few seconds a picture on 2 shared cores

SEED = "004_dd49fe4a91b4c513.txt"


def _table_3_or_4(table: Table) -> bool:
    return any("本年新收" in cell or "行政复议" in cell for row in table.rows for cell in row)


@pytest.fixture(scope="module")
def reports(seeds_dir: Path) -> tuple[dict, dict]:
    data = (seeds_dir / SEED).read_bytes()
    expected = parse_report(data, SEED, with_keywords=False).to_dict()
    pdf = picture_pdf(extract_document(data, SEED), _table_3_or_4)
    return parse_report(pdf, "report.pdf", with_keywords=False).to_dict(), expected


def _cells(report: dict) -> list:
    rows = report["requests"]["rows"]
    review = report["review_litigation"]
    return [v for key in sorted(rows) for v in rows[key]] + [v for g in sorted(review) for v in review[g].values()]


def test_tables_drawn_as_pictures_in_a_text_pdf_read_like_the_txt(reports):
    report, expected = reports
    assert report["source_format"] == "pdf" and report["format"] == expected["format"]
    got, want = _cells(report), _cells(expected)
    wrong = [(g, w) for g, w in zip(got, want) if g is not None and g != w]
    assert wrong == []
    same = sum(g == w for g, w in zip(got, want))
    assert same >= 0.99 * len(want)
    if same < len(want):  # every cell OCR left empty is named in a warning
        assert any("confidence" in warning for warning in report["warnings"])


def test_the_report_says_which_page_held_a_picture_read_by_ocr(reports):
    report, _ = reports
    assert any("table drawn as a picture: read by OCR" in warning for warning in report["warnings"])
    assert report["sections"]["overview"]  # the text layer is read as text, not by OCR
