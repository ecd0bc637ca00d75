"""The report page (a stable URL per report) and the download of its archived original."""

from __future__ import annotations

import sqlite3
from typing import Any, Mapping

from flask import Blueprint, Response, render_template, url_for
from flask.typing import ResponseReturnValue

from indexer.archive.media import sniff_media_type
from portal import services
from portal.reports import downloads
from portal.extensions import archive, resources
from portal.labels import display_title
from portal.regions.model import LEVELS, Place
from portal.reports.markup import cells_html
from portal.reports.page import report_page
from portal.reports.provenance import NewerVersion, newer_version
from portal.reports.times import time_tag, today_in_beijing
from portal.services import ReportRecord
from portal.units.data import years_store

bp = Blueprint("reports", __name__)
bp.add_app_template_global(display_title)
bp.add_app_template_global(cells_html)
bp.add_app_template_filter(time_tag)


@bp.get("/reports/<report_id>")
def show(report_id: str) -> ResponseReturnValue:
    """One report: a plain summary, tables 二/三/四 with failed checks, provenance folded, citations."""
    record = services.get_report(resources().backend(), report_id)
    url = url_for("reports.show", report_id=record.id, _external=True)
    page = report_page(record, _catalog(), years_store(), url, today_in_beijing())
    return render_template("reports/report.html", page=page, record=record, title=page.title,
                           region_crumbs=region_crumbs(record.document), media_label=downloads.media_label)


def region_crumbs(document: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The report's region breadcrumb below 全国: (name, region path), levels as indexed."""
    names = []
    for level in LEVELS:
        if not document.get(level):
            break  # a gap in the levels (county without city) has no region page
        names.append(str(document[level]))
    return Place(tuple(names)).crumbs()[1:]


def _catalog() -> Any:
    """The archive catalog, or None when it cannot be read (the page then shows the index's provenance)."""
    try:
        catalog, _store = archive()
    except (OSError, sqlite3.Error):
        return None
    return catalog


def newer_of(record: ReportRecord) -> NewerVersion | None:
    """The version that replaced this report's original, per the archive catalog (for the API)."""
    return newer_version(_catalog(), record.source)


@bp.get("/reports/<report_id>/original")
def original(report_id: str) -> ResponseReturnValue:
    """The archived original file, byte for byte, with its SHA-256 in a header.

    Its type is read from the bytes again (the catalog's may predate a newer sniffer), and
    names the extension of a cleaned file name (portal.reports.downloads).
    """
    catalog, store = archive()
    file = services.get_original(resources().backend(), catalog, store, report_id)
    media_type = sniff_media_type(file.data)
    response = Response(file.data, content_type=downloads.content_type(media_type, file.data))
    name = downloads.download_name(file.filename, media_type, report_id)
    response.headers["Content-Disposition"] = downloads.attachment(name, report_id)
    response.headers["X-Content-SHA256"] = file.sha256
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
