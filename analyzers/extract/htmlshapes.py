"""HTML shapes the plain walker misses, rewritten into ordinary HTML before it runs:

- the article written by JavaScript: `document.write("…")`, `var content = "…"`,
  `$("#zoom").html("…")` or an object field `"content": "…"` holding the report's HTML
  with `\\"` (or `\\uXXXX`) escapes, or a template literal in back quotes; the script is
  replaced by the HTML it writes;
- CSS tables: `<div>` rows and cells laid out with `display: table-row/table-cell`, ARIA
  roles (`role="row"`, `role="cell"`), class names (`tr`/`td`, `row`/`cell`) or classes the
  page's stylesheet lays out so (`.rptRow { display: table-row }`); they become
  `<table>`, `<tr>` and `<td>` (a `colspan`/`rowspan` or `data-colspan`/`data-rowspan`
  attribute is kept), so the walker unrolls them like any table.
"""

from __future__ import annotations

import json
import re

from lxml import etree, html as lxml_html

_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.S | re.I)
# One JS string literal (double, single or back quoted, escapes allowed), and a run of them joined by +.
_LITERAL = r"(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)"
# Where a script puts a string into the page: document.write, a variable, innerHTML, jQuery's
# .html/.append/.prepend, or a field of an object literal ('"content": "…"', as CMS pages
# that render their article from embedded data hold it).
_WRITTEN = re.compile(r"(?:document\.write(?:ln)?\s*\(|(?:var|let|const)\s+\w+\s*=|\w+\.innerHTML\s*=|"
                      r"\.(?:html|append|prepend)\s*\(|[{,]\s*[\"']?\w+[\"']?\s*:)\s*"
                      rf"({_LITERAL}(?:\s*\+\s*{_LITERAL})*)", re.S)
# A script whose Chinese is written as \uXXXX escapes ('\u653f' is 政) may hold a report too.
_ESCAPED_CJK = re.compile(r"\\u[4-9][0-9a-fA-F]{3}")
_REPORT_WORDS = re.compile(r"政府信息公开|政务公开")
_MIN_WRITTEN = 200  # chars: shorter strings are UI text, not an article
_DIV_TABLE_HINT = re.compile(r"display\s*:\s*table|role\s*=\s*[\"']?(?:table|grid|row)\b|"
                             r"class\s*=\s*[\"'][^\"']*(?<![\w-])(?:tr|td|table-row|table-cell|tbl-row|tbl-cell)(?![\w-])", re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_LAST_CLASS = re.compile(r"\.([\w-]+)\s*$")
_ROW_CLASS = re.compile(r"(?:^|\s)(?:tr|row|table-row|tbl-row)(?:\s|$)")
_CELL_CLASS = re.compile(r"(?:^|\s)(?:td|th|cell|col|table-cell|tbl-cell)(?:\s|$)")
_ROW_STYLE = re.compile(r"display\s*:\s*table-row", re.I)
_CELL_STYLE = re.compile(r"display\s*:\s*table-cell", re.I)


def reshape_html(text: str) -> str:
    """The page with script-written articles inlined and CSS div tables made real tables."""
    text = _inline_written_articles(text)
    if _DIV_TABLE_HINT.search(text):
        text = _div_tables_to_tables(text, *_stylesheet_classes(text))
    return text


def _stylesheet_classes(text: str) -> tuple[set[str], set[str]]:
    """The classes the page's <style> blocks display as table rows, and as table cells."""
    rows: set[str] = set()
    cells: set[str] = set()
    for sheet in _STYLE.findall(text):
        for rule in sheet.split("}"):  # split, not a regex: a sheet without braces costs one pass
            selectors, _, declarations = rule.rpartition("{")
            kind = rows if _ROW_STYLE.search(declarations) else cells if _CELL_STYLE.search(declarations) else None
            if kind is None:
                continue
            for selector in selectors.split(","):
                match = _LAST_CLASS.search(selector.strip())
                kind.update([match.group(1)] if match else [])
    return rows, cells


def _decode_literal(literal: str) -> str:
    """A JS string literal's value (JSON rules cover \\" \\n \\uXXXX; \\' and \\/ too)."""
    body = literal[1:-1]
    if literal[0] in "'`":
        body = body.replace(f"\\{literal[0]}", literal[0]).replace('"', '\\"')
        body = body.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")  # raw in `…`
    try:
        return json.loads(f'"{body}"'.replace("\\/", "/"))
    except ValueError:
        return body.replace('\\"', '"').replace("\\n", "\n")


def _written_html(script: str) -> str | None:
    """The longest report-like HTML a script writes, or None."""
    best = None
    for match in _WRITTEN.finditer(script):
        literals = re.findall(_LITERAL, match.group(1), re.S)
        value = "".join(_decode_literal(literal) for literal in literals)
        if len(value) >= _MIN_WRITTEN and "<" in value and _REPORT_WORDS.search(value):
            best = value if best is None or len(value) > len(best) else best
    return best


def _inline_written_articles(text: str) -> str:
    if "<script" not in text.lower():
        return text
    shown: list[str] = []  # the page's own text outside scripts, read once when needed

    def replace(match: re.Match) -> str:
        """The HTML a script writes, or the script unchanged (also when the page already
        shows that text, as a page rendered on the server with its data embedded does)."""
        script = match.group(1)
        written = _written_html(script) if _REPORT_WORDS.search(script) or _ESCAPED_CJK.search(script) else None
        if written and not shown:
            shown.append(_plain(_SCRIPT.sub(" ", text)))
        return f"<div>{written}</div>" if written and not _already_shown(written, shown[0]) else match.group(0)

    return _SCRIPT.sub(replace, text)


_TAG = re.compile(r"<[^>]*>|&[#\w]+;|\s+")
_PROBE = 40  # characters of the written text looked for in the page


def _plain(html: str) -> str:
    """The text of some HTML with tags, entities and white space removed."""
    return _TAG.sub("", html)


def _already_shown(written: str, shown: str) -> bool:
    """Whether the page outside its scripts already holds the middle of the written text."""
    plain = _plain(written)
    middle = len(plain) // 2
    return len(plain) >= _PROBE and plain[middle:middle + _PROBE] in shown


def _role(element: etree._Element, style: re.Pattern, role: tuple[str, ...], css: re.Pattern,
          sheet: set[str]) -> bool:
    classes = element.get("class", "")
    return bool(style.search(element.get("style", "")) or element.get("role", "") in role
                or css.search(classes) or sheet.intersection(classes.split()))


def _div_tables_to_tables(text: str, row_classes: set[str] = frozenset(), cell_classes: set[str] = frozenset()) -> str:
    """Rename div rows/cells (with their container) to tr/td/table; serialise back.
    `row_classes` and `cell_classes` are laid out as rows and cells by the stylesheet."""
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return text
    changed = False
    for row in root.iter("div", "li", "span", "ul", "p"):
        cells = [child for child in row if _role(child, _CELL_STYLE, ("cell", "gridcell", "columnheader", "rowheader"),
                                                 _CELL_CLASS, cell_classes)]
        if len(cells) < 2 or not _role(row, _ROW_STYLE, ("row",), _ROW_CLASS, row_classes):
            continue
        row.tag = "tr"
        for cell in cells:
            cell.tag = "td"
            for name in ("colspan", "rowspan"):
                value = cell.get(f"data-{name}")
                if value and not cell.get(name):
                    cell.set(name, value)
        changed = True
    if not changed:
        return text
    for parent in {row.getparent() for row in root.iter("tr")}:
        if parent is not None and parent.tag not in ("table", "tbody", "thead"):
            parent.tag = "table"
    return etree.tostring(root, encoding="unicode", method="html")
