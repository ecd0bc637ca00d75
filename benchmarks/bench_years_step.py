"""The years step of `index --batch`: one new batch analysed against an archive, and the index kept in step.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_years_step.py --units 2200 --holdout 400
    PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_years_step.py --units 2200 --holdout 400 --index

Synthetic multi-year units (indexer/synth/years.py, about 4.4 reports each) are catalogued
with their truths stored as this parser's parses (nothing is parsed; the archived bytes
are the truth's JSON); about HOLDOUT reports of 2025 are held back as batch `new`, the rest
is batch `base`. Then:
- without --index: `nianbao years --all` analyses the base (timed apart), then the years
  step of the batch alone (`run_years(batch="new")`), CPU and wall;
- with --index: `index --batch base` fills an embedded index (analysing the base first),
  then `index --batch new` runs, and the years step's share of it is reported with the
  number of other indexed reports it updated in place.
With --profile the batch's years step runs under cProfile and the top functions are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzers.version import PARSER_VERSION  # noqa: E402
from indexer.archive import FetchMeta, open_archive  # noqa: E402
from indexer.settings import load_settings  # noqa: E402
from indexer.synth.years import BLOCK, YearsTruth, generate_block  # noqa: E402
from indexer.years.runner import run_years  # noqa: E402
from indexer.years.sync import open_years  # noqa: E402


def timed(label: str, action):
    """Run once; print CPU and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    value = action()
    print(f"{label:<58} {time.process_time() - cpu:7.1f} s CPU {time.perf_counter() - wall:7.1f} s wall", flush=True)
    return value


def fill_catalog(settings, units: int, holdout: int, seed: int) -> tuple[int, int]:
    """Catalog the synthetic filings: 2025 reports held back at random into batch `new`; (base, new) counts."""
    truth, rng = YearsTruth(), random.Random(seed)
    filings = [f for start in range(0, units, BLOCK) for f in generate_block(seed, start, min(units, start + BLOCK), truth)]
    share = holdout / max(1, sum(1 for f in filings if f.year == 2025))
    catalog, store = open_archive(settings)
    counts = {"base": 0, "new": 0}
    for batch in counts:
        catalog.ensure_batch(batch, "benchmark")
    for filing in filings:
        batch = "new" if filing.year == 2025 and rng.random() < share else "base"
        data = json.dumps(filing.parse, ensure_ascii=False, sort_keys=True).encode("utf-8")
        sha = store.put(data)
        name = f"{filing.report_id}.json"
        meta = FetchMeta(location=f"file:///bench/{name}", fetched_at="2026-12-01T00:00:00+00:00", filename=name)
        catalog.record_item(batch, meta, sha, len(data), "application/json", "new")
        catalog.record_parse(sha, PARSER_VERSION, filing.parse, None, None)
        counts[batch] += 1
    catalog.close()
    return counts["base"], counts["new"]


def analyse(settings, batch: str | None):
    """`nianbao years` through its function."""
    catalog, _store = open_archive(settings)
    years = open_years(catalog)
    try:
        return run_years(catalog, years, batch)
    finally:
        years.close()
        catalog.close()


def index(settings, batch: str | None):
    """`nianbao index` through its function, on the embedded engine."""
    from indexer.backends import open_backend
    from indexer.reindex import index_catalog

    catalog, store = open_archive(settings)
    backend = open_backend(settings)
    try:
        return index_catalog(catalog, store, backend, batch=batch)
    finally:
        backend.close()
        catalog.close()


def main() -> None:
    """Set up, analyse the base, then time the batch's years step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2200)
    parser.add_argument("--holdout", type=int, default=400)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--index", action="store_true", help="measure inside `index --batch` on an embedded index")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-years-") as folder:
        settings = load_settings(env={}, engine="embedded", data_dir=folder)
        base, new = timed(f"catalog of {args.units} synthetic units (no parsing)",
                          lambda: fill_catalog(settings, args.units, args.holdout, args.seed))
        print(f"base {base} reports, batch {new} reports (2025)")
        if args.index:  # `index --batch base` analyses the base itself, before indexing it
            timed("index --batch base (embedded; its years step included)", lambda: index(settings, "base"))
            summary = timed(f"index --batch new ({new} reports)", lambda: index(settings, "new"))
            years = summary.years
            print(f"  of which the years step: {years.seconds:.1f} s wall analysing {years.analysed} reports "
                  f"({years.units} units); {years.refreshed} other indexed reports updated in place")
        else:
            timed("years --all over the base", lambda: analyse(settings, None))
            profile = cProfile.Profile() if args.profile else None
            summary = timed(f"years step of batch new ({new} reports)",
                            lambda: profile.runcall(analyse, settings, "new") if profile else analyse(settings, "new"))
            print(f"  {summary.analysed} analysed, {summary.units} units rebuilt, {summary.neighbours} neighbours "
                  f"re-compared, {len(summary.touched)} rows written")
            if profile:
                pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
