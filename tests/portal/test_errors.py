"""Faults end in friendly pages with the right status, never a stack trace."""

import pytest
from urllib.parse import quote


@pytest.mark.parametrize("query", ['"未闭合的引号', "公开 OR", "OR"])
def test_broken_query_syntax_is_a_400_with_a_friendly_message(client, query):
    response = client.get("/?q=" + quote(query))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "检索式有误" in html and "Traceback" not in html


def test_broken_query_syntax_in_the_api_is_a_json_400(client):
    response = client.get("/api/search?q=" + quote('"abc'))
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "query_syntax"


def test_a_page_past_the_window_explains_and_links_to_the_last_page(client):
    response = client.get("/?q=x&page=9999")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "页码超出范围" in html and "page=100" in html
    assert 'href="/export.csv?q=x"' in html


def test_a_page_past_the_last_goes_to_the_last_page(client):
    total = client.get("/api/search?q=" + quote("公开")).get_json()["total"]
    last = (total + 19) // 20
    response = client.get("/?q=" + quote("公开") + f"&page={last + 3}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"page={last}")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"共找到 <strong id=\"total\">{total}</strong> 份年报" in html


@pytest.mark.parametrize("url", ["/?page=abc", "/?sort=random", "/?salary__gte=1", "/?denied_total__gte=many"])
def test_malformed_parameters_are_a_400(client, url):
    assert client.get(url).status_code == 400


def test_an_unknown_sort_names_the_sorts_there_are(client):
    html = client.get("/?sort=random").get_data(as_text=True)
    assert "未知的排序方式" in html and "year_desc" in html


@pytest.mark.parametrize("url", ["/reports/0123456789abcdef", "/reports/not-an-id", "/reports/0123456789abcdef/original",
                                 "/no/such/page", "/regions/火星省"])
def test_unknown_things_are_a_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "<!doctype html>" in response.get_data(as_text=True)


def test_an_unknown_report_in_the_api_is_a_json_404(client):
    response = client.get("/api/reports/0123456789abcdef")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("url", ["/", "/reports/0123456789abcdef", "/stats", "/regions/", "/export.csv", "/feed.atom"])
def test_an_engine_that_is_down_gives_a_503_page(down_app, url):
    response = down_app.test_client().get(url)
    assert response.status_code == 503
    assert "检索服务暂不可用" in response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "30"


def test_an_engine_that_is_down_gives_a_json_503_in_the_api(down_app):
    response = down_app.test_client().get("/api/search?q=a")
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "engine_unavailable"


def test_an_empty_data_folder_is_a_503_not_a_crash(settings):
    from portal.app import create_app

    response = create_app({"TESTING": True, "SETTINGS": settings}).test_client().get("/")
    assert response.status_code == 503


def test_an_unexpected_error_is_logged_and_shown_without_a_trace(portal_settings, caplog):
    from portal.app import create_app

    app = create_app({"SETTINGS": portal_settings})

    def explode():
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/explode", view_func=explode)
    response = app.test_client().get("/explode")
    html = response.get_data(as_text=True)
    assert response.status_code == 500 and "服务器内部错误" in html
    assert "secret internal detail" not in html and "Traceback" not in html
    assert "secret internal detail" in caplog.text
