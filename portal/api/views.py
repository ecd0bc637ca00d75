"""The JSON API: the same services as the HTML views, answered as JSON."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, url_for
from flask.typing import ResponseReturnValue

from portal import services
from portal.extensions import resources
from portal.api.openapi import openapi_document
from portal.search.params import with_page
from portal.search.presenters import qs
from portal.api.serialize import facets_json, report_json, request_json, search_json
from portal.search.runner import run_search, search_request, vocabulary
from portal.reports.views import newer_of

bp = Blueprint("api", __name__, url_prefix="/api")


def _report_url(report_id: str) -> str:
    """Absolute URL of a report page."""
    return url_for("reports.show", report_id=report_id, _external=True)


def _with_query(endpoint: str, query: str) -> str:
    """Absolute URL of an endpoint with a query string."""
    base = url_for(endpoint, _external=True)
    return f"{base}?{query}" if query else base


@bp.get("/search")
def search() -> ResponseReturnValue:
    """Search: the same parameters as the HTML search page."""
    req = search_request()
    result = run_search(req)
    links = {"self": _with_query("api.search", qs(req)), "html": _with_query("search.index", qs(req)),
             "export_csv": _with_query("exports.export_csv", qs(with_page(req, 1))),
             "export_json": _with_query("exports.export_json", qs(with_page(req, 1))),
             "feed": _with_query("exports.feed", qs(with_page(req, 1)))}
    if req.page * req.page_size < min(result.total, resources().settings.result_window):
        links["next"] = _with_query("api.search", qs(with_page(req, req.page + 1)))
    if req.page > 1:
        links["prev"] = _with_query("api.search", qs(with_page(req, req.page - 1)))
    return search_json(result, _report_url, links)


@bp.get("/facets")
def facets() -> ResponseReturnValue:
    """Facet counts only, for the same parameters as /api/search."""
    req = replace(search_request(), page=1)
    result = services.facet_counts(resources().backend(), req)
    return {"request": request_json(result), "total": result.total, "facets": facets_json(result)}


@bp.get("/reports/<report_id>")
def report(report_id: str) -> ResponseReturnValue:
    """One report: the parsed tables and sections, provenance and links."""
    record = services.get_report(resources().backend(), report_id)
    links = {"html": _report_url(report_id),
             "original": url_for("reports.original", report_id=report_id, _external=True)}
    newer = newer_of(record)
    return report_json(record, links, newer, _report_url(newer.report_id) if newer else None)


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    """The OpenAPI 3.1 description of this API."""
    return openapi_document(vocabulary(), url_for("search.index", _external=True).rstrip("/"))
