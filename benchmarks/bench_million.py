"""Search at 10k, 100k and 1M reports: indexing time, size on disk, memory and latency per engine.

    .venv/bin/python benchmarks/bench_million.py corpus --count 1000000 --workers 2
    .venv/bin/python benchmarks/bench_million.py build --engine embedded --count 1000000
    .venv/bin/python benchmarks/bench_million.py query --engine embedded --count 1000000
    .venv/bin/python benchmarks/bench_million.py grow --checkpoints 100000,250000,500000,1000000
    .venv/bin/python benchmarks/bench_million.py reindex --count 3000 --parse-workers 0,2 [--baseline DIR] [--keep-base]
    .venv/bin/python benchmarks/bench_million.py table
    (OpenSearch: --engine opensearch --opensearch-url u1,u2,u3, e.g. scripts/opensearch-cluster.sh urls)

The corpus (indexer.synth.recombine): a base of BASE distinct synthetic reports (default
50,000; indexer.synth, seed 7, their `.truth` segmented as bench_search.py does) is generated
once into WORK/base-s7-n50000.jsonl.gz; document i of any corpus is then variant i // BASE
of base report i % BASE: variant 0 is the base document itself (so a 10k corpus is exactly
bench_search.py's), every other variant is the same narrative and tables recombined with
another reporting body of the same kind on another real place (unit and region names
replaced in every text field), another year of the same table template, the legal-person
columns of table 三 permuted (checks recomputed) and its own id. Variants are made while
they stream into the engine (by --workers processes, in chunks, or in the indexing
process); the time the indexing process spends making or waiting for them is measured
apart and left out of the indexing time (`index s` = rebuild wall time minus generation).

`build` loads COUNT documents with the rebuild-and-swap API `reindex --all` uses
(backend.rebuild) into WORK/<engine>-<count> (embedded) or the index `million-<count>`
(OpenSearch), and records wall time, generation time, size on disk (`du` of the build
directory; OpenSearch: store size of primaries and replicas) and load average in
build.json. `query` runs in a fresh process, as a portal worker would: it opens the index,
runs bench_search.py's fixed mix (every request counting every facet, 20 highlighted hits,
one warm-up pass, then ROUNDS rounds) and records p50/p95/p99, the resident memory of that
process (VmRSS after the mix, VmHWM peak) and, for OpenSearch, the nodes' resident memory.
`grow` adds documents to one live index (backend.index_documents, as `index` does) up to
each of --checkpoints and runs `query` at each, so one run gives the whole curve;
checkpoint-N.json and query-N.json hold the figures. `reindex` times `reindex --all`
itself over a catalog of COUNT archived TXT renderings (parse, segment, index, years step).
`table` prints every recorded run as the Markdown table of BENCHMARKS.md.
--workers 2 made the 3,000-document build slower on the shared 2-core machine (24.7 s
against 15.7 s: the workers took the indexer's CPU), so the default makes them inline.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import itertools
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
CODE = Path(os.environ.get("NIANBAO_BENCH_TREE") or ROOT)  # the checkout whose code is measured (reindex --baseline)
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(CODE))

from bench_search import percentiles, query_mix  # noqa: E402
from indexer.backends import open_backend  # noqa: E402
from indexer.reindex import synthetic_documents  # noqa: E402
from indexer.settings import load_settings  # noqa: E402
from indexer.synth import generate_reports  # noqa: E402
from indexer.synth.recombine import plan, recombined  # noqa: E402

WORK = Path(os.environ.get("NIANBAO_MILLION_DIR", "/var/cache/nianbao/million"))
SEED = 7
CHUNK = 200


def base_file(work: Path, size: int) -> Path:
    """The cached base corpus, generated and segmented once (gzip JSON lines)."""
    path = work / f"base-s{SEED}-n{size}.jsonl.gz"
    if path.exists():
        return path
    started, part = time.perf_counter(), path.with_suffix(".part")
    work.mkdir(parents=True, exist_ok=True)
    with gzip.open(part, "wt", encoding="utf-8", compresslevel=1) as out:
        for document in synthetic_documents(generate_reports(size, seed=SEED)):
            out.write(json.dumps(document, ensure_ascii=False) + "\n")
    part.replace(path)
    print(f"base of {size} reports generated and segmented in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def read_lines(path: Path) -> Iterator[bytes]:
    """The base documents' JSON lines, streamed."""
    with gzip.open(path, "rb") as lines:
        yield from lines


def corpus(base: Path, count: int, size: int, workers: int) -> Iterator[dict]:
    """The COUNT documents in order: read from a materialised corpus (`corpus` step) of at
    least COUNT documents when there is one, else made here (with workers, by that many
    processes in chunks)."""
    stored = materialised(base.parent, count, size)
    if stored is not None:
        with gzip.open(stored, "rb") as lines:
            yield from (json.loads(line) for line in itertools.islice(lines, count))
        return
    chunks = _chunks(plan(lambda: read_lines(base), count, size), CHUNK)
    if workers == 0:
        for chunk in chunks:
            yield from _make(chunk, size)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for documents in pool.imap(functools.partial(_make, size=size), chunks, chunksize=1):
            yield from documents


def materialised(work: Path, count: int, size: int) -> Path | None:
    """The smallest materialised corpus of this base holding at least COUNT documents."""
    found = [(int(path.name.split(".")[0].rsplit("-n", 1)[1]), path) for path in work.glob(f"corpus-s{SEED}-b{size}-n*.jsonl.gz")]
    fitting = sorted(item for item in found if item[0] >= count)
    return fitting[0][1] if fitting else None


def write_corpus(args: argparse.Namespace) -> None:
    """Make the COUNT documents once (by --workers processes) into WORK/corpus-s7-b<BASE>-n<COUNT>.jsonl.gz
    (gzip level 1: ~4 KB a document instead of ~22 KB), so that builds of both engines read them
    instead of each making them again (~2.2 ms a variant on a quiet core)."""
    base = base_file(WORK, args.base)
    path = WORK / f"corpus-s{SEED}-b{args.base}-n{args.count}.jsonl.gz"
    part, started = path.with_name(path.name + ".part"), time.perf_counter()
    with gzip.open(part, "wt", encoding="utf-8", compresslevel=1) as out:
        for document in corpus(base, args.count, args.base, args.workers):
            out.write(json.dumps(document, ensure_ascii=False) + "\n")
    part.replace(path)
    print(json.dumps({"corpus": str(path), "count": args.count, "seconds": round(time.perf_counter() - started, 1),
                      "bytes": path.stat().st_size}), flush=True)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _make(chunk: list[tuple[int, bytes]], size: int) -> list[dict]:
    """The documents of one chunk of (index, base line)."""
    return [recombined(json.loads(line), index, size, SEED) for index, line in chunk]


class Timed:
    """An iterator that adds up the time spent producing its items (the corpus generation)."""

    def __init__(self, items: Iterable[dict]):
        self._items = iter(items)
        self.seconds = 0.0

    def __iter__(self) -> "Timed":
        return self

    def __next__(self) -> dict:
        started = time.perf_counter()
        try:
            return next(self._items)
        finally:
            self.seconds += time.perf_counter() - started


def engine_settings(args: argparse.Namespace):
    """Settings of the engine under test: its own data directory or index alias per count (or --name)."""
    name = args.name or str(args.count)
    folder = WORK / f"{args.engine}-{name}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder, load_settings(env={}, engine=args.engine, data_dir=str(folder),
                                 opensearch_url=args.opensearch_url or "http://127.0.0.1:9",
                                 opensearch_index=f"million-{name}", opensearch_timeout_seconds=60,
                                 opensearch_replicas=args.replicas)


def build(args: argparse.Namespace) -> None:
    """Load COUNT documents with backend.rebuild, then record the figures in build.json."""
    folder, settings = engine_settings(args)
    if args.engine == "embedded":
        shutil.rmtree(folder / "index", ignore_errors=True)  # an earlier build of this size would count on disk
    base = base_file(WORK, args.base)
    documents = Timed(corpus(base, args.count, args.base, args.workers))
    backend = open_backend(settings)
    load_before, started = os.getloadavg(), time.perf_counter()
    report = backend.rebuild(documents)
    wall = time.perf_counter() - started
    record = {
        "engine": args.engine, "count": args.count, "base": args.base, "indexed": report.indexed,
        "failures": len(report.failures), "wall_s": round(wall, 1), "generation_s": round(documents.seconds, 1),
        "index_s": round(wall - documents.seconds, 1), "workers": args.workers, "size_bytes": size_on_disk(args, settings, backend),
        "load": [round(x, 1) for x in load_before + os.getloadavg()], "commit": git_commit(),
        "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    backend.close()
    (folder / "build.json").write_text(json.dumps(record, indent=1))
    print(json.dumps(record), flush=True)


def grow(args: argparse.Namespace) -> None:
    """Add documents to one live index up to each checkpoint, then query it in a fresh process there.

    Resumes from the documents already indexed; each checkpoint's figures go to
    checkpoint-<N>.json (indexing and generation seconds summed over the steps so far).
    """
    args.name = args.name or "grow"
    folder, settings = engine_settings(args)
    base = base_file(WORK, args.base)
    backend = open_backend(settings)
    done = backend.count() if backend.ping() else 0
    totals = _previous_totals(folder, done)
    for checkpoint in sorted(int(c) for c in args.checkpoints.split(",")):
        if checkpoint <= done:
            continue
        documents = Timed(_make(chunk, args.base) for chunk in _chunks(_from(plan(lambda: read_lines(base), checkpoint, args.base), done), CHUNK))
        flat = (document for chunk in documents for document in chunk)
        load_before, started = os.getloadavg(), time.perf_counter()
        report = backend.index_documents(flat, raise_on_error=True)
        wall = time.perf_counter() - started
        totals = {"wall_s": totals["wall_s"] + wall, "generation_s": totals["generation_s"] + documents.seconds}
        done = backend.count()
        record = {
            "engine": args.engine, "count": done, "step": [checkpoint - report.indexed, checkpoint], "base": args.base,
            "step_wall_s": round(wall, 1), "step_generation_s": round(documents.seconds, 1),
            "wall_s": round(totals["wall_s"], 1), "generation_s": round(totals["generation_s"], 1),
            "index_s": round(totals["wall_s"] - totals["generation_s"], 1), "workers": 0,
            "size_bytes": size_on_disk(args, settings, backend), "load": [round(x, 1) for x in load_before + os.getloadavg()],
            "commit": git_commit(), "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        }
        (folder / f"checkpoint-{done}.json").write_text(json.dumps(record, indent=1))
        print(json.dumps(record), flush=True)
        subprocess.run([sys.executable, __file__, "query", "--engine", args.engine, "--name", args.name, "--count", str(done),
                        "--rounds", str(args.rounds), *(["--opensearch-url", args.opensearch_url] if args.opensearch_url else [])],
                       check=True)
        os.replace(folder / "query.json", folder / f"query-{done}.json")
    backend.close()


def _from(items: Iterable[tuple[int, bytes]], start: int) -> Iterator[tuple[int, bytes]]:
    """The planned (index, line) pairs from `start` on (earlier lines are skipped unparsed)."""
    return (item for item in items if item[0] >= start)


def _previous_totals(folder: Path, done: int) -> dict[str, float]:
    """Summed seconds of the checkpoints already reached (a resumed run adds to them)."""
    if not done:
        return {"wall_s": 0.0, "generation_s": 0.0}
    record = json.loads((folder / f"checkpoint-{done}.json").read_text())
    return {"wall_s": record["wall_s"], "generation_s": record["generation_s"]}


def full_reindex(args: argparse.Namespace) -> None:
    """`reindex --all` itself over a catalog of COUNT archived TXT reports: every one parsed again,
    segmented, indexed, and the years step over all of them; once per --parse-workers value and
    per tree (this checkout, and --baseline's: side by side), each on a copy of one catalog
    already indexed once, each in a fresh process timed from inside (wall; CPU of that process
    and of its parse workers, which have ended by then). --keep-base keeps that catalog for the
    next run (and reuses one kept by an earlier run of the same COUNT)."""
    folder = WORK / f"reindex-{args.count}"
    filled = _reindex_base(folder, args.count, args.keep_base)
    trees = [ROOT] + ([args.baseline.resolve()] if args.baseline else [])
    for tree in trees:
        for workers in (int(w) for w in str(args.parse_workers).split(",")):
            run = folder / f"w{workers}"
            shutil.rmtree(run, ignore_errors=True)
            shutil.copytree(folder / "base", run)  # every run starts from the same archive, catalog and index
            answer = subprocess.run([sys.executable, __file__, "reindex-run", "--data", str(run), "--parse-workers", str(workers)],
                                    env={**os.environ, "NIANBAO_BENCH_TREE": str(tree)}, capture_output=True, text=True)
            shutil.rmtree(run)
            if answer.returncode != 0:
                raise SystemExit(f"the re-index in {tree} failed:\n{answer.stderr[-3000:]}")
            label = "" if tree == ROOT else f"-{tree.name}"
            record = {"step": "reindex --all", "count": args.count, "parse_workers": workers, "tree": str(tree),
                      "catalog_fill_s": filled, **json.loads(answer.stdout.strip().splitlines()[-1])}
            (WORK / f"reindex-{args.count}-w{workers}{label}.json").write_text(json.dumps(record, indent=1))
            print(json.dumps(record), flush=True)
    if not args.keep_base:
        shutil.rmtree(folder, ignore_errors=True)


def _reindex_base(folder: Path, count: int, keep: bool) -> float | None:
    """The archive re-indexed by every run: COUNT TXT reports archived and indexed once (so it has
    its live index and years rows, as before a real re-index); the seconds that took."""
    from bench_reindex import fill_catalog

    from indexer.archive import open_archive

    from indexer.reindex import index_catalog

    ready = folder / "base-ready.json"
    if keep and ready.exists():
        return json.loads(ready.read_text())["catalog_fill_s"]
    shutil.rmtree(folder, ignore_errors=True)
    base = load_settings(env={}, engine="embedded", data_dir=str(folder / "base"))
    started = time.perf_counter()
    fill_catalog(base, count, 0)
    catalog, store = open_archive(base)
    index_catalog(catalog, store, open_backend(base))
    catalog.close()
    filled = round(time.perf_counter() - started, 1)
    ready.write_text(json.dumps({"catalog_fill_s": filled, "commit": git_commit()}))
    return filled


def timed_reindex(args: argparse.Namespace) -> None:
    """One `reindex --all` over the data folder --data, in this fresh process (the code of
    NIANBAO_BENCH_TREE): its wall time, CPU times, years step and load as one JSON line."""
    import resource

    from indexer.archive import open_archive
    from indexer.reindex import reindex

    settings = load_settings(env={}, engine="embedded", data_dir=args.data)
    catalog, store = open_archive(settings)
    backend, workers = open_backend(settings), int(args.parse_workers)
    load_before, cpu, started = os.getloadavg(), time.process_time(), time.perf_counter()
    summary = reindex(catalog, store, backend, workers=workers, parse_timeout=settings.reindex_parse_timeout_seconds)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    years = summary.years
    print(json.dumps({
        "parsed": summary.parsed, "indexed": summary.indexed, "failed": len(summary.failed), "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1), "workers_cpu_s": round(children.ru_utime + children.ru_stime, 1),
        "index_s": round(summary.seconds, 1), "years_s": round(years.seconds, 1) if years else None,
        "years_refreshed": years.refreshed if years else None, "load": [round(x, 1) for x in load_before + os.getloadavg()],
        "peak_rss_mb": memory("VmHWM"), "commit": git_commit(CODE),
        "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }), flush=True)
    catalog.close()


def size_on_disk(args: argparse.Namespace, settings, backend) -> int:
    """Bytes of the index: the live embedded build directory (`du`: tantivy and documents.sqlite),
    or OpenSearch's store size of primaries and replicas."""
    if args.engine == "embedded":
        live = str(backend.root.current())
        return int(subprocess.run(["du", "-sb", live], capture_output=True, text=True, check=True).stdout.split()[0])
    import requests

    url = settings.opensearch_url.split(",")[0]
    requests.post(f"{url}/{settings.opensearch_index}/_refresh", timeout=600)
    answer = requests.get(f"{url}/_cat/indices/{settings.opensearch_index}?format=json&bytes=b", timeout=60).json()
    return sum(int(row["store.size"]) for row in answer)


def query(args: argparse.Namespace) -> None:
    """Run the fixed mix in this (fresh) process over the built index, record latency and memory."""
    folder, settings = engine_settings(args)
    backend = open_backend(settings)
    sample = [r.truth["region"] for r in generate_reports(3, seed=SEED + 1)]
    mix = query_mix([place for place in (region.get("town") or region.get("county") for region in sample) if place])
    load_before, started = os.getloadavg(), time.perf_counter()
    samples, cpu = measure_with_cpu(backend, mix, args.rounds)
    record = {
        "engine": args.engine, "count": args.count, "rounds": args.rounds,
        "percentiles": {kind: [round(x, 1) for x in percentiles(values)] for kind, values in samples.items()},
        "cpu_percentiles": {kind: [round(x, 1) for x in percentiles(values)] for kind, values in cpu.items()},
        "seconds": round(time.perf_counter() - started, 1), "load": [round(x, 1) for x in load_before + os.getloadavg()],
        "rss_mb": memory("VmRSS"), "peak_rss_mb": memory("VmHWM"), "nodes_rss_mb": nodes_memory(args),
        "total": backend.count(), "commit": git_commit(), "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    backend.close()
    (folder / "query.json").write_text(json.dumps(record, indent=1))
    print(json.dumps(record), flush=True)


def measure_with_cpu(backend, mix: dict, rounds: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """bench_search.measure, also recording this process's CPU time (ms) per request.

    On a shared machine wall time includes waiting for a core; CPU time is what the request
    costs a dedicated core (for the embedded engine, whose search runs in this process).
    """
    for requests in mix.values():
        for request in requests:
            backend.search(request)
    wall: dict[str, list[float]] = {kind: [] for kind in mix}
    cpu: dict[str, list[float]] = {kind: [] for kind in mix}
    for _ in range(rounds):
        for kind, requests in mix.items():
            for request in requests:
                started, used = time.perf_counter(), time.process_time()
                backend.search(request)
                wall[kind].append((time.perf_counter() - started) * 1000)
                cpu[kind].append((time.process_time() - used) * 1000)
    for samples in (wall, cpu):
        samples["all"] = [value for kind in mix for value in samples[kind]]
    return wall, cpu


def memory(field: str, pid: str = "self") -> float:
    """A memory figure of /proc/PID/status in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    raise ValueError(f"no {field} in /proc/{pid}/status")


def nodes_memory(args: argparse.Namespace) -> list[float]:
    """Resident memory (MB) of the OpenSearch nodes whose pid files are under --cluster-dir."""
    if args.engine != "opensearch" or not args.cluster_dir:
        return []
    return [memory("VmRSS", pid.read_text().strip()) for pid in sorted(Path(args.cluster_dir).glob("node-*/pid"))]


def git_commit(tree: Path = ROOT) -> str:
    """The commit of the code measured."""
    return subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()


def table(_args: argparse.Namespace) -> None:
    """Every recorded build or checkpoint with its query run, as one Markdown table."""
    print("| engine | N | how built | index s (generation s) | size on disk | query RSS MB (peak) | nodes RSS MB | "
          "all p50 / p95 / p99 ms | CPU p50 / p95 ms | broad p95 | phrase p95 | facet sel. p95 | load (build; query) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for built, asked in _recorded_runs():
        b, q = json.loads(built.read_text()), json.loads(asked.read_text())
        p, how = q["percentiles"], ("grown" if "step" in b else "rebuild")
        cpu = q.get("cpu_percentiles", {}).get("all")
        cpu_cell = f"{cpu[0]} / {cpu[1]}" if cpu and b["engine"] == "embedded" else "–"
        print(f"| {b['engine']} | {b['count']:,} | {how} | {b['index_s']:.0f} ({b['generation_s']:.0f}) | "
              f"{b['size_bytes'] / 1e9:.2f} GB | {q['rss_mb']:.0f} ({q['peak_rss_mb']:.0f}) | "
              f"{sum(q['nodes_rss_mb']):.0f} | {p['all'][0]} / **{p['all'][1]}** / {p['all'][2]} | {cpu_cell} | "
              f"{p['broad word'][1]} | {p['phrase'][1]} | {p['facet selection'][1]} | "
              f"{'–'.join(map(str, b['load'][::3]))}; {'–'.join(map(str, q['load'][::3]))} |")
    for record in sorted(WORK.glob("reindex-*.json")):
        r = json.loads(record.read_text())
        print(f"\nreindex --all, {r['count']:,} TXT reports, {r.get('parse_workers', 0)} parse workers: {r['wall_s']} s wall, "
              f"{r['cpu_s']} s CPU (+ {r.get('workers_cpu_s', 0)} s in workers) "
              f"({1000 * r['cpu_s'] / r['count']:.1f} ms CPU a report), peak RSS {r['peak_rss_mb']:.0f} MB, load {r['load']}")


def _recorded_runs() -> list[tuple[Path, Path]]:
    """(build record, query record) pairs: one per rebuilt size, one per checkpoint of a grown index."""
    runs = []
    for folder in WORK.glob("*-*/"):
        runs += [(c, folder / f"query-{c.stem.split('-')[1]}.json") for c in folder.glob("checkpoint-*.json")]
        runs.append((folder / "build.json", folder / "query.json"))
    runs = [(b, q) for b, q in runs if b.exists() and q.exists()]
    return sorted(runs, key=lambda run: (run[0].parent.name.split("-")[0], json.loads(run[0].read_text())["count"]))


def main() -> None:
    """corpus, build, grow, query, reindex or table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("corpus", "build", "grow", "query", "reindex", "reindex-run", "table"))
    parser.add_argument("--engine", default="embedded", choices=("embedded", "opensearch"))
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--base", type=int, default=50000, help="distinct generated reports the corpus recombines")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=0, help="processes making the documents (0: this one)")
    parser.add_argument("--opensearch-url", default=None, help="node URLs, comma-separated")
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--name", default=None, help="index name (default: the count; grow: 'grow')")
    parser.add_argument("--checkpoints", default="100000,250000,500000,1000000", help="grow: sizes to query at")
    parser.add_argument("--parse-workers", default="2", help="reindex: parse worker processes, comma-separated runs (0: parse in the writer)")
    parser.add_argument("--baseline", type=Path, default=None, help="reindex: another checkout measured side by side")
    parser.add_argument("--keep-base", action="store_true", help="reindex: keep (and reuse) the indexed catalog the runs copy")
    parser.add_argument("--data", default=None, help="reindex-run: the data folder re-indexed")
    parser.add_argument("--cluster-dir", default=os.environ.get("NIANBAO_CLUSTER_RUN_DIR"))
    args = parser.parse_args()
    if args.count <= 0 or args.base <= 0:
        parser.error("--count and --base must be positive")
    {"corpus": write_corpus, "build": build, "grow": grow, "query": query, "reindex": full_reindex,
     "reindex-run": timed_reindex, "table": table}[args.step](args)


if __name__ == "__main__":
    main()
