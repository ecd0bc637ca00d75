"""A crawl killed with SIGKILL mid-way resumes from the catalog without duplicates or losses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from crawl.govsite import COLUMN, EXPECTED_DOCUMENTS
from indexer.archive import open_archive
from indexer.settings import load_settings

NIANBAO = str(Path(sys.executable).parent / "nianbao")
GATED = COLUMN + "202103/W020210305_5.docx"  # queued from listing page 2, after page 1's reports


def crawl_env(data_dir: Path) -> dict[str, str]:
    """Environment of a `nianbao` subprocess crawling the local site quickly."""
    return {**os.environ, "NIANBAO_DATA_DIR": str(data_dir), "NIANBAO_CRAWL_ALLOW_PRIVATE": "1",
            "NIANBAO_CRAWL_DELAY_SECONDS": "0", "NIANBAO_CRAWL_TIMEOUT_SECONDS": "0.4",
            "NIANBAO_CRAWL_RETRIES": "1", "NIANBAO_CRAWL_BACKOFF_SECONDS": "0"}


def test_a_crawl_killed_mid_way_resumes_and_holds_every_document_exactly_once(site, tmp_path):
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(site.url(COLUMN + "index.html") + "\n", encoding="utf-8")
    env = crawl_env(tmp_path / "var")
    command = [NIANBAO, "crawl", "--seeds", str(seeds), "--batch", "killed"]
    # The server tells us when the crawler is waiting on the gated attachment: kill it right there.
    site.kill_at_gate(command, env, GATED)

    catalog, _ = open_archive(load_settings(env={}, data_dir=str(tmp_path / "var")))
    archived_before = catalog.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    catalog.close()
    assert 0 < archived_before < len(EXPECTED_DOCUMENTS)

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert "(resumed)" in second.stdout

    catalog, _ = open_archive(load_settings(env={}, data_dir=str(tmp_path / "var")))
    sources = catalog.conn.execute("SELECT location, COUNT(*) FROM sources GROUP BY location").fetchall()
    assert {urlsplit(location).path for location, _ in sources} == EXPECTED_DOCUMENTS
    assert all(count == 1 for _, count in sources)
    items = catalog.conn.execute("SELECT COUNT(*), COUNT(DISTINCT location) FROM batch_items").fetchone()
    assert tuple(items) == (len(EXPECTED_DOCUMENTS), len(EXPECTED_DOCUMENTS))
    runs = catalog.conn.execute("SELECT COUNT(*), COUNT(finished_at) FROM crawl_runs").fetchone()
    assert tuple(runs) == (1, 1)
    pending = catalog.conn.execute("SELECT COUNT(*) FROM frontier WHERE state = 'pending'").fetchone()[0]
    assert pending == 0
    catalog.close()
