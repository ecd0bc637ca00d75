"""Report pages in HTML shapes the walker alone misses parse like the TXT: CSS div tables,
and the article written by JavaScript (document.write or a variable, with \\" escapes)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analyzers.extract import extract_document
from analyzers.extract.blocks import Table
from analyzers.report import parse_report
from tests.parser.documents import build_html

SEED = "004_dd49fe4a91b4c513.txt"
SAME = ("requests", "review_litigation", "active_disclosure", "format", "year", "agency")


@pytest.fixture(scope="module")
def seed(seeds_dir: Path):
    data = (seeds_dir / SEED).read_bytes()
    document = extract_document(data, SEED)
    return build_html(document, "utf-8").decode(), parse_report(data, SEED).to_dict()


def _as_div_tables(page: str, how: str) -> str:
    """Every table, row and cell turned into a <div> with the given kind of marking."""
    marks = {"style": ("style='display:table'", "style='display: table-row'", "style='display:table-cell'"),
             "role": ("role='table'", "role='row'", "role='cell'"),
             "class": ("class='tbl'", "class='tr'", "class='td'")}[how]
    page = re.sub(r"<table[^>]*>", f"<div {marks[0]}>", page).replace("</table>", "</div>")
    page = re.sub(r"<tr[^>]*>", f"<div {marks[1]}>", page).replace("</tr>", "</div>")
    page = re.sub(r"<t[dh]([^>]*)>", lambda m: f"<div {marks[2]}{m.group(1)}>", page)
    return re.sub(r"</t[dh]>", "</div>", page)


@pytest.mark.parametrize("how", ["style", "role", "class"])
def test_css_div_tables_parse_to_the_txt_tables(seed, how):
    page = _as_div_tables(seed[0], how)
    assert "<table" not in page
    report = parse_report(page.encode(), "page.html").to_dict()
    for key in SAME:
        assert report[key] == seed[1][key], key


def test_an_article_written_by_document_write_with_escaped_quotes_parses(seed):
    body = seed[0].split("<body>", 1)[1].split("</body>", 1)[0].replace("<p>", "<p class=\"t\">")
    literal = json.dumps(body, ensure_ascii=False)  # "…<p class=\"t\">…"
    assert '\\"' in literal
    page = f"<html><head><title>年报</title></head><body><div id='c'></div><script>document.write({literal});</script></body></html>"
    report = parse_report(page.encode(), "page.html").to_dict()
    for key in SAME:
        assert report[key] == seed[1][key], key


def test_an_article_held_in_a_variable_of_concatenated_strings_parses(seed):
    body = seed[0].split("<body>", 1)[1].split("</body>", 1)[0]
    half = len(body) // 2
    parts = " + ".join(json.dumps(piece, ensure_ascii=False) for piece in (body[:half], body[half:]))
    page = (f"<html><body><script>var content = {parts};\n"
            "document.getElementById('c').innerHTML = content;</script><div id='c'></div></body></html>")
    report = parse_report(page.encode(), "page.html").to_dict()
    for key in SAME:
        assert report[key] == seed[1][key], key


def test_a_bootstrap_layout_row_is_not_taken_for_a_data_table():
    page = ("<html><body><div class='row'><div class='col'>" + "导航" * 200 + "</div>"
            "<div class='col'><p>正文</p></div></div></body></html>").encode()
    assert not any(isinstance(b, Table) for b in extract_document(page, "p.html").blocks)


def _div_page(page: str, table: str, row: str, cell: str, sheet: str = "") -> str:
    page = re.sub(r"<table[^>]*>", f"<div class='{table}'>", page).replace("</table>", "</div>")
    page = re.sub(r"<tr[^>]*>", f"<div class='{row}'>", page).replace("</tr>", "</div>")
    page = re.sub(r"<t[dh]([^>]*)>", lambda m: f"<div class='{cell}'{m.group(1)}>", page)
    page = re.sub(r"</t[dh]>", "</div>", page)
    return page.replace("<head>", f"<head><style>{sheet}</style>", 1) if sheet else page


@pytest.mark.parametrize(("row", "cell", "sheet"), [
    ("table-row", "table-cell", ""),  # the CSS names as class names
    # classes of the site's own naming, laid out as a table by its stylesheet
    ("rptRow", "rptCell", ".rpt { display: table; border: 1px solid #000 }\n"
                          ".rpt .rptRow{display:table-row}\n.rpt > .rptRow > .rptCell, .x { display : table-cell; padding: 2px }"),
])
def test_div_tables_named_by_css_classes_become_tables(seed, row: str, cell: str, sheet: str):
    page = _div_page(seed[0], "rpt", row, cell, sheet)
    assert "<table" not in page
    blocks = extract_document(page.encode(), "page.html").blocks
    assert sum(isinstance(block, Table) for block in blocks) == 3
    report = parse_report(page.encode(), "page.html").to_dict()
    for key in SAME:
        assert report[key] == seed[1][key], key


def _body(seed) -> str:
    return seed[0].split("<body>", 1)[1].split("</body>", 1)[0]


@pytest.mark.parametrize("script", [
    "$(function () {{ $('#zoom').html({literal}); }});",  # jQuery
    "var pageData = {{\"id\": 8812, \"title\": \"年报\", \"content\": {literal}}};",  # an object's field
    "document.write({ascii});",  # Chinese as \\uXXXX escapes
    "var html = `{raw}`;\ndocument.getElementById('zoom').innerHTML = html;",  # a template literal
])
def test_an_article_a_script_holds_in_other_ways_parses(seed, script: str):
    body = _body(seed)
    code = script.format(literal=json.dumps(body, ensure_ascii=False), ascii=json.dumps(body), raw=body)
    page = f"<html><head><title>年报</title></head><body><div id='zoom'></div><script>{code}</script></body></html>"
    report = parse_report(page.encode(), "page.html").to_dict()
    for key in SAME:
        assert report[key] == seed[1][key], key


def test_an_article_shown_in_the_page_and_also_held_by_a_script_is_read_once(seed):
    body = _body(seed)
    data = json.dumps({"content": body}, ensure_ascii=False)
    page = f"<html><head><title>年报</title></head><body>{body}<script>var pageData = {data};</script></body></html>"
    document = extract_document(page.encode(), "page.html")
    assert sum(isinstance(block, Table) for block in document.blocks) == 3
    report = parse_report(page.encode(), "page.html").to_dict()
    for key in SAME:
        assert report[key] == seed[1][key], key
