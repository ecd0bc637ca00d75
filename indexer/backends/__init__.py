"""Search engines behind one contract: `open_backend(settings)` picks the configured one."""

from __future__ import annotations

from indexer.backends.base import BulkReport, SearchBackend
from indexer.settings import Settings

ENGINES = ("embedded", "opensearch")


def open_backend(settings: Settings, engine: str | None = None) -> SearchBackend:
    """The backend named by `engine` or settings.engine ('embedded' or 'opensearch')."""
    name = engine or settings.engine
    if name == "embedded":
        from indexer.backends.embedded import EmbeddedBackend

        return EmbeddedBackend(settings)
    if name == "opensearch":
        from indexer.backends.opensearch import OpenSearchBackend

        return OpenSearchBackend(settings)
    raise ValueError(f"unknown search engine {name!r}; choose one of {', '.join(ENGINES)}")


__all__ = ["BulkReport", "SearchBackend", "ENGINES", "open_backend"]
