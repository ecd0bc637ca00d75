"""JSON shapes of the API: results, facets and reports, documented in openapi.py."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from indexer.search.facets import FACETS_BY_NAME
from indexer.search.model import Hit, SearchResult
from portal import params as P
from portal.presenters import value_label
from portal.services import ReportRecord

# Index-only fields (segmented tokens, the flat text) that API readers do not need.
HIDDEN_FIELDS = {"title_text", "agency_text", "problems_text", "text", "content", "report", "source"}


def hit_json(hit: Hit, report_url: Callable[[str], str]) -> dict[str, Any]:
    """One hit: id, score, links, summary fields and <mark>-highlighted snippets."""
    return {
        "id": hit.id,
        "score": hit.score,
        "url": report_url(hit.id),
        "document": dict(hit.document),
        "highlights": {field: list(snippets) for field, snippets in hit.highlights.items()},
    }


def facets_json(result: SearchResult) -> dict[str, Any]:
    """Facet counts keyed by facet name, with Chinese labels."""
    out = {}
    for name, facet in result.facets.items():
        declared = FACETS_BY_NAME.get(name)
        out[name] = {
            "label": declared.label if declared else name,
            "truncated": facet.truncated,
            "values": [{"value": v.value, "label": value_label(name, v.value), "count": v.count, "selected": v.selected} for v in facet.values],
        }
    return out


def request_json(result: SearchResult) -> dict[str, Any]:
    """The request as understood: query, filters, ranges, sort, page."""
    req = result.request
    return {
        "q": req.query,
        "filters": P.filters_as_dict(req),
        "ranges": [{"field": r.field, "gte": r.gte, "lte": r.lte} for r in req.ranges],
        "sort": req.sort,
        "page": req.page,
        "size": req.page_size,
    }


def search_json(result: SearchResult, report_url: Callable[[str], str], links: Mapping[str, str]) -> dict[str, Any]:
    """A search answer: request, total, hits, facets and navigation links."""
    return {
        "request": request_json(result),
        "total": result.total,
        "took_ms": round(result.took_ms, 2),
        "hits": [hit_json(h, report_url) for h in result.hits],
        "facets": facets_json(result),
        "links": dict(links),
    }


def report_json(record: ReportRecord, links: Mapping[str, str]) -> dict[str, Any]:
    """A report: summary fields, the full parsed report, provenance and links."""
    fields = {k: v for k, v in record.document.items() if k not in HIDDEN_FIELDS}
    return {
        "id": record.id,
        "fields": fields,
        "report": dict(record.report),
        "source": dict(record.source),
        "other_years": [{"id": h.id, "year": h.document.get("year"), "title": h.document.get("title")} for h in record.other_years],
        "links": dict(links),
    }
