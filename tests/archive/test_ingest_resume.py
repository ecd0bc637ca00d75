"""An ingest killed with SIGKILL mid-batch resumes: every item ends up catalogued exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crawl.govsite import COLUMN, build_site
from indexer.archive import open_archive
from indexer.settings import load_settings

NIANBAO = str(Path(sys.executable).parent / "nianbao")
REPORTS = [COLUMN + "202403/t20240308_1.htm", COLUMN + "202302/t20230220_2.htm", COLUMN + "202503/t20250310_3.htm"]


def test_an_ingest_killed_mid_batch_resumes_with_every_item_exactly_once(tmp_path, seeds_dir):
    site = build_site().start()
    try:
        urls = tmp_path / "urls.txt"
        urls.write_text("".join(site.url(path) + "\n" for path in REPORTS), encoding="utf-8")
        env = {**os.environ, "NIANBAO_DATA_DIR": str(tmp_path / "var"), "NIANBAO_CRAWL_ALLOW_PRIVATE": "1",
               "NIANBAO_CRAWL_DELAY_SECONDS": "0"}
        command = [NIANBAO, "ingest", str(seeds_dir), str(urls), "--batch", "killed"]
        # Five seeds and the first URL are done when the second URL is requested: kill there.
        site.kill_at_gate(command, env, REPORTS[1])
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    finally:
        site.stop()
    assert second.returncode == 0, second.stderr
    assert "unchanged          6" in second.stdout and "new                2" in second.stdout
    catalog, _ = open_archive(load_settings(env={}, data_dir=str(tmp_path / "var")))
    counts = catalog.conn.execute(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM sources),"
        " (SELECT COUNT(*) FROM batch_items), (SELECT COUNT(DISTINCT location) FROM batch_items)"
    ).fetchone()
    catalog.close()
    assert tuple(counts) == (8, 8, 8, 8)
