"""Late reports: `/late/<省>/<市>/…?year=` (page), `…csv` (every row) and `/api/late` (JSON)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from portal.late import model
from portal.missing.data import regional
from portal.missing.params import listing
from portal.missing.views import csv_listing, known_place, report_link
from portal.units.model import KIND_LABELS

bp = Blueprint("late", __name__)


@bp.get("/late/")
@bp.get("/late/<path:path>")
def show(path: str = "") -> ResponseReturnValue:
    """Reports published after the legal deadline in a region (and year); date-unknown ones on request."""
    picture, query = regional(), listing(path, request.args, model.STATUSES)
    known_place(picture, query)
    page = model.late_page(picture, query) if picture else None
    return render_template("late/late.html", query=query, page=page, kind_labels=KIND_LABELS,
                           status_labels=model.STATUS_LABELS, report_url=report_link())


@bp.get("/late.csv")
@bp.get("/late/<path:path>.csv")
def csv_export(path: str = "") -> ResponseReturnValue:
    """The same rows as the page (all pages) as CSV."""
    return csv_listing(model, listing(path, request.args, model.STATUSES), "逾期发布年报", "late")


@bp.get("/api/late")
def api_late() -> ResponseReturnValue:
    """The page's rows and tally as JSON: `region`, `year`, `status`, `page`, `size` as on the page."""
    picture, query = regional(), listing(request.args.get("region", ""), request.args, model.STATUSES)
    known_place(picture, query)
    rows = model.window(picture, query) if picture else []
    tally = picture.tally(query.place.names, query.year) if picture else [0, 0, 0, 0]
    report_url = report_link(external=True)
    return {"region": list(query.place.names), "year": query.year, "status": query.status, "analysed": picture is not None,
            "samples": picture.samples if picture else None,
            "reports": tally[0], "late": tally[1], "on_time": tally[2], "unknown_date": tally[3],
            "total": {"late": tally[1], "unknown_date": tally[3], "all": tally[1] + tally[3]}[query.status],
            "page": query.page, "size": query.size, "rows": [model.record(row, report_url) for row in rows]}
