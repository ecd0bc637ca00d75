"""Atom feeds are valid XML with escaped text, one entry per report."""

from xml.etree import ElementTree as ET

from portal.exports.feeds import ATOM_NS, Feed, FeedEntry, render_atom


def test_feed_has_self_link_and_entries_with_escaped_titles():
    entry = FeedEntry("urn:x:1", "标题<script>&", "http://h/reports/1", "2026-01-01T00:00:00+00:00", "摘要", "某局")
    xml = render_atom(Feed("http://h/feed.atom?q=a", "年报检索：a", "http://h/feed.atom?q=a", "http://h/?q=a",
                           "2026-01-01T00:00:00+00:00", [entry]))
    assert xml.startswith(b"<?xml")
    root = ET.fromstring(xml)
    ns = {"a": ATOM_NS}
    assert root.find("a:link[@rel='self']", ns).get("href") == "http://h/feed.atom?q=a"
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1
    assert entries[0].find("a:title", ns).text == "标题<script>&"
    assert b"<script>" not in xml


CONTROLS = "".join(chr(c) for c in (*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF, 0xD800))


def test_control_characters_in_titles_and_summaries_are_dropped_so_the_feed_stays_xml():
    entry = FeedEntry("urn:x:1", f"标题{CONTROLS}甲", "http://h/reports/1", "2026-01-01T00:00:00+00:00",
                      f"摘要\x00\x1b乙\t丙", f"某局\x08")
    xml = render_atom(Feed(f"http://h/feed.atom?q=a\x01", f"年报检索：a\x01b", "http://h/feed.atom?q=a",
                           "http://h/?q=a\x0c", "2026-01-01T00:00:00+00:00", [entry]))
    root = ET.fromstring(xml)
    ns = {"a": ATOM_NS}
    assert root.find("a:title", ns).text == "年报检索：ab"
    assert root.find("a:entry/a:title", ns).text == "标题甲"
    assert root.find("a:entry/a:summary", ns).text == "摘要乙\t丙"
    assert root.find("a:link[@rel='alternate']", ns).get("href") == "http://h/?q=a"


def test_the_feed_of_a_query_holding_a_control_character_is_well_formed(client):
    response = client.get("/feed.atom?q=%E5%85%AC%E5%BC%80%01%1B")
    assert response.status_code == 200
    root = ET.fromstring(response.get_data())
    assert root.find(f"{{{ATOM_NS}}}title").text == "年报检索：检索词“公开”（最新收录）"
