"""Find what a crawled page points to: annual reports, attachments and further listing pages."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml.etree import ParserError

# A title names an annual report when it says 年度报告/年报 and carries a year.
_REPORT_WORDS = re.compile(r"年度报告|年报")
_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20\d{2})(?!\d)")
_REPORT_URL = re.compile(r"(ndbg|nianbao|zfxxgknb|gknb)[^?#]*?(?:19[89]\d|20\d{2})", re.IGNORECASE)
# Document files a report can be published as; archives (.zip, .rar) are not followed: nothing
# here can read them, and each may be up to crawl_max_bytes of unrelated files.
_ATTACHMENT = re.compile(r"\.(pdf|docx?|wps|xlsx?|et|odt|rtf)$", re.IGNORECASE)
_PAGE_FILE = re.compile(r"^index(?:_\d+)?\.(s?html?)$", re.IGNORECASE)
_NEXT_WORDS = ("下一页", "下页", "后页")
_CREATE_PAGE = re.compile(r"createPageHTML\(([^)]*)\)")
_RECORD_COUNT = re.compile(r"recordCount\s*:\s*['\"]?(\d+)")
_PER_PAGE = re.compile(r"prepage\s*:\s*['\"]?(\d+)")
_MAX_STATIC = re.compile(r"maxStaticIndex\s*:\s*['\"]?(\d+)")
_LINK_SUFFIX = re.compile(r"""href=["'][^"'?#]*\.(s?html?)["']""", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """One anchor: absolute URL (no fragment) and the words a reader sees for it."""

    url: str
    text: str


@dataclass(frozen=True)
class PageLinks:
    """What a listing or report page leads to, already sorted into kinds."""

    reports: tuple[str, ...]
    attachments: tuple[str, ...]
    pages: tuple[str, ...]


def is_report_title(text: str) -> bool:
    """Whether a title or anchor text names an annual report of some year."""
    return bool(_REPORT_WORDS.search(text) and _YEAR.search(text))


def is_attachment(url: str) -> bool:
    """Whether a URL's path ends in a document extension (PDF, Word, WPS, spreadsheets, ODT, RTF)."""
    return bool(_ATTACHMENT.search(urlsplit(url).path))


def extract_links(html: str, base_url: str) -> list[Link]:
    """Every http(s) anchor of a page, resolved against the page (or its <base href>)."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    base = urljoin(base_url, (tree.xpath("//base/@href") or [base_url])[0])
    links = []
    for anchor in tree.xpath("//a[@href]"):
        href = anchor.get("href", "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        url = urljoin(base, href).split("#")[0]
        if urlsplit(url).scheme in ("http", "https"):
            text = " ".join(filter(None, [anchor.get("title", ""), anchor.text_content()]))
            links.append(Link(url, " ".join(text.split())))
    return links


def script_pages(html: str, page_url: str) -> list[str]:
    """Listing pages announced only by paging scripts (createPageHTML, TRS recordCount/prepage)."""
    count, (stem, suffix) = _create_page_count(html)
    if count is None:
        count = _trs_page_count(html)
    if not count:
        return []
    stem, suffix = stem or "index", suffix or _page_suffix(html, page_url)
    directory = urljoin(page_url, ".")
    return [urljoin(directory, f"{stem}_{n}.{suffix}" if n else f"{stem}.{suffix}") for n in range(count)]


def _page_suffix(html: str, page_url: str) -> str:
    """The listing's file suffix: from its own name (index.htm), else the commonest page link suffix."""
    match = _PAGE_FILE.match(urlsplit(page_url).path.rsplit("/", 1)[-1])
    if match:
        return match.group(1)
    # A listing served as a folder URL (.../zfxxgknb/) names its pages like its articles (.htm).
    suffixes = Counter(m.group(1).lower() for m in _LINK_SUFFIX.finditer(html))
    return suffixes.most_common(1)[0][0] if suffixes else "html"


def _create_page_count(html: str) -> tuple[int | None, tuple[str, str]]:
    """Page count, file stem and suffix from a `createPageHTML(count, current, "index", "html")` call."""
    match = _CREATE_PAGE.search(html)
    if not match:
        return None, ("", "")
    args = [a.strip() for a in match.group(1).split(",")]
    numbers = [int(a) for a in args if a.isdigit()]
    strings = [a.strip("'\"") for a in args if a[:1] in "'\""]
    suffixes = [s for s in strings if s.lower() in ("html", "htm", "shtml")]
    suffix = suffixes[-1] if suffixes else ""
    stems = [s for s in strings[: strings.index(suffix)] if s] if suffix else []
    return (numbers[0] if numbers else None), ((stems[-1] if stems else ""), suffix)


def _trs_page_count(html: str) -> int | None:
    """Static page count of a TRS list model: ceil(recordCount / prepage), capped by maxStaticIndex."""
    records, per_page = _RECORD_COUNT.search(html), _PER_PAGE.search(html)
    if not records or not per_page or int(per_page.group(1)) == 0:
        return None
    count = math.ceil(int(records.group(1)) / int(per_page.group(1)))
    static = _MAX_STATIC.search(html)
    # Pages beyond maxStaticIndex exist only behind the site's JSON API, not as files.
    return min(count, int(static.group(1)) + 1) if static else count


def classify_links(html: str, page_url: str, on_report_page: bool = False) -> PageLinks:
    """Sort a page's links: report pages, attachments (any on a report page) and further pages."""
    reports, attachments, pages = [], [], []
    for link in extract_links(html, page_url):
        titled = is_report_title(link.text) or bool(_REPORT_URL.search(link.url) and is_report_title(link.url))
        if is_attachment(link.url):
            if on_report_page or titled:
                attachments.append(link.url)
        elif titled and not on_report_page:
            reports.append(link.url)
        elif not on_report_page and _is_pagination(link, page_url):
            pages.append(link.url)
    if not on_report_page:
        pages.extend(script_pages(html, page_url))
    return PageLinks(_unique(reports), _unique(attachments), _unique(p for p in pages if p != page_url))


def _is_pagination(link: Link, page_url: str) -> bool:
    """A 下一页 link, or an index_N.html sibling of the current listing page."""
    if any(word in link.text for word in _NEXT_WORDS):
        return True
    same_dir = urljoin(link.url, ".") == urljoin(page_url, ".")
    return same_dir and bool(_PAGE_FILE.match(urlsplit(link.url).path.rsplit("/", 1)[-1]))


def _unique(urls) -> tuple[str, ...]:
    """URLs in first-seen order without repeats."""
    return tuple(dict.fromkeys(urls))
