"""Atom feeds are valid XML with escaped text, one entry per report."""

from xml.etree import ElementTree as ET

from portal.feeds import ATOM_NS, Feed, FeedEntry, render_atom


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
