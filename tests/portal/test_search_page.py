"""The search page over a real index: query, facets, chips, ranges, sort, pager, help."""

import re
from urllib.parse import quote

from portal_sample import SYNTHETIC


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def total(html):
    return int(re.search(r'id="total">(\d+)<', html).group(1))


def facet_count(html, facet, value):
    block = html.split(f'data-facet="{facet}"', 1)[1].split("</details>", 1)[0]
    match = re.search(rf'data-value="{re.escape(value)}"[^>]*>.*?<span class="count">(\d+)</span>', block, re.S)
    return int(match.group(1)) if match else None


def test_an_empty_query_lists_every_report_with_facets(client):
    html = page(client, "/?page=1")
    assert total(html) == SYNTHETIC + 5 + 3
    assert 'data-facet="province"' in html and 'data-facet="year"' in html and "显示第 1–20 份" in html


def test_a_chinese_query_finds_reports_and_marks_the_words(client):
    html = page(client, "/?q=" + quote("行政复议"))
    assert total(html) > 0
    assert "<mark>行政复议</mark>" in html


def test_choosing_a_facet_value_narrows_results_and_shows_a_removable_chip(client):
    everything = page(client, "/?page=1")
    year = re.search(r'data-facet="year".*?data-value="(\d{4})"', everything, re.S).group(1)
    expected = facet_count(everything, "year", year)
    narrowed = page(client, f"/?year={year}")
    assert total(narrowed) == expected
    assert 'class="chip chip-facet"' in narrowed and f"年度：{year}" in narrowed


def test_a_facets_own_selection_does_not_narrow_its_own_counts(client):
    everything = page(client, "/?page=1")
    years = re.findall(r'data-facet="year".*?</details>', everything, re.S)[0]
    first, second = re.findall(r'data-value="(\d{4})"', years)[:2]
    one = page(client, f"/?year={first}")
    assert facet_count(one, "year", second) == facet_count(everything, "year", second)
    both = page(client, f"/?year={first}&year={second}")
    assert total(both) == facet_count(everything, "year", first) + facet_count(everything, "year", second)


def test_a_numeric_range_from_the_url_filters_and_shows_as_a_chip(client):
    html = page(client, "/?denied_total__gte=1")
    assert 0 < total(html) < total(page(client, "/?page=1"))
    assert "不予公开合计 ≥ 1" in html


def test_sorting_by_year_orders_hits_newest_first(client):
    html = page(client, "/?sort=year_desc&size=50")
    years = [int(y) for y in re.findall(r"<span>(\d{4}) 年度</span>", html)]
    assert years == sorted(years, reverse=True)


def test_the_pager_links_to_the_next_page_with_the_same_filters(client):
    html = page(client, "/?q=" + quote("公开"))
    assert 'href="/?q=%E5%85%AC%E5%BC%80&amp;page=2"' in html


def test_no_match_shows_help_instead_of_an_empty_list(client):
    html = page(client, "/?q=" + quote("量子纠缠超导体"))
    assert total(html) == 0 and "没有找到符合条件的年报" in html and "检索语法说明" in html


def test_the_help_page_explains_the_grammar(client):
    html = page(client, "/help")
    assert "OR" in html and "短语" in html


def test_the_help_page_lists_every_numeric_alias_a_query_accepts(client):
    from indexer.search.fields import QUERY_ALIASES

    html = page(client, "/help")
    assert all(f"<code>{alias}</code>" in html for alias in QUERY_ALIASES)
    assert client.get("/?q=" + quote("复议纠正>=1")).status_code == 200


def test_the_help_page_lists_every_cell_field_a_query_accepts(client):
    from indexer.search.fields import NUMERIC_FIELDS

    html = page(client, "/help")
    assert all(f"<code>{field}</code></td><td>{label}</td>" in html for field, label in NUMERIC_FIELDS.items())
    assert client.get("/?q=" + quote("t4_review_corrected>=1")).status_code == 200


def test_long_facets_keep_extra_values_behind_show_more(client):
    html = page(client, "/?page=1")
    blocks = html.split('<details class="facet" data-facet=')[1:]
    long_ones = [b.split("显示更多", 1)[0] for b in blocks if "显示更多" in b]
    assert long_ones and all(b.count('class="facet-value"') == 10 for b in long_ones)


def test_the_agency_facet_is_counted_only_once_selected(client):
    assert 'data-facet="agency"' not in page(client, "/?page=1")
    assert 'data-facet="agency"' in page(client, "/?agency=" + quote("双年测试镇人民政府"))


def test_the_query_form_keeps_the_active_filters(client):
    html = page(client, "/?year=2021&denied_total__gte=1")
    form = html.split('<form class="search-form"', 1)[1].split("</form>", 1)[0]
    assert 'name="year" value="2021"' in form and 'name="denied_total__gte" value="1"' in form


def test_every_example_on_the_help_page_is_a_valid_search(client):
    html = page(client, "/help")
    examples = re.findall(r'<a href="(/\?q=[^"]+)">', html)
    assert len(examples) >= 5
    assert all(client.get(url.replace("&amp;", "&")).status_code == 200 for url in examples)


def test_cities_and_counties_appear_once_a_province_is_chosen(client):
    everything = page(client, "/?page=1")
    assert 'data-facet="city"' not in everything and 'data-facet="county"' not in everything
    province = re.search(r'data-facet="province".*?data-value="([^"]+)"', everything, re.S).group(1)
    narrowed = page(client, "/?province=" + quote(province))
    assert 'data-facet="city"' in narrowed and 'data-facet="county"' in narrowed


def test_browsing_without_words_lists_the_newest_years_first_and_offers_no_relevance_order(client):
    data = client.get("/api/search?size=50").get_json()
    years = [hit["document"].get("year") or 0 for hit in data["hits"]]
    assert years == sorted(years, reverse=True)
    html = page(client, "/?page=1")
    assert "<strong>年份（新→旧）</strong>" in html and "相关度" not in html.split('class="sort"', 1)[1].split("</div>", 1)[0]
    assert "相关度" in page(client, "/?q=" + quote("公开")).split('class="sort"', 1)[1].split("</div>", 1)[0]


def test_a_word_every_table_prints_suggests_the_numeric_condition(client):
    html = page(client, "/?q=" + quote("行政复议") + "&year=2021")
    assert "每份年报的表格都印有“行政复议”一栏" in html
    assert f'href="/?q={quote("复议>=1", safe="")}&amp;year=2021"' in html
    assert "table-word-hint" not in page(client, "/?q=" + quote("信息公开"))


def test_other_pages_and_orders_of_a_search_reuse_its_facet_counts(app, client):
    from portal.extensions import resources

    with app.app_context():
        backend = resources().backend()
    asked: list[tuple] = []
    search = backend.search

    def counting(req, names=None):
        asked.append(req.facets)
        return search(req, names)

    backend.search = counting
    try:
        first = page(client, "/?q=" + quote("公开 信息"))  # a search no other test makes (the cache is the app's)
        others = [page(client, "/?q=" + quote("公开 信息") + extra)
                  for extra in ("&page=2", "&sort=year_asc", "&sort=new_requests_desc&page=2")]
    finally:
        backend.search = search
    assert asked[0] and all(facets == () for facets in asked[1:]) and len(asked) == 4
    def counts(html: str) -> list[str]:
        return re.findall(r'data-value="([^"]*)"><span class="facet-label">[^<]*</span><span class="count">(\d+)', html)

    assert counts(first) and all(counts(html) == counts(first) for html in others)  # the same counts, page after page
