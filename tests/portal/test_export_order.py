"""Exports list the reports in the page's order: for every sort, on both engines, as the JSON API pages them."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

import pytest

from indexer.search.model import SORTS

# a query matching most reports (relevance has ties to break), none, a range and a facet filter
SEARCHES = ({"q": "政府信息公开"}, {}, {"q": "申请", "t3_new_total__gte": "1"}, {"q": "公开", "origin": "synthetic"})


def api_order(client, params: dict) -> list[str]:
    """Report ids as the JSON API lists them, page after page."""
    ids: list[str] = []
    url = "/api/search?" + urlencode(dict(params, size=100))
    while url:
        answer = client.get(url).get_json()
        ids += [hit["id"] for hit in answer["hits"]]
        url = answer["links"].get("next", "").replace("http://localhost", "")
    return ids


def csv_order(client, params: dict) -> list[str]:
    """Report ids in the CSV export's row order."""
    text = client.get("/export.csv?" + urlencode(params)).get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return [row[0] for row in rows[1:]]


def json_order(client, params: dict) -> list[str]:
    """Report ids in the JSON export's order."""
    return [row["id"] for row in json.loads(client.get("/export.json?" + urlencode(params)).get_data())["reports"]]


def assert_exports_follow_the_api(client) -> None:
    """Both exports equal the API's order for every sort and sample search."""
    for search in SEARCHES:
        for sort in SORTS:
            params = dict(search, sort=sort)
            expected = api_order(client, params)
            assert len(expected) > 5, params
            assert csv_order(client, params) == expected, params
            assert json_order(client, params) == expected, params


def test_embedded_exports_list_reports_in_the_order_of_every_sort(client):
    assert_exports_follow_the_api(client)


@pytest.mark.opensearch
def test_opensearch_exports_list_reports_in_the_order_of_every_sort(os_client):
    assert_exports_follow_the_api(os_client)
