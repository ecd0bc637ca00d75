"""The home: `/` with no parameter is a first visit's way in; `/?q=…` stays the search."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from portal.app import create_app


@pytest.fixture(scope="module")
def home(portal_settings):
    """The home page's HTML over the test sample, samples left out of the default view."""
    app = create_app({"TESTING": True, "SETTINGS": portal_settings.replace(portal_samples_in_default_view=False)})
    response = app.test_client().get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _api(client, query: str) -> dict:
    return client.get("/api/search?" + query).get_json()


def test_the_home_says_what_this_is_and_offers_the_search_box(home):
    assert "政府信息公开工作年度报告" in home and 'id="q"' in home and 'role="search"' in home
    assert 'id="total"' not in home  # not a result list


def test_the_home_links_provinces_to_region_pages_with_their_counts(home, client):
    provinces = re.findall(r'<li><a href="/regions/([^"/]+)">([^<]+)</a> <span class="count">(\d+)</span>', home)
    assert provinces
    for path, name, count in provinces:
        assert unquote(path) == name
        real = _api(client, f"province={path}&origin=archive&size=1")["total"]
        assert int(count) == real


def test_the_home_links_years_to_year_searches(home, client):
    years = re.findall(r'<li><a href="/\?year=(\d{4})">\1 年度</a> <span class="count">(\d+)</span>', home)
    assert years and [y for y, _ in years] == sorted((y for y, _ in years), reverse=True)
    for year, count in years:
        assert int(count) == _api(client, f"year={year}&origin=archive&size=1")["total"]


def test_the_home_lists_the_newest_real_reports_and_no_sample(home):
    newest = home[home.index('id="newest-heading"'):]
    assert newest.count('class="hit"') > 0 and "badge-synthetic" not in newest


def test_the_home_points_to_the_samples_own_place(home, client):
    samples = _api(client, "origin=synthetic&size=1")["total"]
    assert 'href="/samples"' in home and f"<strong>{samples:,}</strong> 份<strong>合成样例</strong>" in home


def test_the_first_page_of_everything_is_the_search_and_an_empty_box_goes_home(client):
    page = client.get("/?page=1").get_data(as_text=True)
    assert 'id="total"' in page and "newest-heading" not in page
    response = client.get("/?q=")
    assert response.status_code == 302 and response.headers["Location"] == "/"
