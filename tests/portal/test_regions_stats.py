"""Region pages walk province → city → county; the stats page sums the tables."""

import re
from urllib.parse import quote


def test_the_national_region_page_lists_provinces_with_counts(client):
    html = client.get("/regions/").get_data(as_text=True)
    assert "全国" in html and re.search(r'<a href="/regions/[^"]+">[^<]+</a> <span class="count">\d+</span>', html)


def test_a_province_page_links_to_its_cities_and_charts_its_years(client):
    top = client.get("/regions/").get_data(as_text=True)
    province_path = re.search(r'<a href="/regions/([^"]+)">', top).group(1)
    response = client.get(f"/regions/{province_path}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<svg" in html and "历年本年新收申请数量" in html and "最新年报" in html
    city_link = re.search(rf'<a href="/regions/{re.escape(province_path)}/([^"]+)">', html)
    assert city_link is not None
    assert client.get(f"/regions/{province_path}/{city_link.group(1)}").status_code == 200


def test_a_path_deeper_than_town_level_is_a_404(client):
    assert client.get("/regions/a/b/c/d/e").status_code == 404


def test_the_stats_page_draws_every_chart_without_external_resources(client):
    html = client.get("/stats").get_data(as_text=True)
    assert html.count('class="chart-pair"') == 4 and html.count("<svg") == 8  # each drawn for desks and phones
    assert "办理结果占比" in html and "行政复议与行政诉讼结果" in html and "有未通过的校验" in html
    assert "cdn" not in html.lower() and html.count("<script") == 1  # only static/suggest.js: charts are SVG


def test_the_stats_page_follows_the_current_search(client):
    everything = client.get("/stats").get_data(as_text=True)
    narrowed = client.get("/stats?origin=archive").get_data(as_text=True)
    count = lambda html: int(re.search(r'<span class="stat-value">([\d,]+)</span><span class="stat-label">份年报', html).group(1).replace(",", ""))
    assert 0 < count(narrowed) < count(everything)
    assert "统计范围" in narrowed


def test_a_municipality_is_one_crumb_not_its_name_twice():
    from portal.regions.model import Place

    place = Place(("重庆市", "重庆市", "渝中区"))
    assert place.crumbs() == [("全国", ""), ("重庆市", "重庆市/重庆市"), ("渝中区", "重庆市/重庆市/渝中区")]
    assert place.title == "重庆市渝中区" and Place(("山东省", "潍坊市")).title == "山东省潍坊市"


def test_a_town_page_uses_the_full_width_without_an_empty_column(client):
    hits = client.get("/api/search?origin=archive&size=50").get_json()["hits"]
    doc = next(h["document"] for h in hits if h["document"].get("town"))
    html = client.get("/regions/" + "/".join(doc[k] for k in ("province", "city", "county", "town"))).get_data(as_text=True)
    assert 'class="region-layout region-full"' in html and 'class="children"' not in html
    county = client.get("/regions/" + "/".join(doc[k] for k in ("province", "city", "county"))).get_data(as_text=True)
    assert 'class="children"' in county and "region-full" not in county


def test_a_municipality_page_goes_straight_to_its_districts(client):
    provinces = client.get("/api/facets?facets=province&facet_size=50").get_json()["facets"]["province"]["values"]
    for province in (v["value"] for v in provinces):
        cities = client.get(f"/api/facets?province={province}&facets=city").get_json()["facets"]["city"]["values"]
        if [v["value"] for v in cities] == [province]:
            response = client.get(f"/regions/{province}")
            assert response.status_code == 302
            assert response.headers["Location"].endswith(f"/regions/{quote(province)}/{quote(province)}")
            assert client.get(response.headers["Location"]).status_code == 200
            return
    raise AssertionError("the sample holds no municipality (重庆市 and the like) to try this on")
