"""The demo's sample data comes with its unit pages: the report page links the unit's years."""

from __future__ import annotations

import re


def test_a_sample_report_page_links_its_unit_page_and_the_unit_page_lists_its_years(client):
    hit = client.get("/api/search?q=潘家堡镇&size=1").get_json()["hits"][0]
    page = client.get(f"/reports/{hit['id']}").get_data(as_text=True)
    link = re.search(r'href="(/units/[^"]+)"', page)
    assert link, "the report page names no unit page"
    unit = client.get(link.group(1))
    assert unit.status_code == 200
    assert f'href="/reports/{hit["id"]}"' in unit.get_data(as_text=True)
