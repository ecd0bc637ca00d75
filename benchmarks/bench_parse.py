"""Median parse time per report over the seeds and the development corpus.

Run: .venv/bin/python benchmarks/bench_parse.py [--repeat N]
Parses without segmentation (issue keywords skipped) unless --with-keywords is given,
since segmentation is measured by benchmarks/bench_segment.py.
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
    corpus = sorted((ROOT / "tests" / "data" / "corpus-dev").glob("*.src"))
    return [(path.name, path.read_bytes()) for path in seeds + corpus]


def measure(repeat: int, with_keywords: bool) -> dict[str, float]:
    """Median seconds per report over `repeat` passes (the first pass warms caches)."""
    inputs = _inputs()
    for name, data in inputs:
        parse_report(data, name, with_keywords=with_keywords)
    timings: dict[str, list[float]] = {name: [] for name, _ in inputs}
    for _ in range(repeat):
        for name, data in inputs:
            start = time.perf_counter()
            parse_report(data, name, with_keywords=with_keywords)
            timings[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in timings.items()}


def main() -> None:
    """Print per-report medians and the median over all reports, in milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--with-keywords", action="store_true", help="include issue keywords (segmentation)")
    args = parser.parse_args()
    medians = measure(args.repeat, args.with_keywords)
    for name, seconds in medians.items():
        size = len((ROOT / "data" / "seeds" / name).read_bytes()) if (ROOT / "data" / "seeds" / name).exists() \
            else len((ROOT / "tests" / "data" / "corpus-dev" / name).read_bytes())
        print(f"{name:32s} {size / 1024:7.1f} KiB {seconds * 1000:8.2f} ms")
    overall = statistics.median(medians.values())
    print(f"median parse time per report ({len(medians)} reports, "
          f"{'with' if args.with_keywords else 'without'} segmentation): {overall * 1000:.2f} ms")
    print(f"slowest report: {max(medians.values()) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
