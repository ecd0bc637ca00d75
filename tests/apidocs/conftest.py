"""A small indexed portal for the API documentation page."""

from __future__ import annotations

import pytest

from indexer.settings import load_settings


@pytest.fixture(scope="module")
def docs_client(tmp_path_factory):
    """A test client of a portal holding three synthetic reports."""
    from indexer.backends import open_backend
    from indexer.documents import build_index_document
    from indexer.synth import make_report
    from portal.app import create_app

    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("apidocs") / "var"))
    documents = [build_index_document(f"{n:016x}", make_report(40 + n, 1).truth,
                                      {"url": f"https://example.gov.cn/{n}.html", "fetched_at": "2026-01-01T00:00:00+00:00"})
                 for n in range(3)]
    open_backend(settings).rebuild(documents)
    return create_app({"TESTING": True, "SETTINGS": settings}).test_client()


@pytest.fixture
def empty_client(tmp_path):
    """A test client of a portal whose index holds nothing."""
    from indexer.backends import open_backend
    from portal.app import create_app

    settings = load_settings(env={}, data_dir=str(tmp_path / "var"))
    open_backend(settings).rebuild([])
    return create_app({"TESTING": True, "SETTINGS": settings}).test_client()
