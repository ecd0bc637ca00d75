"""Atom (RFC 4287) feeds: any search can be followed in a feed reader."""

from __future__ import annotations

import re
from html import escape
from dataclasses import dataclass
from typing import Iterable, Sequence
from xml.etree import ElementTree as ET

ATOM_NS = "http://www.w3.org/2005/Atom"
# What XML 1.0 cannot hold (C0 controls but tab/newline/CR, surrogates, U+FFFE/U+FFFF) plus the
# DEL and C1 controls it discourages: ElementTree writes them as they are, and a feed reader
# then rejects the whole feed, so a title or query holding one is cleaned, not escaped.
NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text without the characters an XML document cannot hold."""
    return NOT_XML.sub("", text)


@dataclass(frozen=True)
class FeedEntry:
    """One report in a feed: a stable id, title, link, update time and plain summary."""

    id: str
    title: str
    link: str
    updated: str
    summary: str = ""
    author: str = ""


@dataclass(frozen=True)
class Feed:
    """A feed: its own id and links (self and the HTML search page) and the entries."""

    id: str
    title: str
    self_link: str
    html_link: str
    updated: str
    entries: Sequence[FeedEntry]
    # an XSLT stylesheet (same origin) that shows the feed as a readable page in a browser
    stylesheet: str = ""


def feed_media_type(accepted: Iterable[tuple[str, float]]) -> str:
    """application/atom+xml for feed readers; application/xml for a browser (one that names text/html).

    Chromium shows application/atom+xml as plain text and never applies the stylesheet;
    as application/xml every browser renders the readable page, and readers parse it alike.
    """
    browser = any(media == "text/html" and quality > 0 for media, quality in accepted)
    return "application/xml" if browser else "application/atom+xml"


def stylesheet_policy(policy: str) -> str:
    """A page's Content-Security-Policy letting it load its XSLT stylesheet from 'self' (and nothing else).

    Chromium checks an xml-stylesheet load against script-src: 'none' would block the
    readable page. Inline scripts stay forbidden; the stylesheet itself holds none.
    """
    return policy.replace("script-src 'none'", "script-src 'self'")


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    """Append a child element with text; ElementTree escapes it."""
    child = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    child.text = xml_text(text)
    return child


def _link(parent: ET.Element, href: str, rel: str, media_type: str = "") -> None:
    """Append an atom:link element."""
    attrs = {"href": xml_text(href), "rel": rel}
    if media_type:
        attrs["type"] = media_type
    ET.SubElement(parent, f"{{{ATOM_NS}}}link", attrs)


def render_atom(feed: Feed) -> bytes:
    """Serialize a feed as UTF-8 Atom XML."""
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed")
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    _text(root, "updated", feed.updated)
    _link(root, feed.self_link, "self", "application/atom+xml")
    _link(root, feed.html_link, "alternate", "text/html")
    author = ET.SubElement(root, f"{{{ATOM_NS}}}author")
    _text(author, "name", "年报检索 Nianbao")
    for entry in feed.entries:
        node = ET.SubElement(root, f"{{{ATOM_NS}}}entry")
        _text(node, "id", entry.id)
        _text(node, "title", entry.title)
        _text(node, "updated", entry.updated)
        _link(node, entry.link, "alternate", "text/html")
        if entry.author:
            _text(ET.SubElement(node, f"{{{ATOM_NS}}}author"), "name", entry.author)
        if entry.summary:
            _text(node, "summary", entry.summary, type="text")
    head = b'<?xml version="1.0" encoding="utf-8"?>\n'
    if feed.stylesheet:
        head += f'<?xml-stylesheet type="text/xsl" href="{escape(xml_text(feed.stylesheet), quote=True)}"?>\n'.encode()
    return head + ET.tostring(root, encoding="utf-8")
