"""`/api/docs`: the JSON API documented as a Chinese page, with live examples; no script, no CDN."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

from flask import Blueprint, current_app, render_template, url_for
from flask.typing import ResponseReturnValue

from indexer.search.errors import SearchError
from portal.apidocs.model import Example, example, operations, schemas
from portal.extensions import resources
from portal.api.openapi import openapi_document
from portal.units.views import unit_of
from portal.search.runner import vocabulary

bp = Blueprint("apidocs", __name__)
# what each example asks: plain words every annual report holds, two results
SEARCH_EXAMPLE = "q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&size=2"  # q=行政复议
FACETS_EXAMPLE = "q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&year=2023"
SUGGEST_EXAMPLE = "q=panjiabao"  # a place name typed in pinyin (潘家堡)
LISTING_EXAMPLES = ("/api/missing", "/api/late")  # the whole country, first two rows
# examples are rebuilt at most this often (and whenever the index size changes)
EXAMPLE_SECONDS = 300


def _call(path_and_query: str) -> tuple[int, Any]:
    """Ask this app itself, as a client would (status and JSON body)."""
    answer = current_app.test_client().get(path_and_query)
    return answer.status_code, answer.get_json(silent=True)


def _live_examples() -> dict[str, Example]:
    """One real request and answer per endpoint (the report example is the first search hit)."""
    base = url_for("search.index", _external=True).rstrip("/")
    found: dict[str, Example] = {}
    status, body = _call(f"/api/search?{SEARCH_EXAMPLE}")
    found["/api/search"] = example(status, body, f"{base}/api/search?{SEARCH_EXAMPLE}")
    status_f, body_f = _call(f"/api/facets?{FACETS_EXAMPLE}")
    found["/api/facets"] = example(status_f, body_f, f"{base}/api/facets?{FACETS_EXAMPLE}")
    status_s, body_s = _call(f"/api/suggest?{SUGGEST_EXAMPLE}")
    found["/api/suggest"] = example(status_s, body_s, f"{base}/api/suggest?{SUGGEST_EXAMPLE}")
    for path in LISTING_EXAMPLES:
        status_l, body_l = _call(f"{path}?size=2")
        found[path] = example(status_l, body_l, f"{base}{path}?size=2")
    hits = (body or {}).get("hits") or []
    if hits:
        report_path = f"/api/reports/{hits[0]['id']}"
        status_r, body_r = _call(report_path)
        found["/api/reports/{id}"] = example(status_r, body_r, base + report_path)
        unit = unit_of(hits[0]["id"])  # known once `nianbao years` has run
        if unit:
            unit_path = f"/api/units/{quote(unit['unit_id'], safe=':')}"
            status_u, body_u = _call(unit_path)
            found["/api/units/{unit_id}"] = example(status_u, body_u, base + unit_path)
    return found


@bp.get("/api/docs")
def index() -> ResponseReturnValue:
    """The API documentation page."""
    document = openapi_document(vocabulary(), url_for("search.index", _external=True).rstrip("/"))
    try:
        stamp: Any = resources().backend().count()
    except SearchError:  # an engine that is down still gets its page; the examples show its 503
        stamp = None
    examples = resources().cached(("apidocs", stamp, int(time.time() // EXAMPLE_SECONDS)), _live_examples)
    return render_template("apidocs/index.html", info=document["info"], operations=operations(document, examples.get),
                           schemas=schemas(document), raw_url=url_for("api.openapi"))
