"""The crawl of bench_scrapy_compare.py written as a Scrapy spider (fetch and save only, no parse).

It makes the same link decisions as our crawler (indexer.crawl.links, which needs only lxml)
and runs with the same manners: robots.txt obeyed, one request at a time per host with a
fixed delay, retries, a timeout and a size limit. Run with a Python that has Scrapy:
  /tmp/scrapy-venv/bin/python benchmarks/scrapy_spider.py --out DIR --delay 0.2 --hosts 4 SEED...
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import scrapy  # noqa: E402
from scrapy.crawler import CrawlerProcess  # noqa: E402

from indexer.crawl.links import classify_links  # noqa: E402


class GovSpider(scrapy.Spider):
    """Listing pages -> report pages and attachments -> attachments of report pages."""

    name = "gov"

    def __init__(self, seeds: list[str], out: str, **kwargs):
        super().__init__(**kwargs)
        self.seeds, self.out = seeds, Path(out)

    async def start(self):
        """The seeds, as listing pages."""
        for seed in self.seeds:
            yield scrapy.Request(seed, callback=self.listing)

    def listing(self, response):
        """Queue the reports, attachments and further pages of a listing."""
        links = classify_links(response.text, response.url)
        for url in links.reports + links.attachments:
            yield scrapy.Request(url, callback=self.document)
        for url in links.pages:
            yield scrapy.Request(url, callback=self.listing)

    def document(self, response):
        """Save the bytes under their SHA-256; follow a report page's attachments."""
        (self.out / hashlib.sha256(response.body).hexdigest()).write_bytes(response.body)
        if b"<html" in response.body[:2048].lower():
            for url in classify_links(response.text, response.url, True).attachments:
                yield scrapy.Request(url, callback=self.document)


def main() -> None:
    """Crawl the seeds and print the crawl's wall time (imports excluded), saved files and peak memory as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("seeds", nargs="+")
    args = parser.parse_args()
    Path(args.out).mkdir(parents=True, exist_ok=True)
    settings = {"ROBOTSTXT_OBEY": True, "DOWNLOAD_DELAY": args.delay, "RANDOMIZE_DOWNLOAD_DELAY": False,
                "CONCURRENT_REQUESTS": args.hosts, "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "RETRY_TIMES": 3,
                "DOWNLOAD_TIMEOUT": 20, "DOWNLOAD_MAXSIZE": 50 * 1024 * 1024, "LOG_LEVEL": "WARNING",
                "TELNETCONSOLE_ENABLED": False, "USER_AGENT": "NianbaoBot/0.1"}
    started = time.perf_counter()
    process = CrawlerProcess(settings)
    process.crawl(GovSpider, seeds=args.seeds, out=args.out)
    process.start()
    print(json.dumps({"seconds": time.perf_counter() - started, "files": len(list(Path(args.out).iterdir())),
                      "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
