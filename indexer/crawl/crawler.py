"""The crawl loop: fetch frontier URLs politely (several hosts at once), archive or follow each, commit."""

from __future__ import annotations

import sqlite3
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Callable

from indexer.archive import ArchiveStore, Catalog, FetchMeta
from indexer.crawl.attachments import record_pairs
from indexer.crawl.decode import decode_html
from indexer.crawl.errors import FetchError
from indexer.crawl.fetch import Fetcher, FetchResult
from indexer.crawl.frontier import DOCUMENT, LISTING, Frontier, FrontierItem
from indexer.crawl.links import classify_links
from indexer.crawl.safety import UrlPolicy, host_of
from indexer.crawl.warc import CrawlWarcWriter
from indexer.ingest.inputs import url_item
from indexer.ingest.pipeline import ItemResult, Pipeline
from indexer.settings import Settings

_GONE = (404, 410)


@dataclass(frozen=True)
class CrawlReport:
    """The result of one crawl run: counts per outcome and the failed or skipped URLs with reasons."""

    run_id: int
    resumed: bool
    finished: bool
    outcomes: dict[str, int]
    problems: tuple[tuple[str, str, str], ...]
    warc_files: tuple[str, ...] = ()


class Crawler:
    """Crawls one batch from its seeds; state lives in the catalog, so it resumes after a kill."""

    def __init__(self, catalog: Catalog, store: ArchiveStore, settings: Settings, seeds: list[str]):
        self.catalog = catalog
        self.settings = settings
        self.seeds = seeds
        self.policy = UrlPolicy.for_seeds(seeds, settings.crawl_allowed_domains, settings.crawl_allow_private)
        self.fetcher = Fetcher(settings, self.policy)
        self.pipeline = Pipeline(catalog, store)

    def run(self, batch: str, on_item: Callable[[FrontierItem], None] | None = None) -> CrawlReport:
        """Crawl until the frontier is empty (or crawl_max_pages URLs are handled).

        Up to crawl_concurrency hosts are fetched at once, each host by one thread at a time
        (so its crawl delay holds); everything that writes (catalog, archive, frontier) runs
        here, in the calling thread, one fetched URL after another. A URL fetched but not yet
        recorded when the process dies is still pending, and is fetched again on resume.
        """
        frontier, resumed = Frontier.open(self.catalog, batch, self.seeds)
        warc = CrawlWarcWriter(self.settings, batch, frontier.run_id) if self.settings.crawl_warc else None
        self.fetcher.recorder = warc.record if warc is not None else None
        try:
            self._crawl(batch, frontier, on_item)
        finally:
            if warc is not None:
                warc.close()
        finished = frontier.next_pending() is None
        if finished:
            frontier.finish()
        return CrawlReport(frontier.run_id, resumed, finished, frontier.outcomes(), self._problems(frontier),
                           tuple(str(path) for path in warc.files) if warc is not None else ())

    def _crawl(self, batch: str, frontier: Frontier, on_item: Callable[[FrontierItem], None] | None) -> None:
        """Fetch and handle frontier URLs until none is left or the page limit is reached."""
        workers = max(1, self.settings.crawl_concurrency)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crawl-fetch") as pool:
            in_flight: dict[Future, tuple[FrontierItem, sqlite3.Row | None]] = {}
            while True:
                room = min(workers, self.settings.crawl_max_pages - frontier.handled()) - len(in_flight)
                if room > 0:
                    busy = {host_of(item.url) for item, _known in in_flight.values()}
                    for item in frontier.next_per_host(room, busy):
                        known = self.catalog.location_row(item.url) if item.kind == DOCUMENT else None
                        in_flight[pool.submit(self.fetcher.fetch, item.url, *_validators(known))] = (item, known)
                if not in_flight:
                    break
                fetched, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in fetched:
                    item, known = in_flight.pop(future)
                    self._handle(batch, frontier, item, known, future)
                    if on_item is not None:
                        on_item(item)

    def _handle(self, batch: str, frontier: Frontier, item: FrontierItem, known: sqlite3.Row | None,
                fetched: Future) -> None:
        """Record one fetched URL; a fetch error is recorded against the URL and never stops the crawl."""
        try:
            result = fetched.result()
            if item.kind == LISTING:
                self._listing(frontier, item, result, batch)
            else:
                self._document(batch, frontier, item, known, result)
        except FetchError as error:
            with self.catalog.transaction():
                if not error.skipped:
                    self.catalog.record_error(batch, item.url, error.reason, error.message)
                frontier.done(item.url, "skipped" if error.skipped else "failed", error.reason)

    def _listing(self, frontier: Frontier, item: FrontierItem, result: FetchResult, batch: str) -> None:
        """Queue the reports, attachments and further pages a fetched listing page links."""
        if result.status != 200:
            self._failed_status(batch, frontier, item, result)
            return
        links = classify_links(decode_html(result.body, result.content_type), result.url)
        with self.catalog.transaction():
            for url in links.reports + links.attachments:
                self._queue(frontier, url, DOCUMENT, item.depth + 1)
            for url in links.pages:
                self._queue(frontier, url, LISTING, item.depth + 1)
            frontier.done(item.url, "listed", None, result.status)

    def _document(self, batch: str, frontier: Frontier, item: FrontierItem, known: sqlite3.Row | None,
                  result: FetchResult) -> None:
        """Archive a fetched report page or attachment if it changed; note one that vanished."""
        if result.not_modified:
            frontier.done(item.url, "unchanged", "not_modified", result.status)
        elif result.status in _GONE and known is not None:
            with self.catalog.transaction():
                self.catalog.mark_vanished(item.url, result.fetched_at)
                frontier.done(item.url, "vanished", f"http_{result.status}", result.status)
        elif result.status != 200:
            self._failed_status(batch, frontier, item, result)
        else:
            self._archive(batch, frontier, item, result)

    def _archive(self, batch: str, frontier: Frontier, item: FrontierItem, result: FetchResult) -> None:
        """Archive and parse a fetched document; queue the attachments a report page links."""
        meta = FetchMeta(item.url, result.fetched_at, result.status, result.etag, result.last_modified,
                         result.content_type, url_item(item.url).filename)

        def bookkeeping(outcome: ItemResult) -> None:
            # Runs inside the item's transaction: document, page/attachment pairs, new links and the
            # done mark commit together.
            attachments = (record_pairs(self.catalog, item.url, result.body, outcome.sha256, result.content_type)
                           if outcome.sha256 else ())
            for url in attachments:
                self._queue(frontier, url, DOCUMENT, item.depth + 1)
            frontier.done(item.url, outcome.outcome, outcome.reason, result.status)

        self.pipeline.process(batch, meta, result.body, also=bookkeeping)

    def _queue(self, frontier: Frontier, url: str, kind: str, depth: int) -> None:
        """Queue a URL if it is on an allowed domain (addresses are checked when it is fetched)."""
        if self.policy.domain_allowed(url):
            frontier.add(url, kind, depth)

    def _failed_status(self, batch: str, frontier: Frontier, item: FrontierItem, result: FetchResult) -> None:
        """Record a URL that answered with an unusable HTTP status."""
        reason = f"http_{result.status}"
        with self.catalog.transaction():
            self.catalog.record_error(batch, item.url, reason, f"HTTP {result.status} from {item.url}")
            frontier.done(item.url, "failed", reason, result.status)

    def _problems(self, frontier: Frontier) -> tuple[tuple[str, str, str], ...]:
        """(url, outcome, reason) of every failed or skipped URL of the run."""
        rows = self.catalog.conn.execute(
            "SELECT url, outcome, reason FROM frontier WHERE run_id = ? AND outcome IN ('failed', 'skipped')"
            " ORDER BY seq",
            (frontier.run_id,),
        )
        return tuple((row["url"], row["outcome"], row["reason"] or "") for row in rows)


def _validators(known: sqlite3.Row | None) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) for a conditional GET of a URL whose live copy is archived."""
    if known is None or known["state"] != "live":
        return None, None
    return known["etag"], known["last_modified"]
