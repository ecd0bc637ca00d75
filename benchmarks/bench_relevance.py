"""Issue 9's judged relevance set on both engines: recall@3 per category and the zero-result rate.

    .venv/bin/python benchmarks/bench_relevance.py                       # embedded + OpenSearch
    .venv/bin/python benchmarks/bench_relevance.py --engine embedded

The corpus and the queries are those of tests/search/test_relevance.py (real reports of
data/seeds, ../shared/corpus-dev and ../shared/corpus-years with synthetic distractors; the
queries in tests/search/relevance_queries.tsv). OpenSearch is the node of
scripts/opensearch.sh (NIANBAO_TEST_OPENSEARCH_URL) or --opensearch-url.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from indexer.backends import open_backend  # noqa: E402
from indexer.settings import load_settings  # noqa: E402
from search.relevance_set import corpus_documents, evaluate, format_table, load_queries, missing_sources  # noqa: E402


def run_engine(engine: str, url: str) -> str:
    """Load the corpus into a fresh index of one engine, run every query, return the table."""
    with tempfile.TemporaryDirectory() as tmp:
        alias = f"nianbao-bench-relevance-{uuid.uuid4().hex[:6]}"
        settings = load_settings(env={}, engine=engine, data_dir=tmp, opensearch_url=url, opensearch_index=alias)
        backend = open_backend(settings)
        try:
            started = time.perf_counter()
            backend.rebuild(corpus_documents())
            loaded = time.perf_counter()
            outcomes = evaluate(backend, load_queries())
            took = time.perf_counter() - loaded
        finally:
            if hasattr(backend, "drop"):
                backend.drop()
            backend.close()
    timing = f"(index {loaded - started:.1f} s, {len(outcomes)} queries {took * 1000 / len(outcomes):.1f} ms each)"
    return f"{format_table(engine, outcomes)}\n{timing}"


def main() -> None:
    """Print the relevance table of each engine asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("embedded", "opensearch", "both"), default="both")
    parser.add_argument("--opensearch-url", default=os.environ.get("NIANBAO_TEST_OPENSEARCH_URL"))
    args = parser.parse_args()
    if missing_sources():
        sys.exit(f"sources missing: {missing_sources()}")
    engines = ("embedded", "opensearch") if args.engine == "both" else (args.engine,)
    corpus_documents()  # parse and segment once, outside either engine's figures
    for engine in engines:
        if engine == "opensearch" and not args.opensearch_url:
            print("opensearch: skipped (no --opensearch-url / NIANBAO_TEST_OPENSEARCH_URL)")
            continue
        print(run_engine(engine, args.opensearch_url or "http://127.0.0.1:9"), end="\n\n")


if __name__ == "__main__":
    main()
