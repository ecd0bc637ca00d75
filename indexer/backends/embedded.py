"""Embedded engine (tantivy): no server; one directory per build behind an atomic pointer.

Each build directory holds the tantivy index (searchable fields and a small stored summary
per hit), a DocumentStore of the whole documents (report page, exports) and the layout of
its facet masks (tantivy_masks); they are opened together, so a reader never mixes builds.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import tantivy

from indexer.backends import tantivy_queries as TQ
from indexer.backends.base import BulkReport, Progress, check_ids, export_fields, to_hit, with_fields
from indexer.backends.docstore import DocumentStore, StoreWriter, encode
from indexer.backends.tantivy_facets import count_facets
from indexer.backends.tantivy_masks import (MASKS_FROM_MATCHES, MaskLayout, current_vocabularies, read_layout,
                                            write_layout)
from indexer.backends.tantivy_store import SCHEMA, IndexRoot, open_index, scan_rows, stored_ids, to_tantivy
from indexer.search import query as Q
from indexer.search.errors import BulkIndexError, DocumentNotFound, EngineUnavailable
from indexer.search.facets import other_filters
from indexer.search.model import SearchRequest, SearchResult, sort_spec
from indexer.search.pipeline import run_search
from indexer.search.understand import NameLookup, Understood, understand
from indexer.search.validation import validate_request
from indexer.settings import Settings

WRITER_HEAP = 64_000_000
SCAN_CHUNK = 1000


@dataclass(frozen=True)
class Build:
    """One index build as readers see it: the tantivy index, its documents, its facet masks."""

    index: tantivy.Index
    store: DocumentStore
    masks: MaskLayout | None


class EmbeddedBackend:
    """The search contract over a tantivy index on local disk."""

    def __init__(self, settings: Settings, writer_threads: int = 1):
        self.settings = settings
        self.root = IndexRoot(settings.index_path)
        self.writer_threads = writer_threads
        self._build: Build | None = None
        self._stamp: tuple[int, int] | None = None
        self._reopen_lock = threading.Lock()
        self._write_lock = threading.Lock()

    def _live(self) -> Build:
        """The live build, re-opened when CURRENT changed since the last call."""
        stamp = self.root.pointer_stamp()
        if stamp is None:
            raise EngineUnavailable(f"no search index under {self.root.root}: run `nianbao index`")
        build = self._build
        if build is None or stamp != self._stamp:
            with self._reopen_lock:
                if self._build is None or stamp != self._stamp:
                    self._build, self._stamp = _open_build(self.root.current()), stamp
                build = self._build
        return build

    def _searcher(self) -> tuple[tantivy.Searcher, Build]:
        """A searcher over the live build; a vanished index directory means unavailable."""
        try:
            build = self._live()
            return build.index.searcher(), build
        except (OSError, ValueError) as error:
            raise EngineUnavailable(f"the search index cannot be read: {error}") from error

    def search(self, request: SearchRequest, names: NameLookup | None = None) -> SearchResult:
        """One page of hits with facet counts; partial matches when no report has every word."""
        validate_request(request, self.settings.result_window)
        return run_search(self, request, names)

    def run(self, request: SearchRequest, understood: Understood, relaxed: bool = False) -> SearchResult:
        """One page of hits with facet counts for an understood query (a step of indexer.search.pipeline)."""
        started = time.perf_counter()
        searcher, build = self._searcher()
        base = TQ.base_query(SCHEMA, request, understood, relaxed=relaxed)
        found = self._page(searcher, TQ.filtered(SCHEMA, base, other_filters(request, None), request.all_of), request)
        terms = understood.highlight_terms()
        hits = tuple(
            to_hit(_summary(searcher, address), score, terms, request.highlight) for score, address in found.hits
        )
        if request.fields:  # only a table view asks: read its columns from the fast fields of this page
            addresses = [address for _, address in found.hits]
            hits = tuple(map(with_fields, hits, scan_rows(searcher, build.store, addresses, request.fields)))
        masks = build.masks if found.count >= MASKS_FROM_MATCHES else None  # (the base count group's size)
        facets = count_facets(searcher, masks, TQ.base_query(SCHEMA, request, understood, scored=False, relaxed=relaxed), request)
        return SearchResult(
            request=request, total=found.count, hits=hits, facets=facets, took_ms=(time.perf_counter() - started) * 1000
        )

    def matching_ids(self, node: Q.Node, ids: list[str]) -> set[str]:
        """Which of `ids` match one query clause."""
        searcher, _ = self._searcher()
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, TQ.node_query(SCHEMA, node)),
                                             (tantivy.Occur.Must, tantivy.Query.term_set_query(SCHEMA, "id", ids))])
        found = searcher.search(query, limit=max(len(ids), 1), count=False)
        return set(stored_ids(searcher, [address for _, address in found.hits]))

    def distinct_values(self, field: str, limit: int) -> list[str]:
        """Up to `limit` distinct values of a keyword field over current reports, most frequent first."""
        searcher, _ = self._searcher()
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, tantivy.Query.all_query()),
                                             (tantivy.Occur.MustNot, tantivy.Query.term_query(SCHEMA, "superseded", True))])
        answer = searcher.aggregate(query, {"values": {"terms": {"field": field, "size": limit}}})
        return [str(bucket["key"]) for bucket in answer.get("values", {}).get("buckets", [])]

    def count_matching(self, node: Q.Node) -> int:
        """How many current (not superseded) reports match one query clause."""
        searcher, _ = self._searcher()
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, TQ.node_query(SCHEMA, node)),
                                             (tantivy.Occur.MustNot, tantivy.Query.term_query(SCHEMA, "superseded", True))])
        return searcher.search(query, limit=1, count=True).count

    @staticmethod
    def _page(searcher: tantivy.Searcher, query: tantivy.Query, request: SearchRequest) -> tantivy.SearchResult:
        """The requested page in the requested order."""
        spec = sort_spec(request.sort)
        if spec is None:
            return searcher.search(query, limit=request.page_size, offset=request.offset, count=True)
        field, order = spec
        direction = tantivy.Order.Desc if order == "desc" else tantivy.Order.Asc
        return searcher.search(
            query, limit=request.page_size, offset=request.offset, count=True, order_by_field=field, order=direction
        )

    def scan(self, request: SearchRequest, fields: Sequence[str] | None = None) -> Iterator[dict]:
        """Every matching document for exports (or only `fields` of it), in chunks from one consistent searcher."""
        validate_request(replace(request, page=1), self.settings.result_window)
        searcher, build = self._searcher()
        store = build.store
        query = TQ.filtered(SCHEMA, TQ.base_query(SCHEMA, request, understand(request.query)), dict(request.filters),
                            request.all_of)
        offset = 0
        while True:
            found = _scan_chunk(searcher, query, request, offset)
            addresses = [address for _, address in found.hits]
            if fields is not None:
                yield from scan_rows(searcher, store, addresses, fields)
            else:
                yield from store.get_many(stored_ids(searcher, addresses), lean=True)
            if len(found.hits) < SCAN_CHUNK:
                return
            offset += SCAN_CHUNK

    def get(self, report_id: str) -> dict:
        """The stored document of one report."""
        searcher, build = self._searcher()
        found = searcher.search(tantivy.Query.term_query(SCHEMA, "id", report_id), limit=1, count=False)
        document = build.store.get(report_id) if found.hits else None
        if document is None:
            raise DocumentNotFound(f"no report {report_id}")
        return document

    def get_many(self, report_ids: Sequence[str]) -> Iterator[dict]:
        """The stored documents of several reports, from the live build's store (ids not indexed are skipped)."""
        _searcher, build = self._searcher()
        yield from build.store.get_many(list(dict.fromkeys(report_ids)))

    def count(self) -> int:
        """Documents in the live index."""
        return self._searcher()[0].num_docs

    def ping(self) -> bool:
        """True when a live index can be opened."""
        try:
            self._searcher()
        except EngineUnavailable:
            return False
        return True

    def delete(self, report_id: str) -> None:
        """Remove one report now."""
        self.get(report_id)
        with self._write_lock:
            build = self._live()
            writer = build.index.writer(heap_size=WRITER_HEAP, num_threads=1)
            writer.delete_documents_by_term("id", report_id)
            writer.commit()
            writer.wait_merging_threads()
            build.index.reload()
            documents = build.store.writer()
            try:
                documents.delete(report_id)
                documents.commit()
            finally:
                documents.close()

    def index_documents(self, documents: Iterable[Mapping], raise_on_error: bool = True) -> BulkReport:
        """Add or replace documents in the live index, creating it when missing."""
        with self._write_lock:
            if self.root.pointer_stamp() is None:
                path = self.root.new_directory()
                _create_build(path)  # complete before the pointer ever names it
                self.root.switch(path)
            build = self._live()
            report = self._load(build, documents, None, replace_existing=True)
            build.index.reload()
        if report.failures and raise_on_error:
            raise BulkIndexError(list(report.failures))
        return report

    def rebuild(self, documents: Iterable[Mapping], progress: Progress | None = None) -> BulkReport:
        """Load a new directory, then switch CURRENT to it atomically and drop old builds."""
        with self._write_lock:
            path = self.root.new_directory()
            try:
                report = self._load(_create_build(path), documents, progress, replace_existing=False)
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)  # the live index was never touched
                raise
            self.root.switch(path)
            self.root.cleanup()
        return BulkReport(report.indexed, report.failures, path.name, report.seconds)

    def _load(
        self, build: Build, documents: Iterable[Mapping], progress: Progress | None, replace_existing: bool
    ) -> BulkReport:
        """Add documents with one writer and one commit; bad documents are reported, not fatal.

        The store commits first: a document is readable before the index can find it, so a
        hit never points at a missing document.
        """
        started, indexed, failures = time.perf_counter(), 0, []
        writer = build.index.writer(heap_size=WRITER_HEAP, num_threads=self.writer_threads)
        stored = build.store.writer()
        try:
            for document, problem in check_ids(documents):
                problem = problem or _add(writer, stored, build.masks, document, replace_existing)
                if problem:
                    failures.append((str(_id_of(document)), problem))
                else:
                    indexed += 1
                if progress:
                    progress(1)
            stored.commit()
            writer.commit()
        finally:
            stored.close()
            writer.wait_merging_threads()
        return BulkReport(indexed, tuple(failures), index_name="", seconds=time.perf_counter() - started)

    def close(self) -> None:
        """Forget the open build (tantivy releases files when it is collected)."""
        self._build = None


def _create_build(path: Path) -> Build:
    """A new, empty build in `path`: index, document store and the code's facet mask layout."""
    index = open_index(path, create=True)  # writes meta.json
    masks = MaskLayout(current_vocabularies())
    write_layout(path, masks)
    return Build(index, DocumentStore(path).create(), masks)


def _open_build(path: Path) -> Build:
    """The build in `path` for reading and incremental writes."""
    store = DocumentStore(path)
    if not store.is_current():
        raise EngineUnavailable(f"the search index {path} was built by an older release (its document store "
                                "is missing or outdated): run `nianbao reindex --all`")
    try:
        return Build(open_index(path), store, read_layout(path))
    except (OSError, ValueError) as error:
        raise EngineUnavailable(f"the search index cannot be opened: {error}") from error


def _add(writer: tantivy.IndexWriter, stored: StoreWriter, masks: MaskLayout | None, document: Mapping,
         replace_existing: bool) -> str | None:
    """Add one document (replacing an older copy); the reason when tantivy refuses it."""
    try:
        converted = to_tantivy(document, masks)
        body, lean = encode(document), encode(export_fields(document))
        if replace_existing:
            writer.delete_documents_by_term("id", str(document["id"]))
        writer.add_document(converted)
    except (ValueError, TypeError, OverflowError) as error:
        return f"{type(error).__name__}: {error}"
    stored.put(str(document["id"]), body, lean)
    return None


def _id_of(document: object) -> object:
    """The id of a document for a failure report, even for a malformed one."""
    return document.get("id") if isinstance(document, Mapping) else repr(document)[:40]


def _scan_chunk(searcher: tantivy.Searcher, query: tantivy.Query, request: SearchRequest, offset: int) -> tantivy.SearchResult:
    """SCAN_CHUNK hits from `offset` in the request's order, ties broken as a search page breaks them.

    An export lists reports as the pages and the API do: same query, same sort, same engine
    call; only the window differs.
    """
    spec = sort_spec(request.sort)
    if spec is None:
        return searcher.search(query, limit=SCAN_CHUNK, offset=offset, count=False)
    field, order = spec
    direction = tantivy.Order.Desc if order == "desc" else tantivy.Order.Asc
    return searcher.search(query, limit=SCAN_CHUNK, offset=offset, count=False, order_by_field=field, order=direction)


def _summary(searcher: tantivy.Searcher, address: tantivy.DocAddress) -> dict:
    """The summary stored with a hit (what a result list shows)."""
    return json.loads(searcher.doc(address)["summary"][0])
