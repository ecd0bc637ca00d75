"""Jinja filters and globals: numbers, snippets with <mark> only, URL building."""

from __future__ import annotations

import html
import math
import re
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import urlencode

from flask import Flask, g, request, url_for
from markupsafe import Markup

from portal.labels import REVIEW_OUTCOMES, SECTIONS, format_label

MARK_SPLIT = re.compile(r"(</?mark>)")


def safe_snippet(snippet: str) -> Markup:
    """A highlight snippet where only <mark> and </mark> stay markup.

    Engines already escape snippet text; any stray '<' or '>' is escaped again here so
    a report containing markup can never inject it, while '&lt;' is not double-escaped.
    """
    bare = snippet.replace("<mark>", "").replace("</mark>", "")
    if "<" not in bare and ">" not in bare and '"' not in bare:
        return Markup(snippet)  # the usual case: the highlighter escaped everything but the marks
    parts = []
    for piece in MARK_SPLIT.split(snippet):
        if piece in ("<mark>", "</mark>"):
            parts.append(piece)
        else:
            parts.append(piece.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))
    return Markup("".join(parts))


# One facet value as a toggle link. A sidebar lists ~60 of them on every search page: built
# here they cost ~0.1 ms a page, against ~0.9 ms as five autoescaped Jinja expressions each
# (markupsafe's escape makes a Markup object per call, ~1.5 µs).
SELECTED = ' selected" aria-current="true'
# Facet values and labels repeat from page to page (provinces, years, tags): escape each once.
_escape_text = lru_cache(maxsize=16384)(html.escape)


def _escape_query(query_string: str) -> str:
    """An encoded query string in an attribute: percent-encoding left only '&' to escape."""
    return query_string.replace("&", "&amp;") if "<" not in query_string and '"' not in query_string else html.escape(query_string)


# A label longer than this may be cut at the sidebar's width: its link carries it whole as a title.
TITLED_LABEL = 12


def facet_items(values: Iterable[Any], base: str, join: str = "或", ticked_before: int = 0) -> Markup:
    """The <li> toggle links of facet values (presenters.FacetValueView), every text escaped.

    Ticked values after the first (counting `ticked_before` listed above, for the values
    behind 显示更多) carry the word joining them (或 any, 且 all), so the logic of a group
    reads in the list itself.
    """
    prefix = html.escape(base)
    items, ticked = [], ticked_before
    for v in values:
        label = _escape_text(v.label)
        title = f' title="{label}"' if len(v.label) > TITLED_LABEL else ""
        word = f'<span class="join">{join}</span>' if v.selected and ticked else ""
        ticked += bool(v.selected)
        items.append(
            f'<li>{word}<a class="facet-value{SELECTED if v.selected else ""}" href="{prefix}?{_escape_query(v.toggle)}" '
            f'data-value="{_escape_text(v.value)}"{title}><span class="facet-label">{label}</span>'
            f'<span class="count">{int(v.count)}</span></a></li>')
    return Markup("".join(items))


def hit_items(hits: Iterable[Any], fields: tuple[str, ...] = ()) -> Markup:
    """The <li> result lines of hits (HitView of portal.search.hits), every text escaped,
    with the numbers of `fields` (those the list was filtered or sorted on).

    Built here rather than in a Jinja macro for the same reason as facet_items: twenty
    lines of a dozen escaped parts each cost ~1.3 ms a page as a macro, ~0.3 ms here.
    """
    from portal.search.hits import hit_view

    prefix = html.escape(_report_url_prefix())
    lines = []
    for hit in hits:
        v = hit_view(hit, fields)
        badge = SYNTHETIC_BADGE if v.synthetic else ""
        meta = [f"<span>{_escape_text(v.agency)}</span>"]
        if v.year:
            meta.append(f"<span>{_escape_text(str(v.year))} 年度</span>")
        if v.region:
            meta.append(f"<span>{_escape_text(v.region)}</span>")
        meta.append(f"<span>{_escape_text(v.format)}</span>")
        if v.new_requests is not None:
            meta.append(f"<span>新收申请 {_escape_text(v.new_requests)} 件</span>")
        meta.extend(f'<span class="figure">{_escape_text(label)} <b>{_escape_text(value)}</b></span>'
                    for label, value in v.figures)
        if v.failed_checks:
            meta.append(f'<span class="warn">校验未通过 {int(v.failed_checks)} 项</span>')
        if v.missing:  # a partial match (no report has every word): say which words it lacks
            meta.append(f'<span class="missing">缺少：{_escape_text("、".join(v.missing))}</span>')
        snippets = "".join(f'<p class="snippet">{safe_snippet(snippet)}</p>' for snippet in v.snippets)
        lines.append(f'<li class="hit">\n  <h3 class="hit-title"><a href="{prefix}{html.escape(v.id)}">'
                     f'{html.escape(v.title)}</a>{badge}</h3>\n  <p class="hit-meta">{"".join(meta)}</p>\n'
                     f'  {snippets}\n</li>\n')
    return Markup("".join(lines))


SYNTHETIC_BADGE = ' <span class="badge badge-synthetic" title="演示用合成数据，并非真实报告">合成样例</span>'


def _report_url_prefix() -> str:
    """The URL of a report page without its id, built once per request."""
    known = g.setdefault("nianbao_endpoint_urls", {})
    if "report_prefix" not in known:
        known["report_prefix"] = url_for("reports.show", report_id="-")[:-1]
    return known["report_prefix"]


def number(value: Any) -> str:
    """A table cell for reading: blank cells as '—', integers without '.0', thousands
    separated, and no binary noise from subtraction (9116.36 - 5949.09 is -3,167.27)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and math.isfinite(value):
        value = round(value, 6)
        if value.is_integer():
            return f"{int(value):,}"
        return f"{value:,}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


# A numbered part such as （二） or (二) right after a sentence ends opens a new paragraph: crawled
# pages often lose their line breaks, and a section then reads as one wall of text.
NUMBERED_PART = re.compile(r"(?<=[。；！？])\s*(?=[（(][一二三四五六七八九十]{1,3}[）)])")


def paragraphs(text: str | None) -> list[str]:
    """A section's text as paragraphs: its own line breaks, and a break before each numbered part."""
    return [part.strip() for line in (text or "").split("\n") for part in NUMBERED_PART.split(line) if part.strip()]


def percent(value: float | None) -> str:
    """A share as a percentage with one decimal."""
    return "—" if value is None else f"{value * 100:.1f}%"


def endpoint_url(endpoint: str) -> str:
    """URL of an endpoint that takes no arguments, built once per request."""
    # every page links the same few endpoints ~25 times; url_for costs ~15 µs each
    known = g.setdefault("nianbao_endpoint_urls", {})
    return known.get(endpoint) or known.setdefault(endpoint, url_for(endpoint))


def canonical_url() -> str:
    """This page's one URL for rel=canonical: its parameters sorted, empty ones left out."""
    pairs = sorted((key, value) for key, values in request.args.lists() for value in values if value.strip())
    return request.base_url + (f"?{urlencode(pairs)}" if pairs else "")


def search_url(query_string: str, endpoint: str = "search.index") -> str:
    """URL of an endpoint with an already encoded query string."""
    base = endpoint_url(endpoint)
    return f"{base}?{query_string}" if query_string else base


def issue_label(tag: str) -> str:
    """The Chinese label of an issue tag (the tag itself when unknown)."""
    from indexer.search.facets import FACETS_BY_NAME

    return FACETS_BY_NAME["issue_tags"].value_label(tag)


def init_app(app: Flask) -> None:
    """Register the filters and globals on an app."""
    app.jinja_env.filters.update(snippet=safe_snippet, number=number, percent=percent, paragraphs=paragraphs,
                                 format_label=format_label)
    app.jinja_env.globals.update(
        search_url=search_url,
        endpoint_url=endpoint_url,
        canonical_url=canonical_url,
        facet_items=facet_items,
        hit_items=hit_items,
        issue_label=issue_label,
        section_titles=SECTIONS,
        review_outcomes=REVIEW_OUTCOMES,
    )
