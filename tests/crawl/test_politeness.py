"""The per-host delay, shown by the arrival times the server recorded."""

from __future__ import annotations

from crawl.conftest import fast_crawl_settings
from crawl.govsite import COLUMN, LocalGovSite, Response, listing_html, report_html
from indexer.archive import open_archive
from indexer.crawl.crawler import Crawler

DELAY = 0.3
# Arrival times carry the network and scheduling jitter of each request (a new connection
# versus a kept-alive one, a busy CPU); without any delay the gaps are a few milliseconds.
JITTER = 0.1


def _small_site() -> LocalGovSite:
    """A listing page with three report pages."""
    site = LocalGovSite()
    entries = []
    for year in (2021, 2022, 2023):
        path = f"{COLUMN}{year}/t{year}.htm"
        title = f"某镇{year}年度政府信息公开工作年度报告"
        site.routes[path] = Response(200, report_html(title, "一、总体情况\n本年度。"))
        entries.append((f"./{year}/t{year}.htm", title))
    site.routes[COLUMN + "index.html"] = Response(200, listing_html(entries).replace(b"recordCount", b"records"))
    return site


def test_requests_to_one_host_are_spaced_by_the_crawl_delay(tmp_path):
    site = _small_site().start()
    try:
        settings = fast_crawl_settings(tmp_path / "var", crawl_delay_seconds=DELAY)
        catalog, store = open_archive(settings)
        Crawler(catalog, store, settings, [site.url(COLUMN + "index.html")]).run("polite")
        catalog.close()
        times = site.arrival_times()
    finally:
        site.stop()
    assert len(times) == 5  # robots.txt, the listing, three reports
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    assert min(gaps) >= DELAY - JITTER


def _overlaps(spans: list[tuple[float, float]], others: list[tuple[float, float]]) -> int:
    """How many pairs of requests were being answered at the same moment."""
    return sum(1 for a in spans for b in others if a is not b and a[0] < b[1] and b[0] < a[1])


def _crawl_two_hosts(tmp_path, concurrency: int) -> tuple[LocalGovSite, LocalGovSite, dict]:
    """Crawl two small sites, one named 127.0.0.1 and one localhost, each answering in 0.1 s."""
    first, second = _small_site().start(), _small_site().start()
    try:
        for site in (first, second):
            site.pause = 0.1
        seeds = [first.url(COLUMN + "index.html"), f"http://localhost:{second.server.server_address[1]}{COLUMN}index.html"]
        settings = fast_crawl_settings(tmp_path / f"var{concurrency}", crawl_concurrency=concurrency)
        catalog, store = open_archive(settings)
        report = Crawler(catalog, store, settings, seeds).run("two-hosts")
        catalog.close()
    finally:
        first.stop()
        second.stop()
    return first, second, report.outcomes


def test_two_hosts_are_fetched_at_once_but_each_host_one_request_at_a_time(tmp_path):
    first, second, outcomes = _crawl_two_hosts(tmp_path, concurrency=4)
    assert outcomes["listed"] == 2 and sum(outcomes.values()) == 8  # both listings and their six pages
    assert len(first.spans) == len(second.spans) == 5
    assert _overlaps(first.spans, second.spans) > 0  # the hosts were served side by side
    assert _overlaps(first.spans, first.spans) == 0 and _overlaps(second.spans, second.spans) == 0


def test_a_concurrency_of_one_fetches_one_url_at_a_time(tmp_path):
    first, second, outcomes = _crawl_two_hosts(tmp_path, concurrency=1)
    assert outcomes["listed"] == 2 and sum(outcomes.values()) == 8
    assert _overlaps(first.spans + second.spans, first.spans + second.spans) == 0
