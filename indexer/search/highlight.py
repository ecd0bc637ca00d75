"""Snippets with <mark>: one highlighter shared by both engines, so both mark alike.

Engines index space-joined tokens, which would read badly as a snippet; instead the
original text is searched for the query's (segmented) terms. Output is HTML-escaped
except the <mark> tags.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Iterable

FRAGMENT_CHARS = 120
MAX_FRAGMENTS = 3


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """One regex for a query's terms, longest first (compiled once per query, not per hit)."""
    unique = sorted({t for t in terms if t}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join(re.escape(t) for t in unique), re.IGNORECASE)


def _spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of every term occurrence, longest terms first."""
    pattern = _pattern(tuple(terms))
    return [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []


def _plain(text: str) -> str:
    """Text with nothing to escape, as it is."""
    return text


def _escaper(text: str):
    """html.escape, or nothing when `text` holds none of the five characters it escapes
    (most reports: a search page then skips ~500 escape calls)."""
    return html.escape if any(char in text for char in _HTML_SPECIAL) else _plain


_HTML_SPECIAL = "&<>\"'"


def _mark(text: str, spans: list[tuple[int, int]], start: int, end: int, escape=html.escape) -> str:
    """Escape text[start:end] and wrap the spans inside it in <mark>."""
    out, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out.append(escape(text[cursor:span_start]))
        out.append("<mark>" + escape(text[span_start:span_end]) + "</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end]))
    return "".join(out)


def snippets(text: str, terms: Iterable[str], limit: int = MAX_FRAGMENTS) -> tuple[str, ...]:
    """Up to `limit` fragments of `text` around term occurrences, marked and escaped.

    Occurrences are found lazily: a long report stops being scanned once its fragments are
    cut (a common word can occur hundreds of times).
    """
    pattern = _pattern(tuple(terms))
    if pattern is None:
        return ()
    matches = pattern.finditer(text)
    pending = next(matches, None)
    escape = _escaper(text) if pending is not None else html.escape
    fragments: list[str] = []
    seen: list[tuple[int, int]] = []  # every span up to the current fragment's end
    while pending is not None and len(fragments) < limit:
        start = max(0, pending.start() - FRAGMENT_CHARS // 3)
        end = min(len(text), start + FRAGMENT_CHARS)
        while pending is not None and pending.start() < end:  # a span crossing `end` is left unmarked
            seen.append(pending.span())
            pending = next(matches, None)
        body = _mark(text, seen, start, end, escape).replace("\n", " ")
        fragments.append(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))
    return tuple(fragments)


def highlight_document(document: dict, terms: list[str]) -> dict[str, tuple[str, ...]]:
    """Highlights of one stored document: its title (whole) and its text (fragments)."""
    if not terms:
        return {}
    found: dict[str, tuple[str, ...]] = {}
    title = document.get("title") or ""
    title_spans = _spans(title, terms)
    if title_spans:
        found["title"] = (_mark(title, title_spans, 0, len(title)),)
    text = snippets(document.get("content") or "", terms)
    if text:
        found["text"] = text
    return found
