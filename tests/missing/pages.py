"""Reading the missing and late listings back from the page, the CSV and the API, to compare them."""

from __future__ import annotations

import csv
import io
import re


def get(client, url: str):
    """A response that must be 200."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:500])
    return response


def html_rows(client, url: str, pattern: str) -> list[tuple[str, ...]]:
    """The data attributes of the listing's rows over every page of an HTML listing."""
    found, page = [], 1
    while True:
        html = get(client, f"{url}{'&' if '?' in url else '?'}page={page}").get_data(as_text=True)
        found += re.findall(pattern, html)
        if "下一页" not in html:
            return found
        page += 1


def csv_rows(client, url: str) -> list[dict]:
    """The rows of a CSV export (BOM stripped)."""
    text = get(client, url).get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def api_rows(client, url: str, size: int = 1000) -> tuple[dict, list[dict]]:
    """The first answer and every row of an API listing over all its pages."""
    first, rows, page = None, [], 1
    while True:
        body = get(client, f"{url}{'&' if '?' in url else '?'}size={size}&page={page}").get_json()
        first = first or body
        rows += body["rows"]
        if page * size >= body["total"]:
            return first, rows
        page += 1


MISSING_ROW = r'<tr data-unit="([^"]+)" data-year="(\d+)" data-last="([0-9a-f]+)">'
LATE_ROW = r'<tr data-report="([0-9a-f]+)" data-status="([a-z_]+)">'
