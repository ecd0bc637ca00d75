"""HTML into blocks: block elements become paragraphs, tables become unrolled grids."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice

from lxml import etree

from analyzers.errors import EmptyDocument, UnreadableDocument
from analyzers.extract.blocks import Block, Document, Paragraph, Table, normalize_text

_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "iframe", "select",
              "button", "head", "template", "svg", "object", "embed", "textarea", "input"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "aside", "li", "ul", "ol", "dl", "dt",
               "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center", "form",
               "body", "tr", "td", "th", "caption", "hr", "address", "fieldset", "figure"}
# CMS page chrome: navigation, headers, footers, share bars. Matched as whole class/id words.
_CHROME = re.compile(r"(^|[\s_\-])(nav|navbar|menu|header|footer|foot|breadcrumb|crumbs?|share|"
                     r"sidebar|toolbar|topbar|top-bar|copyright|skip)($|[\s_\-])", re.I)
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8")
_REPORT_WORDS = ("总体情况", "本年新收", "主动公开政府信息情况")
_SOURCE_BREAK = re.compile(r"[ \t\r\f\v]*\n[ \t\r\n\f\v]*")
_LAYOUT_CELL_CHARS = 300  # no cell of the report's tables holds this much text
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")
# Grid slots unrolled per table and per page. A report's tables have a few hundred; a hostile
# page of 15.7 KB used to unroll into 2 GB. Bigger tables are walked as text, which is linear.
_MAX_TABLE_SLOTS = 50_000
# Word's HTML export of a long report is a few MB; walking a page costs ~0.3 s a million
# characters, so a bigger page is refused rather than walked for longer than a document may take.
MAX_HTML_CHARS = 10_000_000
# Elements cost ~5 µs each to walk; Word's HTML of a long report has some tens of thousands.
MAX_HTML_ELEMENTS = 200_000
_MAX_PAGE_SLOTS = 500_000


def _clean(text: str) -> str:
    """Line breaks in HTML source are layout, not text: drop them; squeeze other spaces."""
    return _SPACES.sub(" ", _SOURCE_BREAK.sub("", text)).strip()


def _chrome_marked(element: etree._Element) -> bool:
    """Class or id names page chrome (nav, header, footer, share bar …)."""
    marker = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(marker.strip()) and bool(_CHROME.search(marker))


# Chrome boxes holding the report that are checked by joining their text; nested deeper than
# this (only hostile pages do), one pass over the page answers for every box instead.
_DIRECT_CHROME_CHECKS = 8


class _ChromeText:
    """Which chrome-marked elements hold a report word, found in one pass over the page:
    joining the text of each nested chrome box anew costs its depth times the page's size."""

    def __init__(self, root: etree._Element) -> None:
        self.spans: dict[etree._Element, list[int]] = {}  # element -> [start, end] in the page text
        pieces: list[str] = []
        position = 0
        for event, element in etree.iterwalk(root, events=("start", "end")):
            if event == "start" and isinstance(element.tag, str):
                if _chrome_marked(element):
                    self.spans[element] = [position, position]
                pieces.append(element.text or "")
                position += len(pieces[-1])
            elif event == "end":
                if element in self.spans:
                    self.spans[element][1] = position
                pieces.append(element.tail or "")  # the tail belongs to the parent's text
                position += len(pieces[-1])
        text = "".join(pieces)
        self.starts = {word: [m.start() for m in re.finditer(word, text)] for word in _REPORT_WORDS}

    def holds_report(self, element: etree._Element) -> bool:
        """Whether the element's text (its own tail left out) contains a report word."""
        start, end = self.spans[element]
        for word, starts in self.starts.items():
            index = bisect_left(starts, start)
            if index < len(starts) and starts[index] + len(word) <= end:
                return True
        return False


def _cell_text(cell: etree._Element) -> str:
    return _clean("".join(cell.itertext()))


def _table_rows(table: etree._Element, budget: int) -> tuple[tuple[tuple[str, ...], ...] | None, int]:
    """Unroll rowspan/colspan into a rectangular grid of cell texts, and the slots that cost;
    None when the grid would have more than `budget` slots (spans of hostile pages unroll
    kilobytes into gigabytes)."""
    grid: dict[tuple[int, int], str] = {}
    rows = [tr for tr in table.iter("tr") if tr.getparent() is not None]
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = _cell_text(cell)
            rowspan = min(_span(cell.get("rowspan")), len(rows) - r)  # rows past the table never show
            colspan = _span(cell.get("colspan"))
            if len(grid) + rowspan * colspan > budget:
                return None, len(grid)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid.setdefault((r + dr, c + dc), text)
            c += colspan
            width = max(width, c)
    if width * len(rows) > budget:
        return None, len(grid)
    return tuple(tuple(grid.get((r, c), "") for c in range(width)) for r in range(len(rows))), width * len(rows)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 200))
    except ValueError:
        return 1


def _is_layout_grid(rows: tuple[tuple[str, ...], ...]) -> bool:
    """Old CMS pages lay the page out in tables: a single column, or a cell holding running
    text, is a box to walk through, not data (tables holding tables are boxes too)."""
    if max((len(row) for row in rows), default=0) <= 1:
        return True
    return any(len(cell) > _LAYOUT_CELL_CHARS for row in rows for cell in row)


def _data_table(table: etree._Element, budget: int) -> tuple[tuple[tuple[str, ...], ...] | None, int]:
    """The grid of a data table, or None for a layout table or one too big to unroll within
    `budget` slots (either is walked as text instead); plus the slots the attempt cost."""
    if budget <= 0 or table.xpath(".//table"):
        return None, 0
    rows, cost = _table_rows(table, min(budget, _MAX_TABLE_SLOTS))
    return (None if not rows or _is_layout_grid(rows) else rows), cost


class _Walker:
    """Depth-first walk that emits paragraphs at block boundaries and tables whole."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.slots_left = _MAX_PAGE_SLOTS
        self.chrome_text: _ChromeText | None = None  # built once chrome boxes nest deeply
        self.chrome_kept = 0

    def is_chrome(self, element: etree._Element) -> bool:
        """Page chrome by class/id, unless it holds the report itself (some CMS name the
        article box 'main-header' or the like)."""
        if not _chrome_marked(element):
            return False
        if self.chrome_text is not None:
            return not self.chrome_text.holds_report(element)
        text = "".join(element.itertext())  # a chrome box skipped is never walked again: linear
        if not any(word in text for word in _REPORT_WORDS):
            return True
        self.chrome_kept += 1  # ... but one kept is walked into, and its chrome boxes joined again
        if self.chrome_kept >= _DIRECT_CHROME_CHECKS:
            self.chrome_text = _ChromeText(element.getroottree().getroot())
        return False

    def data_table(self, table: etree._Element) -> tuple[tuple[str, ...], ...] | None:
        """The table's grid (None: walk it as text), charged to the page's slot budget."""
        rows, cost = _data_table(table, self.slots_left)
        self.slots_left -= cost
        return rows

    def flush(self) -> None:
        """Emit the inline text gathered so far as one paragraph."""
        text = _clean("".join(self.buffer))
        self.buffer = []
        if text:
            self.blocks.append(Paragraph(text))

    def walk(self, element: etree._Element) -> None:
        """Visit an element: skip chrome, emit tables whole, recurse into the rest."""
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in _SKIP_TAGS or self.is_chrome(element):
            pass
        elif tag == "table" and (rows := self.data_table(element)) is not None:
            self.flush()
            self.blocks.append(Table(rows))
        elif tag == "br":
            self.flush()
        else:
            self.inside(element, tag in _BLOCK_TAGS or tag == "table")
        if element.tail:
            self.buffer.append(element.tail)

    def inside(self, element: etree._Element, is_block: bool) -> None:
        """Visit an element's text and children; block elements start and end a paragraph."""
        if is_block:
            self.flush()
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self.walk(child)
        if is_block:
            self.flush()


def _meta(root: etree._Element, name: str) -> list[str]:
    """A <meta name=… content=…> value: Chinese government sites carry ArticleTitle and
    PubDate on every article page (the national website specification asks for them)."""
    return [value for value in root.xpath(f"//meta[@name='{name}']/@content") if value.strip()]


def extract_html(text: str) -> Document:
    """Parse HTML text (already decoded) into a Document (UnreadableDocument past MAX_HTML_CHARS)."""
    if len(text) > MAX_HTML_CHARS:
        raise UnreadableDocument(f"the HTML page has {len(text):,} characters, more than the {MAX_HTML_CHARS:,} "
                                 "a report page could have")
    try:
        # lxml parses UTF-8 bytes about twice as fast as a Python str
        root = etree.fromstring(normalize_text(text).encode("utf-8", "surrogatepass"), _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise UnreadableDocument(f"the HTML could not be parsed: {error}") from error
    if root is None:
        raise EmptyDocument("the HTML page has no content")
    if next(islice(root.iter(), MAX_HTML_ELEMENTS, None), None) is not None:
        raise UnreadableDocument(f"the HTML page has more than {MAX_HTML_ELEMENTS:,} elements, more than a report "
                                 "page could have")
    titles = _meta(root, "ArticleTitle") + root.xpath("//title/text()")
    published = _meta(root, "PubDate")
    # Comments hold Word's conditional markup; scripts and styles are never report text.
    etree.strip_elements(root, etree.Comment, "script", "style", "noscript", with_tail=False)
    body = root.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else root)
    walker.flush()
    if not walker.blocks:
        raise EmptyDocument("the HTML page has no text")
    title = _clean(titles[0]) if titles else None
    return Document(tuple(walker.blocks), "html", title_hint=title or None,
                    date_hint=_clean(published[0]) if published else None)
