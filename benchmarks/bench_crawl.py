"""Crawl throughput against a local site on 127.0.0.1 with politeness off, in pages/s.

The site has LISTINGS listing pages (pager links and a createPageHTML script) of 10 report
pages each; every report page is fetched, archived and parsed. A second crawl measures the
re-crawl path (conditional GET answered 304, nothing parsed). A third phase serves HOSTS such
sites on as many loopback addresses (127.0.0.1, 127.0.0.2, ...: distinct hosts to the
crawler) with a per-host crawl delay, and crawls them one host at a time, then with
crawl_concurrency = HOSTS.
Run: .venv/bin/python benchmarks/bench_crawl.py [--listings 20] [--hosts 4] [--delay 0.2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from crawl.govsite import COLUMN, LocalGovSite, Response, listing_html, report_html, seed_text  # noqa: E402
from indexer.archive import open_archive  # noqa: E402
from indexer.crawl.crawler import Crawler  # noqa: E402
from indexer.settings import load_settings  # noqa: E402


def build(listings: int, host: str = "127.0.0.1", first: int = 0) -> LocalGovSite:
    """A site of `listings` pages of ten distinct report pages each (numbered from `first`)."""
    site = LocalGovSite(host)
    for page in range(listings):
        entries = []
        for row in range(10):
            number = first + page * 10 + row
            title = f"第{number}镇{2015 + number % 10}年度政府信息公开工作年度报告"
            path = f"{COLUMN}r/t{number}.htm"
            site.routes[path] = Response(200, report_html(title, seed_text(number % 5) + f"\n编号{number}"))
            entries.append((f"./r/t{number}.htm", title))
        pager = f'<script>createPageHTML({listings}, {page}, "index", "html");</script>'
        name = "index.html" if page == 0 else f"index_{page}.html"
        site.routes[COLUMN + name] = Response(200, listing_html(entries, pager).replace(b"recordCount", b"records"))
    return site


def run(listings: int) -> None:
    """Crawl the site twice and print pages/s for each crawl."""
    site = build(listings).start()
    try:
        with tempfile.TemporaryDirectory() as temp:
            settings = load_settings(env={}, data_dir=temp, crawl_allow_private=True, crawl_delay_seconds=0.0)
            for label in ("first crawl", "re-crawl (304s)"):
                catalog, store = open_archive(settings)
                start = time.perf_counter()
                report = Crawler(catalog, store, settings, [site.url(COLUMN + "index.html")]).run("bench")
                elapsed = time.perf_counter() - start
                catalog.close()
                pages = sum(report.outcomes.values())
                print(f"{label}: {pages} pages in {elapsed:.2f} s = {pages / elapsed:.1f} pages/s  {report.outcomes}")
    finally:
        site.stop()


def run_hosts(hosts: int, listings: int, delay: float) -> None:
    """Crawl `hosts` polite sites one host at a time, then all at once; print pages/s of each."""
    sites = [build(listings, f"127.0.0.{n + 1}", first=1000 * n).start() for n in range(hosts)]
    try:
        seeds = [site.url(COLUMN + "index.html") for site in sites]
        for concurrency in (1, hosts):
            with tempfile.TemporaryDirectory() as temp:
                settings = load_settings(env={}, data_dir=temp, crawl_allow_private=True, crawl_delay_seconds=delay,
                                         crawl_concurrency=concurrency)
                catalog, store = open_archive(settings)
                start = time.perf_counter()
                report = Crawler(catalog, store, settings, seeds).run("bench")
                elapsed = time.perf_counter() - start
                catalog.close()
            pages = sum(report.outcomes.values())
            print(f"{hosts} hosts, {delay:g} s delay, concurrency {concurrency}: {pages} pages in {elapsed:.2f} s"
                  f" = {pages / elapsed:.1f} pages/s  {report.outcomes}")
    finally:
        for site in sites:
            site.stop()


def main() -> None:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listings", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--host-listings", type=int, default=2, help="listing pages per host in the polite phase")
    parser.add_argument("--delay", type=float, default=0.2, help="crawl delay per host in the polite phase")
    args = parser.parse_args()
    run(args.listings)
    run_hosts(args.hosts, args.host_listings, args.delay)


if __name__ == "__main__":
    main()
