"""Missing and late reports of the real Pingtan units (../shared/corpus-years with corpus-dev), as their README reads.

The README's table and notes give each unit's years: 财政金融局 2019–2025 without a gap;
社会事业局 2019, 2021, 2022, 2025 (2025 in corpus-dev 22); 公安局 2020 (a title-only
page, kept as a partial report), 2021 (dev 20), 2022 (dev 08); 海坛片区管理局 2019 (dev 12),
2020, 2023, 2025 (dev 17); and the zone's government (dev 27 and 04) 2017 and 2019. All
posting dates in the README are before 31 January: none of them is late.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.missing.conftest import ON, client_of
from tests.missing.pages import LATE_ROW, MISSING_ROW, api_rows, csv_rows, get, html_rows

PINGTAN = "福建省/福州市/平潭县"
# (unit, missing year, year of the last report seen, the file that report came from)
EXPECTED = {
    ("350128:社会事业局", 2020, 2019, "shs-2019.txt"), ("350128:社会事业局", 2023, 2022, "shs-2022.txt"),
    ("350128:公安局", 2023, 2022, "08.src"),
    ("350128:海坛片区管理局", 2021, 2020, "htpq-2020.txt"), ("350128:海坛片区管理局", 2024, 2023, "htpq-2023.txt"),
    ("350128:政府", 2018, 2017, "27.src"), ("350128:政府", 2020, 2019, "04.src"),
}


@pytest.fixture(scope="module")
def client(pingtan_settings):
    return client_of(pingtan_settings)


def missing_of(client, region: str, on: str) -> set[tuple]:
    _, rows = api_rows(client, f"/api/missing?region={region}&on={on}")
    return {(r["unit_id"], r["year"], r["last_report"]["year"], r["last_report"]["url"].rsplit("/", 1)[-1]) for r in rows}


def test_the_pingtan_missing_list_is_the_readme_s(client):
    assert missing_of(client, PINGTAN, ON) == EXPECTED  # 财政金融局: no gap, nothing missing


def test_the_deadline_depends_on_the_kind_of_body(client):
    # 31 Jan 2027 is the departments' deadline for 2026: the day itself is still in time
    assert not [r for r in missing_of(client, PINGTAN, "2027-01-31") if r[1] == 2026]
    after = {(r[0], r[1]) for r in missing_of(client, "江苏省/宿迁市/沭阳县", "2027-02-01")}
    assert after == {("321322:发改局", 2024)}  # the county government's 2026 report is due by 31 March
    later = {(r[0], r[1]) for r in missing_of(client, "江苏省/宿迁市/沭阳县", "2027-04-01")}
    assert later == {("321322:发改局", 2024), ("321322:政府", 2026)}
    pingtan = {(r[0], r[1]) for r in missing_of(client, PINGTAN, "2027-02-01")}
    assert {("350128:财政金融局", 2026), ("350128:社会事业局", 2026), ("350128:海坛片区管理局", 2026)} <= pingtan


def test_page_csv_and_api_list_the_same_rows(client):
    for region in ("", "福建省", PINGTAN):
        path = f"/{region}" if region else "/"
        page = set(html_rows(client, f"/missing{path}?on={ON}", MISSING_ROW))
        table = {(r["单位编号"], r["未见报告的年度"], r["最近一份报告编号"])
                 for r in csv_rows(client, f"/missing{path.rstrip('/') or ''}.csv?on={ON}")}
        _, rows = api_rows(client, f"/api/missing?region={region}&on={ON}")
        api = {(r["unit_id"], str(r["year"]), r["last_report"]["report_id"]) for r in rows}
        assert page == table == api and page, region


def test_the_page_links_the_unit_and_the_last_report(client):
    html = get(client, f"/missing/{PINGTAN}?on={ON}").get_data(as_text=True)
    assert "平潭综合实验区社会事业局" in html and "/units/350128:%E7%A4%BE%E4%BC%9A%E4%BA%8B%E4%B8%9A%E5%B1%80" in html
    _, rows = api_rows(client, f"/api/missing?region={PINGTAN}&on={ON}")
    for row in rows:
        assert f'href="/reports/{row["last_report"]["report_id"]}"' in html
        assert get(client, f"/reports/{row['last_report']['report_id']}").status_code == 200


def test_no_pingtan_report_is_late_and_unknown_dates_are_never_on_time(client):
    body = get(client, f"/api/late?region={PINGTAN}").get_json()
    assert (body["reports"], body["late"], body["on_time"], body["unknown_date"], body["total"]) == (20, 0, 20, 0, 0)
    nation = get(client, "/api/late?status=unknown_date").get_json()
    assert nation["unknown_date"] == len(nation["rows"]) == 5  # four seeds and the Shanghai report print no date
    assert nation["reports"] == nation["late"] + nation["on_time"] + nation["unknown_date"]
    html = get(client, "/late/?status=unknown_date").get_data(as_text=True)
    assert {r[0] for r in html_rows(client, "/late/?status=unknown_date", LATE_ROW)} == {r["report_id"] for r in nation["rows"]}
    assert html.count("<td>不明</td>") == 5
    late_csv = csv_rows(client, "/late.csv?status=unknown_date")
    assert {r["发布日期"] for r in late_csv} == {"发布日期不明"} and {r["逾期天数"] for r in late_csv} == {""}


def lateness_rows(html: str) -> dict[str, tuple[str, ...]]:
    """Region path → (reports, late, on time, date unknown, share late) of a lateness table."""
    found = re.findall(r'<tr data-region="([^"]*)"[^>]*>\s*<th[^>]*>.*?</th>\s*<td>([\d,]+)</td><td>([\d,]+)</td>'
                       r'<td>([\d,]+)</td><td>([\d,]+)</td>\s*<td>([^<]+)</td>', html, re.S)
    return {row[0]: row[1:] for row in found}


def test_region_pages_tally_lateness_per_child_region(client):
    html = get(client, "/regions/福建省/福州市").get_data(as_text=True)
    assert "年报发布时效" in html
    assert lateness_rows(html) == {PINGTAN: ("20", "0", "20", "0", "0.0%"), "福建省/福州市": ("20", "0", "20", "0", "0.0%")}
    assert 'href="/late/%E7%A6%8F%E5%BB%BA%E7%9C%81/%E7%A6%8F%E5%B7%9E%E5%B8%82/%E5%B9%B3%E6%BD%AD%E5%8E%BF"' in html
    nation = lateness_rows(get(client, "/regions/").get_data(as_text=True))
    assert nation[""] == ("28", "0", "23", "5", "0.0%")  # the total: four seeds and 03 have no date
    assert sum(int(row[0]) for path, row in nation.items() if path) == 28  # each counted report in one province
    assert f'href="/missing/{quote(PINGTAN.rsplit("/", 1)[0])}">未见年报的单位' in html
    assert '<a href="/missing/">未见年报</a>' in html  # the site navigation
    year = lateness_rows(get(client, "/regions/福建省?year=2025").get_data(as_text=True))
    assert year["福建省/福州市"] == ("3", "0", "3", "0", "0.0%")  # 财政金融局, 社会事业局, 海坛片区 2025


def test_bad_requests_say_what_is_wrong(client):
    for url, words in [("/missing/?year=20x5", "参数 year"), ("/late/?status=soon", "参数 status"),
                       ("/missing/?on=2026-02-30", "参数 on")]:
        response = client.get(url)
        assert response.status_code == 400 and words in response.get_data(as_text=True), url
    response = client.get("/api/missing?on=yesterday")
    assert response.status_code == 400 and "参数 on" in response.get_json()["error"]["message"]
    assert client.get("/missing/火星").status_code == 404
    assert client.get("/late/福建省/厦门市").status_code == 404  # a real place with no report in this archive
    assert client.get("/missing/a/b/c/d/e").status_code == 400


def test_an_empty_late_list_says_what_it_lacks_and_points_to_the_reports_without_a_date(client):
    html = get(client, "/late/").get_data(as_text=True)  # nothing late, five reports print no date
    assert "没有逾期发布的年报。另有 5 份发布日期不明，无法判断是否逾期" in html
    assert 'href="/late/?status=unknown_date">查看这些年报</a>' in html
    assert "没有逾期发布的年报（2025年度）。" in get(client, "/late/?year=2025").get_data(as_text=True)
    shown = get(client, "/late/?status=unknown_date").get_data(as_text=True)
    assert "另有" not in shown and '<div class="table-scroll"' in shown.split('class="data-table late-table"')[0][-200:]


def test_the_missing_list_scrolls_in_its_own_box(client):
    html = get(client, f"/missing/?on={ON}").get_data(as_text=True)
    before = html.split('<table class="data-table missing-table">')[0]
    assert before.rstrip().endswith('aria-label="未见年报的单位名单（可左右滚动）">')


def test_a_place_without_reports_says_so_instead_of_page_not_found(client):
    for url, words in [("/regions/北京市", "本站尚未收录北京市的年报。"),
                       ("/missing/北京市", "本站尚未收录北京市的年报，无从判断未见或逾期"),
                       ("/late/北京市", "本站尚未收录北京市的年报，无从判断未见或逾期")]:
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 404 and words in html and "请检查网址" not in html, url
