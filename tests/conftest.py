"""Fixtures shared by every test module: data locations, isolated settings, OpenSearch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer.settings import Settings, load_settings

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "data" / "seeds"
# Real reports are public material and stay out of the repository: they live in a folder
# beside the clone (../shared), which CI provides and a user's own clone may lack.
SHARED_DIR = REPO_ROOT.parent / "shared"
CORPUS_DEV_DIR = SHARED_DIR / "corpus-dev"
CORPUS_YEARS_DIR = SHARED_DIR / "corpus-years"


def shared_folder(path: Path) -> Path:
    """A folder of the shared data; a visible skip when absent, a failure under CI=true."""
    if path.is_dir():
        return path
    reason = f"{path} is absent: real reports are kept beside the clone, not in it (see tests/README.md)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed reports (Word-extracted text)."""
    return SEEDS_DIR


@pytest.fixture(scope="session")
def corpus_dev_dir() -> Path:
    """Real reports with hand-checked labels (NN.src + NN.gold.json), from ../shared/corpus-dev."""
    return shared_folder(CORPUS_DEV_DIR)


@pytest.fixture(scope="session")
def corpus_years_dir() -> Path:
    """Real reports of the same units across several years, from ../shared/corpus-years."""
    return shared_folder(CORPUS_YEARS_DIR)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose data lives in a fresh temporary folder."""
    return load_settings(env={}, data_dir=str(tmp_path / "var"))


@pytest.fixture(scope="session")
def opensearch_url() -> str:
    """URL of the real OpenSearch node started by scripts/run-tests.sh.

    Outside the README's test command the node may be absent: then the test is skipped,
    unless NIANBAO_REQUIRE_OPENSEARCH is set (as the test command and CI do), where a
    missing node is a failure, never a silent skip.
    """
    url = os.environ.get("NIANBAO_TEST_OPENSEARCH_URL")
    if url:
        return url
    if os.environ.get("NIANBAO_REQUIRE_OPENSEARCH"):
        pytest.fail("NIANBAO_TEST_OPENSEARCH_URL is not set: scripts/opensearch.sh did not start a node")
    pytest.skip("no OpenSearch node: run through scripts/run-tests.sh")
