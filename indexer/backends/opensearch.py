"""OpenSearch engine: explicit mapping, streaming bulk, alias swap for zero-downtime rebuilds.

The portal reads an alias (settings.opensearch_index); each physical index is named
ALIAS-<stamp>. A rebuild loads a new index with refresh off, then moves the alias in one
`update_aliases` call and deletes the old index.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import replace
from contextlib import contextmanager
from typing import Iterable, Iterator, Mapping, Sequence

from opensearchpy import OpenSearch, helpers
from opensearchpy import exceptions as os_errors

from indexer.backends import opensearch_queries as OQ
from indexer.backends.base import EXPORT_DROPPED, BulkReport, Progress, check_ids, export_fields, to_hit, with_fields
from indexer.search import query as Q
from indexer.search.errors import DocumentNotFound, EngineUnavailable, InvalidRequest, BulkIndexError
from indexer.search.facets import FACETS, count_groups, facet_result
from indexer.search.fields import NUMERIC_FIELDS, SORT_FIELDS
from indexer.search.model import SearchRequest, SearchResult
from indexer.search.pipeline import run_search
from indexer.search.understand import NameLookup, Understood, understand
from indexer.search.validation import validate_request
from indexer.settings import Settings

# The built-in whitespace analyzer: text arrives segmented and lowercased (indexer.documents).
# (analysis-common, home of custom analyzers, is absent from the integ-test distribution.)
TEXT = {"type": "text", "analyzer": "whitespace"}
STORED_ONLY = {"type": "text", "index": False}
# Bulk items refused for a passing reason, sent again (with back-off) up to BULK_ATTEMPTS times.
TRANSIENT = (429, 503)
BULK_ATTEMPTS = 8
MGET_CHUNK = 200  # documents per multi-get (each up to ~30 KB with its report)


def node_urls(settings: Settings) -> list[str]:
    """The node URLs of `opensearch_url` (one, or several comma-separated)."""
    return [url.strip() for url in settings.opensearch_url.split(",") if url.strip()]


def open_client(settings: Settings) -> OpenSearch:
    """A client that knows every node: a request whose node is down is retried on the next one.

    The timeout bounds connecting and each wait for bytes: a node that accepts and never
    answers fails the request then (EngineUnavailable), not after the OS gives up. Retries
    happen only on refused connections and 502/503/504 answers, never on a timeout and
    never on a single node, so one hung node costs at most one timeout.
    """
    hosts = node_urls(settings)
    return OpenSearch(hosts=hosts, timeout=settings.opensearch_timeout_seconds, max_retries=len(hosts) - 1,
                      retry_on_timeout=False)


def index_mapping(result_window: int, replicas: int = 0) -> dict:
    """Settings and explicit mapping of one physical index."""
    properties: dict = {name: TEXT for name in ("text", "title_text", "agency_text", "problems_text", "region_text",
                                                     "place_text")}
    properties["subwords"] = {**TEXT, "index_options": "freqs"}  # matched, never phrased
    # facet fields: global ordinals built at refresh, not by the first search after it
    properties.update({name: {"type": "keyword", "eager_global_ordinals": True} for name in {f.field for f in FACETS if not f.numeric}})
    properties.update({name: {"type": "long"} for name in NUMERIC_FIELDS})
    properties.update({name: {"type": "integer"} for name in ("sort_year", "sort_new_requests")})
    properties["sort_added"] = {"type": "long"}  # epoch seconds of archived_at
    properties.update({field: {"type": "long"} for field, _order in SORT_FIELDS.values() if field not in properties})
    properties.update({name: {"type": "date"} for name in ("published_on", "fetched_at", "archived_at", "indexed_at")})
    properties.update({name: {"type": "boolean"} for name in ("synthetic", "superseded")})
    properties.update({"id": {"type": "keyword"}, "region_code": {"type": "keyword"}})
    properties[OQ.FACET_TAGS] = {"type": "keyword", "eager_global_ordinals": True}
    properties[OQ.HIT_SOURCE] = {"type": "keyword", "index": False, "doc_values": False, "store": True}
    properties["source_url"] = {"type": "keyword", "index": False}
    properties.update({"title": STORED_ONLY, "content": STORED_ONLY})
    properties.update({name: {"type": "object", "enabled": False} for name in ("report", "active_disclosure", "source")})
    settings = {
        "number_of_shards": 1,  # one shard keeps facet counts exact
        "number_of_replicas": replicas,
        "max_result_window": max(result_window, 10000),
        "mapping.total_fields.limit": 2000,
        "requests.cache.enable": True,  # facet counts (size-0 bodies) kept until the index changes
    }
    # derived at bulk time (opensearch_queries): facet_tags indexed, hit_source a stored field; neither in _source
    mappings = {"dynamic": "false", "_source": {"excludes": [OQ.FACET_TAGS, OQ.HIT_SOURCE]}, "properties": properties}
    return {"settings": {"index": settings}, "mappings": mappings}


@contextmanager
def engine_errors() -> Iterator[None]:
    """Translate client errors into the typed search errors."""
    try:
        yield
    except (os_errors.ConnectionError, os_errors.ConnectionTimeout) as error:
        raise EngineUnavailable(f"OpenSearch cannot be reached: {error}") from error
    except os_errors.NotFoundError as error:
        if "index_not_found" in str(error):
            raise EngineUnavailable("the search index does not exist yet") from error
        raise
    except os_errors.TransportError as error:
        if isinstance(error.status_code, int) and 400 <= error.status_code < 500:
            raise InvalidRequest(f"OpenSearch refused the request: {error.error}") from error
        raise EngineUnavailable(f"OpenSearch failed: {error}") from error


class OpenSearchBackend:
    """The search contract over one OpenSearch alias."""

    def __init__(self, settings: Settings, client: OpenSearch | None = None):
        self.settings = settings
        self.alias = settings.opensearch_index
        self.client = client or open_client(settings)
        # Writes may wait while a lost node's shards are promoted elsewhere; reads stay short.
        self.write = {"request_timeout": settings.opensearch_write_timeout_seconds}
        self._scanner: OpenSearch | None = None

    def search(self, request: SearchRequest, names: NameLookup | None = None) -> SearchResult:
        """One page of hits with facet counts; partial matches when no report has every word."""
        validate_request(request, self.settings.result_window)
        return run_search(self, request, names)

    def run(self, request: SearchRequest, understood: Understood, relaxed: bool = False) -> SearchResult:
        """One page of hits with facet counts for an understood query (a step of indexer.search.pipeline)."""
        started = time.perf_counter()
        facets = OQ.facets_body(request, understood, relaxed)
        response, counts = self._search_with_facets(OQ.search_body(request, understood, relaxed, facets is None), facets)
        terms = understood.highlight_terms()
        if any("_source" not in h and OQ.HIT_SOURCE not in h.get("fields", {}) for h in response["hits"]["hits"]):
            response, _ = self._search_with_facets(OQ.source_body(OQ.search_body(request, understood, relaxed)), None)
        hits = tuple(to_hit(_hit_document(h), h.get("_score"), terms, request.highlight) for h in response["hits"]["hits"])
        if request.fields:  # a table view's columns, beyond the summary
            sources = [h["_source"] for h in response["hits"]["hits"]]
            hits = tuple(with_fields(hit, {f: src[f] for f in request.fields if f in src}) for hit, src in zip(hits, sources))
        return SearchResult(
            request=request,
            total=(counts or response)["hits"]["total"]["value"],
            hits=hits,
            facets=self._facets(request, (counts or {}).get("aggregations", {})),
            took_ms=(time.perf_counter() - started) * 1000,
        )

    def _search_with_facets(self, hits: dict, facets: dict | None) -> tuple[dict, Mapping | None]:
        """The hits response and the facet counts response (None without facets), asked in one _msearch.

        The facet counts ask the shard request cache (a size-0 body, cached until the next
        refresh changes the index); the hits never are, so a page is always read fresh.
        """
        searches: list[dict] = [{"index": self.alias}, hits]
        if facets is not None:
            searches += [{"index": self.alias, "request_cache": True}, facets]
        with engine_errors():
            responses = [_checked(r) for r in self.client.msearch(body=searches)["responses"]]
        return responses[0], (responses[1] if facets is not None else None)

    def matching_ids(self, node: Q.Node, ids: list[str]) -> set[str]:
        """Which of `ids` match one query clause."""
        body = {"query": {"bool": {"filter": [OQ.node_query(node), {"terms": {"id": ids}}]}}, "size": len(ids), "_source": False}
        with engine_errors():
            response = self.client.search(index=self.alias, body=body)
        return {hit["_id"] for hit in response["hits"]["hits"]}

    def distinct_values(self, field: str, limit: int) -> list[str]:
        """Up to `limit` distinct values of a keyword field over current reports, most frequent first."""
        body = {"size": 0, "query": {"bool": {"must_not": [{"term": {"superseded": True}}]}},
                "aggs": {"values": {"terms": {"field": field, "size": limit}}}}
        with engine_errors():
            response = self.client.search(index=self.alias, body=body)
        return [str(bucket["key"]) for bucket in response["aggregations"]["values"]["buckets"]]

    def count_matching(self, node: Q.Node) -> int:
        """How many current (not superseded) reports match one query clause."""
        body = {"query": {"bool": {"filter": [OQ.node_query(node)], "must_not": [{"term": {"superseded": True}}]}}}
        with engine_errors():
            return self.client.count(index=self.alias, body=body)["count"]

    def _facets(self, request: SearchRequest, aggregations: Mapping) -> dict:
        """FacetResults from the aggregations of each count group (OQ.group_aggregations)."""
        results = {}
        for group, facets in count_groups(request):
            bucket_group = OQ.group_aggregations(aggregations, group)
            tagged = OQ.split_tags(_buckets(bucket_group, OQ.FACET_TAGS)) if OQ.FACET_TAGS in bucket_group else None
            for facet in facets:
                if tagged is not None and facet.name in OQ.TAGGED_FACETS:
                    counts = tagged.get(facet.name, [])
                    chosen = set(request.filters.get(facet.name, ()))
                    selected = [(value, count) for value, count in counts if value in chosen]
                else:
                    counts, selected = _buckets(bucket_group, facet.name), _buckets(bucket_group, f"{facet.name}:selected")
                results[facet.name] = facet_result(facet, counts, request, selected)
        return {f.name: results[f.name] for f in FACETS if f.name in results}

    def scan(self, request: SearchRequest, fields: Sequence[str] | None = None) -> Iterator[dict]:
        """Every matching document for exports (or only `fields` of it), streamed with the scroll API.

        In the request's order, as its pages list them: the scroll sorts by the page's sort
        clause, and the facet filters score nothing, so ties fall as on a page. A page of
        1,000 reports may take longer than a search page: each scroll request waits up to
        opensearch_scan_timeout_seconds (callers run a search first, which fails fast on a
        hung node), so a big export is not cut short by the portal's short search timeout.
        """
        validate_request(replace(request, page=1), self.settings.result_window)
        query = {"bool": {"must": [OQ.base_query(request, understand(request.query))], "filter": OQ.facet_filters(dict(request.filters), request.all_of)}}
        source = {"includes": list(fields)} if fields is not None else {"excludes": list(EXPORT_DROPPED)}
        body = {"query": query, "_source": source, "sort": OQ.sort_clause(request)}
        with engine_errors():
            for hit in helpers.scan(self._scan_client(), query=body, index=self.alias, preserve_order=True):
                source = hit["_source"]
                yield export_fields(source) if fields is None else {f: source[f] for f in fields if f in source}

    def _scan_client(self) -> OpenSearch:
        """A client of its own for scans: every call of a scroll, its clearing too, waits the scan timeout."""
        if self._scanner is None:
            self._scanner = open_client(replace(self.settings, opensearch_timeout_seconds=self.settings.opensearch_scan_timeout_seconds))
        return self._scanner

    def get(self, report_id: str) -> dict:
        """The stored document of one report."""
        try:
            with engine_errors():
                return self.client.get(index=self.alias, id=report_id)["_source"]
        except os_errors.NotFoundError as error:
            raise DocumentNotFound(f"no report {report_id}") from error

    def get_many(self, report_ids: Sequence[str]) -> Iterator[dict]:
        """The stored documents of several reports (ids not indexed are skipped), MGET_CHUNK per request."""
        wanted = list(dict.fromkeys(report_ids))
        for start in range(0, len(wanted), MGET_CHUNK):
            with engine_errors():
                found = self.client.mget(index=self.alias, body={"ids": wanted[start:start + MGET_CHUNK]})
            yield from (item["_source"] for item in found["docs"] if item.get("found"))

    def delete(self, report_id: str) -> None:
        """Remove one report now (refreshing so searches stop seeing it)."""
        try:
            with engine_errors():
                self.client.delete(index=self.alias, id=report_id, refresh=True)
        except os_errors.NotFoundError as error:
            raise DocumentNotFound(f"no report {report_id}") from error

    def count(self) -> int:
        """Documents in the live index."""
        with engine_errors():
            return self.client.count(index=self.alias)["count"]

    def ping(self) -> bool:
        """True when the node answers and the alias exists."""
        try:
            return bool(self.client.indices.exists_alias(name=self.alias))
        except os_errors.OpenSearchException:
            return False

    def index_documents(self, documents: Iterable[Mapping], raise_on_error: bool = True) -> BulkReport:
        """Add or replace documents in the live index, creating it when missing."""
        with engine_errors():
            if not self.client.indices.exists_alias(name=self.alias):
                self._create_index(self._new_name(), aliased=True, refresh_interval="1s")
            report = self._bulk(self.alias, documents, None)
            self.client.indices.refresh(index=self.alias, **self.write)
        if report.failures and raise_on_error:
            raise BulkIndexError(list(report.failures))
        return report

    def rebuild(self, documents: Iterable[Mapping], progress: Progress | None = None) -> BulkReport:
        """Load a new index with refresh off, then swap the alias onto it in one call."""
        name = self._new_name()
        with engine_errors():
            self._create_index(name, aliased=False, refresh_interval="-1")
            try:
                report = self._bulk(name, documents, progress)
                self._merge(name)
                self.client.indices.put_settings(index=name, body={"index": {"refresh_interval": "1s"}}, **self.write)
                self.client.indices.refresh(index=name, **self.write)
                old = self._aliased_indexes()
                actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
                actions.append({"add": {"index": name, "alias": self.alias}})
                self.client.indices.update_aliases(body={"actions": actions}, **self.write)  # one atomic call
            except BaseException:
                self.client.indices.delete(index=name, ignore_unavailable=True, **self.write)
                raise
            for index in old:
                self.client.indices.delete(index=index, ignore_unavailable=True, **self.write)
        return BulkReport(report.indexed, report.failures, name, report.seconds)

    def drop(self) -> None:
        """Delete the alias and every index behind it (tests and `reindex` cleanup)."""
        with engine_errors():
            for index in self._aliased_indexes():
                self.client.indices.delete(index=index, ignore_unavailable=True)

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()
        if self._scanner is not None:
            self._scanner.close()

    def _new_name(self) -> str:
        """A fresh physical index name: ALIAS-<time>-<random>."""
        return f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"

    def _aliased_indexes(self) -> list[str]:
        """Physical indexes the alias points at now (none before the first load)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except os_errors.NotFoundError:
            return []

    def _create_index(self, name: str, aliased: bool, refresh_interval: str) -> None:
        """Create a physical index with the mapping (behind the alias when `aliased`)."""
        body = index_mapping(self.settings.result_window, self.settings.opensearch_replicas)
        body["settings"]["index"]["refresh_interval"] = refresh_interval
        if aliased:
            body["aliases"] = {self.alias: {}}
        self.client.indices.create(index=name, body=body, **self.write)

    def _merge(self, index: str) -> None:
        """Force-merge a freshly loaded index (opensearch_merge_segments): a read-mostly index
        of one segment counts facets on segment ordinals directly and searches one term
        dictionary per field."""
        if self.settings.opensearch_merge_segments > 0:
            self.client.indices.refresh(index=index, **self.write)
            self.client.indices.forcemerge(index=index, max_num_segments=self.settings.opensearch_merge_segments,
                                           request_timeout=max(self.settings.opensearch_merge_timeout_seconds,
                                                               self.settings.opensearch_write_timeout_seconds))

    def _bulk(self, index: str, documents: Iterable[Mapping], progress: Progress | None) -> BulkReport:
        """Stream documents in chunks; every failed document is reported by id with its reason.

        An item refused for a passing reason (its shard is moving after a lost node, or the
        node is busy: 503, 429) is sent again with back-off; re-sending is safe because each
        document is written under its own id.
        """
        started, indexed, failures, inflight = time.perf_counter(), 0, [], {}

        def actions() -> Iterator[dict]:
            """Bulk actions of the well-formed documents; the others become failures."""
            for document, problem in check_ids(documents):
                if problem:
                    failures.append((str(getattr(document, "get", lambda _k: "?")("id")), problem))
                    continue
                plain = dict(document)
                # the derived fields are not kept in _source (mapping)
                source = {**plain, OQ.FACET_TAGS: OQ.facet_tags(plain), OQ.HIT_SOURCE: OQ.hit_source(plain)}
                action = {"_op_type": "index", "_index": index, "_id": document["id"], "_source": source}
                inflight[str(document["id"])] = action
                yield action

        batch: Iterable[dict] = actions()
        for attempt in range(BULK_ATTEMPTS):
            retry = []
            for ok, info in helpers.streaming_bulk(self.client, batch,
                                                  chunk_size=500, raise_on_error=False, max_retries=2, **self.write):
                item = info.get("index", {})
                action = inflight.pop(str(item.get("_id")), None)
                if ok:
                    indexed += 1
                elif item.get("status") in TRANSIENT and action is not None and attempt + 1 < BULK_ATTEMPTS:
                    retry.append(action)
                    continue
                else:
                    failures.append((str(item.get("_id")), _reason(item.get("error"))))
                if progress:
                    progress(1)
            if not retry:
                break
            batch = retry
            inflight.update({str(a["_id"]): a for a in retry})
            time.sleep(min(2 ** attempt, 15))
        return BulkReport(indexed, tuple(failures), index, time.perf_counter() - started)


def _hit_document(hit: Mapping) -> Mapping:
    """What a hit carries of its report: the stored summary, or (table views, older indexes) its _source."""
    stored = hit.get("fields", {}).get(OQ.HIT_SOURCE)
    return json.loads(stored[0]) if stored else hit["_source"]


def _checked(response: Mapping) -> Mapping:
    """One answer of an _msearch, or the typed error its failure stands for (as engine_errors)."""
    error = response.get("error")
    if error is None:
        return response
    status = response.get("status")
    kind = error.get("type", "") if isinstance(error, Mapping) else str(error)
    if kind == "index_not_found_exception":
        raise EngineUnavailable("the search index does not exist yet")
    if isinstance(status, int) and 400 <= status < 500:
        raise InvalidRequest(f"OpenSearch refused the request: {_reason(error)}")
    raise EngineUnavailable(f"OpenSearch failed: {status} {_reason(error)}")


def _buckets(aggregations: Mapping, name: str) -> list[tuple[str, int]]:
    """(value, count) pairs of one terms aggregation of a response."""
    return [(str(b["key"]), b["doc_count"]) for b in aggregations.get(name, {}).get("buckets", [])]


def _reason(error: object) -> str:
    """A one-line reason from a bulk item error."""
    if isinstance(error, Mapping):
        return f"{error.get('type')}: {error.get('reason')}"
    return str(error)
