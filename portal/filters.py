"""Jinja filters and globals: numbers, snippets with <mark> only, URL building."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, g, url_for
from markupsafe import Markup

from portal.labels import REVIEW_OUTCOMES, SECTIONS, format_label

MARK_SPLIT = re.compile(r"(</?mark>)")


def safe_snippet(snippet: str) -> Markup:
    """A highlight snippet where only <mark> and </mark> stay markup.

    Engines already escape snippet text; any stray '<' or '>' is escaped again here so
    a report containing markup can never inject it, while '&lt;' is not double-escaped.
    """
    parts = []
    for piece in MARK_SPLIT.split(snippet):
        if piece in ("<mark>", "</mark>"):
            parts.append(piece)
        else:
            parts.append(piece.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))
    return Markup("".join(parts))


def number(value: Any) -> str:
    """A table cell for reading: blank cells as '—', integers without '.0'."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def percent(value: float | None) -> str:
    """A share as a percentage with one decimal."""
    return "—" if value is None else f"{value * 100:.1f}%"


def search_url(query_string: str, endpoint: str = "search.index") -> str:
    """URL of an endpoint with an already encoded query string."""
    # a search page links the same few endpoints ~25 times; url_for costs ~15 µs each
    known = g.setdefault("nianbao_endpoint_urls", {})
    base = known.get(endpoint) or known.setdefault(endpoint, url_for(endpoint))
    return f"{base}?{query_string}" if query_string else base


def issue_label(tag: str) -> str:
    """The Chinese label of an issue tag (the tag itself when unknown)."""
    from indexer.search.facets import FACETS_BY_NAME

    return FACETS_BY_NAME["issue_tags"].value_label(tag)


def init_app(app: Flask) -> None:
    """Register the filters and globals on an app."""
    from portal.presenters import hit_region, hit_snippets, hit_view

    app.jinja_env.filters.update(snippet=safe_snippet, number=number, percent=percent, format_label=format_label)
    app.jinja_env.globals.update(
        search_url=search_url,
        hit_snippets=hit_snippets,
        hit_region=hit_region,
        hit_view=hit_view,
        issue_label=issue_label,
        section_titles=SECTIONS,
        review_outcomes=REVIEW_OUTCOMES,
    )
