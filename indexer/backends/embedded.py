"""Embedded engine (tantivy): no server; one directory per build behind an atomic pointer."""

from __future__ import annotations

import json
import shutil
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import tantivy

from indexer.backends import tantivy_queries as TQ
from indexer.backends.base import BulkReport, Progress, check_ids, export_fields, to_hit
from indexer.backends.tantivy_store import SCHEMA, IndexRoot, open_index, scan_rows, to_tantivy
from indexer.search import query as Q
from indexer.search.errors import BulkIndexError, DocumentNotFound, EngineUnavailable
from indexer.search.facets import FACETS, count_groups, facet_result, fetch_size, other_filters, selected_values
from indexer.search.fields import SORT_FIELDS
from indexer.search.model import SearchRequest, SearchResult
from indexer.search.validation import validate_request
from indexer.settings import Settings

WRITER_HEAP = 64_000_000
SCAN_CHUNK = 1000


class EmbeddedBackend:
    """The search contract over a tantivy index on local disk."""

    def __init__(self, settings: Settings, writer_threads: int = 1):
        self.settings = settings
        self.root = IndexRoot(settings.index_path)
        self.writer_threads = writer_threads
        self._index: tantivy.Index | None = None
        self._stamp: tuple[int, int] | None = None
        self._reopen_lock = threading.Lock()
        self._write_lock = threading.Lock()

    def _live(self) -> tantivy.Index:
        """The live index, re-opened when CURRENT changed since the last call."""
        stamp = self.root.pointer_stamp()
        if stamp is None:
            raise EngineUnavailable(f"no search index under {self.root.root}: run `nianbao index`")
        index = self._index
        if index is None or stamp != self._stamp:
            with self._reopen_lock:
                if self._index is None or stamp != self._stamp:
                    try:
                        self._index = open_index(self.root.current())
                    except (OSError, ValueError) as error:
                        raise EngineUnavailable(f"the search index cannot be opened: {error}") from error
                    self._stamp = stamp
                index = self._index
        return index

    def _searcher(self) -> tantivy.Searcher:
        """A searcher over the live index; a vanished index directory means unavailable."""
        try:
            return self._live().searcher()
        except (OSError, ValueError) as error:
            raise EngineUnavailable(f"the search index cannot be read: {error}") from error

    def search(self, request: SearchRequest) -> SearchResult:
        """One page of hits with facet counts."""
        validate_request(request, self.settings.result_window)
        ast = Q.prepare(request.query)
        started = time.perf_counter()
        searcher = self._searcher()
        hits_query = TQ.filtered(SCHEMA, TQ.base_query(SCHEMA, request, ast), other_filters(request, None))
        found = self._page(searcher, hits_query, request)
        terms = Q.highlight_terms(ast)
        hits = tuple(
            to_hit(_stored(searcher, address, "summary"), score, terms, request.highlight) for score, address in found.hits
        )
        facets = self._facets(searcher, TQ.base_query(SCHEMA, request, ast, scored=False), request)
        return SearchResult(
            request=request, total=found.count, hits=hits, facets=facets, took_ms=(time.perf_counter() - started) * 1000
        )

    @staticmethod
    def _page(searcher: tantivy.Searcher, query: tantivy.Query, request: SearchRequest) -> tantivy.SearchResult:
        """The requested page in the requested order."""
        if request.sort == "relevance":
            return searcher.search(query, limit=request.page_size, offset=request.offset, count=True)
        field, order = SORT_FIELDS[request.sort]
        direction = tantivy.Order.Desc if order == "desc" else tantivy.Order.Asc
        return searcher.search(
            query, limit=request.page_size, offset=request.offset, count=True, order_by_field=field, order=direction
        )

    def _facets(self, searcher: tantivy.Searcher, base: list, request: SearchRequest) -> dict:
        """Facet counts: one aggregation call per count group (the multi-select rule)."""
        results = {}
        for group, facets in count_groups(request):
            query = TQ.filtered(SCHEMA, base, other_filters(request, group))
            aggs = {f.name: TQ.terms_aggregation(f.field, fetch_size(request)) for f in facets}
            aggs.update({f"{f.name}:selected": TQ.terms_aggregation(f.field, len(chosen), chosen)
                         for f in facets if (chosen := selected_values(f, request))})
            answer = searcher.aggregate(query, aggs)
            for facet in facets:
                counts = _buckets(answer, facet.name)
                results[facet.name] = facet_result(facet, counts, request, _buckets(answer, f"{facet.name}:selected"))
        return {f.name: results[f.name] for f in FACETS if f.name in results}

    def scan(self, request: SearchRequest, fields: Sequence[str] | None = None) -> Iterator[dict]:
        """Every matching document for exports (or only `fields` of it), in chunks from one consistent searcher."""
        validate_request(replace(request, page=1), self.settings.result_window)
        searcher = self._searcher()
        ast = Q.prepare(request.query)
        query = TQ.filtered(SCHEMA, TQ.base_query(SCHEMA, request, ast), dict(request.filters))
        offset = 0
        while True:
            found = searcher.search(query, limit=SCAN_CHUNK, offset=offset, count=False, order_by_field="sort_year")
            addresses = [address for _, address in found.hits]
            if fields is not None:
                yield from scan_rows(searcher, addresses, fields)
            else:
                yield from (export_fields(_stored(searcher, address)) for address in addresses)
            if len(found.hits) < SCAN_CHUNK:
                return
            offset += SCAN_CHUNK

    def get(self, report_id: str) -> dict:
        """The stored document of one report."""
        searcher = self._searcher()
        found = searcher.search(tantivy.Query.term_query(SCHEMA, "id", report_id), limit=1, count=False)
        if not found.hits:
            raise DocumentNotFound(f"no report {report_id}")
        return _stored(searcher, found.hits[0][1])

    def count(self) -> int:
        """Documents in the live index."""
        return self._searcher().num_docs

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
            index = self._live()
            writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
            writer.delete_documents_by_term("id", report_id)
            writer.commit()
            writer.wait_merging_threads()
            index.reload()

    def index_documents(self, documents: Iterable[Mapping], raise_on_error: bool = True) -> BulkReport:
        """Add or replace documents in the live index, creating it when missing."""
        with self._write_lock:
            if self.root.pointer_stamp() is None:
                path = self.root.new_directory()
                open_index(path, create=True)  # writes meta.json, so the pointer never names an empty folder
                self.root.switch(path)
            index = self._live()
            report = self._load(index, documents, None, replace_existing=True)
            index.reload()
        if report.failures and raise_on_error:
            raise BulkIndexError(list(report.failures))
        return report

    def rebuild(self, documents: Iterable[Mapping], progress: Progress | None = None) -> BulkReport:
        """Load a new directory, then switch CURRENT to it atomically and drop old builds."""
        with self._write_lock:
            path = self.root.new_directory()
            try:
                report = self._load(open_index(path, create=True), documents, progress, replace_existing=False)
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)  # the live index was never touched
                raise
            self.root.switch(path)
            self.root.cleanup()
        return BulkReport(report.indexed, report.failures, path.name, report.seconds)

    def _load(
        self, index: tantivy.Index, documents: Iterable[Mapping], progress: Progress | None, replace_existing: bool
    ) -> BulkReport:
        """Add documents with one writer and one commit; bad documents are reported, not fatal."""
        started, indexed, failures = time.perf_counter(), 0, []
        writer = index.writer(heap_size=WRITER_HEAP, num_threads=self.writer_threads)
        try:
            for document, problem in check_ids(documents):
                problem = problem or _add(writer, document, replace_existing)
                if problem:
                    failures.append((str(_id_of(document)), problem))
                else:
                    indexed += 1
                if progress:
                    progress(1)
            writer.commit()
        finally:
            writer.wait_merging_threads()
        return BulkReport(indexed, tuple(failures), index_name="", seconds=time.perf_counter() - started)

    def close(self) -> None:
        """Forget the open index (tantivy releases files when it is collected)."""
        self._index = None


def _add(writer: tantivy.IndexWriter, document: Mapping, replace_existing: bool) -> str | None:
    """Add one document (replacing an older copy); the reason when tantivy refuses it."""
    try:
        converted = to_tantivy(document)
        if replace_existing:
            writer.delete_documents_by_term("id", str(document["id"]))
        writer.add_document(converted)
    except (ValueError, TypeError, OverflowError) as error:
        return f"{type(error).__name__}: {error}"
    return None


def _id_of(document: object) -> object:
    """The id of a document for a failure report, even for a malformed one."""
    return document.get("id") if isinstance(document, Mapping) else repr(document)[:40]


def _stored(searcher: tantivy.Searcher, address: tantivy.DocAddress, field: str = "document") -> dict:
    """The index document stored with a hit (or only its summary)."""
    return json.loads(searcher.doc(address)[field][0])


def _buckets(answer: Mapping, name: str) -> list[tuple[str, int]]:
    """(value, count) pairs of one terms aggregation of an answer."""
    return [(_key(b["key"]), b["doc_count"]) for b in answer.get(name, {}).get("buckets", [])]


def _key(key: object) -> str:
    """A facet bucket key as text (tantivy returns numbers for the year facet)."""
    return str(int(key)) if isinstance(key, float) else str(key)
