"""The Atom feed opens as a readable Chinese page (XSLT from 'self') and its title names every filter."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
XSL = Path(__file__).resolve().parents[2] / "portal" / "static" / "feed.xsl"
SEARCH = "q=年度报告&agency=甲市水务局&year=2019&denied_total__gte=0&sort=year_asc"


def _as_page(feed_xml: bytes) -> str:
    """The page a browser shows for a feed: the stylesheet applied to it."""
    transform = etree.XSLT(etree.parse(str(XSL)))
    return str(transform(etree.fromstring(feed_xml)))


def test_the_feed_names_its_stylesheet_from_the_same_origin(alert_client):
    answer = alert_client.get(f"/feed.atom?{SEARCH}")
    assert answer.status_code == 200
    head = answer.get_data()[:200].decode()
    assert '<?xml-stylesheet type="text/xsl" href="/static/feed.xsl"?>' in head
    policy = answer.headers["Content-Security-Policy"]
    # Chromium loads an xml-stylesheet under script-src: 'self' only, and nothing inline
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy and "style-src 'self'" in policy
    assert alert_client.get("/static/feed.xsl").status_code == 200


def test_a_browser_gets_the_feed_as_xml_it_styles_and_a_feed_reader_as_atom(alert_client):
    browser = alert_client.get("/feed.atom", headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert browser.content_type == "application/xml; charset=utf-8"
    reader = alert_client.get("/feed.atom", headers={"Accept": "application/atom+xml, application/rss+xml;q=0.9, */*;q=0.1"})
    assert reader.content_type == "application/atom+xml; charset=utf-8"
    assert alert_client.get("/feed.atom").content_type == "application/atom+xml; charset=utf-8"
    assert "Accept" in reader.headers["Vary"]


def test_the_feed_title_names_the_query_every_facet_and_every_range(alert_client):
    root = ET.fromstring(alert_client.get(f"/feed.atom?{SEARCH}").get_data())
    title = root.find(f"{ATOM}title").text
    assert title == "年报检索：检索词“年度报告”；发布机关：甲市水务局；年度：2019；不予公开合计 ≥ 0（最新收录）"
    assert ET.fromstring(alert_client.get("/feed.atom").get_data()).find(f"{ATOM}title").text == "年报检索：全部年报（最新收录）"


def test_the_feed_page_lists_the_entries_and_explains_how_to_subscribe(alert_client):
    page = _as_page(alert_client.get("/feed.atom?agency=甲市水务局").get_data())
    assert '<html lang="zh-CN">' in page and "<script" not in page
    assert "甲市水务局政府信息公开工作年度报告" in page and "/reports/" + "a1" * 8 in page
    assert "乙县教育局" not in page
    assert "复制下面的订阅源网址" in page and "http://localhost/feed.atom?agency=" in page
    assert 'href="http://localhost/alerts/new?agency=' in page
    assert 'href="http://localhost/static/nianbao.css"' in page


def test_the_email_link_of_the_feed_page_opens_the_subscription_form_of_the_same_search(alert_client):
    page = etree.fromstring(_as_page(alert_client.get(f"/feed.atom?{SEARCH}").get_data()).split("\n", 1)[1],
                            etree.HTMLParser())
    link = next(a.get("href") for a in page.iter("a") if "alerts/new" in (a.get("href") or ""))
    form = alert_client.get(link.removeprefix("http://localhost")).get_data(as_text=True)
    assert "检索词“年度报告”；发布机关：甲市水务局；年度：2019；不予公开合计 ≥ 0" in form


def test_an_empty_feed_page_says_so(alert_client):
    page = _as_page(alert_client.get("/feed.atom?q=没有这个词语xyz").get_data())
    assert "暂时没有符合这次检索的年报" in page
