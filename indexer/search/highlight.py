"""Snippets with <mark>: one highlighter shared by both engines, so both mark alike.

Engines index space-joined tokens, which would read badly as a snippet; instead the
original text is searched for the query's (segmented) terms. Output is HTML-escaped
except the <mark> tags.
"""

from __future__ import annotations

import html
import re
from typing import Iterable

FRAGMENT_CHARS = 120
MAX_FRAGMENTS = 3


def _spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of every term occurrence, longest terms first."""
    unique = sorted({t for t in terms if t}, key=len, reverse=True)
    if not unique:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in unique), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _mark(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """Escape text[start:end] and wrap the spans inside it in <mark>."""
    out, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out.append(html.escape(text[cursor:span_start]))
        out.append("<mark>" + html.escape(text[span_start:span_end]) + "</mark>")
        cursor = span_end
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def snippets(text: str, terms: Iterable[str], limit: int = MAX_FRAGMENTS) -> tuple[str, ...]:
    """Up to `limit` fragments of `text` around term occurrences, marked and escaped."""
    spans = _spans(text, terms)
    fragments, covered_until = [], -1
    for span_start, _ in spans:
        if span_start < covered_until:
            continue
        start = max(0, span_start - FRAGMENT_CHARS // 3)
        end = min(len(text), start + FRAGMENT_CHARS)
        body = _mark(text, spans, start, end).replace("\n", " ")
        fragments.append(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))
        covered_until = end
        if len(fragments) >= limit:
            break
    return tuple(fragments)


def highlight_document(document: dict, terms: list[str]) -> dict[str, tuple[str, ...]]:
    """Highlights of one stored document: its title (whole) and its text (fragments)."""
    if not terms:
        return {}
    found: dict[str, tuple[str, ...]] = {}
    title = document.get("title") or ""
    if _spans(title, terms):
        found["title"] = (_mark(title, _spans(title, terms), 0, len(title)),)
    text = snippets(document.get("content") or "", terms)
    if text:
        found["text"] = text
    return found
