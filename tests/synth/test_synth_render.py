"""Renderings: every format opens with the ordinary reader of that format and shows the truth."""

from __future__ import annotations

import io
import re

import docx
import pdfplumber
import pytest

from indexer.synth import FORMATS, SYNTHETIC_MARK, generate_reports, make_report
from indexer.synth.document import SYNTHETIC_NOTICE

REPORTS = list(generate_reports(6, seed=2))


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_seed_renders_byte_identical_files(fmt):
    assert make_report(2, 1).render(fmt) == make_report(2, 1).render(fmt)


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        REPORTS[0].render("rtf")


def test_filenames_carry_index_id_and_extension():
    report = REPORTS[3]
    assert report.filename("pdf") == f"synth-000003-{report.report_id}.pdf"


@pytest.mark.parametrize("report", REPORTS[:3], ids=lambda r: r.report_id)
def test_txt_has_word_export_shape(report):
    text = report.render("txt").decode("utf-8")
    truth = report.truth
    assert text.startswith(truth["title"])
    assert "\t一、本年新收政府信息公开申请数量\n" in text
    assert "\t（七）总计\n" in text
    other_rows = re.findall(r"\t[123]\.申请人无正当理由|\t3\.其他\n", text)
    assert bool(other_rows) == (truth["format"] == "2021")


def _html_text(data: bytes) -> tuple[str, str]:
    """Decode a page with the charset its <meta> declares."""
    charset = re.search(rb'charset=([\w-]+)', data).group(1).decode()
    return charset, data.decode(charset)


def test_html_pages_declare_their_encoding_and_use_merged_cells():
    pages = [make_report(2, i).render("html") for i in range(12)]
    charsets = {_html_text(page)[0] for page in pages}
    assert charsets == {"utf-8", "gbk", "gb18030"}
    for page, report in zip(pages, (make_report(2, i) for i in range(12))):
        _, text = _html_text(page)
        assert report.truth["title"] in text
        assert text.count("<table") == 3
        assert 'rowspan="' in text and 'colspan="' in text


def test_docx_opens_with_three_tables_and_the_title():
    report = REPORTS[0]
    document = docx.Document(io.BytesIO(report.render("docx")))
    assert document.paragraphs[0].text == report.truth["title"]
    assert len(document.tables) == 3
    cells = [cell.text.strip() for cell in document.tables[1].rows[3].cells]
    assert cells[3:] == [str(n) for n in report.truth["requests"]["rows"]["new"]]


def test_pdf_text_layer_extracts_title_notice_and_figures():
    report = REPORTS[1]
    with pdfplumber.open(io.BytesIO(report.render("pdf"))) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert report.truth["title"] in text and SYNTHETIC_MARK in text
    assert SYNTHETIC_NOTICE[:20] in text
    new_row = " ".join(str(n) for n in report.truth["requests"]["rows"]["new"])
    assert f"一、本年新收政府信息公开申请数量 {new_row}" in text
