"""Re-indexing one batch: in place (now) against a whole rebuild (before), side by side.

    .venv/bin/python benchmarks/bench_reindex.py --count 20000 --batch-size 1000
    .venv/bin/python benchmarks/bench_reindex.py --count 100000 --batch-size 1000

Builds a catalog of COUNT synthetic reports (batch `base`) plus BATCH_SIZE more (batch
`new`): their TXT renderings are archived and their truths stored as this parser's parses,
so setting up parses nothing. Then, on the embedded engine, one full `reindex --all`-style
build makes the live index, and the batch is re-indexed twice:
- before: re-parse the batch and rebuild the whole index (stored parses for the rest), swap;
- now: `reindex --batch`, re-parse the batch and replace its documents in the live index.
Both re-parse the same documents, so the difference is the work on the rest of the index.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzers.version import PARSER_VERSION  # noqa: E402
from indexer.archive import FetchMeta, open_archive  # noqa: E402
from indexer.backends import open_backend  # noqa: E402
from indexer.reindex import RunTally, catalog_documents, index_entries, reindex  # noqa: E402
from indexer.settings import load_settings  # noqa: E402
from indexer.synth import generate_reports  # noqa: E402


def fill_catalog(settings, count: int, batch_size: int) -> None:
    """Archive COUNT + BATCH_SIZE synthetic reports with their truths stored as parses."""
    catalog, store = open_archive(settings)
    for batch, start, size in (("base", 0, count), ("new", count, batch_size)):
        catalog.ensure_batch(batch, "benchmark")
        for number, report in enumerate(generate_reports(start + size, seed=11)):
            if number < start:
                continue
            data = report.render("txt")
            sha = store.put(data)
            meta = FetchMeta(location=f"file:///bench/{report.filename('txt')}", fetched_at="2026-12-01T00:00:00+00:00",
                             filename=report.filename("txt"))
            catalog.record_item(batch, meta, sha, len(data), "text/plain", "new")
            catalog.record_parse(sha, PARSER_VERSION, report.truth, None, None)
    catalog.close()


def timed(label: str, run) -> float:
    """Run once and print its wall time."""
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    print(f"{label:<48} {seconds:8.1f} s   {result}", flush=True)
    return seconds


def main() -> None:
    """Set up, build the live index, then time the batch both ways."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-reindex-") as folder:
        settings = load_settings(env={}, engine="embedded", data_dir=folder)
        timed(f"catalog of {args.count} + {args.batch_size} (no parsing)", lambda: fill_catalog(settings, args.count, args.batch_size))
        catalog, store = open_archive(settings)
        backend = open_backend(settings)
        entries = list(catalog.iter_documents())
        timed("first build (stored parses)", lambda: backend.rebuild(
            catalog_documents(catalog, store, entries, lambda d: False, RunTally())).indexed)
        before = timed("before: batch re-parsed, whole index rebuilt", lambda: backend.rebuild(
            catalog_documents(catalog, store, entries, lambda d: "new" in d.batches, RunTally())).indexed)
        now = timed("now: reindex --batch (in place)", lambda: reindex(catalog, store, backend, batch="new").indexed)
        print(f"batch of {args.batch_size} in an index of {args.count + args.batch_size}: "
              f"{before / now:.1f}x faster in place; documents now {backend.count()}")
        assert len(index_entries(catalog, "new")) == args.batch_size
        catalog.close()


if __name__ == "__main__":
    main()
