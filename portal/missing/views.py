"""Missing reports: `/missing/<省>/<市>/…` (page), `…csv` (every row) and `/api/missing` (JSON)."""

from __future__ import annotations

from typing import Callable

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask.typing import ResponseReturnValue

from indexer.years.regional import Regional
from portal.missing import model
from portal.missing.data import regional
from portal.missing.params import Listing, listing
from portal.reports.downloads import attachment
from portal.units.model import KIND_LABELS

bp = Blueprint("missing", __name__)


def report_link(external: bool = False) -> Callable[[str], str]:
    """A report id → its page URL (url_for once, then string joins: a CSV holds thousands)."""
    prefix = url_for("reports.show", report_id="-", _external=external)[:-1]
    return lambda report_id: prefix + report_id


def unit_link(external: bool = False) -> Callable[[str], str]:
    """A unit id → its page URL."""
    return lambda unit_id: url_for("units.show", unit_id=unit_id, _external=external)


@bp.app_template_global()
def listing_url(endpoint: str, path: str = "", **args: object) -> str:
    """URL of a missing or late listing of a region path, blank arguments left out."""
    kept = {key: value for key, value in args.items() if value not in (None, "")}
    return url_for(endpoint, **({"path": path} if path else {}), **kept)


def known_place(picture: Regional | None, query: Listing) -> None:
    """404 for a region without any counted report (a typo in the path, or a place never seen)."""
    if query.place.names and (picture is None or picture.tally(query.place.names)[0] == 0):
        abort(404, description=f"本站尚未收录{query.place.title}的年报，无从判断未见或逾期。可从“地区”页逐级浏览已收录的地区。")


@bp.get("/missing/")
@bp.get("/missing/<path:path>")
def show(path: str = "") -> ResponseReturnValue:
    """Units that reported for the year before and not for a year whose deadline has passed, in a region."""
    picture, query = regional(), listing(path, request.args)
    known_place(picture, query)
    page = model.missing_page(picture, query) if picture else None
    return render_template("missing/missing.html", query=query, page=page, kind_labels=KIND_LABELS,
                           report_url=report_link(), samples=picture.samples if picture else None)


def csv_listing(listing_model, query, title: str, fallback: str) -> ResponseReturnValue:
    """Every row of a listing page (missing or late reports) as CSV with a BOM, named after its place and year."""
    picture = regional()
    known_place(picture, query)
    rows = listing_model.select(picture, query) if picture else []
    name = f"{query.place.title}{title}{query.year or ''}.csv"
    return Response("\ufeff" + listing_model.csv_text(rows, report_link(external=True)), mimetype="text/csv",
                    headers={"Content-Disposition": attachment(name, fallback)})


@bp.get("/missing.csv")
@bp.get("/missing/<path:path>.csv")
def csv_export(path: str = "") -> ResponseReturnValue:
    """The same rows as the page (all pages), as CSV with a BOM so spreadsheet programs read the Chinese."""
    return csv_listing(model, listing(path, request.args), "未见年报", "missing")


@bp.get("/api/missing")
def api_missing() -> ResponseReturnValue:
    """The page's rows as JSON: `region` (省/市/…), `year`, `on`, `page`, `size` as on the page."""
    picture, query = regional(), listing(request.args.get("region", ""), request.args)
    known_place(picture, query)
    rows = model.window(picture, query) if picture else []
    total = model.counts(picture, query).total if picture else 0
    report_url, unit_url = report_link(external=True), unit_link(external=True)
    return {"region": list(query.place.names), "year": query.year, "on": query.on.isoformat(),
            "analysed": picture is not None, "samples": picture.samples if picture else None, "total": total, "page": query.page, "size": query.size,
            "rows": [model.record(row, report_url, unit_url) for row in rows]}
