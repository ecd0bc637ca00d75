"""Our crawler against the same crawl written for Scrapy, on the local sites of bench_crawl.py.

HOSTS sites on 127.0.0.1..N (22 pages each: 2 listings, 20 report pages), a DELAY per host,
one request at a time per host, HOSTS hosts at once. Each crawler runs in its own process;
the servers log every request, so the per-host gaps (politeness) are measured the same way
for both. Ours archives, parses and catalogs every page; the Scrapy spider only saves bytes.
Also measured: the cost of importing each stack.
Run: .venv/bin/python benchmarks/bench_scrapy_compare.py --scrapy-python /tmp/scrapy-venv/bin/python
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_crawl import build  # noqa: E402

# Imports and the parser's one-off loading (gazetteer, dictionaries: one seed parsed) first, then
# only the crawl is timed, as in the Scrapy spider.
OURS = ("import glob, json, resource, sys, time; from analyzers.report import parse_report;"
        " parse_report(open(sorted(glob.glob(sys.argv[2] + '/*.txt'))[0], 'rb').read(), filename='seed.txt');"
        " from indexer.archive import open_archive;"
        " from indexer.crawl.crawler import Crawler; from indexer.settings import load_settings;"
        " settings = load_settings(); catalog, store = open_archive(settings); t = time.perf_counter();"
        " Crawler(catalog, store, settings, open(sys.argv[1]).read().split()).run('bench');"
        " print(json.dumps({'seconds': time.perf_counter() - t, 'max_rss_mb':"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
IMPORTS = {"ours": "import indexer.crawl.crawler", "scrapy": "import scrapy.crawler, twisted.internet.reactor"}
RSS = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"


def gaps(sites) -> list[float]:
    """Every gap between two consecutive request arrivals at the same host, sorted."""
    found = []
    for site in sites:
        times = site.arrival_times()
        found.extend(later - earlier for earlier, later in zip(times, times[1:]))
    return sorted(found)


def run_ours(seeds: list[str], delay: float, hosts: int) -> dict:
    """Our crawler through `nianbao crawl` in a child process."""
    with tempfile.TemporaryDirectory() as temp:
        seeds_file = Path(temp) / "seeds.txt"
        seeds_file.write_text("\n".join(seeds) + "\n")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NIANBAO_DATA_DIR": temp, "NIANBAO_CRAWL_ALLOW_PRIVATE": "1",
               "NIANBAO_CRAWL_DELAY_SECONDS": str(delay), "NIANBAO_CRAWL_CONCURRENCY": str(hosts)}
        done = subprocess.run([sys.executable, "-c", OURS, str(seeds_file), str(ROOT / "data" / "seeds")], env=env, capture_output=True,
                              text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_scrapy(python: str, seeds: list[str], delay: float, hosts: int) -> dict:
    """The Scrapy spider in a child process with the given interpreter."""
    with tempfile.TemporaryDirectory() as temp:
        done = subprocess.run([python, str(ROOT / "benchmarks" / "scrapy_spider.py"), "--out", temp, "--delay",
                               str(delay), "--hosts", str(hosts), *seeds], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_cost(python: str, which: str) -> str:
    """Seconds and peak MB of a fresh interpreter importing one stack."""
    code = f"import time; t = time.perf_counter(); {IMPORTS[which]}; s = time.perf_counter() - t; {RSS.replace('print(', 'print(round(s, 2), ')}"
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds, megabytes = done.stdout.split()
    return f"{seconds} s, {float(megabytes):.0f} MB"


def main() -> None:
    """Run both crawls on fresh sites and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scrapy-python", required=True, help="a Python with Scrapy installed")
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--delay", type=float, default=0.2)
    args = parser.parse_args()
    for name in ("ours", "scrapy"):
        sites = [build(2, f"127.0.0.{n + 1}", first=1000 * n).start() for n in range(args.hosts)]
        try:
            seeds = [site.url("/zwgk/zfxxgk/zfxxgknb/index.html") for site in sites]
            result = (run_ours(seeds, args.delay, args.hosts) if name == "ours"
                      else run_scrapy(args.scrapy_python, seeds, args.delay, args.hosts))
            requests = sum(len(site.log) for site in sites)
            spacing = gaps(sites)
        finally:
            for site in sites:
                site.stop()
        python = sys.executable if name == "ours" else args.scrapy_python
        print(f"{name}: {requests} requests in {result['seconds']:.2f} s, peak {result['max_rss_mb']:.0f} MB,"
              f" per-host gaps min {spacing[0]:.3f} / median {spacing[len(spacing) // 2]:.3f} s (delay {args.delay}),"
              f" import {import_cost(python, name)}")


if __name__ == "__main__":
    main()
