"""Superseded versions point to the newer one; server paths of local sources never reach readers;
a report without a title has one display title everywhere; a municipality is named once."""

import re

import pytest

from indexer.settings import load_settings
from portal.app import create_app

LOCATION = "https://example.gov.cn/xxgk/2021-report.html"


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """A portal over one report archived twice from the same URL: (client, old id, new id)."""
    from indexer.archive import open_archive
    from indexer.archive.models import FetchMeta
    from indexer.backends import open_backend
    from indexer.documents import build_index_document
    from indexer.synth import make_report

    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("versions") / "var"))
    catalog, store = open_archive(settings)
    catalog.ensure_batch("web", "crawl")
    truth = dict(make_report(5, 3).truth)
    documents = []
    for stamp, body in (("2022-01-10T00:00:00+00:00", b"first version"), ("2022-02-10T00:00:00+00:00", b"second version")):
        sha256 = store.put(body)
        catalog.record_item("web", FetchMeta(LOCATION, stamp, 200), sha256, len(body), "text/html", "stored")
        documents.append(build_index_document(sha256[:16], truth, {"url": LOCATION, "sha256": sha256, "fetched_at": stamp}))
    catalog.close()
    untitled = dict(truth, title=None, agency="无题测试镇人民政府", year=2022)
    documents.append(build_index_document("5e" * 8, untitled, {"url": "https://example.gov.cn/untitled.html"}))
    region = {"province": "重庆市", "city": "重庆市", "county": "渝中区", "town": None, "code": "500103"}
    documents.append(build_index_document("c9" * 8, dict(truth, region=region), {"url": "https://example.gov.cn/cq.html"}))
    backend = open_backend(settings)
    backend.index_documents(documents)
    backend.close()
    client = create_app({"TESTING": True, "SETTINGS": settings}).test_client()
    return client, documents[0]["id"], documents[1]["id"]


UNTITLED = "无题测试镇人民政府2022年政府信息公开工作年度报告"


def test_a_report_without_a_title_has_one_display_title_on_page_api_feed_and_export(versions):
    client, _old, _new = versions
    assert f"<h1>{UNTITLED}</h1>" in client.get("/reports/" + "5e" * 8).get_data(as_text=True)
    assert client.get("/api/reports/" + "5e" * 8).get_json()["display_title"] == UNTITLED
    hits = client.get("/api/search?agency=" + "无题测试镇人民政府").get_json()["hits"]
    assert [hit["display_title"] for hit in hits] == [UNTITLED]
    assert f"<title>{UNTITLED}</title>" in client.get("/feed.atom").get_data(as_text=True)
    assert UNTITLED in client.get("/export.csv").get_data(as_text=True)


def test_a_superseded_report_page_says_so_and_links_the_newer_version(versions):
    client, old, new = versions
    html = client.get(f"/reports/{old}").get_data(as_text=True)
    assert "此版本已被更新" in html and f'href="/reports/{new}"' in html


def test_the_newest_version_carries_no_superseded_banner(versions):
    client, _old, new = versions
    assert "此版本已被更新" not in client.get(f"/reports/{new}").get_data(as_text=True)


def test_the_api_names_the_newer_version_of_a_superseded_report(versions):
    client, old, new = versions
    data = client.get(f"/api/reports/{old}").get_json()
    assert data["superseded_by"]["id"] == new and data["superseded_by"]["url"].endswith(f"/reports/{new}")
    assert client.get(f"/api/reports/{new}").get_json()["superseded_by"] is None


def archive_id(client):
    return client.get("/api/search?origin=archive&size=1").get_json()["hits"][0]["id"]


def test_a_local_source_file_is_named_without_its_server_path_on_the_report_page(client, seeds_dir):
    html = client.get(f"/reports/{archive_id(client)}").get_data(as_text=True)
    assert "来源文件" in html and re.search(r"<dd>\d{3}_[0-9a-f]+\.\w+（本地导入，未记录原始网址）</dd>", html)
    assert "<dt>导入时间</dt>" in html and "抓取时间" not in html.split("<footer", 1)[0]
    assert str(seeds_dir) not in html and "/data/seeds/" not in html


def test_no_api_answer_or_export_carries_a_server_path(client, seeds_dir):
    report_id = archive_id(client)
    answers = [client.get(f"/api/reports/{report_id}").get_data(as_text=True),
               client.get("/api/search?origin=archive").get_data(as_text=True),
               client.get("/export.csv?origin=archive").get_data(as_text=True),
               client.get("/export.json?origin=archive").get_data(as_text=True)]
    assert all(str(seeds_dir) not in text and "/seeds/" not in text for text in answers)
    assert client.get(f"/api/reports/{report_id}").get_json()["source"]["source_file"].endswith((".txt", ".html", ".pdf", ".docx"))


def test_a_web_source_stays_a_link(client):
    html = client.get("/reports/" + "0a" * 8).get_data(as_text=True)
    assert 'href="https://example.gov.cn/' + "0a" * 8 + '.html"' in html and "来源网址" in html



def test_municipality_pages_and_reports_do_not_repeat_the_city_in_the_breadcrumb(versions):
    client, _old, _new = versions
    for url in ("/regions/重庆市/重庆市", "/regions/重庆市/重庆市/渝中区", "/reports/" + "c9" * 8):
        html = client.get(url).get_data(as_text=True)
        start = html.index('class="breadcrumb"')
        crumb = html[start:html.index("</nav>", start)]
        assert crumb.count("重庆市") == 1 and "渝中区" in html and "重庆市重庆市" not in html
