"""One item through the pipeline: bytes -> archive -> parse -> one catalog transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from analyzers.version import PARSER_VERSION
from indexer.archive import ArchiveStore, Catalog, FetchMeta, ParseRecord, sha256_hex
from indexer.archive.media import sniff_media_type
from indexer.ingest.parsing import outcome_of, parse_bytes

OUTCOMES = ("new", "unchanged", "new_version", "not_a_report", "failed")


@dataclass(frozen=True)
class ItemResult:
    """What happened to one input: its outcome label, hash (if archived) and failure reason."""

    location: str
    outcome: str
    sha256: str | None = None
    reason: str | None = None
    message: str | None = None


@dataclass
class Summary:
    """Running counts of a batch plus the reasons of its failures."""

    counts: Counter = field(default_factory=Counter)
    failures: list[ItemResult] = field(default_factory=list)
    skipped: list[ItemResult] = field(default_factory=list)

    def add(self, result: ItemResult) -> None:
        """Count one item (and keep it if it failed or was skipped as not a report)."""
        self.counts[result.outcome] += 1
        if result.outcome == "failed":
            self.failures.append(result)
        elif result.outcome == "not_a_report":
            self.skipped.append(result)

    def as_dict(self) -> dict[str, int]:
        """Counts of every outcome, zeros included, in summary order."""
        labels = list(OUTCOMES) + sorted(set(self.counts) - set(OUTCOMES))
        return {label: self.counts.get(label, 0) for label in labels}


class Pipeline:
    """Archives and catalogs bytes for a batch; idempotent per (batch, location, bytes)."""

    def __init__(self, catalog: Catalog, store: ArchiveStore):
        self.catalog = catalog
        self.store = store

    def process(self, batch: str, meta: FetchMeta, data: bytes,
                also: Callable[[ItemResult], None] | None = None) -> ItemResult:
        """Archive, parse and catalog one item's bytes in one transaction; re-runs change nothing.

        `also` runs inside that transaction, so a caller's own bookkeeping (the crawl
        frontier) commits together with the item or not at all.
        """
        digest = sha256_hex(data)
        stored_parse = self._current_parse(digest)
        if stored_parse is not None and self.catalog.in_batch(batch, meta.location, digest):
            # Nothing to write; a file that failed before fails again, with the reason it
            # was recorded with, so a re-run never hides a broken file as "unchanged".
            outcome = "unchanged" if stored_parse.ok else outcome_of("unchanged", stored_parse)
            result = ItemResult(meta.location, outcome, digest, stored_parse.error_reason, stored_parse.error_message)
            if also is not None:
                with self.catalog.transaction():
                    also(result)
            return result
        # Known bytes keep their parse by this parser version; only unseen bytes are parsed.
        parse = stored_parse or parse_bytes(digest, data, meta.filename)
        # The blob lands (atomically) before the catalog row that points at it.
        self.store.put(data)
        with self.catalog.transaction():
            store_outcome = self.catalog.classify(meta.location, digest).outcome
            outcome = outcome_of(store_outcome, parse)
            self.catalog.record_item(batch, meta, digest, len(data), sniff_media_type(data), outcome)
            self.catalog.record_parse(digest, parse.parser_version, parse.report,
                                      parse.error_reason, parse.error_message)
            if outcome == "failed":
                self.catalog.record_error(batch, meta.location, parse.error_reason or "failed",
                                          parse.error_message or "")
            result = ItemResult(meta.location, outcome, digest, parse.error_reason, parse.error_message)
            if also is not None:
                also(result)
        return result

    def fail(self, batch: str, location: str, reason: str, message: str) -> ItemResult:
        """Record an item whose bytes could not be obtained at all."""
        self.catalog.record_error(batch, location, reason, message)
        return ItemResult(location, "failed", None, reason, message)

    def _current_parse(self, digest: str) -> ParseRecord | None:
        """A stored parse of these bytes by the running parser version, if any."""
        return self.catalog.latest_parse(digest, PARSER_VERSION)
