"""Load benchmark of the portal: gunicorn on 127.0.0.1, N synthetic reports, C concurrent readers.

    .venv/bin/python benchmarks/bench_portal.py [--reports 10000] [--clients 16]
        [--requests 3000] [--seconds 45] [--workers CPUS]

Builds (once, cached under benchmarks/out/) an embedded index of synthetic reports from
their truth dicts, starts gunicorn with the project's gunicorn.conf.py, then C client
threads fetch full search pages (HTML with facets and snippets) from a fixed mix of
queries until the request or time bound is hit. Prints pages/s and p50/p95/p99 latency.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
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
         "规范性文件", "行政许可", "行政处罚", "政务公开", "平台", "解读", "培训", "网站", "新媒体", "信访")
YEARS = ("", "&year=2020", "&year=2021", "&year=2022", "&year=2023", "&year=2024", "&denied_total__gte=1", "&format=2019")


def distinct_path(n: int) -> str:
    """The n-th URL of a sequence in which no URL repeats for len(WORDS)*len(YEARS)*5 requests."""
    word, rest = WORDS[n % len(WORDS)], n // len(WORDS)
    return f"/?q={quote(word)}{YEARS[rest % len(YEARS)]}&page={1 + (rest // len(YEARS)) % 5}"


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


def start_gunicorn(data_dir: Path, port: int, workers: int) -> subprocess.Popen:
    """gunicorn with the project configuration, serving the benchmark index."""
    env = dict(os.environ, NIANBAO_DATA_DIR=str(data_dir), NIANBAO_PORTAL_BIND=f"127.0.0.1:{port}",
               NIANBAO_PORTAL_WORKERS=str(workers))
    return subprocess.Popen([str(REPO / ".venv" / "bin" / "gunicorn"), "-c", str(REPO / "gunicorn.conf.py")],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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


def run_clients(port: int, clients: int, total: int, seconds: float, distinct: bool = False) -> tuple[list[float], int, float]:
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
            path = distinct_path(n) if distinct else QUERY_MIX[(n + offset) % len(QUERY_MIX)]
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


def main() -> None:
    """Build, serve, load both phases, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=45.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    data_dir = OUT / f"portal-{args.reports}"
    data_dir.mkdir(parents=True, exist_ok=True)
    build_index(data_dir, args.reports)
    port = free_port()
    server = start_gunicorn(data_dir, port, args.workers)
    try:
        wait_ready(port, server)
        run_clients(port, args.clients, args.clients * 4, 30)  # load every worker's index
        print(f"portal search pages: {args.reports} reports, gunicorn {args.workers} workers, {args.clients} clients")
        for name, distinct in (("popular URLs (12-URL mix, repeats hit the per-worker cache)", False),
                               ("distinct URLs (no URL repeats: every page is an engine call)", True)):
            report(name, *run_clients(port, args.clients, args.requests, args.seconds, distinct))
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(name: str, latencies: list[float], errors: int, wall: float) -> None:
    """Print throughput and latency percentiles of one phase."""
    print(f"  {name}")
    print(f"    requests {len(latencies)} in {wall:.1f} s, errors {errors}, throughput {len(latencies) / wall:.1f} pages/s")
    print(f"    latency p50 {percentile(latencies, 0.50):.1f} ms  p95 {percentile(latencies, 0.95):.1f} ms  "
          f"p99 {percentile(latencies, 0.99):.1f} ms  mean {statistics.mean(latencies) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
