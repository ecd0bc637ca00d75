"""What every public site answers besides its pages: robots.txt and the favicon."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, url_for
from flask.typing import ResponseReturnValue

bp = Blueprint("site", __name__)

# Crawlers may read every report and search page; exports and the API only repeat them
# at great length.
ROBOTS_TXT = """User-agent: *
Disallow: /export.csv
Disallow: /export.json
Disallow: /api/
"""


@bp.get("/robots.txt")
def robots() -> ResponseReturnValue:
    """Rules for search engine crawlers."""
    return Response(ROBOTS_TXT, content_type="text/plain; charset=utf-8")


@bp.get("/favicon.ico")
def favicon() -> ResponseReturnValue:
    """Browsers ask for /favicon.ico whatever the page says: point them at the icon."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
