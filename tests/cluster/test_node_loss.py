"""A node of a three-node cluster dies (SIGKILL) during a full re-index under query load.

Sixteen clients keep searching through the portal's own backend while `nianbao reindex
--all` runs in a subprocess; the node holding the new index's primary shard is killed
and restarted. Nothing may fail: no query, no document lost or doubled, the alias ends
on the new index and the cluster turns green again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

from indexer.backends import open_backend
from indexer.reindex import index_catalog
from indexer.archive import open_archive
from indexer.search.model import SearchRequest
from indexer.settings import Settings, load_settings
from indexer.synth import generate_reports
from search.support import archive_files

pytestmark = [pytest.mark.cluster, pytest.mark.slow]
REPO_ROOT = Path(__file__).resolve().parents[2]
CLUSTER = REPO_ROOT / "scripts" / "opensearch-cluster.sh"
REPORTS = 600
CLIENTS = 16
QUERIES = ("", "行政复议", "公开 申请", "年度报告", "政府信息")


def cluster(*args: str) -> str:
    """Run the cluster script (kill / restart / health) and return its output."""
    done = subprocess.run(["bash", str(CLUSTER), *args], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def node_of_primary(url: str, index: str) -> int:
    """The number (1..3) of the node holding the primary shard of `index`."""
    shards = requests.get(f"{url}/_cat/shards/{index}?format=json", timeout=5).json()
    primary = next(s for s in shards if s["prirep"] == "p" and s.get("node"))
    return int(primary["node"].rsplit("-", 1)[1])


def building_index(url: str, alias: str, live: set[str], deadline: float) -> str:
    """Wait until the re-index has created its new physical index, and name it."""
    while time.monotonic() < deadline:
        names = set(requests.get(f"{url}/_cat/indices/{alias}-*?h=index", timeout=5).text.split())
        if names - live:
            return (names - live).pop()
        time.sleep(0.2)
    raise AssertionError("the re-index never created its new index")


class QueryLoad:
    """CLIENTS threads searching without pause until stopped; every exception is kept."""

    def __init__(self, settings: Settings):
        self.settings, self.stop, self.errors, self.done = settings, threading.Event(), [], 0
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(CLIENTS)]

    def _run(self, number: int) -> None:
        """Search in a loop through one backend (one client) per thread, as a portal worker does."""
        backend = open_backend(self.settings)
        while not self.stop.is_set():
            query = QUERIES[(number + self.done) % len(QUERIES)]
            try:
                result = backend.search(SearchRequest(query=query, page_size=10))
                assert result.total > 0, f"{query!r} found nothing"
                self.done += 1
            except Exception as error:  # noqa: BLE001 - every failure counts, whatever its type
                self.errors.append(f"{type(error).__name__}: {error}")
        backend.close()

    def __enter__(self) -> "QueryLoad":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)


def cluster_settings(tmp_path: Path, urls: str) -> Settings:
    """Settings of a portal and CLI on the cluster: every node, one replica, a fresh alias."""
    return load_settings(env={}, engine="opensearch", data_dir=str(tmp_path / "var"), opensearch_url=urls,
                         opensearch_index=f"nianbao-cluster-{uuid.uuid4().hex[:8]}", opensearch_replicas=1)


def cli_env(settings: Settings) -> dict[str, str]:
    """The environment that makes a `nianbao` subprocess use these settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIANBAO_")}
    env.update({"NIANBAO_DATA_DIR": settings.data_dir, "NIANBAO_ENGINE": "opensearch",
                "NIANBAO_OPENSEARCH_URL": settings.opensearch_url, "NIANBAO_OPENSEARCH_INDEX": settings.opensearch_index,
                "NIANBAO_OPENSEARCH_REPLICAS": "1", "PYTHONPATH": str(REPO_ROOT)})
    return env


def test_a_killed_node_loses_no_query_and_no_document_during_a_full_reindex(tmp_path: Path, cluster_urls: str) -> None:
    settings = cluster_settings(tmp_path, cluster_urls)
    first = cluster_urls.split(",")[0]
    archive_files(settings, {r.filename("txt"): r.render("txt") for r in generate_reports(REPORTS, seed=7)}, "cluster")
    catalog, store = open_archive(settings)
    backend = open_backend(settings)
    assert index_catalog(catalog, store, backend).indexed == REPORTS
    live = set(requests.get(f"{first}/_alias/{settings.opensearch_index}", timeout=5).json())

    with QueryLoad(settings) as load:
        reindex = subprocess.Popen([sys.executable, "-c", "from portal.cli.main import cli; cli()", "reindex", "--all"],
                                   env=cli_env(settings), cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        new_index = building_index(first, settings.opensearch_index, live, time.monotonic() + 60)
        time.sleep(3)  # let the bulk load get under way
        victim = node_of_primary(first, new_index)
        cluster("kill", str(victim))
        time.sleep(5)
        cluster("restart", str(victim))
        output, _ = reindex.communicate(timeout=600)
        cluster("health", "green", "180")
        time.sleep(2)  # queries keep running against the recovered cluster too
    print(f"node-loss run: {load.done} queries by {CLIENTS} clients, {len(load.errors)} failed; node {victim} killed")
    assert reindex.returncode == 0, output[-3000:]
    assert load.errors == [], f"{len(load.errors)} failed queries of {load.done}: {load.errors[:5]}"
    assert load.done > 100

    assert sorted(backend.client.indices.get_alias(name=settings.opensearch_index)) == [new_index]
    assert backend.count() == REPORTS
    ids = [doc["id"] for doc in backend.scan(SearchRequest(), fields=["id"])]
    assert len(ids) == len(set(ids)) == REPORTS
    backend.drop()
    backend.close()
    catalog.close()
