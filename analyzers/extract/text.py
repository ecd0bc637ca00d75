"""Plain text into blocks: Word-extracted tab tables, markdown pipe tables and prose lines."""

from __future__ import annotations

import re

from analyzers.errors import UnreadableDocument
from analyzers.extract.blocks import Block, Document, Paragraph, Table, normalize_text

# Page numbers a PDF or print layout leaves between lines: '— 4 —', '第 3 页 共 8 页', '3/8'.
_PAGE_FOOTER = re.compile(r"^\s*(?:[—–\-－]+\s*\d{1,3}\s*[—–\-－]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
                          r"|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页|\d{1,3}\s*/\s*\d{1,3}|[Pp]age\s*\d{1,3}(?:\s*of\s*\d{1,3})?)\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s*")
_LONE_NUMBER = re.compile(r"^\s*\d[\d.]{0,11}\s*$")
_WORD_MARKER = re.compile(r"\[(bookmark|image): [^\]]*\]")
# Crawler dumps start with "标题: ..." / "发布时间: ..." lines, then a rule before the body.
_HEADER_FIELD = re.compile(r"^(标题|发布时间|发布日期|公开日期)\s*[:：]\s*(.+)$")
# A report's text runs 10,000 to 60,000 characters; parsing costs ~0.5 s a million, so text
# past this many characters is refused rather than parsed for longer than a document may take.
MAX_TEXT_CHARS = 4_000_000
# Lines cost more than characters (~5 µs each, through extraction, layout and every section):
# a report has a few thousand, so more than this many is refused too.
MAX_TEXT_LINES = 100_000


def _pipe_cells(line: str) -> tuple[str, ...]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return tuple(cell.strip() for cell in body.split("|"))


class _Builder:
    """Accumulates lines into paragraphs, tab-table rows and pipe-table rows."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.rows: list[tuple[str, ...]] = []
        self.row: list[str] = []
        self.kind: str | None = None  # "tab" or "pipe" while inside a table

    def flush_row(self) -> None:
        """End the current tab-table row."""
        if self.row:
            self.rows.append(tuple(self.row))
            self.row = []

    def flush_table(self) -> None:
        """End the current table and emit it as a block."""
        self.flush_row()
        if self.rows:
            self.blocks.append(Table(tuple(self.rows)))
        self.rows, self.kind = [], None

    def paragraph(self, text: str) -> None:
        """Emit a prose line (ending any open table)."""
        self.flush_table()
        if text.strip():
            self.blocks.append(Paragraph(text.strip()))

    def tab_cell(self, line: str) -> None:
        """Add a tab-indented line as the next cell of the current row."""
        if self.kind == "pipe":
            self.flush_table()
        self.kind = "tab"
        self.row.append(line.lstrip("\t").strip())

    def pipe_row(self, line: str) -> None:
        """Add a markdown pipe row (separator rows are skipped)."""
        if self.kind == "tab":
            self.flush_table()
        self.kind = "pipe"
        if not _PIPE_SEPARATOR.match(line):
            self.rows.append(_pipe_cells(line))

    def line(self, raw: str) -> None:
        """Route one line: a tab cell, a pipe row, a blank (row break) or prose."""
        if raw.startswith("\t"):
            self.tab_cell(raw)
        elif raw.lstrip().startswith("|") and raw.rstrip().endswith("|"):
            self.pipe_row(raw)
        elif not raw.strip():
            if self.kind == "tab":
                self.flush_row()
            elif self.kind == "pipe":
                self.flush_table()
        elif self.kind == "tab" and self.row:
            # A Word cell holding several paragraphs: the later ones lose their tab.
            self.row[-1] = (self.row[-1] + raw.strip()) if self.row[-1] else raw.strip()
        elif self.kind == "tab" and self.rows and not self.rows[-1][-1] and _LONE_NUMBER.match(raw):
            # ...even after an empty paragraph, which Word exports as a blank line.
            self.rows[-1] = self.rows[-1][:-1] + (raw.strip(),)
        else:
            self.paragraph(_MARKDOWN_HEADING.sub("", raw))


def extract_text(text: str, source_format: str = "text") -> Document:
    """Turn decoded text into a Document of paragraphs and tables (UnreadableDocument past
    MAX_TEXT_CHARS characters)."""
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableDocument(f"the text has {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} "
                                 "a report could have")
    if text.count("\n") + text.count("\r") > MAX_TEXT_LINES:
        raise UnreadableDocument(f"the text has more than {MAX_TEXT_LINES:,} lines, more than a report could have")
    text = _WORD_MARKER.sub("", normalize_text(text)).replace("\r\n", "\n").replace("\r", "\n")
    builder = _Builder()
    title = date = None
    for raw in text.split("\n"):
        if _PAGE_FOOTER.match(raw):
            continue
        field = _HEADER_FIELD.match(raw.strip())
        if field and len(builder.blocks) < 8:
            if field.group(1) == "标题":
                title = title or field.group(2).strip()
            else:
                date = date or field.group(2).strip()
        builder.line(raw)
    builder.flush_table()
    return Document(tuple(builder.blocks), source_format, title_hint=title, date_hint=date)
