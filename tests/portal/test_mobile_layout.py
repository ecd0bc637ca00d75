"""Narrow screens put search results before the facets with CSS alone (no script involved)."""

import re


def narrow_rules(css):
    start = css.index("@media (max-width: 820px) {\n")
    return css[start:css.index("\n}\n", start)]


def test_on_narrow_screens_results_come_before_the_facet_sidebar(client):
    css = client.get("/static/nianbao.css").get_data(as_text=True)
    assert re.search(r"\.search-layout > \.results \{ order: -1; \}", narrow_rules(css))


def test_the_desktop_layout_keeps_the_sidebar_left_of_the_results(client):
    css = client.get("/static/nianbao.css").get_data(as_text=True)
    outside = css.replace(narrow_rules(css), "")
    assert ".search-layout { display: grid; grid-template-columns: 260px 1fr;" in outside and "order: -1" not in outside


def test_results_and_facets_are_siblings_in_the_layout_grid_the_rule_reorders(client):
    html = client.get("/?q=公开").get_data(as_text=True)
    layout = html[html.index('<div class="search-layout">'):]
    assert re.match(r'<div class="search-layout">\s*<aside class="facets"', layout)
    assert '<section class="results"' in layout and html.count("<script") == 1  # only static/suggest.js
