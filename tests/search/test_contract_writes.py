"""Writes of the backend contract (index, delete, rebuild and swap, failures), on both engines."""

from __future__ import annotations

import shutil
import threading

import pytest

from indexer.search.errors import BulkIndexError, DocumentNotFound, EngineUnavailable
from indexer.search.model import SearchRequest
from search.search_corpus import index_documents


def test_a_backend_without_an_index_is_unavailable(make_backend):
    backend = make_backend()
    assert backend.ping() is False
    with pytest.raises(EngineUnavailable):
        backend.search(SearchRequest(query="公开"))


def test_indexing_adds_and_replaces_documents(make_backend):
    backend = make_backend()
    documents = index_documents()
    backend.index_documents(documents[:3])
    assert backend.ping() and backend.count() == 3
    changed = dict(documents[0], title="改过的标题")
    backend.index_documents([changed])
    assert backend.count() == 3
    assert backend.get(changed["id"])["title"] == "改过的标题"


def test_delete_removes_a_report_and_unknown_ids_raise(make_backend):
    backend = make_backend()
    backend.index_documents(index_documents())
    backend.delete("r03")
    with pytest.raises(DocumentNotFound):
        backend.get("r03")
    assert "r03" not in {h.id for h in backend.search(SearchRequest(page_size=50)).hits}
    with pytest.raises(DocumentNotFound):
        backend.delete("r03")


def test_bulk_failures_name_the_documents_and_spare_the_rest(make_backend):
    backend = make_backend()
    bad = dict(index_documents()[0], id="bad1", t3_new_total="many")
    good = index_documents()[1:3]
    with pytest.raises(BulkIndexError) as raised:
        backend.index_documents([bad, *good])
    assert [failure[0] for failure in raised.value.failures] == ["bad1"]
    assert backend.count() == 2


def test_rebuild_swaps_in_a_new_index_while_queries_keep_working(make_backend):
    backend = make_backend()
    documents = index_documents()
    backend.rebuild(documents[:2])
    reader = make_backend()  # a second handle, as a portal worker would hold
    failures: list[BaseException] = []
    totals: set[int] = set()
    stop = threading.Event()

    def keep_querying() -> None:
        """Search until told to stop, recording every failure."""
        while not stop.is_set():
            try:
                totals.add(reader.search(SearchRequest(query="公开")).total)
            except BaseException as error:  # every failure counts, whatever its type
                failures.append(error)

    thread = threading.Thread(target=keep_querying)
    thread.start()
    try:
        for _ in range(3):
            backend.rebuild(documents)
            backend.rebuild(documents[:2])
        backend.rebuild(documents)
    finally:
        stop.set()
        thread.join()
    assert failures == []
    assert reader.search(SearchRequest(query="公开")).total == 7
    assert totals <= {2, 7}


def test_an_engine_that_goes_away_is_unavailable(make_backend, tmp_path):
    backend = make_backend()
    backend.rebuild(index_documents())
    if backend.settings.engine == "opensearch":
        down = make_backend(opensearch_url="http://127.0.0.1:9")  # discard port: nothing listens
    else:
        shutil.rmtree(backend.root.current())
        down = make_backend()
    with pytest.raises(EngineUnavailable):
        down.search(SearchRequest(query="公开"))
    with pytest.raises(EngineUnavailable):
        down.get("r01")


def test_an_embedded_index_of_an_older_schema_asks_for_a_reindex(tmp_path):
    import tantivy

    from indexer.backends import open_backend
    from indexer.settings import load_settings

    settings = load_settings(env={}, data_dir=str(tmp_path), engine="embedded")
    old = settings.index_path / "idx-old"
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", tokenizer_name="raw")
    old.mkdir(parents=True)
    tantivy.Index(builder.build(), path=str(old)).writer().commit()
    (settings.index_path / "CURRENT").write_text("idx-old", encoding="utf-8")
    with pytest.raises(EngineUnavailable, match="reindex --all"):
        open_backend(settings).search(SearchRequest(query="公开"))


def test_an_opensearch_index_without_the_added_field_still_answers_the_added_sort(request, tmp_path):
    from indexer.backends import open_backend
    from indexer.backends.opensearch import index_mapping
    from search.support import drop, engine_settings

    backend = open_backend(engine_settings("opensearch", tmp_path, request))
    body = index_mapping(100)
    for name in ("sort_added", "archived_at"):  # as built before those fields existed
        del body["mappings"]["properties"][name]
    body["aliases"] = {backend.alias: {}}
    backend.client.indices.create(index=f"{backend.alias}-old", body=body)
    try:
        old = [{key: value for key, value in d.items() if key not in ("sort_added", "archived_at")} for d in index_documents()]
        backend.index_documents(old)
        assert backend.search(SearchRequest(sort="added_desc", page_size=50)).total == 7
    finally:
        drop(backend)


def test_an_opensearch_index_built_before_the_derived_fields_still_answers_with_facets(request, tmp_path):
    """An index without hit_source and facet_tags (bulk-loaded as before issue 13) reads hits
    from _source; its bounded facets count nothing until `reindex --all`, the open-ended ones still do."""
    from opensearchpy import helpers

    from indexer.backends import open_backend
    from indexer.backends import opensearch_queries as OQ
    from indexer.backends.opensearch import index_mapping
    from search.support import drop, engine_settings

    backend = open_backend(engine_settings("opensearch", tmp_path, request))
    body = index_mapping(100)
    for name in (OQ.HIT_SOURCE, OQ.FACET_TAGS):
        del body["mappings"]["properties"][name]
    body["mappings"].pop("_source")
    body["aliases"] = {backend.alias: {}}
    backend.client.indices.create(index=f"{backend.alias}-old", body=body)
    try:
        documents = index_documents()
        helpers.bulk(backend.client, ({"_index": f"{backend.alias}-old", "_id": d["id"], "_source": d} for d in documents),
                     refresh=True)
        result = backend.search(SearchRequest(query="公开"))
        assert result.total > 0 and all(hit.document.get("title") for hit in result.hits)
        assert result.facets["county"].values, "open-ended facets keep their own aggregation"
    finally:
        drop(backend)
