"""Per-app resources opened lazily: the search backend, a small cache and the archive.

Nothing is opened at import time or in `create_app`, so a portal whose engine is down
still starts and answers 503 pages; a backend is opened on first use and kept on the
app (one per worker process), the archive catalog per request on `flask.g` because
SQLite connections belong to one thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace
from typing import Any, Callable

from flask import Flask, current_app, g

from indexer.settings import Settings

EXTENSION_KEY = "nianbao"
CACHE_ENTRIES = 64


class Resources:
    """The backend of one app, opened on first use and reopened after a failure."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._backend: Any = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        # facet counts per search, shared by all its pages and orders (portal.search.runner.run_search)
        self._facets: OrderedDict[tuple, Any] = OrderedDict()
        # a long export holds a thread for seconds: only this many at once per worker
        self.export_slots = threading.BoundedSemaphore(max(1, settings.portal_export_slots))

    def backend(self) -> Any:
        """The search backend, opened on first use (EngineUnavailable surfaces on use)."""
        if self._backend is None:
            with self._lock:
                if self._backend is None:
                    from indexer.backends import open_backend

                    # readers wait for the engine the portal's short timeout only: a hung
                    # node is a 503 within it, not a stalled thread (the CLI waits longer)
                    timeout = self.settings.opensearch_portal_timeout_seconds
                    from portal.samples import DefaultView

                    engine = open_backend(replace(self.settings, opensearch_timeout_seconds=timeout))
                    # synthetic samples stay out of a real archive's default view (portal.samples)
                    self._backend = DefaultView(engine, self.settings.portal_samples_in_default_view)
        return self._backend

    def forget_backend(self) -> None:
        """Drop the backend so the next request reopens it (after the engine went away)."""
        with self._lock:
            dropped, self._backend = self._backend, None
            self._cache.clear()
            self._facets.clear()
        close = getattr(dropped, "close", None)
        if callable(close):
            close()

    def facet_counts(self, key: tuple) -> Any:
        """The facet counts kept for a search, or None."""
        with self._lock:
            found = self._facets.get(key)
            if found is not None:
                self._facets.move_to_end(key)
            return found

    def keep_facet_counts(self, key: tuple, facets: Any) -> None:
        """Keep a search's facet counts (the least recently used go past the setting's size)."""
        with self._lock:
            self._facets[key] = facets
            while len(self._facets) > self.settings.portal_facet_cache_entries:
                self._facets.popitem(last=False)

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """A value computed once per key (keys include the index size, so new data refreshes it)."""
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return value


def init_app(app: Flask, settings: Settings) -> None:
    """Attach the lazily opened resources to an app and close per-request ones after it."""
    app.extensions[EXTENSION_KEY] = Resources(settings)
    app.teardown_appcontext(_close_archive)


def resources() -> Resources:
    """The resources of the current app."""
    return current_app.extensions[EXTENSION_KEY]


def archive() -> tuple[Any, Any]:
    """(Catalog, ArchiveStore) for this request, opened on first use."""
    if "nianbao_archive" not in g:
        from indexer.archive import open_archive

        g.nianbao_archive = open_archive(resources().settings)
    return g.nianbao_archive


def _close_archive(_exc: BaseException | None) -> None:
    """Close the request's catalog connection, if one was opened."""
    opened = g.pop("nianbao_archive", None)
    if opened is not None:
        close = getattr(opened[0], "close", None)
        if callable(close):
            close()
