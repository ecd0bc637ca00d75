"""The portal's one service layer: HTML views and the JSON API both call these.

Each function takes the open backend (and archive, where needed) plus a frozen request
and returns value objects; none of them sees Flask's `request`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterator, Mapping, Sequence

from indexer.search.errors import DocumentNotFound
from indexer.search.model import Hit, RangeFilter, SearchRequest, SearchResult
from portal.stats.aggregates import FAILING_FIELDS, FIGURE_FIELDS, Figures, compute_figures, with_failing

REPORT_ID = re.compile(r"^[0-9a-f]{16}$")
FAILED_CHECKS_SHOWN = 10


@dataclass(frozen=True)
class ReportRecord:
    """Everything the report page shows: the index document and the agency's other years."""

    id: str
    document: Mapping[str, Any]
    report: Mapping[str, Any]
    source: Mapping[str, Any]
    other_years: tuple[Hit, ...]


@dataclass(frozen=True)
class Original:
    """An archived original file ready for download."""

    sha256: str
    filename: str
    media_type: str
    data: bytes


def check_report_id(report_id: str) -> str:
    """A well-formed public report id (16 lowercase hex digits), else DocumentNotFound."""
    if not REPORT_ID.match(report_id or ""):
        raise DocumentNotFound(report_id)
    return report_id


def search(backend: Any, req: SearchRequest, names: Any = None) -> SearchResult:
    """One page of results with facet counts; place and agency names known by pinyin and near spelling
    (`names`: the app's NameLookup; without one, the lookup cached for the backend)."""
    from indexer.search.names import names_for

    if req.query and names is None:
        names = names_for(backend)
    return backend.search(req, names if req.query else None)


def get_report(backend: Any, report_id: str) -> ReportRecord:
    """A report's stored document with links to the same agency's other years."""
    document = backend.get(check_report_id(report_id))
    agency = document.get("agency")
    others: tuple[Hit, ...] = ()
    if agency:
        sibling_request = SearchRequest(filters={"agency": (agency,)}, sort="year_desc", page_size=50, facets=(), highlight=False)
        others = tuple(h for h in backend.search(sibling_request).hits if h.id != report_id)
    return ReportRecord(report_id, document, document.get("report") or {}, document.get("source") or {}, others)


def get_original(backend: Any, catalog: Any, store: Any, report_id: str) -> Original:
    """The archived original of a report, found through the catalog."""
    document = backend.get(check_report_id(report_id))
    sha256 = (document.get("source") or {}).get("sha256")
    entry = catalog.get_document(sha256) if sha256 else catalog.find_by_report_id(report_id)
    if entry is None:
        raise DocumentNotFound(f"no archived original for {report_id}")
    filename = entry.filename or f"{report_id}.bin"
    return Original(entry.sha256, filename, entry.media_type or "application/octet-stream", store.read(entry.sha256))


def iter_documents(backend: Any, req: SearchRequest, fields: Sequence[str] | None = None) -> Iterator[Mapping[str, Any]]:
    """Every document matching a request (all numeric fields, no stored report, or only `fields`), streamed."""
    whole = replace(req, page=1, facets=(), highlight=False)
    return backend.scan(whole) if fields is None else backend.scan(whole, fields=fields)


def figures(backend: Any, req: SearchRequest) -> Figures:
    """Totals over every report matching a request (for the stats and region pages).

    The sums need numbers only, which the engine reads without decoding stored reports;
    the ids of failed checks are read only for the reports that fail one.
    """
    totals = compute_figures(iter_documents(backend, req, FIGURE_FIELDS))
    return with_failing(totals, iter_documents(backend, failing_only(req), FAILING_FIELDS), FAILED_CHECKS_SHOWN)


def failing_only(req: SearchRequest) -> SearchRequest:
    """The same search narrowed to reports failing at least one consistency check."""
    current = next((r for r in req.ranges if r.field == "failed_check_count"), None)
    lowest = max(1.0, current.gte) if current and current.gte is not None else 1.0
    narrowed = RangeFilter("failed_check_count", gte=lowest, lte=current.lte if current else None)
    return replace(req, ranges=tuple(r for r in req.ranges if r.field != "failed_check_count") + (narrowed,))


def facet_counts(backend: Any, req: SearchRequest) -> SearchResult:
    """Facet counts only (no hits) for a request."""
    return backend.search(replace(req, page=1, page_size=1, highlight=False))
