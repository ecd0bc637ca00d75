"""The same portal over a real OpenSearch node: pages, facets, report, export, feed."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.opensearch


def test_opensearch_portal_answers_as_the_embedded_one_on_the_same_reports(os_client, client):
    # the embedded sample also holds three hand-made synthetic reports; real ones are shared
    for url in ("/api/search?origin=archive", "/api/search?origin=archive&q=" + quote("行政复议"),
                "/api/search?origin=archive&t3_new_total__gte=1"):
        embedded, opensearch = client.get(url).get_json(), os_client.get(url).get_json()
        assert opensearch["total"] == embedded["total"]
        assert opensearch["facets"]["year"] == embedded["facets"]["year"]


def test_opensearch_portal_serves_search_report_export_and_feed(os_client):
    html = os_client.get("/?q=" + quote("政府信息公开")).get_data(as_text=True)
    assert "共找到" in html and "<mark>" in html and 'data-facet="year"' in html
    hit = os_client.get("/api/search?origin=archive&size=1").get_json()["hits"][0]
    report = os_client.get(f"/reports/{hit['id']}")
    assert report.status_code == 200 and "表三" in report.get_data(as_text=True)
    total = os_client.get("/api/search").get_json()["total"]
    rows = list(csv.reader(io.StringIO(os_client.get("/export.csv").get_data(as_text=True)[1:])))
    assert len(rows) - 1 == total > 20
    assert os_client.get("/feed.atom").status_code == 200
    assert os_client.get("/stats").status_code == 200
