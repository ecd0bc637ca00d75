"""Fixtures of the search contract suite: the same tests run against both engines."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest

from indexer.backends import SearchBackend, open_backend
from indexer.search.errors import EngineUnavailable
from indexer.settings import Settings, load_settings
from search.search_corpus import index_documents

ENGINES = ("embedded", "opensearch")
SESSION_TAG = uuid.uuid4().hex[:8]


def engine_settings(engine: str, tmp: Path, request: pytest.FixtureRequest) -> Settings:
    """Settings for one engine; OpenSearch gets a unique alias under this session's prefix."""
    url = request.getfixturevalue("opensearch_url") if engine == "opensearch" else "http://127.0.0.1:9"
    alias = f"nianbao-test-{SESSION_TAG}-{uuid.uuid4().hex[:6]}"
    return load_settings(env={}, engine=engine, data_dir=str(tmp), opensearch_url=url, opensearch_index=alias, result_window=100)


def _drop(backend: SearchBackend) -> None:
    """Delete what a test created (OpenSearch indexes; tmp folders vanish by themselves)."""
    try:
        if hasattr(backend, "drop"):
            backend.drop()
    except EngineUnavailable:  # the handle of an "engine down" test points nowhere
        pass
    backend.close()


@pytest.fixture(scope="module", params=ENGINES)
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchBackend]:
    """A backend of each engine holding the fixed corpus (shared by read-only tests)."""
    settings = engine_settings(request.param, tmp_path_factory.mktemp(request.param), request)
    backend = open_backend(settings)
    backend.rebuild(index_documents())
    yield backend
    _drop(backend)


@pytest.fixture(params=ENGINES)
def make_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], SearchBackend]]:
    """A factory of empty backends of one engine, for tests that write; cleaned up after."""
    made: list[SearchBackend] = []
    settings = engine_settings(request.param, tmp_path, request)

    def make(**changes: object) -> SearchBackend:
        """A backend of this test's engine, with some settings changed."""
        backend = open_backend(settings.replace(**changes))
        made.append(backend)
        return backend

    yield make
    for backend in made:
        _drop(backend)
