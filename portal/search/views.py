"""The search page: query box, facets, chips, ranges, sort, pager, snippets."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request
from flask.typing import ResponseReturnValue

from portal.extensions import resources
from portal.filters import search_url
from portal.home.model import is_first_visit
from portal.home.views import render_home
from portal.search.params import encode_pairs, with_page
from portal.search.presenters import last_page, qs, search_page, sidebar_facets
from portal.search.runner import run_search, search_request

bp = Blueprint("search", __name__)


@bp.get("/")
def index() -> ResponseReturnValue:
    """Search every report; with no parameter at all, the home (a first visit's way in)."""
    pairs = list(request.args.items(multi=True))
    if any(not value.strip() for _, value in pairs):
        # a form sends its empty fields (range bounds, an empty box): go to the same search without them
        return redirect(search_url(encode_pairs((k, v) for k, v in pairs if v.strip())))
    if is_first_visit(request.args):
        return render_home()
    result = run_search(sidebar_facets(search_request()))
    settings = resources().settings
    req = result.request
    if result.total and not result.hits and req.page > 1:
        # a page past the last one (the results shrank, or the URL was edited): go to the last
        return redirect(search_url(qs(with_page(req, last_page(req, result.total, settings.result_window)))))
    return render_template("search/search.html", page=search_page(result, settings.result_window, settings.facet_size))


@bp.get("/help")
def help_page() -> ResponseReturnValue:
    """How to write a query: words, phrases, OR, exclusions and numeric filters."""
    from indexer.search.fields import NUMERIC_FIELDS, QUERY_ALIASES

    aliases = [(alias, NUMERIC_FIELDS[field], field) for alias, field in QUERY_ALIASES.items()]
    return render_template("search/help.html", aliases=aliases, fields=tuple(NUMERIC_FIELDS.items()))
