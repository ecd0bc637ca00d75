"""Ingest throughput: synthetic reports (TXT and HTML) through archive, parse and catalog, in reports/s.

Run: .venv/bin/python benchmarks/bench_ingest.py [--count 200]
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
from indexer.synth import generate_reports


def write_corpus(folder: Path, count: int) -> None:
    """Write `count` synthetic reports, alternating TXT and HTML."""
    for number, report in enumerate(generate_reports(count, seed=7)):
        fmt = "txt" if number % 2 == 0 else "html"
        (folder / report.filename(fmt)).write_bytes(report.render(fmt))


def run(count: int) -> None:
    """Time a first ingest (archive + parse + catalog) and a re-run (hash + lookup only)."""
    with tempfile.TemporaryDirectory() as temp:
        corpus = Path(temp) / "corpus"
        corpus.mkdir()
        write_corpus(corpus, count)
        settings = load_settings(env={}, data_dir=str(Path(temp) / "var"))
        catalog, store = open_archive(settings)
        runner = IngestRunner(catalog, store, settings)
        items = expand_inputs([str(corpus)])
        for label in ("first ingest", "re-run (unchanged)"):
            start = time.perf_counter()
            summary = runner.run(items, "bench")
            elapsed = time.perf_counter() - start
            print(f"{label}: {count} reports in {elapsed:.2f} s = {count / elapsed:.1f} reports/s  {summary.as_dict()}")
        catalog.close()


def main() -> None:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200)
    run(parser.parse_args().count)


if __name__ == "__main__":
    main()
