"""Report page latency: every report page of a small archive, requested through the Flask test client.

Run: PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_report_page.py [--data-dir VAR] [--rounds 20]
         [--baseline GIT_REF]
Without --data-dir the seeds, ../shared/corpus-dev and ../shared/corpus-years are ingested,
indexed and analysed across years (`nianbao years --all`) into a temporary folder first.
With --baseline the same pages are then rendered by that commit's code (exported with
`git archive`, run in a child process over the same data folder), rounds alternating, so
both meet the same machine load. Prints p50/p95/max of the server's own time (no network).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def build(data_dir: str) -> None:
    """Ingest and analyse the sample reports as the unit page benchmark does, then index them."""
    from bench_unit_page import build as ingest_and_analyse  # noqa: PLC0415 - the sibling script
    from indexer.backends import open_backend
    from indexer.settings import load_settings
    from portal import demo

    ingest_and_analyse(data_dir)
    settings = load_settings(env={}, data_dir=data_dir)
    backend = open_backend(settings)
    backend.rebuild(demo.index_documents(settings, {"bench": False}))
    backend.close()


def measure(data_dir: str, rounds: int) -> dict[str, list[float]]:
    """Seconds per request, wall and CPU (the machine is shared: CPU time moves less with
    other processes' load): every report page `rounds` times after one warm-up round."""
    from indexer.archive import open_archive
    from indexer.settings import load_settings
    from portal.app import create_app

    settings = load_settings(env={}, data_dir=data_dir)
    catalog, _store = open_archive(settings)
    report_ids = sorted({doc.report_id for doc in catalog.iter_documents() if catalog.latest_parse(doc.sha256)})
    catalog.close()
    client = create_app({"TESTING": True, "SETTINGS": settings}).test_client()
    timings: dict[str, list[float]] = {"wall": [], "cpu": []}
    for round_number in range(rounds + 1):
        for report_id in report_ids:
            started, cpu = time.perf_counter(), time.process_time()
            status = client.get(f"/reports/{report_id}").status_code
            if round_number:
                timings["wall"].append(time.perf_counter() - started)
                timings["cpu"].append(time.process_time() - cpu)
            assert status in (200, 404), status  # 404: a catalogued file that is not a report
    return timings


def summary(timings: dict[str, list[float]]) -> str:
    """p50, p95 and max in milliseconds, wall and CPU."""
    parts = []
    for kind in ("wall", "cpu"):
        values = sorted(timings[kind])
        p95 = values[int(len(values) * 0.95) - 1]
        parts.append(f"{kind} p50 {statistics.median(values) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
                     f"max {values[-1] * 1000:.1f} ms")
    return f"{len(timings['wall'])} requests: " + "; ".join(parts)


def run_baseline(ref: str, data_dir: str, rounds: int, tree: Path) -> dict[str, list[float]]:
    """The same measurement by an older commit's code, in a child process."""
    if not (tree / "portal").is_dir():
        archive = subprocess.run(["git", "-C", str(REPO_ROOT), "archive", ref], check=True, capture_output=True).stdout
        tree.mkdir(parents=True, exist_ok=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run([sys.executable, __file__, "--data-dir", data_dir, "--rounds", str(rounds), "--json"],
                         env=env, check=True, capture_output=True, text=True, cwd=str(tree)).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    """Build (unless given a data folder), measure current and baseline code, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--baseline")
    parser.add_argument("--alternate", type=int, default=2, help="rounds of (current, baseline) pairs")
    parser.add_argument("--json", action="store_true", help="print the timings as JSON (used for the baseline)")
    args = parser.parse_args()
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="bench-report-")
    if not args.data_dir:
        build(data_dir)
    if args.json:
        print(json.dumps(measure(data_dir, args.rounds)))
        return
    if not args.baseline:
        print("current:", summary(measure(data_dir, args.rounds)))
        return
    current: dict[str, list[float]] = {"wall": [], "cpu": []}
    baseline: dict[str, list[float]] = {"wall": [], "cpu": []}
    with tempfile.TemporaryDirectory(prefix="bench-report-base-") as tree:
        for _ in range(args.alternate):
            for found, into in ((measure(data_dir, args.rounds), current),
                                (run_baseline(args.baseline, data_dir, args.rounds, Path(tree)), baseline)):
                for kind in into:
                    into[kind] += found[kind]
    print("current: ", summary(current))
    print(f"baseline ({args.baseline}):", summary(baseline))


if __name__ == "__main__":
    main()
