"""The JSON API documented as a server-rendered Chinese page from the OpenAPI description, with live examples."""

from __future__ import annotations

import html
import json
import re

from portal.apidocs.model import shorten


def _page(client) -> str:
    """The API page's HTML."""
    answer = client.get("/api/docs")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def _examples(page: str) -> list[dict]:
    """The example answers shown on the page, parsed back from JSON."""
    return [json.loads(html.unescape(block)) for block in re.findall(r'<pre class="api-example"><code>(.*?)</code></pre>', page, re.S)]


def test_every_operation_of_the_openapi_description_has_its_section(docs_client):
    page = _page(docs_client)
    described = docs_client.get("/api/openapi.json").get_json()
    for path, item in described["paths"].items():
        for method, operation in item.items():
            assert f"<code>{method.upper()} {path}</code> {operation['summary']}" in page
    assert '<html lang="zh-CN">' in page and "参数" in page and "数据结构" in page


def test_each_endpoint_shows_a_real_request_and_the_answer_this_app_gave(docs_client):
    page = _page(docs_client)
    assert page.count("<h3>示例请求</h3>") == 6  # search, facets, one report, suggestions, missing, late
    search, facets, report, suggestions, missing, late = _examples(page)
    assert search["total"] == docs_client.get("/api/search?q=行政复议&size=2").get_json()["total"]
    assert len(search["hits"]) <= 3 and set(facets) >= {"request", "total", "facets"}
    assert report["id"] == search["hits"][0]["id"]
    assert "curl 'http://localhost/api/reports/" in page
    assert "curl 'http://localhost/api/suggest?q=panjiabao'" in page and "潘家堡镇" in str(suggestions)
    assert missing == docs_client.get("/api/missing?size=2").get_json()
    assert late == docs_client.get("/api/late?size=2").get_json()


def test_the_page_loads_nothing_from_elsewhere_and_runs_no_script_of_its_own(docs_client):
    page = _page(docs_client)
    assert page.count("<script") == 1 and 'src="/static/suggest.js"' in page  # only the site-wide suggestions
    assert not re.search(r'(src|href)="(https?:)?//(?!localhost)', page)


def test_the_raw_json_stays_at_its_url_and_the_help_page_links_the_docs(docs_client):
    assert docs_client.get("/api/openapi.json").get_json()["openapi"].startswith("3.1")
    assert 'href="/api/openapi.json"' in _page(docs_client)
    assert 'href="/api/docs"' in docs_client.get("/help").get_data(as_text=True)


def test_an_empty_index_still_documents_every_endpoint_and_says_the_report_example_is_missing(empty_client):
    page = _page(empty_client)
    assert "暂无这个接口的示例" in page and page.count("<h3>示例请求</h3>") == 5  # no report to show: search, facets, suggestions, missing, late


def test_examples_keep_the_first_items_of_long_lists_and_the_start_of_long_texts():
    cut = shorten({"hits": list(range(10)), "text": "字" * 500, "deep": {"a": {"b": {"c": {"d": {"e": {"f": [1]}}}}}}})
    assert cut["hits"] == [0, 1, "…（另有 8 项）"]
    assert cut["text"] == "字" * 120 + "…"
    assert cut["deep"]["a"]["b"]["c"]["d"]["e"] == "…"


def test_with_the_engine_down_the_page_still_opens_and_its_examples_show_the_503(tmp_path):
    from indexer.settings import load_settings
    from portal.app import create_app

    settings = load_settings(env={}, data_dir=str(tmp_path / "var"), engine="opensearch",
                             opensearch_url="http://127.0.0.1:9", opensearch_portal_timeout_seconds=1.0)
    page = _page(create_app({"TESTING": True, "SETTINGS": settings}).test_client())
    assert "示例返回（HTTP 503）" in page and "engine_unavailable" in page
