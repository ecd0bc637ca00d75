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
