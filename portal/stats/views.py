"""The statistics page: requests by year, outcome shares, review/litigation, tags, checks."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from portal import services
from portal.extensions import resources
from portal.samples import samples_only
from portal.search.presenters import chips, facet_views, qs
from portal.stats.figures_cache import cached_figures
from portal.search.runner import search_request

bp = Blueprint("stats", __name__)


@bp.get("/stats")
def show() -> ResponseReturnValue:
    """Figures over every report matching the current search (all reports by default)."""
    req = replace(search_request(), page=1, facets=("issue_tags", "failed_checks", "year"), facet_size=15)
    counts = services.facet_counts(resources().backend(), req)
    figures = cached_figures(resources(), resources().backend(), replace(req, facets=()))
    facets = {f.name: f for f in facet_views(counts)}
    # samples left out of this search by default (portal.samples): say so, and where they are counted
    samples_query = qs(samples_only(req)) if resources().backend().excludes_samples(req) else None
    return render_template("stats/stats.html", figures=figures, counts=counts, facets=facets, chips=chips(req), query=qs(req),
                           samples_query=samples_query)
