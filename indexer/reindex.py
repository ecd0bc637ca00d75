"""Fill the search index from the catalog and archive, or from already-parsed reports.

`reindex --all` re-parses archived originals with the current parser, builds a complete
new index beside the live one and swaps it in atomically; `reindex --batch` re-parses one
batch and replaces its documents in the live index, in time proportional to the batch
(a full rebuild only when there is no live index to update); `index_catalog` adds or
replaces documents in the live index. One bad document never stops a run: whatever goes wrong
with it (a typed parse error, a missing blob, any unexpected exception) is counted with
its file or URL and a plain reason, and the run goes on. Documents that are not reports
are counted as skipped, never as failures.
"""

from __future__ import annotations

import logging
import time
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from typing import Any, Callable, ContextManager, Iterable, Iterator

from analyzers.version import PARSER_VERSION
from indexer.archive import ArchiveError, ArchiveStore, Catalog, CatalogDocument, ParseRecord, SourceRecord
from indexer.backends import BulkReport, SearchBackend
from indexer.crawl.attachments import pair_for_index
from indexer.documents import build_index_document
from indexer.ingest.parsing import NOT_A_REPORT, parse_bytes, unexpected_reason
from indexer.ingest.workers import ParsePool, Parsed, Ticket, WorkersUnavailable, ahead
from indexer.search.errors import DocumentNotFound, EngineUnavailable, InvalidRequest
from indexer.years.fields import with_years
from indexer.years.sync import YearsFields, YearsStep, YearsSync, unanalysed

Progress = Callable[[int], None]
log = logging.getLogger(__name__)
MISSING = "missing"  # a prefetch found the archived blob unreadable
POOL_FROM = 200  # fewer documents to parse than this: parsed in-process (a pool costs ~1 s to start)


class NothingIndexed(Exception):
    """Every document of a rebuild failed: the new index would be empty, so it is not swapped in."""


@dataclass
class RunTally:
    """Mutable counts gathered while documents stream into an engine."""

    parsed: int = 0
    reused: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    locations: dict[str, str] = field(default_factory=dict)  # report id -> file or URL, for index failures
    unindexed: list[str] = field(default_factory=list)  # report ids that give no index document now
    parsed_ids: list[str] = field(default_factory=list)  # report ids parsed by this run (their years rows follow after)
    years: YearsFields | None = None  # adds each document's across-years fields (indexer.years.fields)


@dataclass(frozen=True)
class IndexSummary:
    """What an index or reindex run did, for the closing summary; problems name a file or URL."""

    documents: int
    parsed: int
    reused: int
    indexed: int
    skipped: tuple[tuple[str, str], ...]
    parse_failures: tuple[tuple[str, str], ...]
    index_failures: tuple[tuple[str, str], ...]
    index_name: str
    seconds: float
    swapped: bool
    in_place: bool = False  # a batch's documents replaced in the live index, no new build
    years: YearsSync | None = None  # the years step: reports analysed, other documents updated in place

    @property
    def failed(self) -> tuple[tuple[str, str], ...]:
        """Every real failure (not parsed, or refused by the engine), each as (file or URL, reason)."""
        return self.parse_failures + self.index_failures


def location_of(document: CatalogDocument) -> str:
    """The file or URL that names a document: the latest location still holding it, else the latest one."""
    source = _named_source(document)
    return source.url if source else f"archived document {document.sha256}"


def _named_source(document: CatalogDocument) -> SourceRecord | None:
    """The latest source whose location still holds the document (a page must not name a
    location that now serves other bytes), else the latest source; None without sources."""
    holding = [source for source in document.sources if source.current]
    return (holding or list(document.sources) or [None])[-1]


def provenance_of(document: CatalogDocument) -> dict[str, Any]:
    """Provenance stored with a report: a location that holds it, its hash, batches and version state."""
    latest = _named_source(document)
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
        "parser_version": PARSER_VERSION,
        "superseded": document.superseded_by is not None,
        "superseded_by": document.superseded_by,
    }


def parsed_report(
    catalog: Catalog, store: ArchiveStore, document: CatalogDocument, reparse: bool, tally: RunTally,
    ready: Parsed | str | None = None,
) -> dict | None:
    """The report of one document: a stored parse by this parser version, or a fresh parse
    (`ready`: made ahead by a parse worker, or MISSING when its blob could not be read).

    Without `reparse`, a stored failure is reported again as recorded (never re-parsed);
    a document that is not a report is counted as skipped.
    """
    record = None if reparse or ready is not None else catalog.latest_parse(document.sha256, PARSER_VERSION)
    if record is not None and record.ok:
        tally.reused += 1
        return record.report
    if record is None:
        record = _parse_now(catalog, store, document, ready)
        if record is None:  # the archive could not give the bytes back
            tally.failures.append((location_of(document), "the archived original is missing or corrupt"))
            return None
    if record.ok:
        tally.parsed += 1
        tally.parsed_ids.append(document.report_id)
        return record.report
    problem = (location_of(document), f"{record.error_reason}: {record.error_message}")
    (tally.skipped if record.error_reason == NOT_A_REPORT else tally.failures).append(problem)
    return None


def _parse_now(
    catalog: Catalog, store: ArchiveStore, document: CatalogDocument, ready: Parsed | str | None = None
) -> ParseRecord | None:
    """Parse the archived bytes (any error becomes a recorded failure), or take the parse a
    worker made, and store the outcome; None when the blob cannot be read."""
    if ready == MISSING:
        return None
    if isinstance(ready, Parsed):
        record = ready.record
    else:
        try:
            data = store.read(document.sha256)
        except ArchiveError:
            return None
        record = parse_bytes(document.sha256, data, document.filename)
    catalog.record_parse(record.sha256, record.parser_version, record.report, record.error_reason, record.error_message)
    return record


def catalog_documents(
    catalog: Catalog,
    store: ArchiveStore,
    documents: Iterable[CatalogDocument],
    reparse: Callable[[CatalogDocument], bool],
    tally: RunTally,
    progress: Progress | None = None,
    refuse_empty: bool = False,
    pool: ParsePool | None = None,
) -> Iterator[dict]:
    """Index documents of catalog entries, parsing where `reparse` says or no parse exists
    (with a pool, in its workers, ahead of the entry being indexed).

    Ticks `progress` once per entry. With `refuse_empty`, raises NothingIndexed at the end
    when documents failed and none made it, so a rebuild keeps the live index.
    """
    yielded = 0
    for document, ready in _prefetched(catalog, store, documents, reparse, pool):
        built = _index_document(catalog, store, document, reparse(document), tally, ready)
        if progress:
            progress(1)
        if built is not None:
            yielded += 1
            yield built
    if refuse_empty and yielded == 0 and tally.failures:
        raise NothingIndexed(f"none of the documents could be indexed ({len(tally.failures)} failed)")


def _prefetched(
    catalog: Catalog, store: ArchiveStore, documents: Iterable[CatalogDocument],
    reparse: Callable[[CatalogDocument], bool], pool: ParsePool | None,
) -> Iterator[tuple[CatalogDocument, Parsed | str | None]]:
    """(entry, its parse made ahead by the pool, MISSING, or None: no parse needed or no pool)."""
    if pool is None:
        yield from ((document, None) for document in documents)
        return

    def submit(document: CatalogDocument):
        if not reparse(document) and catalog.latest_parse(document.sha256, PARSER_VERSION) is not None:
            return None
        try:
            return pool.submit(document.sha256, store.read(document.sha256), document.filename)
        except ArchiveError:
            return MISSING

    for document, ticket in ahead(documents, submit, depth=4 * pool.size):
        yield document, (pool.result(ticket) if isinstance(ticket, Ticket) else ticket)


def _pool(workers: int, timeout: float, documents: int) -> ContextManager[ParsePool | None]:
    """A pool of parse workers for a run over `documents` entries, or None to parse in-process."""
    if workers <= 0 or documents < POOL_FROM:
        return nullcontext()
    try:
        return ParsePool(workers, timeout)
    except WorkersUnavailable as error:
        log.warning("parsing in this process: %s", error)
        return nullcontext()


def _index_document(
    catalog: Catalog, store: ArchiveStore, document: CatalogDocument, reparse: bool, tally: RunTally,
    ready: Parsed | str | None = None,
) -> dict | None:
    """The index document of one catalog entry, or None with the problem counted."""
    try:
        report = parsed_report(catalog, store, document, reparse, tally, ready)
        if report is None:
            tally.unindexed.append(document.report_id)
            return None
        # A page whose report is its attachment is left out; an attachment carries its page.
        report, provenance = pair_for_index(catalog, document, report, provenance_of(document))
        if report is None:
            tally.unindexed.append(document.report_id)
            return None
        tally.locations[document.report_id] = location_of(document)
        fields = ready.text_fields if isinstance(ready, Parsed) else None
        built = build_index_document(document.report_id, report, provenance, fields)
        return with_years(built, tally.years(document.report_id, report)) if tally.years else built
    except Exception as error:  # noqa: BLE001 - e.g. a stored report the index cannot take
        tally.failures.append((location_of(document), unexpected_reason(error)))
        tally.unindexed.append(document.report_id)
        return None


def reindex(
    catalog: Catalog, store: ArchiveStore, backend: SearchBackend, batch: str | None = None, progress: Progress | None = None,
    workers: int = 0, parse_timeout: float = 300.0,
) -> IndexSummary:
    """Re-parse every document and swap in a new index; with a batch, re-parse only it.

    A batch is replaced in the live index when there is one (`reindex_batch`); otherwise,
    or with no batch, the whole index is rebuilt beside the live one and swapped in. The
    years step follows the new parses: with no batch the whole archive is analysed again.
    With `workers`, runs of POOL_FROM documents or more parse in that many worker processes
    (each document within `parse_timeout` seconds) while this one writes the index.
    """
    if batch is not None and _has_live_index(backend):
        return reindex_batch(catalog, store, backend, batch, progress, workers, parse_timeout)
    started, tally = time.perf_counter(), RunTally()
    entries = list(catalog.iter_documents())
    reparse = (lambda d: True) if batch is None else (lambda d: batch in d.batches)
    with YearsStep(catalog, tally) as years, _pool(workers, parse_timeout, len(entries)) as pool:
        try:
            report = backend.rebuild(catalog_documents(catalog, store, entries, reparse, tally, progress,
                                                       refuse_empty=True, pool=pool))
        except NothingIndexed:  # the engine dropped the empty build; the live index stays as it was
            return _summary(len(entries), tally, BulkReport(0, ()), started, swapped=False)
        years.after(backend, everything=batch is None)
    return replace(_summary(len(entries), tally, report, started, swapped=True), years=years.sync)


def reindex_batch(
    catalog: Catalog, store: ArchiveStore, backend: SearchBackend, batch: str, progress: Progress | None = None,
    workers: int = 0, parse_timeout: float = 300.0,
) -> IndexSummary:
    """Re-parse one batch and replace its documents in the live index: work in proportion to the batch.

    Documents sharing the batch's locations come along (their version state may have
    changed). A document that no longer parses as a report leaves the index, as it would
    after a full rebuild. Queries never fail meanwhile: the embedded engine commits the
    whole batch at once (readers see the old or the new batch, never half); OpenSearch
    replaces documents chunk by chunk, each document whole. The years step then analyses
    the new parses and updates the documents whose years fields changed.
    """
    started, tally = time.perf_counter(), RunTally()
    entries = index_entries(catalog, batch)
    with YearsStep(catalog, tally) as years, _pool(workers, parse_timeout, len(entries)) as pool:
        stream = catalog_documents(catalog, store, entries, lambda d: batch in d.batches, tally, progress, pool=pool)
        report = backend.index_documents(stream, raise_on_error=False)
        for report_id in tally.unindexed:
            _forget(backend, report_id)
        years.after(backend)
    return replace(_summary(len(entries), tally, report, started, swapped=False), in_place=True, years=years.sync)


def _has_live_index(backend: SearchBackend) -> bool:
    """Whether the engine has a readable live index to update in place."""
    try:
        backend.count()
    except (EngineUnavailable, InvalidRequest):
        return False
    return True


def _forget(backend: SearchBackend, report_id: str) -> None:
    """Remove a report from the live index; one that was never there is fine."""
    try:
        backend.delete(report_id)
    except DocumentNotFound:
        pass


def index_catalog(
    catalog: Catalog, store: ArchiveStore, backend: SearchBackend, batch: str | None = None, progress: Progress | None = None
) -> IndexSummary:
    """Add or replace the batch's documents (all when None) in the live index, parsing only when needed.

    With a batch, documents outside it that share a location with it are re-indexed too:
    the batch may have superseded them (or made them current again). The years step runs
    first, over the batch (all: the documents not analysed yet), so the documents go in
    with their years fields; then the other indexed documents it changed are updated.
    """
    started, tally = time.perf_counter(), RunTally()
    entries = index_entries(catalog, batch)
    with YearsStep(catalog, tally) as years:
        years.before(entries if batch is not None else unanalysed(catalog, years.store), batch)
        stream = catalog_documents(catalog, store, entries, lambda d: False, tally, progress)
        report = backend.index_documents(stream, raise_on_error=False)
        years.after(backend)
    return replace(_summary(len(entries), tally, report, started, swapped=False), years=years.sync)


def index_entries(catalog: Catalog, batch: str | None) -> list[CatalogDocument]:
    """The documents `index` goes through: all, or a batch's plus those sharing its locations."""
    if batch is None:
        return list(catalog.iter_documents())
    return list(catalog.iter_documents(batch)) + list(catalog.iter_related(batch))


def _summary(documents: int, tally: RunTally, report: BulkReport, started: float, swapped: bool) -> IndexSummary:
    """The closing summary of a run; engine refusals are named by file or URL too."""
    refused = tuple((tally.locations.get(str(report_id), str(report_id)), reason) for report_id, reason in report.failures)
    return IndexSummary(
        documents=documents, parsed=tally.parsed, reused=tally.reused, indexed=report.indexed,
        skipped=tuple(tally.skipped), parse_failures=tuple(tally.failures), index_failures=refused,
        index_name=report.index_name, seconds=time.perf_counter() - started, swapped=swapped,
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
