"""Search latency of both engines on N synthetic reports: p50/p95/p99 of a fixed query mix.

    .venv/bin/python benchmarks/bench_search.py --count 10000
    .venv/bin/python benchmarks/bench_search.py --count 100000 --corpus-dir /var/tmp/nianbao-bench

Reports come from indexer.synth (their `.truth`, indexed without parsing); they are
generated and segmented once into a JSON-lines file that both engines load: a temporary
one, or with --corpus-dir a kept one (documents-N-seed-S.jsonl) reused by later runs.
Latency is wall time of `backend.search()` in this process (for OpenSearch including the
HTTP round trip), each request counting every default facet as the portal does.
OpenSearch is the node of scripts/opensearch.sh (or --opensearch-url); its shard request
cache is cleared before each timed search, so every figure is for a search never seen.
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
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.backends import open_backend  # noqa: E402
from indexer.reindex import synthetic_documents  # noqa: E402
from indexer.search.model import RangeFilter, SearchRequest  # noqa: E402
from indexer.settings import load_settings  # noqa: E402
from indexer.synth import generate_reports  # noqa: E402


def query_mix(rare_places: list[str]) -> dict[str, list[SearchRequest]]:
    """The fixed mix: every request also counts every facet (the portal's default)."""
    return {
        "broad word": [SearchRequest(query=q) for q in ("行政复议", "政府信息公开", "申请", "公开 工作")],
        "rare word": [SearchRequest(query=place) for place in rare_places],
        "phrase": [SearchRequest(query=q) for q in ('"政府信息公开工作"', '"行政复议"', '"依申请公开"')],
        "numeric filter": [
            SearchRequest(query="新收>=100"),
            SearchRequest(query="行政复议", ranges=(RangeFilter("denied_total", gte=1),)),
            SearchRequest(ranges=(RangeFilter("review_corrected", gte=1),), sort="new_requests_desc"),
        ],
        "facet selection": [
            SearchRequest(query="公开", filters={"province": ("江苏省", "四川省"), "year": ("2023",)}),
            SearchRequest(filters={"outcomes": ("has_review_corrected",), "format": ("2021",)}, sort="year_desc"),
        ],
    }


def write_documents(count: int, seed: int, path: Path) -> None:
    """Generate and segment `count` synthetic reports once, as JSON lines both engines read."""
    with path.open("w", encoding="utf-8") as out:
        for document in synthetic_documents(generate_reports(count, seed=seed)):
            out.write(json.dumps(document, ensure_ascii=False) + "\n")


def cached_corpus(folder: Path, count: int, seed: int) -> Path:
    """The corpus file of (count, seed) in `folder`, generated when missing (written aside, then renamed)."""
    path = folder / f"documents-{count}-seed-{seed}.jsonl"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        write_documents(count, seed, partial)
        partial.replace(path)
    return path


def read_documents(path: Path) -> Iterator[dict]:
    """The index documents written by write_documents, streamed."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 of latencies in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def measure(backend, mix: dict[str, list[SearchRequest]], rounds: int,
            forget: Callable[[], object] = lambda: None) -> dict[str, list[float]]:
    """Latency samples (ms) per query kind, after one warm-up pass; `forget` runs untimed
    before each search (OpenSearch: clear the shard request cache, so no answer is reused)."""
    for requests in mix.values():
        for request in requests:
            backend.search(request)
    samples: dict[str, list[float]] = {kind: [] for kind in mix}
    for _ in range(rounds):
        for kind, requests in mix.items():
            for request in requests:
                forget()
                started = time.perf_counter()
                backend.search(request)
                samples[kind].append((time.perf_counter() - started) * 1000)
    samples["all"] = [s for kind in mix for s in samples[kind]]
    return samples


def opensearch_url(explicit: str | None) -> str:
    """The node to use: the flag, else the one scripts/opensearch.sh started."""
    if explicit:
        return explicit
    return subprocess.run([str(ROOT / "scripts" / "opensearch.sh"), "url"], capture_output=True, text=True, check=True).stdout.strip()


def main() -> None:
    """Index the corpus into each engine, run the mix, print figures side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--engines", default="embedded,opensearch")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--opensearch-url", default=None)
    parser.add_argument("--corpus-dir", type=Path, default=None,
                        help="keep the generated corpus here and reuse it when it exists (generating 100k takes ~10 min)")
    args = parser.parse_args()
    started = time.perf_counter()
    sample = [r.truth["region"] for r in generate_reports(3, seed=args.seed + 1)]
    mix = query_mix([place for place in (region.get("town") or region.get("county") for region in sample) if place])
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        corpus = cached_corpus(args.corpus_dir or Path(folder), args.count, args.seed)
        print(f"corpus {corpus} ready in {time.perf_counter() - started:.0f} s", flush=True)
        results = {engine: run_engine(engine, args, corpus, mix) for engine in args.engines.split(",")}
    print(f"\n{args.count} reports, {args.rounds} rounds, total run {time.perf_counter() - started:.0f} s, "
          f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print_table(results, list(mix) + ["all"])


def run_engine(engine: str, args: argparse.Namespace, corpus: Path, mix: dict[str, list[SearchRequest]]) -> dict:
    """Index into one engine (timed), then measure the mix; the OpenSearch index is dropped after."""
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        url = opensearch_url(args.opensearch_url) if engine == "opensearch" else "http://127.0.0.1:9"
        settings = load_settings(env={}, engine=engine, data_dir=folder, opensearch_url=url,
                                 opensearch_index=f"nianbao-bench-{int(time.time())}", opensearch_timeout_seconds=60)
        backend = open_backend(settings)
        loading = time.perf_counter()
        report = backend.rebuild(read_documents(corpus))
        load_seconds = time.perf_counter() - loading
        size = sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file()) if engine == "embedded" else 0
        print(f"{engine}: indexed {report.indexed} in {load_seconds:.0f} s" + (f", {size / 1e6:.0f} MB on disk" if size else ""),
              flush=True)
        try:
            forget = (lambda: backend.client.indices.clear_cache(index=backend.alias, request=True)) \
                if engine == "opensearch" else (lambda: None)
            return {"samples": measure(backend, mix, args.rounds, forget), "load": load_seconds}
        finally:
            if engine == "opensearch":
                backend.drop()
            backend.close()


def print_table(results: dict, kinds: list[str]) -> None:
    """Percentiles per query kind, one column group per engine."""
    engines = list(results)
    print(f"{'query kind':<16}" + "".join(f"{e + ' p50/p95/p99 ms':>34}" for e in engines))
    for kind in kinds:
        cells = []
        for engine in engines:
            p50, p95, p99 = percentiles(results[engine]["samples"][kind])
            cells.append(f"{p50:>12.1f}{p95:>11.1f}{p99:>11.1f}")
        print(f"{kind:<16}" + "".join(cells))


if __name__ == "__main__":
    main()
