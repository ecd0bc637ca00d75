"""Facet logic the reader can see: 或/且 within a group, the all switch, one control a concept,
full failed-check labels, clean URLs without empty fields, and the phone filter overlay."""

from __future__ import annotations

import re
from urllib.parse import quote


def _api(client, query: str) -> dict:
    answer = client.get(f"/api/search?{query}")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_json()


def _two_common_tags(client) -> tuple[str, str]:
    values = _api(client, "size=1")["facets"]["issue_tags"]["values"]
    return values[0]["value"], values[1]["value"]


def test_all_requires_every_ticked_value_and_any_one_is_the_default(client):
    first, second = _two_common_tags(client)
    both = f"issue_tags={first}&issue_tags={second}&size=100"
    any_of, every = _api(client, both), _api(client, both + "&all=issue_tags")
    assert every["request"]["all"] == ["issue_tags"] and any_of["request"]["all"] == []
    assert 0 < every["total"] < any_of["total"]
    assert all({first, second} <= set(h["document"]["issue_tags"]) for h in every["hits"])
    assert any(not {first, second} <= set(h["document"]["issue_tags"]) for h in any_of["hits"])


def test_counts_of_any_and_of_all_are_never_shared(client):
    first, second = _two_common_tags(client)
    both = f"issue_tags={first}&issue_tags={second}"
    any_counts = _api(client, both)["facets"]["issue_tags"]["values"]
    all_counts = _api(client, both + "&all=issue_tags")["facets"]["issue_tags"]["values"]
    assert {v["value"]: v["count"] for v in any_counts} != {v["value"]: v["count"] for v in all_counts}
    # another order of the all search reuses kept counts: they must be its own
    client.get(f"/?{both}")
    html = client.get(f"/?{both}&all=issue_tags&sort=year_asc").get_data(as_text=True)
    shown = re.search(rf'data-value="{second}"[^>]*><span class="facet-label">[^<]*</span><span class="count">(\d+)', html)
    assert int(shown.group(1)) == {v["value"]: v["count"] for v in all_counts}[second]


def test_a_facet_group_says_or_and_offers_the_switch_to_all(client):
    first, second = _two_common_tags(client)
    html = client.get(f"/?issue_tags={first}&issue_tags={second}").get_data(as_text=True)
    box = html[html.index('data-facet="issue_tags"'):]
    box = box[:box.index("</details>")]
    assert '<p class="facet-join">已选项之间：<strong>任一（或）</strong>' in box
    switch = re.search(r'<a href="([^"]+)" rel="nofollow">全部（且）</a>', box).group(1).replace("&amp;", "&")
    assert switch.endswith("&all=issue_tags") and box.count('<span class="join">或</span>') == 1
    html = client.get(switch).get_data(as_text=True)
    assert '<strong>全部（且）</strong>' in html and '<span class="join">且</span>' in html
    assert '<span class="chip-join">且</span>' in html


def test_ticking_a_value_of_a_required_facet_keeps_it_required(client):
    first, second = _two_common_tags(client)
    html = client.get(f"/?issue_tags={first}&all=issue_tags").get_data(as_text=True)
    box = html[html.index('data-facet="issue_tags"'):]
    link = re.search(rf'href="([^"]+)" data-value="{second}"', box).group(1).replace("&amp;", "&")
    assert f"issue_tags={first}&issue_tags={second}" in link and link.endswith("all=issue_tags")


def test_a_facet_of_one_value_a_report_says_or_without_a_switch(client):
    html = client.get("/?year=2021&year=2022").get_data(as_text=True)
    box = html[html.index('data-facet="year"'):]
    box = box[:box.index("</details>")]
    assert "<strong>或</strong>（满足任一即可）" in box and "全部（且）" not in box


def test_each_outcome_concept_has_one_control(client):
    html = client.get("/?q=" + quote("公开")).get_data(as_text=True)
    for duplicate in ("行政复议纠正 ≥ 1", "行政诉讼纠正 ≥ 1", "不予公开 ≥ 1"):
        assert duplicate not in html
    box = html[html.index('data-facet="outcomes"'):]
    for flag in ("复议纠正", "有不予公开"):  # the one control left: the facet's flag
        assert f'<span class="facet-label">{flag}</span>' in box


def test_failed_check_labels_are_whole_and_titled(client):
    html = client.get("/?q=" + quote("公开")).get_data(as_text=True)
    box = html[html.index('data-facet="failed_checks"'):]
    box = box[:box.index("</details>")]
    titled = re.findall(r'title="([^"]+)"><span class="facet-label">([^<]+)</span>', box)
    assert titled and all(title == label for title, label in titled)
    css = client.get("/static/nianbao.css").get_data(as_text=True)
    assert '.facet[data-facet="failed_checks"] .facet-value .facet-label { white-space: normal;' in css


def test_a_url_with_empty_fields_redirects_to_its_clean_form(client):
    answer = client.get("/?q=%E5%85%AC%E5%BC%80&t3_new_total__gte=&t3_new_total__lte=50&denied_total__gte=&page=")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/?q=%E5%85%AC%E5%BC%80&t3_new_total__lte=50"
    assert client.get(answer.headers["Location"]).status_code == 200
    assert client.get("/?q=" + quote("公开")).status_code == 200


def test_phones_get_a_sticky_filter_button_opening_the_facets_without_script(client):
    html = client.get("/?q=" + quote("公开") + "&year=2021").get_data(as_text=True)
    assert '<a class="filter-open" href="#filters">筛选（已选 2 项）</a>' in html
    assert '<aside class="facets" id="filters"' in html and '<a class="filter-close" href="#results">关闭</a>' in html
    assert html.index('class="filter-open"') < html.index('<ol class="hits"')  # above the results
    css = client.get("/static/nianbao.css").get_data(as_text=True)
    narrow = css[css.index("/* Search page (issue 11, spage)"):]
    narrow = narrow[narrow.index("@media (max-width: 820px)"):]
    assert ".search-layout > .facets:target { display: block; position: fixed;" in narrow
    assert ".filter-open { display: block; position: sticky; top: 0;" in narrow
    assert html.count("<script") == 1  # only the suggestions as you type


def test_a_ticked_value_behind_show_more_still_reads_or():
    from types import SimpleNamespace

    from portal.filters import facet_items

    value = SimpleNamespace(value="v", label="某值", count=0, selected=True, toggle="x=v")
    assert '<span class="join">或</span>' not in facet_items([value], "/")
    assert '<span class="join">且</span>' in facet_items([value], "/", "且", ticked_before=1)
