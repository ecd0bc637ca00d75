"""`nianbao ingest`: run a list of inputs through the pipeline as one batch, item by item."""

from __future__ import annotations

from typing import Callable, Iterable

from indexer.archive import ArchiveStore, Catalog, FetchMeta, utc_now
from indexer.crawl.attachments import record_pairs
from indexer.crawl.errors import FetchError
from indexer.crawl.fetch import Fetcher
from indexer.crawl.safety import UrlPolicy
from indexer.ingest.inputs import InputItem
from indexer.ingest.pipeline import ItemResult, Pipeline, Summary
from indexer.settings import Settings


def file_problem(error: OSError) -> str:
    """What went wrong reading a file, in plain words (no exception name)."""
    if isinstance(error, IsADirectoryError):
        return "it is a folder"
    return (error.strerror or str(error) or "unknown problem").lower()


class IngestRunner:
    """Ingests files and URLs into a batch; every item commits alone, so a kill loses at most one."""

    def __init__(self, catalog: Catalog, store: ArchiveStore, settings: Settings):
        self.settings = settings
        self.catalog = catalog
        self.pipeline = Pipeline(catalog, store)
        self._fetcher: Fetcher | None = None

    def run(self, items: list[InputItem], batch: str,
            wrap: Callable[[Iterable[InputItem]], Iterable[InputItem]] = iter) -> Summary:
        """Ingest the items in order into the batch; `wrap` may add a progress bar."""
        self.catalog.ensure_batch(batch, "ingest")
        urls = [item.location for item in items if item.is_url]
        # URLs the user listed are explicit: their hosts form the allow-list, addresses still checked.
        policy = UrlPolicy.for_seeds(urls, self.settings.crawl_allowed_domains, self.settings.crawl_allow_private)
        self._fetcher = Fetcher(self.settings, policy) if urls else None
        summary = Summary()
        for item in wrap(items):
            summary.add(self.ingest_one(item, batch))
        return summary

    def ingest_one(self, item: InputItem, batch: str) -> ItemResult:
        """Ingest one file or URL; any failure becomes a recorded, reasoned 'failed' item."""
        try:
            data, meta = self._fetch(item) if item.is_url else self._read(item)
        except FetchError as error:
            return self.pipeline.fail(batch, item.location, error.reason, error.message)
        except OSError as error:
            return self.pipeline.fail(batch, item.location, "unreadable_file", f"cannot read the file: {file_problem(error)}")
        if meta.http_status not in (None, 200):
            return self.pipeline.fail(batch, item.location, f"http_{meta.http_status}",
                                      f"HTTP {meta.http_status} from {item.location}")
        # A page linking attachments is paired with them (indexer.crawl.attachments), as in a crawl.
        return self.pipeline.process(batch, meta, data, also=lambda result: record_pairs(
            self.catalog, item.location, data, result.sha256, meta.content_type) if result.sha256 else None)

    @staticmethod
    def _read(item: InputItem) -> tuple[bytes, FetchMeta]:
        """The bytes of a local file and their provenance."""
        with open(item.location, "rb") as handle:
            data = handle.read()
        return data, FetchMeta(item.location, utc_now(), filename=item.filename)

    def _fetch(self, item: InputItem) -> tuple[bytes, FetchMeta]:
        """The bytes of a URL and what its server said about them."""
        assert self._fetcher is not None
        result = self._fetcher.fetch(item.location)
        meta = FetchMeta(item.location, result.fetched_at, result.status, result.etag,
                         result.last_modified, result.content_type, item.filename)
        return result.body, meta
