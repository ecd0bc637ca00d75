"""Result lines of a search page: meta parts and the snippets worth showing.

Pure functions from a Hit to a frozen HitView the `hit_item` macro prints as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from indexer.search.fields import NUMERIC_FIELDS
from indexer.search.model import Hit, SearchRequest, sort_spec
from portal.labels import display_title, format_label

# digits and whitespace, the characters that make a snippet read as a table fragment
NOISE = re.compile(r"[\d\s]")


def hit_region(document: Mapping[str, Any]) -> list[str]:
    """The non-empty region levels of a hit, province first."""
    return [document[level] for level in ("province", "city", "county", "town") if document.get(level)]


def tabular(snippet: str) -> bool:
    """True for a snippet cut from a flattened table: mostly digits and spaces."""
    plain = snippet.replace("<mark>", "").replace("</mark>", "")
    # one C-level pass instead of a Python loop per character (a search page checks ~40 snippets)
    noise = len(plain) - len(NOISE.sub("", plain))
    return noise > 0.3 * max(len(plain), 1)


def hit_snippets(hit: Hit, limit: int = 2) -> list[str]:
    """Up to `limit` snippets, body text before the title, prose before table fragments."""
    found: list[str] = []
    for field in ("content", "text", "problems_text"):
        found.extend(hit.highlights.get(field, ()))
    for field, snippets in hit.highlights.items():
        if field not in ("content", "text", "problems_text", "title", "title_text"):
            found.extend(snippets)
    prose = [s for s in found if not tabular(s)]
    return (prose or found)[:limit]


@dataclass(frozen=True)
class HitView:
    """One result line with every part ready to print (one presenter call instead of a dozen lookups in Jinja)."""

    id: str
    title: str
    synthetic: bool
    agency: str
    year: Any
    region: str
    format: str
    new_requests: str | None
    failed_checks: int
    snippets: tuple[str, ...]
    missing: tuple[str, ...] = ()  # query words this partial match lacks
    # (label, number) of the fields the list was filtered or sorted on, beyond 新收申请
    figures: tuple[tuple[str, str], ...] = ()


# Always on a card already: the year and 新收申请
SHOWN_ON_CARDS = frozenset({"year", "t3_new_total"})


def figure_fields(req: SearchRequest) -> tuple[str, ...]:
    """The numeric fields a card list was filtered or sorted on, for each card to show."""
    wanted = [r.field for r in req.ranges]
    spec = sort_spec(req.sort)
    if spec and spec[0] in NUMERIC_FIELDS:
        wanted.append(spec[0])
    return tuple(f for f in dict.fromkeys(wanted) if f not in SHOWN_ON_CARDS)


def hit_figures(document: Mapping[str, Any], fields: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(short label, number) of `fields` for a result card ("—" when the report leaves it blank)."""
    from portal.filters import number
    from portal.search.table import column_label

    return tuple((column_label(f), number(document.get(f))) for f in fields)


def hit_view(hit: Hit, fields: tuple[str, ...] = ()) -> HitView:
    """The result line of one hit: its display title, meta parts, snippets to show, and the
    numbers of `fields` (those the list was filtered or sorted on)."""
    from portal.filters import number  # filters registers this module's functions: import late

    doc = hit.document
    new_requests = doc.get("t3_new_total")
    return HitView(
        id=hit.id,
        title=display_title(doc),
        synthetic=bool(doc.get("synthetic")),
        agency=doc.get("agency") or "未识别机关",
        year=doc.get("year"),
        region=" › ".join(hit_region(doc)) if doc.get("province") else "",
        format=format_label(doc.get("format")),
        new_requests=None if new_requests is None else number(new_requests),
        failed_checks=len(doc.get("failed_checks") or ()),
        snippets=tuple(hit_snippets(hit)),
        missing=hit.missing,
        figures=hit_figures(doc, fields) if fields else (),
    )
