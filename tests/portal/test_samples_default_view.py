"""Synthetic samples (合成样例) stay out of a real archive's default view and have their own place."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer.search.model import SearchRequest
from portal.app import create_app
from portal.samples import DefaultView


@pytest.fixture(scope="module")
def real_first(portal_settings):
    """The portal over the test sample (seeds and synthetic reports) with the default setting."""
    return create_app({"TESTING": True, "SETTINGS": portal_settings.replace(portal_samples_in_default_view=False)})


@pytest.fixture(scope="module")
def counts(real_first):
    """(real reports, synthetic samples) in the sample, counted with an explicit origin."""
    api = real_first.test_client()
    real = api.get("/api/search?origin=archive&size=1").get_json()["total"]
    samples = api.get("/api/search?origin=synthetic&size=1").get_json()["total"]
    assert real > 0 and samples > 0
    return real, samples


def test_a_search_naming_no_origin_finds_real_reports_only(real_first, counts):
    data = real_first.test_client().get("/api/search?size=50").get_json()
    assert data["total"] == counts[0]
    assert data["hits"] and not any(hit["document"].get("synthetic") for hit in data["hits"])


def test_the_origin_facet_still_counts_both_and_selects_nothing(real_first, counts):
    facet = real_first.test_client().get("/api/search?size=1").get_json()["facets"]["origin"]
    values = {v["value"]: v for v in facet["values"]}
    assert (values["archive"]["count"], values["synthetic"]["count"]) == counts
    assert not any(v["selected"] for v in facet["values"])


def test_a_search_naming_samples_finds_them(real_first, counts):
    data = real_first.test_client().get("/api/search?origin=synthetic&size=50").get_json()
    assert data["total"] == counts[1] and all(hit["document"]["synthetic"] for hit in data["hits"])


def test_the_samples_page_says_what_they_are_and_leads_to_their_search(real_first, counts):
    page = real_first.test_client().get("/samples").get_data(as_text=True)
    assert "<h1" in page and "并非真实报告" in page and f'<strong id="samples-total">{counts[1]}</strong>' in page
    assert page.count('class="hit"') > 0 and page.count('class="hit"') == page.count("badge-synthetic")
    search = re.search(r'<a href="([^"]+)" id="samples-search">', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(search).query) == {"origin": ["synthetic"]}
    listed = real_first.test_client().get(search).get_data(as_text=True)
    assert f'<strong id="total">{counts[1]}</strong>' in listed


def test_search_page_region_page_and_stats_leave_samples_out(real_first, counts):
    client = real_first.test_client()
    assert f'<strong id="total">{counts[0]}</strong>' in client.get("/?page=1").get_data(as_text=True)
    assert f"共 <strong>{counts[0]}</strong> 份年报" in client.get("/regions/").get_data(as_text=True)
    with real_first.app_context():
        from portal.extensions import resources

        backend = resources().backend()
        scanned = list(backend.scan(SearchRequest(), fields=("origin",)))
    assert len(scanned) == counts[0] and {row["origin"] for row in scanned} == {"archive"}


def test_the_stats_page_sums_the_same_reports_as_an_explicit_real_only_search(real_first):
    client = real_first.test_client()
    default, real = client.get("/stats").get_data(as_text=True), client.get("/stats?origin=archive").get_data(as_text=True)
    assert _figures_block(default) == _figures_block(real)


def _figures_block(page: str) -> list[str]:
    """The numbers of a stats page's tables (its links differ: one carries origin=archive)."""
    numbers = re.findall(r'<td class="num">([^<]*)</td>', page[page.index("<figure"):])
    assert numbers
    return numbers


def test_the_setting_puts_samples_back_into_the_default_view(app, counts):
    assert app.test_client().get("/api/search?size=1").get_json()["total"] == sum(counts)


def _document(n: int, real: bool = False) -> dict:
    from indexer.documents import build_index_document
    from indexer.synth import make_report

    truth = dict(make_report(60 + n, 1).truth, synthetic=not real)
    return build_index_document(f"{n:016x}", truth, {"fetched_at": "2026-01-01T00:00:00+00:00"})


def test_an_index_of_samples_only_shows_them_until_a_real_report_arrives(tmp_path, monkeypatch):
    from indexer.backends import open_backend
    from indexer.settings import load_settings
    from portal import samples

    monkeypatch.setattr(samples, "RECHECK_SECONDS", 0.0)
    backend = open_backend(load_settings(env={}, data_dir=str(tmp_path / "var")))
    backend.rebuild([_document(n) for n in range(3)])
    view = DefaultView(backend, samples_in_default_view=False)
    assert not view.holds_real_reports() and view.search(SearchRequest(facets=())).total == 3
    backend.index_documents([_document(9, real=True)])
    assert view.holds_real_reports()
    assert [hit.id for hit in view.search(SearchRequest(facets=())).hits] == [f"{9:016x}"]
    backend.close()


def test_opensearch_leaves_samples_out_of_the_default_view_too(os_client):
    settings = os_client.application.extensions["nianbao"].settings.replace(portal_samples_in_default_view=False)
    api = create_app({"TESTING": True, "SETTINGS": settings}).test_client()
    real = api.get("/api/search?origin=archive&size=1").get_json()["total"]
    default = api.get("/api/search?size=50").get_json()
    assert default["total"] == real > 0 and not any(hit["document"].get("synthetic") for hit in default["hits"])


def test_alert_digests_read_the_default_view(real_first):
    with real_first.app_context():
        from portal.extensions import resources

        assert isinstance(resources().backend(), DefaultView)


def test_the_stats_page_says_samples_are_left_out_and_links_their_own_figures(real_first, app):
    page = real_first.test_client().get("/stats?year=2020").get_data(as_text=True)
    assert "不含合成样例" in page and 'href="/stats?year=2020&amp;origin=synthetic"' in page
    assert "不含合成样例" not in real_first.test_client().get("/stats?origin=synthetic").get_data(as_text=True)
    assert "不含合成样例" not in app.test_client().get("/stats").get_data(as_text=True)


def test_the_api_description_says_what_a_search_naming_no_origin_leaves_out(client):
    spec = client.get("/api/openapi.json").get_json()
    origin = next(p for p in spec["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "origin")
    assert "不含合成样例" in origin["description"] and "portal_samples_in_default_view" in origin["description"]
