"""The search page's table view, numeric sorts, figures on cards and exports of picked columns."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

from portal.search.params import DEFAULT_COLUMNS

COLS = "t3_granted_total,denied_total,t4_review_corrected"


def _api(client, query: str) -> dict:
    answer = client.get(f"/api/search?{query}")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_json()


def test_any_numeric_field_sorts_the_api_results_with_blanks_last(client):
    for direction in ("desc", "asc"):
        hits = _api(client, f"sort=t3_granted_total_{direction}&cols=t3_granted_total&size=100")["hits"]
        values = [h["document"].get("t3_granted_total") for h in hits]
        present = [v for v in values if v is not None]
        assert present == sorted(present, reverse=direction == "desc") and len(set(present)) > 3
        assert values == present + [None] * (len(values) - len(present))


def test_the_table_view_shows_the_picked_columns_each_sorting_by_itself(client):
    html = client.get(f"/?q=公开&view=table&cols={COLS}&sort=denied_total_desc").get_data(as_text=True)
    table = html[html.index('<table class="results-table">'):html.index("</table>")]
    headings = re.findall(r'<th scope="col" class="num"[^>]*><a href="([^"]+)"[^>]*>([^<]+)</a>', table)
    assert [label.replace(" ↓", "") for _href, label in headings] == ["予以公开", "不予公开", "行政复议·结果纠正"]
    sort_links = [href.replace("&amp;", "&") for href, _label in headings]
    assert "sort=t3_granted_total_desc" in sort_links[0] and "sort=denied_total_asc" in sort_links[1]  # sorted: flips
    assert all("view=table" in link and "cols=t3_granted_total%2Cdenied_total%2Ct4_review_corrected" in link
               for link in sort_links)
    assert 'aria-sort="descending"' in table and table.count("<tr>") == 21  # heading row and 20 reports
    assert 'class="col-picker"' in html and 'name="cols" value="t3_granted_total" checked' in html


def test_the_table_numbers_are_the_reports_numbers(client):
    api = _api(client, f"q=公开&view=table&cols={COLS}&sort=t3_granted_total_desc&size=5")
    html = client.get(f"/?q=公开&view=table&cols={COLS}&sort=t3_granted_total_desc&size=5").get_data(as_text=True)
    rows = re.findall(r"<tr>(.*?)</tr>", html[html.index("<tbody>"):], re.S)
    for hit, row in zip(api["hits"], rows):
        cells = re.findall(r'<td class="num">([^<]*)</td>', row)
        expected = [hit["document"].get(f) for f in COLS.split(",")]
        assert cells == ["—" if v is None else f"{v:,}" for v in expected]


def test_a_table_without_picked_columns_shows_the_defaults_and_opens_the_picker(client):
    html = client.get("/?q=公开&view=table").get_data(as_text=True)
    assert len(re.findall(r'<th scope="col" class="num"', html)) == len(DEFAULT_COLUMNS)
    assert '<details class="col-picker" open>' in html


def test_the_card_list_builds_no_table(client):
    html = client.get("/?q=公开").get_data(as_text=True)
    assert "results-table" not in html and "col-picker" not in html and 'class="hits"' in html


def test_cards_show_the_numbers_filtered_and_sorted_on(client):
    html = client.get("/?t3_granted_total__gte=1&sort=review_total_desc").get_data(as_text=True)
    hits = html[html.index('<ol class="hits"'):html.index("</ol>")]
    assert hits.count('<span class="figure">予以公开 <b>') == 20
    assert hits.count('<span class="figure">复议 <b>') == 20
    plain = client.get("/?q=公开").get_data(as_text=True)  # (a bare / may be a home page)
    assert 'class="figure"' not in plain


def test_unknown_columns_views_and_sorts_are_refused_with_a_reason(client):
    for query, reason in (("cols=title", "未知的数值列"), ("view=grid", "参数 view"), ("sort=title_desc", "未知的排序方式")):
        answer = client.get(f"/?{query}")
        assert answer.status_code == 400 and reason in answer.get_data(as_text=True)


def test_exports_hold_the_identity_columns_and_the_picked_numbers(client):
    total = _api(client, "q=公开")["total"]
    rows = list(csv.reader(io.StringIO(client.get(f"/export.csv?q=公开&cols={COLS}").get_data(as_text=True)[1:])))
    assert rows[0][:3] == ["编号", "标题", "发布机关"] and rows[0][-3:] == ["予以公开（总计）", "不予公开合计", "行政复议·结果纠正"]
    assert len(rows) - 1 == total
    data = client.get(f"/export.json?q=公开&cols={COLS}").get_json()
    assert list(data["columns"])[-3:] == COLS.split(",") and len(data["reports"]) == total
    assert all(set(COLS.split(",")) <= set(report) and "t3_new_total" not in report for report in data["reports"])


def test_the_xlsx_export_matches_the_csv_export(client):
    answer = client.get(f"/export.xlsx?q=公开&cols={COLS}&sort=t3_granted_total_desc")
    assert answer.status_code == 200 and answer.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(answer.data), read_only=True).active
    cells = [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
    text = client.get(f"/export.csv?q=公开&cols={COLS}&sort=t3_granted_total_desc").get_data(as_text=True)[1:]
    rows = list(csv.reader(io.StringIO(text)))
    assert cells[0] == rows[0] and [str(c) for c in cells[1][:3]] == rows[1][:3]
    assert [row[-3] for row in cells[1:]] == [int(r[-3]) if r[-3] else "" for r in rows[1:]]


def test_every_export_without_cols_keeps_every_column(client):
    from portal.exports.tables import COLUMNS

    header = next(csv.reader(io.StringIO(client.get("/export.csv?q=公开").get_data(as_text=True)[1:])))
    assert header == [label for _key, label in COLUMNS] and len(header) > 200


def test_the_openapi_document_names_all_view_cols_and_numeric_sorts(client):
    import re as _re

    doc = client.get("/api/openapi.json").get_json()
    params = {p["name"]: p for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert {"all", "view", "cols"} <= set(params)
    assert params["view"]["schema"]["enum"] == ["cards", "table"]
    assert params["cols"]["schema"]["items"] == {"$ref": "#/components/schemas/NumericField"}
    sorts = params["sort"]["schema"]["anyOf"]
    assert "year_desc" in sorts[0]["enum"] and _re.match(sorts[1]["pattern"], "t3_granted_total_desc")
    echoed = doc["components"]["schemas"]["SearchResult"]["properties"]["request"]["properties"]
    assert {"all", "view", "cols", "sort"} <= set(echoed)


def test_the_api_echoes_all_view_and_cols(client):
    echo = _api(client, "q=公开&issue_tags=staffing&all=issue_tags&view=table&cols=denied_total,review_total"
                "&sort=denied_total_asc")["request"]
    assert echo["all"] == ["issue_tags"] and echo["view"] == "table" and echo["cols"] == ["denied_total", "review_total"]
    assert echo["sort"] == "denied_total_asc"


def test_the_column_picker_folds_every_group_but_the_first_and_says_what_each_holds(client):
    html = client.get(f"/?q=公开&view=table&cols={COLS}").get_data(as_text=True)
    start = html.index('<details class="col-picker"')
    picker = html[start:html.index("</form>", start)]
    folds = re.findall(r'<details class="col-fold"( open)?>\s*<summary>([^<]+) <span class="muted">([^<]+)</span>', picker)
    assert len(folds) == 9 and folds[0][0] == " open" and not any(is_open for is_open, _l, _n in folds[1:])
    counts = {label: count for _open, label, count in folds}
    assert counts["合计"] == "8 列，已选 1" and counts["表三（总计列）"].endswith("列，已选 1")
    assert counts["表四"] == "15 列，已选 1" and counts["表三·自然人"] == counts["表三（总计列）"].split("，")[0]
    # folded boxes still belong to the form: what is picked stays picked on the next submit
    assert picker.count("checked") == 3 and picker.count('name="cols"') > 200
