"""The unit page, its CSV, the year-over-year view, the JSON API and the report page's link, on real reports."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote

import pytest

from portal.app import create_app

UNIT = "350128:财政金融局"


@pytest.fixture(scope="module")
def client(archive_settings):
    """A test client of the portal over the analysed archive, its reports indexed on the embedded engine."""
    from indexer.archive import open_archive
    from indexer.backends import open_backend
    from indexer.reindex import index_catalog

    catalog, store = open_archive(archive_settings)
    backend = open_backend(archive_settings)
    try:
        index_catalog(catalog, store, backend)
    finally:
        backend.close()
        catalog.close()
    return create_app({"TESTING": True, "SETTINGS": archive_settings}).test_client()


def page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_the_unit_page_sets_seven_years_side_by_side_with_changes_marked(client):
    html = page_text(client, f"/units/{UNIT}")
    assert "<h1>平潭综合实验区财政金融局</h1>" in html
    header = re.search(r'<table class="data-table unit-figures">.*?</thead>', html, re.S).group()
    assert re.findall(r">(20\d\d)</th>", header) == [str(y) for y in range(2019, 2026)]
    for label in ("新收", "上年结转", "予以公开", "不予公开合计", "办理结果总计", "结转下年度", "行政复议总计", "行政诉讼纠正"):
        assert f'<th scope="row">{label}</th>' in html
    assert '<span class="change up" title="与上年相比">↑+1</span>' in html  # 新收 2021 → 2022: 0 → 1


def test_the_unit_page_explains_its_merge_and_gives_checks_timeliness_and_copy_shares(client):
    html = page_text(client, f"/units/{UNIT}")
    assert "去掉地名前缀：平潭综合实验区财政金融局 → 财政金融局" in html
    assert "本年报告的现行有效件数" in html or "现行有效" in html  # the failed 规范性文件 chain, in Chinese
    assert "2024-01-31发布，期限2024-01-31" in html  # the deadline day itself is on time
    assert "按时发布" in html and "政府部门（1月31日前）" in html
    assert "大段照搬上年" in html and "重复段落" in html
    assert html.count("与上年对比") == 6
    assert "<svg" in html and html.count("<script") == 1  # the chart is SVG; only the site-wide static/suggest.js


def test_every_report_of_the_unit_is_linked_and_links_back(client, years_store):
    html = page_text(client, f"/units/{UNIT}")
    ids = [r["report_id"] for r in years_store.unit_reports(UNIT)]
    assert len(ids) == 7 and all(f'href="/reports/{rid}"' in html for rid in ids)
    report = page_text(client, f"/reports/{ids[0]}")
    assert f'href="/units/{quote(UNIT, safe=":")}"' in report and "历年对照" in report


def test_the_series_csv_has_one_row_per_year_with_the_key_figures(client):
    response = client.get(f"/units/{UNIT}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["年度"] for r in rows] == [str(y) for y in range(2019, 2026)]
    assert rows[3]["新收"] == "1" and rows[3]["跨年度校验未通过"] == "xy_in_force_normative_documents"


def test_a_gap_year_is_shown_as_missing_and_never_compared(client):
    html = page_text(client, "/units/350128:社会事业局")
    assert "未见该年度报告" in html and "缺失：2020" in html


def test_the_year_over_year_view_shows_changed_cells_and_sentences_in_chinese(client, years_store):
    reports = {r["year"]: r["report_id"] for r in years_store.unit_reports(UNIT)}
    html = page_text(client, f"/units/{UNIT}/compare?a={reports[2021]}&b={reports[2020]}")
    assert "2020年与2021年年报对比" in html
    assert "<del>" in html and "<ins>" in html and "相似度" in html
    assert client.get(f"/units/{UNIT}/compare?a={reports[2021]}").status_code == 400
    other = years_store.unit_reports("350128:公安局")[0]["report_id"]
    assert client.get(f"/units/{UNIT}/compare?a={reports[2021]}&b={other}").status_code == 404


def test_the_api_gives_the_unit_and_every_report_analysis(client):
    response = client.get(f"/api/units/{UNIT}")
    data = response.get_json()
    assert data["unit"]["years"] == list(range(2019, 2026))
    assert all("timeliness" in r["result"] and "figures" in r for r in data["reports"])
    assert client.get("/api/units/000000:无此单位").status_code == 404
    assert client.get("/units/000000:无此单位").status_code == 404


def test_the_openapi_document_names_the_unit_endpoint(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["paths"]["/api/units/{unit_id}"]["get"]["operationId"] == "unit"


def test_the_year_over_year_view_prints_money_changes_without_binary_noise(client, years_store):
    reports = {r["year"]: r["report_id"] for r in years_store.unit_reports(UNIT)}
    html = page_text(client, f"/units/{UNIT}/compare?a={reports[2022]}&b={reports[2023]}")
    row = re.search(r"<tr><td>表二</td><td>行政事业性收费</td>.*?</tr>", html).group()
    assert re.findall(r'<td class="num">([^<]*)</td>', row) == ["9,116.36", "5,949.09", "-3,167.27"]
    assert "00000" not in html


def test_a_money_cell_change_is_stored_rounded():
    from analyzers.years.diff import table_diff

    fees = {"active_disclosure": {"fees": {"amount": 9116.36}}}
    change, = table_diff(fees, {"active_disclosure": {"fees": {"amount": 5949.09}}})
    assert change["delta"] == -3167.27 and change["before"] == 9116.36


def test_the_number_filter_rounds_away_float_noise_and_groups_thousands():
    from portal.filters import number

    assert number(5949.09 - 9116.36) == "-3,167.27"
    assert number(9116.36) == "9,116.36" and number(1295) == "1,295" and number(3.0) == "3"
    assert number(0.1 + 0.2) == "0.3" and number(None) == "—" and number(float("nan")) == "nan"


def test_a_comparison_that_cannot_be_made_says_why_on_its_error_page(client, years_store):
    ours = years_store.unit_reports(UNIT)[0]["report_id"]
    other = years_store.unit_reports("350128:公安局")[0]["report_id"]
    wrong = client.get(f"/units/{UNIT}/compare?a={ours}&b={other}")
    assert wrong.status_code == 404 and f"报告 {other} 不属于该单位" in wrong.get_data(as_text=True)
    half = client.get(f"/units/{UNIT}/compare?a={ours}")
    assert half.status_code == 400 and "需要两个报告编号" in half.get_data(as_text=True)
    plain = client.get("/units/000000:无此单位").get_data(as_text=True)
    assert "您访问的页面不存在" in plain and "requested URL" not in plain  # no werkzeug English


def test_the_changed_cells_are_listed_as_the_report_prints_them(client, years_store):
    reports = {r["year"]: r["report_id"] for r in years_store.unit_reports(UNIT)}
    html = page_text(client, f"/units/{UNIT}/compare?a={reports[2022]}&b={reports[2023]}")
    rows = re.findall(r"<tr><td>(表.)</td><td>([^<]+)</td><td>([^<]+)</td>", html)
    tables = [table for table, _row, _column in rows]
    assert tables == sorted(tables, key="表二 表三 表四".split().index) and tables[0] == "表二"
    requests = [(row, column) for table, row, column in rows if table == "表三"]
    assert [row[:3] for row, _column in requests[::2]] == ["一、本", "（二）", "（七）"]
    assert [column for _row, column in requests[:2]] == ["自然人", "总计"]


def test_the_report_page_names_the_type_of_its_original_in_chinese(client, years_store):
    report_id = years_store.unit_reports(UNIT)[0]["report_id"]
    html = page_text(client, f"/reports/{report_id}")
    assert re.search(r"<dt>原件</dt><dd>纯文本（TXT），[\d,]+ 字节</dd>", html) and "text/plain" not in html


def test_every_type_of_original_has_a_plain_name():
    from portal.reports.downloads import media_label

    assert media_label("application/pdf") == "PDF 文档" and media_label("text/html; charset=gbk") == "网页（HTML）"
    assert media_label("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") == "XLSX 文件"
    assert media_label("application/octet-stream") == media_label(None) == media_label("x/unknown") == "类型不明"


def test_a_crawled_section_without_line_breaks_reads_in_numbered_paragraphs(client, years_store):
    report_id = {r["year"]: r["report_id"] for r in years_store.unit_reports(UNIT)}[2023]
    html = page_text(client, f"/reports/{report_id}")
    overview = html[html.index('id="section-overview"'):html.index('id="section-active"')]
    starts = re.findall(r"<p>(.{4})", overview)
    assert starts[0] == "2023" and "（一）主" in starts and "（二）政" in starts and "（三）政" in starts
    assert "第二十条第（一）项" in html  # a reference to an article is not a paragraph of its own


def test_paragraphs_break_before_numbered_parts_only_after_a_sentence():
    from portal.filters import paragraphs

    text = "总体良好。（一）主动公开。依据第二十条第（一）项公开；(二)依申请公开\n六、其他"
    assert paragraphs(text) == ["总体良好。", "（一）主动公开。依据第二十条第（一）项公开；", "(二)依申请公开", "六、其他"]
    assert paragraphs(None) == [] and paragraphs("  \n ") == []
