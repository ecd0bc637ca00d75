"""The same report as DOCX, PDF and GBK HTML parses to the same tables as the TXT original."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.extract import extract_document
from analyzers.extract.blocks import Table
from analyzers.report import parse_report
from tests.parser.documents import build_docx, build_html, build_pdf

SEED = "004_dd49fe4a91b4c513.txt"


@pytest.fixture(scope="module")
def seed_bytes(seeds_dir: Path) -> bytes:
    return (seeds_dir / SEED).read_bytes()


@pytest.fixture(scope="module")
def from_txt(seed_bytes: bytes) -> dict:
    return parse_report(seed_bytes, SEED).to_dict()


@pytest.fixture(scope="module")
def seed_document(seed_bytes: bytes):
    return extract_document(seed_bytes, SEED)


@pytest.fixture(scope="module")
def docx_bytes(seed_document) -> bytes:
    return build_docx(seed_document)


def _same_content(report: dict, expected: dict) -> None:
    for key in ("requests", "review_litigation", "active_disclosure", "format", "year", "agency", "title"):
        assert report[key] == expected[key], key


def test_a_docx_built_from_a_seed_parses_to_the_same_tables_as_the_txt(docx_bytes, from_txt):
    report = parse_report(docx_bytes, "report.docx").to_dict()
    assert report["source_format"] == "docx"
    _same_content(report, from_txt)


def test_a_pdf_built_from_a_seed_parses_to_the_same_tables_as_the_txt(seed_document, from_txt):
    report = parse_report(build_pdf(seed_document), "report.pdf").to_dict()
    assert report["source_format"] == "pdf"
    _same_content(report, from_txt)


@pytest.mark.parametrize("encoding", ["gbk", "gb2312", "gb18030", "utf-8"])
def test_an_html_page_in_a_chinese_encoding_parses_like_the_txt(seed_document, from_txt, encoding):
    report = parse_report(build_html(seed_document, encoding), "report").to_dict()
    assert report["source_format"] == "html"
    _same_content(report, from_txt)


def test_gbk_html_without_a_charset_declaration_is_detected_from_the_bytes(seed_document, from_txt):
    report = parse_report(build_html(seed_document, "gbk", declare=False), None).to_dict()
    _same_content(report, from_txt)


def test_the_http_charset_wins_over_a_wrong_meta_declaration(seed_document, from_txt):
    page = build_html(seed_document, "gbk").replace(b"charset=gbk", b"charset=utf-8")
    report = parse_report(page, None, content_type="text/html; charset=GBK").to_dict()
    _same_content(report, from_txt)


def test_html_rowspan_and_colspan_are_unrolled_into_a_grid():
    page = ("<table><tr><td rowspan='2'>三、本年度办理结果</td><td colspan='2'>（一）予以公开</td><td>5</td></tr>"
            "<tr><td>（二）</td><td>部分公开</td><td>1</td></tr></table>").encode()
    table = next(b for b in extract_document(page, "t.html").blocks if isinstance(b, Table))
    assert table.rows == (("三、本年度办理结果", "（一）予以公开", "（一）予以公开", "5"),
                          ("三、本年度办理结果", "（二）", "部分公开", "1"))


def test_a_file_without_a_telling_extension_is_typed_from_its_bytes(seed_document, docx_bytes):
    assert extract_document(build_html(seed_document, "utf-8"), "page.src").source_format == "html"
    assert extract_document(docx_bytes, "upload.bin").source_format == "docx"


def test_markdown_pipe_tables_become_tables():
    text = "二、主动公开\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 |\n".encode()
    blocks = extract_document(text, "a.md").blocks
    assert blocks[1] == Table((("信息内容", "本年制发件数"), ("规章", "3")))


def test_a_page_laid_out_in_a_table_is_walked_as_text(seed_document, from_txt):
    page = build_html(seed_document, "utf-8").decode()
    page = page.replace("<body>", "<body><table><tr><td>", 1).replace("</body>", "</td></tr></table></body>", 1)
    report = parse_report(page.encode(), "page.html").to_dict()
    _same_content(report, from_txt)
    # a layout cell holding only running text (no nested table) is text as well
    start = page.index("<p>五、")
    page = page[:start] + "<table><tr><td>" + page[start:].replace("<div class='footer'>", "</td></tr></table><div>")
    report = parse_report(page.encode(), "page.html").to_dict()
    assert report["sections"]["problems"] == from_txt["sections"]["problems"]


def test_page_chrome_is_dropped_but_a_report_inside_a_header_named_box_is_kept(seed_document, from_txt):
    page = build_html(seed_document, "utf-8").decode()
    overview = parse_report(page.encode(), "p.html").to_dict()["sections"]["overview"]
    assert overview.split() == from_txt["sections"]["overview"].split()
    page = page.replace("<title>年报</title></head><body>", "<title>年报</title></head><body><div class='main-header'>", 1)
    page = page.replace("<div class='footer'>", "</div><div class='footer'>", 1)
    report = parse_report(page.encode(), "p.html").to_dict()
    _same_content(report, from_txt)
    assert "版权所有" not in (report["sections"]["other"] or "")


def test_a_utf16_text_file_with_a_bom_parses_like_utf8(seed_bytes, from_txt):
    report = parse_report(seed_bytes.decode("utf-8").encode("utf-16"), "report.txt").to_dict()
    _same_content(report, from_txt)


def test_pdf_lines_wrapped_at_the_margin_are_joined_again():
    from analyzers.extract.pdf import unwrap_lines

    text = "五、存在的主要问题及改进情况\n一是工作人员缺乏系统的业务培\n训，公开工作存在弱项。\n二是短。"
    assert unwrap_lines(text).split("\n") == ["五、存在的主要问题及改进情况",
                                              "一是工作人员缺乏系统的业务培训，公开工作存在弱项。", "二是短。"]
