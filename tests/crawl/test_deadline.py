"""A fetch that trickles its answer is cut at the overall per-fetch deadline; the crawl goes on."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from crawl.conftest import fast_crawl_settings
from crawl.govsite import COLUMN, LocalGovSite, Response, listing_html, report_html, seed_text
from indexer.archive import open_archive
from indexer.crawl.crawler import Crawler

GAP = 0.1         # seconds between two bytes: far below the read timeout, so reads never time out
DEADLINE = 2.0    # seconds one fetch may take in all
TRICKLE_BODY = b"<html><body>" + b"x" * 300 + b"</body></html>"  # ~40 s at one byte per GAP


def _site(body_only: bool) -> LocalGovSite:
    """A listing with two good report pages and one page whose answer trickles byte by byte."""
    site = LocalGovSite()
    entries = []
    for number, name in enumerate(("trickle", "good1", "good2")):
        path = f"{COLUMN}{name}.htm"
        title = f"某镇{2021 + number}年度政府信息公开工作年度报告"
        site.routes[path] = Response(200, report_html(title, seed_text(number)))
        entries.append((f"./{name}.htm", title))
    site.routes[COLUMN + "trickle.htm"] = Response(200, TRICKLE_BODY, etag=False)
    site.trickle[COLUMN + "trickle.htm"] = GAP
    if body_only:
        site.trickle_body_only.add(COLUMN + "trickle.htm")
    site.routes[COLUMN + "index.html"] = Response(200, listing_html(entries).replace(b"recordCount", b"records"))
    return site


@pytest.mark.parametrize("body_only", [False, True], ids=["headers-trickle", "body-trickles"])
def test_a_trickling_fetch_fails_at_the_deadline_with_a_plain_reason_and_the_crawl_goes_on(tmp_path, body_only):
    site = _site(body_only).start()
    try:
        settings = fast_crawl_settings(tmp_path / "var", crawl_timeout_seconds=2.0,
                                       crawl_fetch_deadline_seconds=DEADLINE)
        catalog, store = open_archive(settings)
        report = Crawler(catalog, store, settings, [site.url(COLUMN + "index.html")]).run("trickle")
        rows = catalog.conn.execute("SELECT url, outcome, reason FROM frontier").fetchall()
        errors = catalog.conn.execute("SELECT location, reason, message FROM errors").fetchall()
        catalog.close()
    finally:
        site.stop()
    outcomes = {urlsplit(row["url"]).path: (row["outcome"], row["reason"]) for row in rows}
    # The server notices the cut connection on its next write.
    waited = time.monotonic()
    while COLUMN + "trickle.htm" not in site.trickled and time.monotonic() - waited < 10:
        time.sleep(0.05)
    assert outcomes[COLUMN + "trickle.htm"] == ("failed", "deadline_exceeded")
    # The server got out only the first two seconds or so of its ~40 seconds of bytes.
    assert site.trickled[COLUMN + "trickle.htm"] < 0.3 * (len(TRICKLE_BODY) + 80)
    [error] = [e for e in errors if e["location"].endswith("trickle.htm")]
    assert "longer than the 2 s allowed for one fetch" in error["message"]
    assert report.finished
    assert {path: outcome for path, outcome in outcomes.items() if "good" in path} == {
        COLUMN + "good1.htm": ("new", None), COLUMN + "good2.htm": ("new", None)}

