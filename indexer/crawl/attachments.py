"""Report pages and their attachments: a page that says 详见附件 hands its report over to the file.

When an HTML page links document files (PDF, Word, WPS, spreadsheets, ...), the pair is
kept in the catalog table `attachment_links` with the page's title and date. At index time
the attachment's parse is the report, carrying the page's URL, title and date as
`source_page`; the page itself is left out of search as soon as one of its attachments
parsed as a report, so a summary page and its full report never show up twice. Crawled
pages (URLs) and ingested pages (local files linking files beside them) pair the same way.

The table is created here, idempotently, on first use: it is independent of the catalog's
numbered migrations, so it can be added to any existing catalog at any schema version.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml.etree import ParserError

from indexer.archive import Catalog, CatalogDocument, utc_now
from indexer.archive.media import HTML, sniff_media_type
from indexer.crawl.decode import decode_html
from indexer.crawl.links import classify_links, is_attachment

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attachment_links (
    page_location        TEXT NOT NULL,
    page_sha256          TEXT NOT NULL,
    attachment_location  TEXT NOT NULL,
    attachment_sha256    TEXT,
    page_title           TEXT,
    page_date            TEXT,
    linked_at            TEXT NOT NULL,
    PRIMARY KEY (page_location, attachment_location)
);
CREATE INDEX IF NOT EXISTS attachment_links_by_page ON attachment_links(page_sha256);
CREATE INDEX IF NOT EXISTS attachment_links_by_attachment ON attachment_links(attachment_sha256);
CREATE INDEX IF NOT EXISTS attachment_links_by_location ON attachment_links(attachment_location);
"""
_DATE = re.compile(r"(?:发布|发文|成文|更新)(?:日期|时间)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_URL_DATE = re.compile(r"/t(\d{4})(\d{2})(\d{2})_")
_PLAIN_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
# <meta name=...> of the common government CMSs (TRS, Hanweb), compared in lower case.
_META_DATE = ("pubdate", "publishdate", "firstpublishedtime")
_TITLE_META = ("articletitle",)
_HASH_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class SourcePage:
    """The page an attachment was linked from: where, what it was called, when it was published."""

    url: str
    title: str | None
    published_on: str | None

    def to_dict(self) -> dict[str, str | None]:
        """A JSON-ready dict (the report's `source_page`): a web URL, or only the name of a local file.

        The report and its provenance are public (report page, API); a server path is not.
        """
        if self.url.startswith(("http://", "https://")):
            return {"url": self.url, "title": self.title, "published_on": self.published_on}
        return {"url": None, "file_name": Path(self.url).name, "title": self.title,
                "published_on": self.published_on}


def ensure_table(conn: sqlite3.Connection) -> None:
    """Create the attachment_links table and its indexes if the catalog lacks them."""
    for statement in filter(str.strip, _SCHEMA.split(";")):
        conn.execute(statement)


def page_facts(html: str, url: str) -> tuple[str | None, str | None]:
    """A page's title (<h1>, article meta, or <title>) and publication date (ISO), when it shows them."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return None, None
    metas = {(m.get("name") or "").strip().lower(): (m.get("content") or "").strip()
             for m in tree.xpath("//meta[@name]")}
    titles = [metas.get(name) for name in _TITLE_META] + tree.xpath("//h1//text()") + tree.xpath("//title/text()")
    title = next((" ".join(t.split()) for t in titles if t and t.strip()), None)
    meta_dates = (_PLAIN_DATE.search(metas[name]) for name in _META_DATE if metas.get(name))
    match = (next(filter(None, meta_dates), None) or _DATE.search(tree.text_content()[:20000])
             or _URL_DATE.search(urlsplit(url).path))
    return title, _iso_date(match) if match else None


def _iso_date(match: re.Match) -> str | None:
    """YYYY-MM-DD from a (year, month, day) match, None when it is not a calendar date."""
    year, month, day = (int(part) for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def local_attachments(page_path: Path, html: str) -> list[Path]:
    """Document files a local HTML page links by relative path, inside the page's own folder."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    folder = page_path.parent.resolve()
    found = []
    for href in tree.xpath("//a/@href"):
        parts = urlsplit(href.strip())
        if parts.scheme or parts.netloc or not parts.path or not is_attachment(parts.path):
            continue
        target = (folder / unquote(parts.path).lstrip("/")).resolve()
        # A page never pulls in files from outside its folder (../../ or absolute paths).
        if target.is_relative_to(folder) and target.is_file():
            found.append(target)
    return list(dict.fromkeys(found))


def _file_sha256(path: Path) -> str | None:
    """SHA-256 of a local file, read in chunks (None when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(_HASH_CHUNK), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def record_pairs(catalog: Catalog, location: str, data: bytes, sha256: str,
                 content_type: str | None = None) -> tuple[str, ...]:
    """Note an archived item in the pairing table; return the attachment locations an HTML page links.

    Call it inside the item's catalog transaction, for every archived item: a page records
    its links, and any item fills in the hash of links that point at its location.
    """
    with catalog.transaction() as conn:
        ensure_table(conn)
        conn.execute("UPDATE attachment_links SET attachment_sha256 = ? WHERE attachment_location = ?",
                     (sha256, location))
        if sniff_media_type(data) != HTML:
            return ()
        html = decode_html(data, content_type)
        is_url = location.startswith(("http://", "https://"))
        if is_url:
            targets = [(url, _known_sha(conn, url)) for url in classify_links(html, location, True).attachments]
        else:
            targets = [(str(path), _file_sha256(path)) for path in local_attachments(Path(location), html)]
        title, date = page_facts(html, location if is_url else "")
        for target, target_sha in targets:
            conn.execute(
                "INSERT INTO attachment_links(page_location, page_sha256, attachment_location, attachment_sha256,"
                " page_title, page_date, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(page_location, attachment_location) DO UPDATE SET page_sha256 = excluded.page_sha256,"
                " attachment_sha256 = COALESCE(excluded.attachment_sha256, attachment_sha256),"
                " page_title = excluded.page_title, page_date = excluded.page_date, linked_at = excluded.linked_at",
                (location, sha256, target, target_sha, title, date, utc_now()),
            )
    return tuple(target for target, _sha in targets)


def _known_sha(conn: sqlite3.Connection, location: str) -> str | None:
    """The hash an attachment location already has in the pairing table (fetched for another page)."""
    row = conn.execute("SELECT attachment_sha256 FROM attachment_links WHERE attachment_location = ?"
                       " AND attachment_sha256 IS NOT NULL ORDER BY linked_at DESC LIMIT 1", (location,)).fetchone()
    return row[0] if row else None


def with_source_page(report: Mapping[str, Any], page: SourcePage) -> dict[str, Any]:
    """The attachment's report carrying its page: `source_page`, and the page's date if it has none."""
    paired = dict(report)
    paired["source_page"] = page.to_dict()
    if not paired.get("published_on") and page.published_on:
        paired["published_on"] = page.published_on
    return paired


def source_page_of(catalog: Catalog, sha256: str) -> SourcePage | None:
    """The page that most recently linked these attachment bytes, if any."""
    ensure_table(catalog.conn)
    row = catalog.conn.execute(
        "SELECT page_location, page_title, page_date FROM attachment_links WHERE attachment_sha256 = ?"
        " ORDER BY linked_at DESC, page_location LIMIT 1", (sha256,)).fetchone()
    return None if row is None else SourcePage(row[0], row[1], row[2])


def report_in_attachment(catalog: Catalog, page_sha256: str) -> str | None:
    """The location of an attachment of this page whose bytes parsed as a report, if any."""
    ensure_table(catalog.conn)
    rows = catalog.conn.execute(
        "SELECT attachment_location, attachment_sha256 FROM attachment_links"
        " WHERE page_sha256 = ? AND attachment_sha256 IS NOT NULL ORDER BY attachment_location", (page_sha256,))
    for location, sha256 in rows.fetchall():
        parse = catalog.latest_parse(sha256)
        if parse is not None and parse.ok:
            return location
    return None


def pair_for_index(catalog: Catalog, document: CatalogDocument, report: Mapping[str, Any],
                   provenance: Mapping[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """(report, provenance) to index for a document: None for a page whose report is its attachment."""
    provenance = dict(provenance)
    attachment = report_in_attachment(catalog, document.sha256)
    if attachment is not None:
        return None, {**provenance, "report_in_attachment": attachment}
    page = source_page_of(catalog, document.sha256)
    if page is None:
        return dict(report), provenance
    provenance["source_page"] = page.to_dict()
    return with_source_page(report, page), provenance
