"""Median parse time per report over the seeds and the development corpus.

The corpus is public material kept beside the clone, in ../shared/corpus-dev (never in the
repository); without it only the seeds are timed.

Run: .venv/bin/python benchmarks/bench_parse.py [--repeat N]
Parses without segmentation (issue keywords skipped) unless --with-keywords is given,
since segmentation is measured by benchmarks/bench_segment.py. Prints CPU time (what one
parse costs, steady on a shared machine) and wall time (what a caller waits).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from analyzers.report import parse_report

ROOT = Path(__file__).resolve().parents[1]


def _inputs() -> list[tuple[str, bytes]]:
    seeds = sorted((ROOT / "data" / "seeds").glob("*.txt"))
    corpus = sorted((ROOT.parent / "shared" / "corpus-dev").glob("*.src"))
    return [(path.name, path.read_bytes()) for path in seeds + corpus]


def measure(repeat: int, with_keywords: bool) -> dict[str, tuple[float, float]]:
    """Median (CPU seconds, wall seconds) per report over `repeat` passes after a warm-up."""
    inputs = _inputs()
    for name, data in inputs:
        parse_report(data, name, with_keywords=with_keywords)
    cpu: dict[str, list[float]] = {name: [] for name, _ in inputs}
    wall: dict[str, list[float]] = {name: [] for name, _ in inputs}
    for _ in range(repeat):
        for name, data in inputs:
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            parse_report(data, name, with_keywords=with_keywords)
            cpu[name].append(time.process_time() - cpu_start)
            wall[name].append(time.perf_counter() - wall_start)
    return {name: (statistics.median(cpu[name]), statistics.median(wall[name])) for name in cpu}


def main() -> None:
    """Print per-report medians and the median over all reports, in milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--with-keywords", action="store_true", help="include issue keywords (segmentation)")
    args = parser.parse_args()
    medians = measure(args.repeat, args.with_keywords)
    sizes = {name: len(data) for name, data in _inputs()}
    print(f"{'report':32s} {'size':>10s} {'cpu':>9s} {'wall':>9s}")
    for name, (cpu, wall) in medians.items():
        print(f"{name:32s} {sizes[name] / 1024:6.1f} KiB {cpu * 1000:6.2f} ms {wall * 1000:6.2f} ms")
    mode = "with" if args.with_keywords else "without"
    cpu_median = statistics.median(c for c, _ in medians.values())
    wall_median = statistics.median(w for _, w in medians.values())
    print(f"median parse time per report ({len(medians)} reports, {mode} segmentation): "
          f"{cpu_median * 1000:.2f} ms CPU, {wall_median * 1000:.2f} ms wall")
    print(f"slowest report: {max(c for c, _ in medians.values()) * 1000:.2f} ms CPU")

if __name__ == "__main__":
    main()
