"""What the ranking clauses cost: one embedded index, the fixed mix with them on and off, rounds alternating.

    .venv/bin/python benchmarks/bench_ranking.py --count 100000

Both modes run in one process over one index, round after round, so the machine's load
(shared with other work) falls on both alike; side-by-side runs of bench_search.py from two
checkouts cannot separate a change's cost from the load of the moment.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_search import query_mix  # noqa: E402
from indexer.backends import open_backend  # noqa: E402
from indexer.backends import tantivy_queries as TQ  # noqa: E402
from indexer.reindex import synthetic_documents  # noqa: E402
from indexer.settings import load_settings  # noqa: E402
from indexer.synth import generate_reports  # noqa: E402


def main() -> None:
    """Build the index, warm both modes, then alternate them for --rounds rounds and print p50/p95."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-ranking-") as folder:
        backend = open_backend(load_settings(env={}, engine="embedded", data_dir=folder))
        backend.rebuild(synthetic_documents(generate_reports(args.count, seed=7)))
        print(f"generated and indexed {args.count} reports in {time.perf_counter() - started:.0f} s", flush=True)
        sample = [r.truth["region"] for r in generate_reports(3, seed=8)]
        mix = query_mix([p for p in (r.get("town") or r.get("county") for r in sample) if p])
        modes = {"ranking on": TQ.rank_clauses, "ranking off": lambda schema, understood: []}
        samples = {mode: {kind: [] for kind in [*mix, "all"]} for mode in modes}
        for round_number in range(args.rounds + 1):  # round 0 warms up and is not counted
            for mode, clauses in modes.items():
                TQ.rank_clauses = clauses
                for kind, requests in mix.items():
                    for request in requests:
                        began = time.perf_counter()
                        backend.search(request)
                        elapsed = (time.perf_counter() - began) * 1000
                        if round_number > 0:
                            samples[mode][kind].append(elapsed)
                            samples[mode]["all"].append(elapsed)
        for mode, kinds in samples.items():
            cuts = {kind: statistics.quantiles(values, n=100, method="inclusive") for kind, values in kinds.items()}
            print(mode, "  ".join(f"{kind} {c[49]:.1f}/{c[94]:.1f}" for kind, c in cuts.items()))


if __name__ == "__main__":
    main()
