"""Issue 11's search page over a real OpenSearch node: numeric sorts, all=, table view, picked export columns."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.opensearch
COLS = "t3_granted_total,review_total"


def test_opensearch_sorts_by_any_numeric_field_with_blanks_last(os_client):
    for direction in ("desc", "asc"):
        hits = os_client.get(f"/api/search?sort=t3_granted_total_{direction}&cols=t3_granted_total&size=100").get_json()["hits"]
        values = [h["document"].get("t3_granted_total") for h in hits]
        present = [v for v in values if v is not None]
        assert present == sorted(present, reverse=direction == "desc") and len(set(present)) > 3
        assert values == present + [None] * (len(values) - len(present))


def test_opensearch_and_embedded_agree_on_required_values_and_numeric_orders(os_client, client):
    tags = [v["value"] for v in os_client.get("/api/search?size=1").get_json()["facets"]["issue_tags"]["values"][:2]]
    query = f"origin=synthetic&issue_tags={tags[0]}&issue_tags={tags[1]}"
    every = os_client.get(f"/api/search?{query}&all=issue_tags&size=100").get_json()
    assert 0 < every["total"] < os_client.get(f"/api/search?{query}").get_json()["total"]
    assert all(set(tags) <= set(h["document"]["issue_tags"]) for h in every["hits"])
    for url in (f"/api/search?origin=archive&sort=t3_granted_total_desc&cols={COLS}",
                f"/api/search?origin=archive&issue_tags={tags[0]}&all=issue_tags&sort=review_total_asc"):
        embedded, opensearch = client.get(url).get_json(), os_client.get(url).get_json()
        assert opensearch["total"] == embedded["total"] and opensearch["request"] == embedded["request"]
        assert [h["document"].get("t3_granted_total") for h in opensearch["hits"]] == \
            [h["document"].get("t3_granted_total") for h in embedded["hits"]]


def test_opensearch_serves_the_table_view_and_picked_columns_in_exports(os_client):
    html = os_client.get(f"/?view=table&cols={COLS}&sort=review_total_desc").get_data(as_text=True)
    assert '<table class="results-table">' in html and 'aria-sort="descending"' in html
    total = os_client.get("/api/search").get_json()["total"]
    rows = list(csv.reader(io.StringIO(os_client.get(f"/export.csv?cols={COLS}").get_data(as_text=True)[1:])))
    assert rows[0][-2:] == ["予以公开（总计）", "行政复议总数"] and len(rows) - 1 == total
    assert os_client.get(f"/export.xlsx?cols={COLS}").status_code == 200
