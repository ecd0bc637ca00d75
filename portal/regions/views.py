"""Region pages: province → city → county → town, the reports below and their figures."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from indexer.search.model import SearchRequest
from portal.regions import model
from portal import services
from portal.stats.figures_cache import cached_figures
from portal.extensions import resources

bp = Blueprint("regions", __name__)


@bp.get("/regions/")
@bp.get("/regions/<path:path>")
def show(path: str = "") -> ResponseReturnValue:
    """A region's child regions, recent reports and charts over the years."""
    place = model.parse_path(path)
    if place is None:
        abort(404)
    backend = resources().backend()
    overview = services.search(backend, model.overview_request(place))
    if place.names and overview.total == 0:
        abort(404, description=f"本站尚未收录{place.title}的年报。可从首页或“地区”页按省、市、县逐级浏览已收录的地区。")
    below = model.children(place, overview)
    if len(below) == 1 and place.names and below[0][0] == place.names[-1]:
        # a municipality's city level repeats it (重庆市 › 重庆市): its page is the one below
        return redirect(url_for("regions.show", path=below[0][2]))
    figures = cached_figures(resources(), backend, SearchRequest(filters=place.filters))
    return render_template("regions/region.html", place=place, overview=overview, figures=figures, children=below)
