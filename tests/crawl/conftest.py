"""Fixtures for crawl tests: the local government site and crawl-ready settings."""

from __future__ import annotations

import pytest

from indexer.settings import load_settings
from crawl.govsite import build_site


@pytest.fixture
def site():
    """The standard local government site, served on 127.0.0.1 for one test."""
    served = build_site().start()
    yield served
    served.stop()


def fast_crawl_settings(data_dir, **overrides):
    """Settings for fast local crawls: loopback allowed, no politeness delay, short timeouts."""
    values = dict(crawl_allow_private=True, crawl_delay_seconds=0.0, crawl_timeout_seconds=0.4,
                  crawl_retries=1, crawl_backoff_seconds=0.0)
    return load_settings(env={}, data_dir=str(data_dir), **{**values, **overrides})


@pytest.fixture
def crawl_settings(tmp_path):
    """Fast crawl settings with data in this test's temporary folder."""
    return fast_crawl_settings(tmp_path / "var")
