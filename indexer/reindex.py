"""Fill the search index from the catalog and archive, or from already-parsed reports.

`reindex` re-parses archived originals with the current parser, builds a complete new
index beside the live one and swaps it in atomically; `index_catalog` adds or replaces
documents in the live index. One bad document never stops a run: it is counted with its
reason in the summary (and recorded in the catalog as a failed parse).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from analyzers.errors import ReportError
from analyzers.version import PARSER_VERSION
from indexer.archive import ArchiveError, ArchiveStore, Catalog, CatalogDocument
from indexer.backends import BulkReport, SearchBackend
from indexer.crawl.attachments import pair_for_index
from indexer.documents import build_index_document

Progress = Callable[[int], None]


@dataclass
class RunTally:
    """Mutable counts gathered while documents stream into an engine."""

    parsed: int = 0
    reused: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class IndexSummary:
    """What an index or reindex run did, for the closing summary."""

    documents: int
    parsed: int
    reused: int
    indexed: int
    parse_failures: tuple[tuple[str, str], ...]
    index_failures: tuple[tuple[str, str], ...]
    index_name: str
    seconds: float
    swapped: bool


def provenance_of(document: CatalogDocument) -> dict[str, Any]:
    """Provenance stored with a report: its latest source, hash, batches and version state."""
    latest = document.sources[-1] if document.sources else None
    return {
        "url": latest.url if latest else None,
        "fetched_at": latest.fetched_at if latest else None,
        "first_fetched_at": document.sources[0].fetched_at if document.sources else None,
        "archived_at": document.archived_at or None,
        "sha256": document.sha256,
        "size": document.size,
        "media_type": document.media_type,
        "filename": document.filename,
        "batch": document.batches[-1] if document.batches else None,
        "batches": list(document.batches),
        "superseded": document.superseded_by is not None,
        "superseded_by": document.superseded_by,
    }


def parsed_report(
    catalog: Catalog, store: ArchiveStore, document: CatalogDocument, reparse: bool, tally: RunTally
) -> dict | None:
    """The report of one document: a stored parse by this parser version, or a fresh parse."""
    if not reparse:
        record = catalog.latest_parse(document.sha256, PARSER_VERSION)
        if record is not None and record.ok:
            tally.reused += 1
            return record.report
    from analyzers.report import parse_report  # the parser is heavy; import it only when parsing

    try:
        report = parse_report(store.read(document.sha256), document.filename).to_dict()
    except ReportError as error:
        catalog.record_parse(document.sha256, PARSER_VERSION, None, error.reason, str(error))
        tally.failures.append((document.report_id, f"{error.reason}: {error}"))
        return None
    except ArchiveError as error:
        tally.failures.append((document.report_id, f"archive: {error}"))
        return None
    catalog.record_parse(document.sha256, PARSER_VERSION, report, None, None)
    tally.parsed += 1
    return report


def catalog_documents(
    catalog: Catalog,
    store: ArchiveStore,
    documents: Iterable[CatalogDocument],
    reparse: Callable[[CatalogDocument], bool],
    tally: RunTally,
) -> Iterator[dict]:
    """Index documents of catalog entries, parsing where `reparse` says or no parse exists."""
    for document in documents:
        report = parsed_report(catalog, store, document, reparse(document), tally)
        if report is not None:
            # A page whose report is its attachment is left out; an attachment carries its page.
            report, provenance = pair_for_index(catalog, document, report, provenance_of(document))
        if report is not None:
            yield build_index_document(document.report_id, report, provenance)


def reindex(
    catalog: Catalog, store: ArchiveStore, backend: SearchBackend, batch: str | None = None, progress: Progress | None = None
) -> IndexSummary:
    """Re-parse the batch (every document when batch is None), rebuild the whole index, swap it in."""
    started, tally = time.perf_counter(), RunTally()
    entries = list(catalog.iter_documents())
    reparse = (lambda d: True) if batch is None else (lambda d: batch in d.batches)
    stream = _counting(catalog_documents(catalog, store, entries, reparse, tally), entries, progress, tally)
    report = backend.rebuild(stream)
    return _summary(len(entries), tally, report, started, swapped=True)


def index_catalog(
    catalog: Catalog, store: ArchiveStore, backend: SearchBackend, batch: str | None = None, progress: Progress | None = None
) -> IndexSummary:
    """Add or replace the batch's documents (all when None) in the live index, parsing only when needed."""
    started, tally = time.perf_counter(), RunTally()
    entries = list(catalog.iter_documents(batch))
    stream = _counting(catalog_documents(catalog, store, entries, lambda d: False, tally), entries, progress, tally)
    report = backend.index_documents(stream, raise_on_error=False)
    return _summary(len(entries), tally, report, started, swapped=False)


def _counting(stream: Iterator[dict], entries: list, progress: Progress | None, tally: RunTally) -> Iterator[dict]:
    """Pass documents on, ticking the progress bar once per catalog entry (parsed or failed)."""
    seen_failures = 0
    for document in stream:
        if progress:
            progress(1 + len(tally.failures) - seen_failures)
        seen_failures = len(tally.failures)
        yield document
    if progress:
        progress(len(tally.failures) - seen_failures)


def _summary(documents: int, tally: RunTally, report: BulkReport, started: float, swapped: bool) -> IndexSummary:
    """The closing summary of a run."""
    return IndexSummary(
        documents=documents, parsed=tally.parsed, reused=tally.reused, indexed=report.indexed,
        parse_failures=tuple(tally.failures), index_failures=report.failures, index_name=report.index_name,
        seconds=time.perf_counter() - started, swapped=swapped,
    )


def synthetic_documents(reports: Iterable[Any]) -> Iterator[dict]:
    """Index documents of synthetic reports (indexer.synth), from their truth, without parsing."""
    for report in reports:
        provenance = {"url": None, "sha256": None, "fetched_at": None, "batch": "synthetic", "superseded": False}
        yield build_index_document(report.report_id, report.truth, provenance)


def index_reports(
    backend: SearchBackend, pairs: Iterable[tuple[str, dict]], swap: bool = True, progress: Progress | None = None
) -> BulkReport:
    """Index already-parsed (report_id, report dict) pairs: a rebuild-and-swap, or an upsert."""
    provenance = {"url": None, "sha256": None, "fetched_at": None, "batch": None, "superseded": False}
    documents = (build_index_document(report_id, report, provenance) for report_id, report in pairs)
    if swap:
        return backend.rebuild(documents, progress)
    return backend.index_documents(documents, raise_on_error=False)
