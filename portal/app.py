"""The Flask application factory (Flask tutorial style: no module-level clients)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Mapping

from flask import Flask, Response

from indexer.settings import Settings, load_settings
from portal import errors, extensions, filters

REPO_ROOT = Path(__file__).resolve().parents[1]
# The portal's only script is its own static/suggest.js (names as you type; every page
# works without it): scripts from this origin only, never inline, so markup that ever
# slipped past escaping still could not run.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; img-src 'self' data:; style-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build a portal app; `test_config` may carry SETTINGS (a Settings) and Flask keys."""
    app = Flask(
        __name__,
        template_folder=str(REPO_ROOT / "templates"),
        static_folder=str(Path(__file__).parent / "static"),
    )
    app.config.from_mapping(JSON_AS_ASCII=False, MAX_CONTENT_LENGTH=64 * 1024)
    if test_config:
        app.config.update({k: v for k, v in test_config.items() if k != "SETTINGS"})
    settings = (test_config or {}).get("SETTINGS") or load_settings()
    if not isinstance(settings, Settings):
        raise TypeError("SETTINGS must be an indexer.settings.Settings")
    app.json.ensure_ascii = False
    app.jinja_env.autoescape = True
    extensions.init_app(app, settings)
    filters.init_app(app)
    errors.init_app(app)
    _register_blueprints(app)
    app.after_request(_security_headers)
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)
    return app


def _register_blueprints(app: Flask) -> None:
    """Attach the HTML views, the export and feed routes, and the JSON API."""
    from portal import site, units
    from portal.alerts import views as alerts
    from portal.api import views as api
    from portal.apidocs import views as apidocs
    from portal.exports import views as exports
    from portal.regions import views as regions
    from portal.reports import views as reports
    from portal.search import suggest
    from portal.search import views as search
    from portal.stats import views as stats

    # One package per page family (search, reports, regions, stats, exports, api, units, alerts).
    for module in (search, reports, regions, stats, exports, api, site, suggest, units, alerts, apidocs):
        app.register_blueprint(module.bp)
    from portal import late, missing  # issue 12: missing and late reports, lateness on region pages
    from portal.regions import lateness
    for module in (missing, late, lateness):
        app.register_blueprint(module.bp)
    from portal.home import views as home

    app.register_blueprint(home.bp)  # /samples; the home itself is the search page's empty state


def _security_headers(response: Response) -> Response:
    """Add the security headers to every response that does not set its own."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
