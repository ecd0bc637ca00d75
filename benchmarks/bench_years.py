"""Cross-year and copy analysis over ~100k synthetic reports, then one incremental batch.

Run: .venv/bin/python benchmarks/bench_years.py [--units 22700] [--batches 10] [--holdout 1000]
Units come from indexer/synth/years.py (about 4.4 filings each, so 22,700 units give
~100k reports), generated and fed batch by batch (each batch a YearsAnalysis.add of some
units with all their years, as a crawl of some sites brings them); about `--holdout`
reports of 2025 are held back and added at the end as one more batch, to show what a
new batch costs once the archive is in. The generator's time is reported apart. Prints
CPU and wall seconds (the machine is shared: CPU is the steadier figure) and peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from analyzers.years.analysis import YearsAnalysis
from analyzers.years.units import load_aliases
from indexer.synth.years import BLOCK, YearsTruth, generate_block


def _timed(action):
    cpu, wall = time.process_time(), time.perf_counter()
    value = action()
    return value, time.process_time() - cpu, time.perf_counter() - wall


def run(units: int, batches: int, holdout: int, seed: int) -> None:
    """Generate and analyse batch by batch (a crawl batch: some sites, so some units, all their years),
    then add the held-back reports of 2025 as one more batch; print the figures."""
    truth = YearsTruth()
    analysis: YearsAnalysis | None = None
    rng = random.Random(seed)
    per_batch = -(-units // batches)
    held: list = []
    gen_wall = total_cpu = total_wall = 0.0
    count = 0
    for first in range(0, units, per_batch):
        last = min(units, first + per_batch)
        batch, _, wall = _timed(lambda: [f for s in range(first, last, BLOCK)
                                         for f in generate_block(seed, s, min(last, s + BLOCK), truth)])
        gen_wall += wall
        keep = [f for f in batch if f.year == 2025 and rng.random() < holdout / max(1, units * 0.4)]
        held += keep
        kept_ids = {f.report_id for f in keep}
        batch = [f for f in batch if f.report_id not in kept_ids]
        count += len(batch)
        if analysis is None:  # the alias rows of renamed synthetic units are known once generated
            analysis = YearsAnalysis(aliases=load_aliases("\n".join(truth.aliases_tsv)))
        analysis.aliases = load_aliases("\n".join(truth.aliases_tsv))
        touched, cpu, wall = _timed(lambda: analysis.add(batch))
        total_cpu, total_wall = total_cpu + cpu, total_wall + wall
        print(f"batch of {len(batch)}: {len(touched)} results computed, {cpu:.1f} s CPU, {wall:.1f} s wall", flush=True)
    print(f"generator: {gen_wall:.1f} s wall (not counted below)")
    print(f"all {count} reports in {batches} batches: {total_cpu:.1f} s CPU, {total_wall:.1f} s wall")
    touched, cpu, wall = _timed(lambda: analysis.add(held))
    print(f"incremental batch of {len(held)} (year 2025): {len(touched)} results recomputed, {cpu:.1f} s CPU, {wall:.1f} s wall")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"units {len(analysis.units)}, results {len(analysis.results)}, peak memory {peak:.0f} MB")


def main() -> None:
    """Command-line entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=22700)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--holdout", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    run(args.units, args.batches, args.holdout, args.seed)


if __name__ == "__main__":
    main()
