"""Crawling the local government site: discovery, manners, traps, and what a re-crawl records."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from crawl.conftest import fast_crawl_settings
from crawl.govsite import COLUMN, EXPECTED_DOCUMENTS, LocalGovSite, build_site, report_html, seed_text
from indexer.archive import open_archive
from indexer.archive.status import batch_statuses
from indexer.crawl.crawler import Crawler, CrawlReport
from indexer.settings import Settings


def crawl_once(settings, site, batch="sites") -> CrawlReport:
    """Crawl the site's first listing page into the batch."""
    catalog, store = open_archive(settings)
    try:
        return Crawler(catalog, store, settings, [site.url(COLUMN + "index.html")]).run(batch)
    finally:
        catalog.close()


def frontier_outcomes(settings, run_id) -> dict[str, tuple[str, str | None]]:
    """(outcome, reason) of every URL path of a crawl run."""
    catalog, _ = open_archive(settings)
    rows = catalog.conn.execute("SELECT url, outcome, reason FROM frontier WHERE run_id = ?", (run_id,)).fetchall()
    catalog.close()
    return {urlsplit(r["url"]).path: (r["outcome"], r["reason"]) for r in rows}


def archived_paths(settings) -> set[str]:
    """URL paths of every source of every archived document."""
    catalog, _ = open_archive(settings)
    paths = {urlsplit(s.url).path for d in catalog.iter_documents() for s in d.sources}
    catalog.close()
    return paths


@dataclass(frozen=True)
class Crawled:
    """A site after one crawl: what the server saw and what the catalog holds."""

    site: LocalGovSite
    settings: Settings
    report: CrawlReport
    frontier: dict[str, tuple[str, str | None]]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One crawl of a fresh site, shared by the tests that only read its results."""
    site = build_site().start()
    settings = fast_crawl_settings(tmp_path_factory.mktemp("crawl") / "var")
    report = crawl_once(settings, site)
    yield Crawled(site, settings, report, frontier_outcomes(settings, report.run_id))
    site.stop()


@pytest.fixture
def recrawl_site(site, crawl_settings):
    """A fresh site crawled once, for tests that change it and crawl again."""
    crawl_once(crawl_settings, site)
    return site


def test_the_crawl_archives_every_report_page_and_attachment_of_both_listing_pages(crawled):
    assert crawled.report.finished
    assert archived_paths(crawled.settings) == EXPECTED_DOCUMENTS


def test_pagination_from_the_list_script_and_the_pager_reaches_page_two_once(crawled):
    assert crawled.frontier[COLUMN + "index_1.html"] == ("listed", None)
    assert crawled.site.requests_to(COLUMN + "index_1.html") == [200]


def test_links_that_are_not_reports_or_off_domain_are_never_queued(crawled):
    assert COLUMN + "gsgg/t1.htm" not in crawled.frontier
    assert "/zwgk/zfxxgk/zfxxgkzn/" not in crawled.frontier
    assert "/2023.htm" not in crawled.frontier  # the example.org report link


def test_robots_txt_disallow_is_obeyed(crawled):
    assert crawled.frontier["/private/2023.htm"] == ("skipped", "robots_disallowed")
    assert crawled.site.requests_to("/private/2023.htm") == []


def test_a_503_is_retried_until_the_page_recovers(crawled):
    path = COLUMN + "202401/t20240115_9.htm"
    assert crawled.site.requests_to(path) == [503, 200]
    assert path in archived_paths(crawled.settings)


def test_a_redirect_is_followed_and_the_report_kept_under_the_linked_url(crawled):
    assert crawled.site.requests_to(COLUMN + "202001/t20200120_6.htm") == [200]
    assert COLUMN + "old/2019.htm" in archived_paths(crawled.settings)


def test_a_404_and_a_slow_page_fail_with_their_reasons(crawled):
    assert crawled.frontier[COLUMN + "201812/t20181201_7.htm"] == ("failed", "http_404")
    assert crawled.frontier[COLUMN + "201901/t20190110_8.htm"] == ("failed", "timeout")
    fetch_failures = {urlsplit(url).path for url, _, reason in crawled.report.problems
                      if reason.startswith("http_") or reason == "timeout"}
    assert fetch_failures == {COLUMN + "201812/t20181201_7.htm", COLUMN + "201901/t20190110_8.htm"}


def test_a_gbk_report_page_is_archived_byte_for_byte(crawled):
    catalog, store = open_archive(crawled.settings)
    path = COLUMN + "202302/t20230220_2.htm"
    [document] = [d for d in catalog.iter_documents() if any(s.url.endswith(path) for s in d.sources)]
    assert store.read(document.sha256) == crawled.site.routes[path].body
    assert "沙镇镇".encode("gbk") in store.read(document.sha256)
    assert document.sources[0].content_type == "text/html; charset=gbk"
    assert document.sources[0].etag
    catalog.close()


def test_attachments_are_sniffed_as_pdf_and_docx(crawled):
    catalog, _ = open_archive(crawled.settings)
    types = {d.filename: d.media_type for d in catalog.iter_documents()}
    assert types["P020220208_4.pdf"] == "application/pdf"
    assert types["W020210305_5.docx"].endswith("wordprocessingml.document")
    catalog.close()


def test_a_recrawl_uses_conditional_get_and_records_changed_and_vanished_reports(recrawl_site, crawl_settings):
    site = recrawl_site
    changed, gone = COLUMN + "202403/t20240308_1.htm", COLUMN + "202503/t20250310_3.htm"
    site.routes[changed].body = report_html("潘庄镇2023年度政府信息公开工作年度报告",
                                            seed_text(0) + "\n（本报告于次年修订。）")
    del site.routes[gone]
    report = crawl_once(crawl_settings, site)
    frontier = frontier_outcomes(crawl_settings, report.run_id)
    assert frontier[changed] == ("new_version", None)
    assert frontier[gone] == ("vanished", "http_404")
    assert frontier[COLUMN + "202302/t20230220_2.htm"] == ("unchanged", "not_modified")
    assert site.requests_to(COLUMN + "202302/t20230220_2.htm") == [200, 304]  # If-None-Match
    assert site.requests_to(COLUMN + "202202/P020220208_4.pdf") == [200, 304]  # If-Modified-Since
    catalog, _ = open_archive(crawl_settings)
    versions = [d for d in catalog.iter_documents() if any(s.url.endswith(changed) for s in d.sources)]
    old, new = sorted(versions, key=lambda d: d.sources[0].version)
    assert old.superseded_by == new.sha256 and new.superseded_by is None
    assert catalog.location_row(site.url(gone))["state"] == "vanished"
    [status] = batch_statuses(catalog)
    assert (status.superseded, status.vanished) == (1, 1)
    catalog.close()


def test_a_second_crawl_of_an_unchanged_site_archives_nothing_new(recrawl_site, crawl_settings):
    catalog, _ = open_archive(crawl_settings)
    before = list(catalog.conn.execute("SELECT sha256 FROM documents ORDER BY sha256"))
    catalog.close()
    report = crawl_once(crawl_settings, recrawl_site)
    assert report.outcomes.get("new", 0) == report.outcomes.get("new_version", 0) == 0
    catalog, _ = open_archive(crawl_settings)
    assert list(catalog.conn.execute("SELECT sha256 FROM documents ORDER BY sha256")) == before
    catalog.close()


def test_a_crawl_stopped_by_the_page_limit_is_resumed_by_the_next_one(site, crawl_settings):
    limited = crawl_settings.replace(crawl_max_pages=3)
    first = crawl_once(limited, site)
    assert not first.finished and sum(first.outcomes.values()) == 3
    second = crawl_once(crawl_settings, site)
    assert second.resumed and second.finished and second.run_id == first.run_id
    assert archived_paths(crawl_settings) == EXPECTED_DOCUMENTS
