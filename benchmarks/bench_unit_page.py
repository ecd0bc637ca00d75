"""Unit page latency: every unit page of an analysed archive, requested through the Flask test client.

Run: .venv/bin/python benchmarks/bench_unit_page.py [--data-dir VAR] [--rounds 30]
Without --data-dir the seeds, ../shared/corpus-dev and ../shared/corpus-years are ingested
into a temporary folder and `nianbao years --all` is run on it first. Prints p50 and p95
over all requests (wall time in one process: the server's own time, no network).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from indexer.archive import open_archive
from indexer.ingest.inputs import expand_inputs
from indexer.ingest.runner import IngestRunner
from indexer.settings import load_settings
from indexer.years.runner import run_years
from indexer.years.store import YearsStore, years_file
from portal.app import create_app

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SOURCES = [REPO_ROOT / "data" / "seeds", SHARED / "corpus-dev", SHARED / "corpus-years"]


def build(data_dir: str) -> None:
    """Ingest the sample reports and fill the across-years tables."""
    settings = load_settings(env={}, data_dir=data_dir)
    catalog, store = open_archive(settings)
    years = YearsStore(years_file(settings))
    try:
        IngestRunner(catalog, store, settings).run(expand_inputs([str(p) for p in SOURCES if p.is_dir()]), "bench")
        run_years(catalog, years, None)
    finally:
        years.close()
        catalog.close()


def measure(data_dir: str, rounds: int) -> list[float]:
    """Seconds per request, every unit page `rounds` times."""
    settings = load_settings(env={}, data_dir=data_dir)
    years = YearsStore(years_file(settings))
    unit_ids = [row[0] for row in years.conn.execute("SELECT unit_id FROM units ORDER BY unit_id")]
    years.close()
    client = create_app({"TESTING": True, "SETTINGS": settings}).test_client()
    timings = []
    for _ in range(rounds):
        for unit_id in unit_ids:
            started = time.perf_counter()
            assert client.get(f"/units/{unit_id}").status_code == 200
            timings.append(time.perf_counter() - started)
    return sorted(timings)


def main() -> None:
    """Build (unless given a data folder), measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="nianbao-units-")
    if not args.data_dir:
        build(data_dir)
    timings = measure(data_dir, args.rounds)
    p50, p95 = timings[len(timings) // 2], timings[int(len(timings) * 0.95)]
    print(f"{len(timings)} unit page requests: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms,"
          f" max {timings[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
