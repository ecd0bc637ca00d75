"""Streamed exports (CSV, JSON) of every report matching a search, and its Atom feed."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timezone
from typing import Iterator

from flask import Blueprint, Response, current_app, request, stream_with_context, url_for
from flask.typing import ResponseReturnValue

from indexer.backends import SearchBackend
from indexer.search.errors import SearchError
from indexer.search.model import Hit, SearchRequest
from portal import services
from portal.exports import tables
from portal.app import SECURITY_HEADERS
from portal.alerts.describe import feed_title
from portal.errors import ExportsBusy
from portal.extensions import resources
from portal.exports.feeds import Feed, FeedEntry, feed_media_type, render_atom, stylesheet_policy
from portal.labels import display_title
from portal.search.presenters import qs
from portal.search.runner import search_request

bp = Blueprint("exports", __name__)
FEED_SIZE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rows(req: SearchRequest) -> Iterator[dict]:
    """Export rows of every match; an engine failure mid-stream ends the file and is logged."""
    backend = resources().backend()
    app = current_app._get_current_object()
    report_base = url_for("reports.show", report_id="-", _external=True)[:-1]
    try:
        for document in services.iter_documents(backend, req, tables.scanned_fields(req.columns)):
            yield tables.export_row(document, report_base + str(document["id"]), document.get("active_disclosure"))
    except SearchError:
        app.logger.exception("export stopped by a search error")


def _export_response(chunks: Iterator[str], content_type: str, filename: str) -> Response:
    """A streamed download holding one of this worker's export slots until the server closes it.

    The slot is given back when the last chunk is out, or by the response's close (which
    the WSGI server calls when the reader went away, or a HEAD request never read the
    body); ExportsBusy (a 503 asking to retry) when every slot is streaming.
    """
    slots = resources().export_slots
    if not slots.acquire(blocking=False):
        raise ExportsBusy()
    released = threading.Lock()

    def release() -> None:
        if released.acquire(blocking=False):  # once, however often close is called
            slots.release()

    def stream() -> Iterator[str]:
        try:
            yield from chunks
        finally:  # the whole file is out (or the stream was closed mid-way)
            release()

    try:
        response = Response(stream_with_context(stream()), content_type=content_type)
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.call_on_close(release)
    except BaseException:
        release()
        raise
    return response


def _stamp() -> str:
    """A timestamp for export file names."""
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")


@bp.get("/export.csv")
def export_csv() -> ResponseReturnValue:
    """Every matching report as CSV (UTF-8 with BOM), one row per report."""
    req = replace(search_request(facets=False), page=1, strict=True)
    services.search(resources().backend(), replace(req, page_size=1))  # fail fast (400/503) before streaming
    columns = tables.export_columns(req.columns)
    return _export_response(tables.csv_lines(_rows(req), columns), "text/csv; charset=utf-8", f"nianbao-{_stamp()}.csv")


@bp.get("/export.json")
def export_json() -> ResponseReturnValue:
    """Every matching report as one JSON document streamed report by report."""
    req = replace(search_request(facets=False), page=1, strict=True)
    total = services.search(resources().backend(), replace(req, page_size=1)).total
    meta = {"query": qs(req), "total": total, "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    return _export_response(tables.json_chunks(_rows(req), meta, tables.export_columns(req.columns)),
                            "application/json; charset=utf-8", f"nianbao-{_stamp()}.json")


@bp.get("/export.xlsx")
def export_xlsx() -> ResponseReturnValue:
    """Every matching report as an Excel workbook, one row per report (the search's cols if picked)."""
    req = replace(search_request(facets=False), page=1, strict=True)
    services.search(resources().backend(), replace(req, page_size=1))  # fail fast (400/503) before building
    slots = resources().export_slots
    if not slots.acquire(blocking=False):
        raise ExportsBusy()
    try:
        body = tables.xlsx_bytes(_rows(req), tables.export_columns(req.columns))
    finally:
        slots.release()
    response = Response(body, content_type=XLSX_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="nianbao-{_stamp()}.xlsx"'
    return response


@bp.get("/feed.atom")
def feed() -> ResponseReturnValue:
    """An Atom feed of the reports matching the current search, the most recently archived first.

    Ordered by archive date, not report year: a follower must see a newly archived report
    of an old year too.
    """
    req = replace(search_request(facets=False), page=1, page_size=FEED_SIZE, sort="added_desc", highlight=False,
                  strict=True)
    backend = resources().backend()
    result = services.search(backend, req)
    entries = [_entry(backend, hit) for hit in result.hits]
    query = qs(req)
    html_link = url_for("search.index", _external=True) + (f"?{query}" if query else "")
    self_link = url_for("exports.feed", _external=True) + (f"?{query}" if query else "")
    updated = max((e.updated for e in entries), default=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    atom = render_atom(Feed(self_link, feed_title(req), self_link, html_link, updated, entries,
                            stylesheet=url_for("static", filename="feed.xsl")))
    response = Response(atom, content_type=f"{feed_media_type(request.accept_mimetypes)}; charset=utf-8")
    response.vary.add("Accept")
    response.headers["Content-Security-Policy"] = stylesheet_policy(SECURITY_HEADERS["Content-Security-Policy"])
    return response


def _entry(backend: SearchBackend, hit: Hit) -> FeedEntry:
    """A feed entry for one hit, dated by when the report was first archived (else fetched or indexed)."""
    doc = hit.document
    updated = doc.get("archived_at") or _stored_date(backend, hit)
    link = url_for("reports.show", report_id=hit.id, _external=True)
    summary = " · ".join(str(p) for p in (doc.get("agency"), doc.get("year"), doc.get("province"), doc.get("city")) if p)
    return FeedEntry(link, display_title(doc), link, updated, summary, doc.get("agency") or "")


def _stored_date(backend: SearchBackend, hit: Hit) -> str:
    """The fetch or index time of a report without an archive date (synthetic, or indexed before it existed)."""
    try:
        stored = backend.get(hit.id)
    except SearchError:
        stored = dict(hit.document)
    return stored.get("fetched_at") or stored.get("indexed_at") or datetime.now(timezone.utc).isoformat(timespec="seconds")
