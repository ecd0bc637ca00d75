"""JSON shapes of the API: results, facets and reports, documented in openapi.py."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from indexer.search.facets import FACETS_BY_NAME
from indexer.search.model import Hit, QueryNotes, SearchResult
from portal.search import params as P
from portal.labels import check_label, display_title, issue_tag_label
from portal.search.presenters import value_label
from portal.reports.provenance import NewerVersion, public_fields
from portal.services import ReportRecord

# Index-only fields (segmented tokens, the flat text) that API readers do not need.
HIDDEN_FIELDS = {"title_text", "agency_text", "problems_text", "region_text", "place_text", "subwords", "text", "content", "report", "source"}


def hit_json(hit: Hit, report_url: Callable[[str], str]) -> dict[str, Any]:
    """One hit: id, score, links, summary fields and <mark>-highlighted snippets."""
    return {
        "id": hit.id,
        "score": hit.score,
        "url": report_url(hit.id),
        "display_title": display_title(hit.document),
        "document": public_fields(hit.document),
        "labels": labels_json(hit.document),
        "highlights": {field: list(snippets) for field, snippets in hit.highlights.items()},
        "missing": list(hit.missing),  # query words a partial match lacks (notes.partial)
    }


def labels_json(document: Mapping[str, Any]) -> dict[str, Any]:
    """Chinese labels of the ids a document carries (issue tags, failed checks, across-years results), in order."""
    return {
        "issue_tags": [issue_tag_label(tag) for tag in document.get("issue_tags") or []],
        "failed_checks": [check_label(check) for check in document.get("failed_checks") or []],
        **years_labels(document),
    }


# (document field, facet whose value labels name it): one label each, when the document has the field
YEARS_LABELLED = (("crossyear_status", "crossyear"), ("timeliness", "timeliness"), ("repeat_bucket", "repeat_share"))


def years_labels(document: Mapping[str, Any]) -> dict[str, Any]:
    """Chinese labels of the across-years fields (docs/units.md): statuses as one label, lists as lists."""
    found: dict[str, Any] = {field: value_label(facet, str(document[field]))
                             for field, facet in YEARS_LABELLED if document.get(field) is not None}
    if "copy_flags" in document:
        found["copy_flags"] = [value_label("copy_flags", flag) for flag in document.get("copy_flags") or []]
    if "crossyear_failed" in document:
        found["crossyear_failed"] = [check_label(check) for check in document.get("crossyear_failed") or []]
    return found


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
    """The request as understood: query, filters (all: facets whose values are all required),
    ranges, sort, page, view and its columns."""
    req = result.request
    return {
        "q": req.query,
        "filters": P.filters_as_dict(req),
        "all": [name for name in req.all_of if req.filters.get(name)],
        "ranges": [{"field": r.field, "gte": r.gte, "lte": r.lte} for r in req.ranges],
        "sort": req.sort,
        "page": req.page,
        "size": req.page_size,
        "view": req.view,
        "cols": list(req.columns),
    }


def search_json(result: SearchResult, report_url: Callable[[str], str], links: Mapping[str, str]) -> dict[str, Any]:
    """A search answer: request, total, hits, facets and navigation links."""
    return {
        "request": request_json(result),
        "total": result.total,
        "took_ms": round(result.took_ms, 2),
        "hits": [hit_json(h, report_url) for h in result.hits],
        "facets": facets_json(result),
        "notes": notes_json(result.notes),
        "links": dict(links),
    }


def notes_json(notes: QueryNotes) -> dict[str, Any]:
    """How the query was read: other forms searched, preferred years, correction, partial results."""
    return {
        "expansions": [{"word": word, "also_searched": list(forms), "kind": kind} for word, forms, kind in notes.expansions],
        "years": list(notes.years),
        "corrected_query": notes.corrected_query,
        "did_you_mean": [{"word": word, "name": name} for word, name in notes.suggestions],
        "partial": notes.partial,
        "words": list(notes.words),
        "unsearchable": notes.unsearchable,
    }


def report_json(record: ReportRecord, links: Mapping[str, str], newer: NewerVersion | None = None,
                newer_url: str | None = None) -> dict[str, Any]:
    """A report: display title, summary fields, the full parsed report, provenance, the newer
    version when this one was superseded, and links. Local file paths are cut to their name."""
    fields = {k: v for k, v in record.document.items() if k not in HIDDEN_FIELDS}
    return {
        "id": record.id,
        "display_title": display_title(record.document),
        "superseded_by": {"id": newer.report_id, "sha256": newer.sha256, "url": newer_url} if newer else None,
        "fields": public_fields(fields),
        "labels": labels_json(record.document),
        "report": dict(record.report),
        "source": public_fields(record.source),
        "other_years": [{"id": h.id, "year": h.document.get("year"), "display_title": display_title(h.document)}
                        for h in record.other_years],
        "links": dict(links),
    }
