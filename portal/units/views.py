"""Unit pages: `/units/<id>`, its CSV, the year-over-year view, and `/api/units/<id>`."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from portal.reports.downloads import attachment
from portal.extensions import archive
from portal.units.compare import OP_LABELS, CompareError, compare
from portal.units.data import close_years_store, years_store
from portal.units.model import KIND_LABELS, UnitPage, merge_steps, unit_csv, unit_page

bp = Blueprint("units", __name__)
bp.teardown_app_request(close_years_store)


@bp.app_template_global()
def unit_of(report_id: str) -> dict | None:
    """The unit a report belongs to ({unit_id, name}), for the report page's link; None when unknown."""
    store = years_store()
    row = store.conn.execute("SELECT r.unit_id, u.name FROM reports r JOIN units u ON u.unit_id = r.unit_id"
                             " WHERE r.report_id = ?", (report_id,)).fetchone() if store else None
    return {"unit_id": row[0], "name": row[1]} if row else None


def _page(unit_id: str) -> UnitPage:
    store = years_store()
    page = unit_page(store, unit_id) if store else None
    if page is None:
        abort(404)
    return page


@bp.get("/units/<path:unit_id>.csv")
def series_csv(unit_id: str) -> ResponseReturnValue:
    """The unit's series as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese)."""
    page = _page(unit_id)
    return Response("\ufeff" + unit_csv(page), mimetype="text/csv",
                    headers={"Content-Disposition": attachment(f"{page.unit['name']}历年数据.csv", "unit")})


@bp.get("/units/<path:unit_id>/compare")
def compare_view(unit_id: str) -> ResponseReturnValue:
    """Two reports of the unit side by side: what the narrative and the tables changed."""
    page = _page(unit_id)
    a, b = request.args.get("a", ""), request.args.get("b", "")
    if not a or not b:
        abort(400, description="需要两个报告编号：?a=…&b=…")
    try:
        found = compare(years_store(), archive()[0], page.unit, a, b)
    except CompareError as error:
        abort(404, description=str(error))
    return render_template("units/compare.html", page=page, cmp=found, op_labels=OP_LABELS)


@bp.get("/units/<path:unit_id>")
def show(unit_id: str) -> ResponseReturnValue:
    """A unit over the years: names and merges, key figures per year, checks, timeliness, copied text."""
    page = _page(unit_id)
    return render_template("units/unit.html", page=page, merge_steps=merge_steps, kind_labels=KIND_LABELS)


@bp.get("/api/units/<path:unit_id>")
def api_unit(unit_id: str) -> ResponseReturnValue:
    """The unit and every report's stored analysis as JSON."""
    page = _page(unit_id)
    return jsonify({"unit": page.unit, "reports": years_store().unit_reports(unit_id)})
