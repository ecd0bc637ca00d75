"""Absolute links for e-mails, always on the configured public URL (never the request's Host)."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for

from portal.extensions import resources


def mail_link(endpoint: str, **values: Any) -> str:
    """An absolute URL under `alerts_public_url`.

    Built in a request of its own on that base, so a forged Host header cannot point a
    confirmation link elsewhere, and the CLI (which has no request) builds the same links.
    """
    base = resources().settings.alerts_public_url.rstrip("/") or "http://127.0.0.1:8000"
    with current_app.test_request_context("/", base_url=base):
        return url_for(endpoint, _external=True, **values)


def search_link(query: str, endpoint: str = "search.index") -> str:
    """The absolute URL of a saved search's page (or of its feed)."""
    base = mail_link(endpoint)
    return f"{base}?{query}" if query else base
