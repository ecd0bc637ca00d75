"""Helpers of the search tests: per-engine settings and clean-up."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from indexer.archive import FetchMeta, open_archive
from indexer.backends import SearchBackend
from indexer.search.errors import EngineUnavailable
from indexer.settings import Settings, load_settings

ENGINES = ("embedded", "opensearch")
SESSION_TAG = uuid.uuid4().hex[:8]


def engine_settings(engine: str, tmp: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings for one engine; OpenSearch gets a unique alias under this session's prefix."""
    url = request.getfixturevalue("opensearch_url") if engine == "opensearch" else "http://127.0.0.1:9"
    alias = f"nianbao-test-{SESSION_TAG}-{uuid.uuid4().hex[:6]}"
    return load_settings(env={}, engine=engine, data_dir=str(tmp), opensearch_url=url, opensearch_index=alias, result_window=100)


def drop(backend: SearchBackend) -> None:
    """Delete what a test created (OpenSearch indexes; tmp folders vanish by themselves)."""
    try:
        if hasattr(backend, "drop"):
            backend.drop()
    except EngineUnavailable:  # the handle of an "engine down" test points nowhere
        pass
    backend.close()


def archive_files(settings: Settings, files: dict[str, bytes], batch: str) -> None:
    """Put files into the archive and catalog them under one batch, as ingest would."""
    catalog, store = open_archive(settings)
    catalog.ensure_batch(batch, "test")
    for name, data in files.items():
        sha = store.put(data)
        meta = FetchMeta(location=f"file:///seeds/{name}", fetched_at="2026-01-05T08:00:00+00:00", filename=name)
        catalog.record_item(batch, meta, sha, len(data), "text/plain", "new")
    catalog.close()
