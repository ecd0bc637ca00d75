"""Exports stream every match (not one page); the Atom feed follows a search."""

import csv
import io
import json
from urllib.parse import quote
from xml.etree import ElementTree as ET

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


def test_the_atom_feed_lists_the_newest_matching_reports(client):
    response = client.get("/feed.atom?q=" + quote("公开"))
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    total = client.get("/api/search?q=" + quote("公开")).get_json()["total"]
    assert len(entries) == min(total, 50) > 0
    assert entries[0].find("a:link", ns).get("href").startswith("http://localhost/reports/")
    assert "q=%E5%85%AC%E5%BC%80" in root.find("a:link[@rel='self']", ns).get("href")


def test_the_search_page_advertises_its_feed(client):
    html = client.get("/?q=" + quote("公开")).get_data(as_text=True)
    assert 'type="application/atom+xml"' in html and "/feed.atom?q=" in html
