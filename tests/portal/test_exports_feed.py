"""Exports stream every match (not one page); the Atom feed follows a search."""

import csv
import io
import json
import uuid
from urllib.parse import quote
from xml.etree import ElementTree as ET

import pytest

from indexer.settings import load_settings
from portal.app import create_app
from portal_sample import SYNTHETIC

ALL = SYNTHETIC + 5 + 3


def test_csv_export_holds_every_matching_report_beyond_one_page(client):
    response = client.get("/export.csv")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert text.startswith("\ufeff") and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert len(rows) - 1 == ALL > 20
    assert len({row[0] for row in rows[1:]}) == ALL


def test_csv_export_honours_the_search_filters(client):
    api = client.get("/api/search?denied_total__gte=1").get_json()
    rows = list(csv.reader(io.StringIO(client.get("/export.csv?denied_total__gte=1").get_data(as_text=True)[1:])))
    assert len(rows) - 1 == api["total"]
    column = rows[0].index("不予公开合计")
    assert all(int(row[column]) >= 1 for row in rows[1:])


def test_json_export_is_one_document_with_every_report_and_its_table_fields(client):
    data = json.loads(client.get("/export.json").get_data(as_text=True))
    assert data["total"] == ALL == len(data["reports"])
    assert "t3_new_total" in data["reports"][0] and "t4_review_total" in data["reports"][0]


def test_a_bad_search_is_refused_before_the_export_starts(client):
    assert client.get("/export.csv?q=" + quote('"abc')).status_code == 400


def test_the_atom_feed_lists_the_most_recently_archived_matching_reports(client):
    response = client.get("/feed.atom?q=" + quote("公开"))
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    total = client.get("/api/search?q=" + quote("公开")).get_json()["total"]
    assert len(entries) == min(total, 50) > 0
    assert entries[0].find("a:link", ns).get("href").startswith("http://localhost/reports/")
    assert "q=%E5%85%AC%E5%BC%80" in root.find("a:link[@rel='self']", ns).get("href")
    updated = [entry.find("a:updated", ns).text for entry in entries]
    assert updated == sorted(updated, reverse=True)


def test_the_search_page_advertises_its_feed(client):
    html = client.get("/?q=" + quote("公开")).get_data(as_text=True)
    assert 'type="application/atom+xml"' in html and "/feed.atom?q=" in html


@pytest.fixture(params=["embedded", "opensearch"])
def archive_dated_client(request, tmp_path):
    """A portal over two reports on each engine: an old year archived last, a new year archived first."""
    from indexer.backends import open_backend
    from indexer.documents import build_index_document
    from indexer.synth import make_report

    url = request.getfixturevalue("opensearch_url") if request.param == "opensearch" else "http://127.0.0.1:9"
    settings = load_settings(env={}, data_dir=str(tmp_path / "var"), engine=request.param, opensearch_url=url,
                             opensearch_index=f"nianbao-test-feed-{uuid.uuid4().hex[:8]}")
    dated = {2015: "2026-06-01T00:00:00+00:00", 2024: "2026-01-01T00:00:00+00:00"}
    documents = [build_index_document(f"{year:016d}", dict(make_report(3, year).truth, year=year),
                                      {"archived_at": archived, "fetched_at": archived}) for year, archived in dated.items()]
    backend = open_backend(settings)
    backend.rebuild(documents)
    yield create_app({"TESTING": True, "SETTINGS": settings}).test_client()
    if hasattr(backend, "drop"):
        backend.drop()
    backend.close()


def test_the_feed_puts_a_newly_archived_report_of_an_old_year_first(archive_dated_client):
    root = ET.fromstring(archive_dated_client.get("/feed.atom").data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert [e.find("a:link", ns).get("href").rsplit("/", 1)[-1] for e in entries] == [f"{2015:016d}", f"{2024:016d}"]
    assert [e.find("a:updated", ns).text for e in entries] == ["2026-06-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00"]
    assert root.find("a:updated", ns).text == "2026-06-01T00:00:00+00:00"


def test_a_worker_streams_one_export_at_a_time_and_asks_the_next_to_retry(client):
    first = client.get("/export.csv", buffered=False)  # streaming: holds the slot until closed
    assert first.status_code == 200
    busy = client.get("/export.json")
    assert busy.status_code == 503 and busy.headers["Retry-After"] and "导出繁忙" in busy.get_data(as_text=True)
    assert client.get("/?q=公开").status_code == 200  # searches are not held up
    first.close()
    assert client.get("/export.json").status_code == 200
    head = client.head("/export.csv")  # a body never read still gives the slot back
    head.close()
    assert client.get("/export.csv").status_code == 200
