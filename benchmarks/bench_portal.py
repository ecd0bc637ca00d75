"""Load benchmark of the portal: gunicorn on 127.0.0.1, N synthetic reports, C concurrent readers.

    .venv/bin/python benchmarks/bench_portal.py [--reports 10000] [--clients 16]
        [--requests 3000] [--seconds 45] [--workers CPUS] [--baseline GIT_REF] [--rounds 1]

Builds (once, cached under benchmarks/out/) an embedded index of synthetic reports from
their truth dicts, starts gunicorn with the project's gunicorn.conf.py, then C clients
fetch full search pages (HTML with facets and snippets) until the request or time bound
is hit. Prints pages/s and p50/p95/p99 latency. The load comes from `wrk` (a C load
generator using little CPU, URLs fed by a Lua script) when it is installed, else from
Python threads, which take a good share of the two cores they share with the server.
With --baseline REF the same phases also run against that commit's code (exported with
git archive), alternating per round, so before and after meet the same machine load; the
baseline serves an index built by its own code (under benchmarks/out/portal-N-REF), since
the index layout may differ between commits.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "out"
QUERY_MIX = (
    "/?q=" + quote("行政复议"),
    "/?q=" + quote("公开"),
    "/?q=" + quote("政府信息公开 年度报告"),
    "/?q=" + quote('"依申请公开"'),
    "/?q=" + quote("林业局"),
    "/?year=2021",
    "/?year=2021&year=2022&format=2021",
    "/?denied_total__gte=1",
    "/?review_corrected__gte=1&sort=new_requests_desc",
    "/?q=" + quote("申请") + "&page=3",
    "/?q=" + quote("行政诉讼") + "&sort=year_desc",
    "/",
)
# Words for the cache-miss phase: every request there is a URL no one asked before.
WORDS = ("行政复议", "公开", "申请", "政府信息", "年度报告", "行政诉讼", "不予公开", "依申请", "主动公开", "林业局",
         "人民政府", "街道办事处", "财政", "教育", "卫生健康", "自然资源", "交通运输", "住房", "农业农村", "市场监管",
         "规范性文件", "行政许可", "行政处罚", "政务公开", "平台", "解读", "培训", "网站", "新媒体", "信访",
         "工作", "制度", "机制", "群众", "政策", "办理", "答复", "依法", "公开目录", "栏目", "信息发布", "监督",
         "考核", "规范", "建设")
YEARS = ("", "&year=2020", "&year=2021", "&year=2022", "&year=2023", "&year=2024", "&denied_total__gte=1", "&format=2019")
SORT_PARAMS = ("", "&sort=year_desc", "&sort=year_asc", "&sort=new_requests_desc")
DISTINCT_URLS = len(WORDS) * len(YEARS) * 5 * len(SORT_PARAMS)
WRK_SCRIPT = """
-- URLs from a file, one a line; each wrk thread starts at its own offset and steps by the
-- thread count, so across threads no URL is asked twice until the list wraps.
local paths, counter, step = {}, 0, 1
for line in io.lines(os.getenv("NIANBAO_BENCH_PATHS")) do paths[#paths + 1] = line end
local threads = {}
function setup(thread) thread:set("first", #threads); threads[#threads + 1] = thread end
function init(args) counter = first; step = tonumber(os.getenv("NIANBAO_BENCH_THREADS")) end
function request()
  local path = paths[(counter % #paths) + 1]
  counter = counter + step
  return wrk.format("GET", path)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("NIANBAO requests=%d seconds=%.3f errors=%d p50=%.3f p95=%.3f p99=%.3f mean=%.3f\\n",
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.mean / 1000))
end
"""


def distinct_path(n: int) -> str:
    """The n-th URL of a sequence in which no URL repeats for DISTINCT_URLS requests."""
    word, rest = WORDS[n % len(WORDS)], n // len(WORDS)
    year, rest = YEARS[rest % len(YEARS)], rest // len(YEARS)
    page, rest = 1 + rest % 5, rest // 5
    return f"/?q={quote(word)}{year}{SORT_PARAMS[rest % len(SORT_PARAMS)]}&page={page}"


@lru_cache(maxsize=None)
def _portal_client(data_dir: Path):
    """A Flask test client of the current code over the benchmark index (to size the URL lists)."""
    sys.path.insert(0, str(REPO))
    os.environ["NIANBAO_DATA_DIR"] = str(data_dir)
    from portal.app import create_app

    return create_app().test_client()


def existing_distinct_paths(data_dir: Path) -> list[str]:
    """The never-repeated URLs whose page exists: a page past the last one is only a redirect.

    Totals come from the portal's own JSON API, in process, once per word and filter.
    """
    client = _portal_client(data_dir)
    totals: dict[str, int] = {}
    kept = []
    for n in range(DISTINCT_URLS):
        path = distinct_path(n)
        base = path.split("&page=")[0].split("&sort=")[0]
        if base not in totals:
            totals[base] = client.get("/api/search" + base[1:] + "&size=1").get_json()["total"]
        page = int(path.rsplit("&page=", 1)[1])
        if (page - 1) * 20 < totals[base]:
            kept.append(path)
    return kept


def new_search_paths(data_dir: Path) -> list[str]:
    """Page 1 of searches no other URL makes (two words and a filter), each with a full page of hits."""
    client = _portal_client(data_dir)
    kept = []
    for first, second in ((a, b) for a in WORDS for b in WORDS if a != b):
        for extra in YEARS:
            path = f"/?q={quote(first + ' ' + second)}{extra}"
            if client.get("/api/search" + path[1:] + "&size=1").get_json()["total"] >= 20:
                kept.append(path)
    return kept


def build_index(data_dir: Path, count: int) -> None:
    """Index `count` synthetic reports (truth dicts) into data_dir, unless a readable index is there."""
    sys.path.insert(0, str(REPO))
    from indexer.backends import open_backend
    from indexer.documents import build_index_document
    from indexer.settings import load_settings
    from indexer.synth import generate_reports

    settings = load_settings(env={}, data_dir=str(data_dir))
    marker = data_dir / f"bench-{count}.done"
    probe = open_backend(settings)
    # an index from an older schema no longer opens: rebuild it rather than measure 503s
    if marker.exists() and probe.ping():
        probe.close()
        return
    probe.close()
    started = time.perf_counter()
    documents = (build_index_document(r.report_id, r.truth, {"url": f"https://example.gov.cn/{r.report_id}.html",
                                                             "fetched_at": "2026-01-01T00:00:00+00:00"})
                 for r in generate_reports(count, seed=11))
    backend = open_backend(settings)
    report = backend.rebuild(documents)
    backend.close()
    print(f"indexed {report.indexed} synthetic reports in {time.perf_counter() - started:.1f} s")
    marker.write_text("ok")


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(data_dir: Path, port: int, workers: int, code: Path = REPO) -> subprocess.Popen:
    """gunicorn with the configuration of the code tree `code`, serving the benchmark index."""
    env = dict(os.environ, NIANBAO_DATA_DIR=str(data_dir), NIANBAO_PORTAL_BIND=f"127.0.0.1:{port}",
               NIANBAO_PORTAL_WORKERS=str(workers), PYTHONPATH=str(code))
    return subprocess.Popen([str(REPO / ".venv" / "bin" / "gunicorn"), "-c", str(code / "gunicorn.conf.py")],
                            cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def export_tree(ref: str) -> Path:
    """The code of git commit `ref` in a temporary directory (templates and config included)."""
    target = Path(tempfile.mkdtemp(prefix="nianbao-baseline-"))
    archive = subprocess.run(["git", "archive", ref], cwd=REPO, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def build_baseline_index(tree: Path, data_dir: Path, count: int) -> None:
    """The benchmark index of an exported commit, built by that commit's own code."""
    data_dir.mkdir(parents=True, exist_ok=True)
    script = "import sys; from pathlib import Path; sys.path.insert(0, 'benchmarks'); import bench_portal as B; " \
             f"B.build_index(Path({str(data_dir)!r}), {count})"
    subprocess.run([sys.executable, "-c", script], cwd=tree, env=dict(os.environ, PYTHONPATH=str(tree)), check=True)


def run_wrk(port: int, clients: int, seconds: float, paths: list[str]) -> tuple[dict[str, float], float]:
    """One wrk run over `paths`; its figures (ms) and the load average when it ended."""
    with tempfile.TemporaryDirectory() as folder:
        script, listing = Path(folder) / "paths.lua", Path(folder) / "paths.txt"
        script.write_text(WRK_SCRIPT)
        listing.write_text("\n".join(paths) + "\n")
        threads = min(2, clients)
        env = dict(os.environ, NIANBAO_BENCH_PATHS=str(listing), NIANBAO_BENCH_THREADS=str(threads))
        out = subprocess.run(["wrk", f"-t{threads}", f"-c{clients}", f"-d{max(1, int(seconds))}s", "-s", str(script),
                              f"http://127.0.0.1:{port}"], env=env, capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("NIANBAO "))
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}, os.getloadavg()[0]


def fetch(conn: http.client.HTTPConnection, path: str) -> int:
    """GET one page over a kept-alive connection; returns the status."""
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status


def wait_ready(port: int, server: subprocess.Popen, limit: float = 60.0) -> None:
    """Block until the portal answers a search page (or fail after `limit` seconds)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before serving")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            status = fetch(conn, "/")
            if status == 200:
                return
            raise SystemExit(f"portal answered HTTP {status} (engine unavailable?)")
        except OSError:
            time.sleep(0.2)
    raise SystemExit("portal did not come up in time")


def run_clients(port: int, clients: int, total: int, seconds: float,
                distinct: list[str] | None = None) -> tuple[list[float], int, float]:
    """C threads fetch pages (the popular mix, or never-repeated URLs) until `total` or `seconds`."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    issued = iter(range(total))
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        """One reader: a kept-alive connection fetching pages from the mix."""
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for n in issued:
            if time.monotonic() > deadline:
                return
            path = distinct[n % len(distinct)] if distinct else QUERY_MIX[(n + offset) % len(QUERY_MIX)]
            started = time.perf_counter()
            status = fetch(conn, path)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += status != 200

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    """The share-th percentile (nearest rank) in milliseconds."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


PHASES = (("popular URLs (12-URL mix, repeats hit the per-worker cache)", "popular"),
          ("distinct URLs (no URL repeats; hits always from the engine, facet counts shared by a search's pages and orders)",
           "distinct"),
          ("new searches (page 1 of a search never made before: hits and facet counts from the engine)", "new"))


def main() -> None:
    """Build, serve (baseline and current code, alternating), load both phases, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=45.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--baseline", help="also measure this git commit's code (e.g. HEAD~3)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--python-clients", action="store_true", help="Python threads even when wrk is installed")
    args = parser.parse_args()
    data_dir = OUT / f"portal-{args.reports}"
    data_dir.mkdir(parents=True, exist_ok=True)
    build_index(data_dir, args.reports)
    use_wrk = shutil.which("wrk") is not None and not args.python_clients
    url_lists = {"distinct": existing_distinct_paths(data_dir), "new": new_search_paths(data_dir)}
    trees = [("current", REPO, data_dir)]
    if args.baseline:
        tree, baseline_data = export_tree(args.baseline), OUT / f"portal-{args.reports}-{args.baseline}"
        build_baseline_index(tree, baseline_data, args.reports)
        trees.append((f"baseline {args.baseline}", tree, baseline_data))
    print(f"portal search pages: {args.reports} reports, gunicorn {args.workers} workers, {args.clients} clients, "
          f"load from {'wrk' if use_wrk else 'Python threads'}, {os.cpu_count()} CPUs, "
          f"{len(url_lists['distinct'])} distinct URLs whose page exists, {len(url_lists['new'])} new searches")
    for round_number in range(args.rounds):
        for label, code, index_dir in (trees if round_number % 2 == 0 else trees[::-1]):
            print(f"round {round_number + 1}, {label} code")
            serve_and_load(args, index_dir, code, use_wrk, url_lists)
    for label, code, _index_dir in trees[1:]:
        shutil.rmtree(code, ignore_errors=True)


def serve_and_load(args: argparse.Namespace, data_dir: Path, code: Path, use_wrk: bool,
                   url_lists: dict[str, list[str]]) -> None:
    """Start gunicorn on `code`, warm every worker up, then run and print both phases."""
    port = free_port()
    server = start_gunicorn(data_dir, port, args.workers, code)
    try:
        wait_ready(port, server)
        run_clients(port, args.clients, args.clients * 4, 30)  # load every worker's index
        for name, kind in PHASES:
            paths = url_lists.get(kind)
            if use_wrk:
                figures, load = run_wrk(port, args.clients, args.seconds, paths or list(QUERY_MIX))
                report_wrk(name, figures, load, len(paths or QUERY_MIX))
            else:
                report(name, *run_clients(port, args.clients, args.requests, args.seconds, paths))
    finally:
        server.terminate()
        server.wait(timeout=30)


def report_wrk(name: str, figures: dict[str, float], load: float, urls: int) -> None:
    """Print one wrk phase like the Python client's report, with the machine load."""
    requests, seconds = int(figures["requests"]), figures["seconds"]
    wrapped = " (URL list wrapped: some repeats)" if requests > urls and urls > len(QUERY_MIX) else ""
    print(f"  {name}{wrapped}")
    print(f"    requests {requests} in {seconds:.1f} s, errors {int(figures['errors'])}, "
          f"throughput {requests / seconds:.1f} pages/s, load average {load:.1f}")
    print(f"    latency p50 {figures['p50']:.1f} ms  p95 {figures['p95']:.1f} ms  p99 {figures['p99']:.1f} ms  "
          f"mean {figures['mean']:.1f} ms")


def report(name: str, latencies: list[float], errors: int, wall: float) -> None:
    """Print throughput and latency percentiles of one phase."""
    print(f"  {name}")
    print(f"    requests {len(latencies)} in {wall:.1f} s, errors {errors}, throughput {len(latencies) / wall:.1f} pages/s")
    print(f"    latency p50 {percentile(latencies, 0.50):.1f} ms  p95 {percentile(latencies, 0.95):.1f} ms  "
          f"p99 {percentile(latencies, 0.99):.1f} ms  mean {statistics.mean(latencies) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
