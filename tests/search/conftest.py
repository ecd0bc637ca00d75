"""Fixtures of the search contract suite: the same tests run against both engines."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pytest

from indexer.backends import SearchBackend, open_backend
from search.search_corpus import index_documents
from search.support import ENGINES, drop, engine_settings


@pytest.fixture(scope="module", params=ENGINES)
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchBackend]:
    """A backend of each engine holding the fixed corpus (shared by read-only tests)."""
    settings = engine_settings(request.param, tmp_path_factory.mktemp(request.param), request)
    backend = open_backend(settings)
    backend.rebuild(index_documents())
    yield backend
    drop(backend)


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
        drop(backend)
