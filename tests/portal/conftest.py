"""A small real portal: seeds and synthetic reports archived, parsed and indexed on tantivy.

Built once per session through the demo pipeline (ingest → parse → index), plus a few
hand-made reports for the cases the real data lacks: markup in titles and text, and the
same agency in two years.
"""

from __future__ import annotations

import uuid

import pytest

from indexer.settings import load_settings
from portal.app import create_app
from portal_sample import SYNTHETIC

@pytest.fixture(scope="session")
def portal_settings(tmp_path_factory, seeds_dir):
    """Settings of a data folder holding the archived, parsed and indexed sample data."""
    # imported here: the engine and the pipeline load the segmenter, which pure tests skip
    from indexer.backends import open_backend
    from portal import demo
    from portal_sample import extra_documents

    # the sample is mostly synthetic and these tests are about the pages, not about hiding
    # samples (tests/portal/test_samples_default_view.py covers that default)
    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("portal") / "var"),
                             portal_samples_in_default_view=True)
    demo.build_demo(settings, seeds_dir, SYNTHETIC, seed=7, echo=lambda _message: None)
    backend = open_backend(settings)
    backend.index_documents(extra_documents())
    backend.close()
    return settings


@pytest.fixture(scope="session")
def app(portal_settings):
    """The portal over the sample data."""
    return create_app({"TESTING": True, "SETTINGS": portal_settings})


@pytest.fixture
def client(app):
    """A Flask test client."""
    return app.test_client()


@pytest.fixture
def down_app(tmp_path):
    """A portal whose engine is down: OpenSearch on a port where nothing listens."""
    settings = load_settings(env={}, data_dir=str(tmp_path / "var"), engine="opensearch",
                             opensearch_url="http://127.0.0.1:9", opensearch_timeout_seconds=1.0)
    return create_app({"TESTING": True, "SETTINGS": settings})


@pytest.fixture(scope="session")
def os_client(opensearch_url, portal_settings):
    """A portal on OpenSearch holding the same catalogued reports as the embedded sample."""
    from indexer.backends import open_backend
    from portal import demo

    alias = f"nianbao-portal-{uuid.uuid4().hex[:8]}"
    # the portal's 1 s read timeout is for production; a test machine running the suite
    # beside three cluster nodes can be slower than that, and the hung-node tests set it themselves
    settings = load_settings(env={}, data_dir=portal_settings.data_dir, engine="opensearch",
                             opensearch_url=opensearch_url, opensearch_index=alias,
                             opensearch_portal_timeout_seconds=10.0, portal_samples_in_default_view=True)
    backend = open_backend(settings)
    backend.rebuild(demo.index_documents(settings, {demo.SEED_BATCH: False, demo.SYNTHETIC_BATCH: True}))
    yield create_app({"TESTING": True, "SETTINGS": settings}).test_client()
    backend.client.indices.delete(index=f"{alias}-*", ignore_unavailable=True)
    backend.close()
