"""The three-node cluster started by scripts/run-tests.sh (scripts/opensearch-cluster.sh)."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def cluster_urls() -> str:
    """Comma-separated node URLs of the test cluster; a failure where the suite requires one."""
    urls = os.environ.get("NIANBAO_TEST_CLUSTER_URLS")
    if urls:
        return urls
    if os.environ.get("NIANBAO_REQUIRE_CLUSTER"):
        pytest.fail("NIANBAO_TEST_CLUSTER_URLS is not set: scripts/opensearch-cluster.sh did not start")
    pytest.skip("no OpenSearch cluster: run through scripts/run-tests.sh")
