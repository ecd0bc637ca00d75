"""The crawl loop: take the next frontier URL, fetch it politely, archive or follow it, commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from indexer.archive import ArchiveStore, Catalog, FetchMeta
from indexer.archive.media import HTML, sniff_media_type
from indexer.crawl.decode import decode_html
from indexer.crawl.errors import FetchError
from indexer.crawl.fetch import Fetcher, FetchResult
from indexer.crawl.frontier import DOCUMENT, LISTING, Frontier, FrontierItem
from indexer.crawl.links import classify_links
from indexer.crawl.safety import UrlPolicy
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
        """Crawl until the frontier is empty (or crawl_max_pages URLs are handled)."""
        frontier, resumed = Frontier.open(self.catalog, batch, self.seeds)
        while frontier.handled() < self.settings.crawl_max_pages:
            item = frontier.next_pending()
            if item is None:
                break
            self._handle(batch, frontier, item)
            if on_item is not None:
                on_item(item)
        finished = frontier.next_pending() is None
        if finished:
            frontier.finish()
        return CrawlReport(frontier.run_id, resumed, finished, frontier.outcomes(), self._problems(frontier))

    def _handle(self, batch: str, frontier: Frontier, item: FrontierItem) -> None:
        """Process one URL; a fetch error is recorded against the URL and never stops the crawl."""
        try:
            if item.kind == LISTING:
                self._listing(batch, frontier, item)
            else:
                self._document(batch, frontier, item)
        except FetchError as error:
            with self.catalog.transaction():
                if not error.skipped:
                    self.catalog.record_error(batch, item.url, error.reason, error.message)
                frontier.done(item.url, "skipped" if error.skipped else "failed", error.reason)

    def _listing(self, batch: str, frontier: Frontier, item: FrontierItem) -> None:
        """Fetch a listing page and queue the reports, attachments and further pages it links."""
        result = self.fetcher.fetch(item.url)
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

    def _document(self, batch: str, frontier: Frontier, item: FrontierItem) -> None:
        """Fetch a report page or attachment (conditionally when known) and archive what changed."""
        known = self.catalog.location_row(item.url)
        live = known is not None and known["state"] == "live"
        result = self.fetcher.fetch(item.url, known["etag"] if live else None,
                                    known["last_modified"] if live else None)
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
        attachments: tuple[str, ...] = ()
        if sniff_media_type(result.body) == HTML:
            attachments = classify_links(decode_html(result.body, result.content_type), result.url, True).attachments

        def bookkeeping(outcome: ItemResult) -> None:
            # Runs inside the item's transaction: document, new links and the done mark commit together.
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
