"""HTML shapes the plain walker misses, rewritten into ordinary HTML before it runs:

- the article written by JavaScript: `document.write("…")` or `var content = "…"` holding
  the report's HTML with `\\"` escapes; the script is replaced by the HTML it writes;
- CSS tables: `<div>` rows and cells laid out with `display: table-row/table-cell`, ARIA
  roles (`role="row"`, `role="cell"`) or class names (`tr`/`td`, `row`/`cell`); they become
  `<table>`, `<tr>` and `<td>` (a `colspan`/`rowspan` or `data-colspan`/`data-rowspan`
  attribute is kept), so the walker unrolls them like any table.
"""

from __future__ import annotations

import json
import re

from lxml import etree, html as lxml_html

_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.S | re.I)
# One JS string literal (double or single quoted, escapes allowed), and a run of them joined by +.
_LITERAL = r"(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')"
_WRITTEN = re.compile(r"(?:document\.write(?:ln)?\s*\(|(?:var|let|const)\s+\w+\s*=|\w+\.innerHTML\s*=)\s*"
                      rf"({_LITERAL}(?:\s*\+\s*{_LITERAL})*)", re.S)
_REPORT_WORDS = re.compile(r"政府信息公开|政务公开")
_MIN_WRITTEN = 200  # chars: shorter strings are UI text, not an article
_DIV_TABLE_HINT = re.compile(r"display\s*:\s*table|role\s*=\s*[\"']?(?:table|grid|row)\b|class\s*=\s*[\"'][^\"']*\b(?:tr|td)\b", re.I)
_ROW_CLASS = re.compile(r"(?:^|\s)(?:tr|row|table-row|tbl-row)(?:\s|$)")
_CELL_CLASS = re.compile(r"(?:^|\s)(?:td|th|cell|col|table-cell|tbl-cell)(?:\s|$)")
_ROW_STYLE = re.compile(r"display\s*:\s*table-row", re.I)
_CELL_STYLE = re.compile(r"display\s*:\s*table-cell", re.I)


def reshape_html(text: str) -> str:
    """The page with script-written articles inlined and CSS div tables made real tables."""
    text = _inline_written_articles(text)
    if _DIV_TABLE_HINT.search(text):
        text = _div_tables_to_tables(text)
    return text


def _decode_literal(literal: str) -> str:
    """A JS string literal's value (JSON rules cover \\" \\n \\uXXXX; \\' and \\/ too)."""
    body = literal[1:-1]
    if literal[0] == "'":
        body = body.replace("\\'", "'").replace('"', '\\"')
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

    def replace(match: re.Match) -> str:
        """The HTML a script writes, or the script unchanged."""
        script = match.group(1)
        written = _written_html(script) if _REPORT_WORDS.search(script) else None
        return f"<div>{written}</div>" if written else match.group(0)

    return _SCRIPT.sub(replace, text)


def _role(element: etree._Element, style: re.Pattern, role: tuple[str, ...], css: re.Pattern) -> bool:
    return bool(style.search(element.get("style", "")) or element.get("role", "") in role
                or css.search(element.get("class", "")))


def _div_tables_to_tables(text: str) -> str:
    """Rename div rows/cells (with their container) to tr/td/table; serialise back."""
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return text
    changed = False
    for row in root.iter("div", "li", "span", "ul", "p"):
        cells = [child for child in row if _role(child, _CELL_STYLE, ("cell", "gridcell", "columnheader", "rowheader"), _CELL_CLASS)]
        if len(cells) < 2 or not _role(row, _ROW_STYLE, ("row",), _ROW_CLASS):
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
