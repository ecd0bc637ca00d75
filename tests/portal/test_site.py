"""What every public site answers besides its pages."""


def test_robots_txt_and_the_favicon_are_served(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and "Disallow: /export.csv" in robots.get_data(as_text=True)
    icon = client.get("/favicon.ico")
    assert icon.status_code == 301 and client.get(icon.headers["Location"]).status_code == 200


def _canonical(client, url):
    import re

    page = client.get(url)
    assert page.status_code == 200, url
    found = re.findall(r'<link rel="canonical" href="([^"]+)">', page.get_data(as_text=True))
    assert len(found) == 1, url
    return found[0].replace("&amp;", "&")


def test_a_search_reached_by_several_urls_names_one_canonical_url(client):
    one = _canonical(client, "/?year=2023&q=%E5%85%AC%E5%BC%80")
    assert one == _canonical(client, "/?q=%E5%85%AC%E5%BC%80&year=2023")
    assert one == "http://localhost/?q=%E5%85%AC%E5%BC%80&year=2023"
    assert _canonical(client, "/regions/") == "http://localhost/regions/"
    assert _canonical(client, "/stats") == "http://localhost/stats"


def test_error_pages_name_no_canonical_url(client):
    assert 'rel="canonical"' not in client.get("/reports/no-such-report").get_data(as_text=True)


def test_the_api_link_of_every_page_opens_the_api_page(client):
    assert 'href="/api/docs">API</a>' in client.get("/help").get_data(as_text=True)


def test_the_footer_leads_to_the_readable_api_page_not_the_raw_description(client):
    html = client.get("/help").get_data(as_text=True)
    footer = html[html.index('<footer class="site-footer">'):]
    assert 'href="/api/docs">数据接口（API）说明</a>' in footer and "/api/openapi.json" not in footer
    assert client.get("/api/docs").status_code == 200
