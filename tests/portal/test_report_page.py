"""The report page: metadata, tables like the template, failed checks, provenance, original."""

import hashlib
import re

from indexer.backends import open_backend
from indexer.search.model import SearchRequest


def ids_where(settings, **filters):
    backend = open_backend(settings)
    try:
        result = backend.search(SearchRequest(filters={k: (v,) for k, v in filters.items()}, page_size=50, facets=()))
        return [hit.id for hit in result.hits]
    finally:
        backend.close()


def test_a_seed_report_page_shows_title_tables_and_provenance(client, portal_settings):
    report_id = ids_where(portal_settings, origin="archive")[0]
    response = client.get(f"/reports/{report_id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "表三 收到和处理政府信息公开申请情况" in html and "表四 政府信息公开行政复议、行政诉讼情况" in html
    assert "（三）不予公开" in html and "法人或其他组织" in html and "复议后起诉" in html
    assert "一、总体情况" in html and "SHA-256" in html and "下载存档原件" in html
    assert re.search(r'class="sha">[0-9a-f]{64}<', html)


def test_the_original_download_is_the_archived_file_byte_for_byte(client, portal_settings):
    report_id = ids_where(portal_settings, origin="archive")[0]
    response = client.get(f"/reports/{report_id}/original")
    assert response.status_code == 200
    digest = hashlib.sha256(response.data).hexdigest()
    assert digest.startswith(report_id) and response.headers["X-Content-SHA256"] == digest
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_cells_of_a_failed_check_are_highlighted_with_the_message(client, portal_settings):
    failing = ids_where(portal_settings, origin="synthetic")
    pages = (client.get(f"/reports/{rid}").get_data(as_text=True) for rid in failing)
    html = next(p for p in pages if "数据校验未通过" in p)
    cell = re.search(r'<td class="num failed" title="([^"]+)">', html)
    assert cell and ("≠" in cell.group(1) or "=" in cell.group(1))


def test_synthetic_reports_are_marked_as_such(client, portal_settings):
    report_id = ids_where(portal_settings, origin="synthetic")[0]
    assert "合成样例" in client.get(f"/reports/{report_id}").get_data(as_text=True)


def test_the_same_agencys_other_years_are_linked(client):
    html = client.get("/reports/" + "0a" * 8).get_data(as_text=True)
    assert "同一机关的其他年度" in html and "/reports/" + "0b" * 8 in html


def test_the_report_url_is_stable_and_the_region_breadcrumb_links_up(client, portal_settings):
    report_id = ids_where(portal_settings, origin="synthetic")[0]
    html = client.get(f"/reports/{report_id}").get_data(as_text=True)
    assert 'class="breadcrumb"' in html and 'href="/regions/' in html
    assert client.get(f"/reports/{report_id}").get_data(as_text=True) == html


def test_table_two_is_drawn_in_template_blocks_under_their_article_headings(client, portal_settings):
    report_id = ids_where(portal_settings, origin="synthetic", format="2021")[0]
    html = client.get(f"/reports/{report_id}").get_data(as_text=True)
    table = html[html.index("表二 主动公开政府信息情况"):html.index("表三 收到和处理")]
    positions = [table.index(f"第二十条第（{n}）项") for n in ("一", "五", "六", "八")]
    assert positions == sorted(positions)
    assert "本年制发件数" in table and "行政规范性文件" in table and "本年收费金额（单位：万元）" in table
    assert table.index("行政处罚") < table.index("行政强制") and "上一年项目数量" not in table


def test_check_messages_name_rows_by_their_chinese_labels(client, portal_settings):
    pages = [client.get(f"/reports/{rid}").get_data(as_text=True) for rid in ids_where(portal_settings, origin="synthetic")]
    failing = [p for p in pages if "数据校验未通过" in p]
    assert failing and not any(re.search(r"[a-z]+_?[a-z_]*”?行", p) for p in pages)
