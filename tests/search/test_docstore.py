"""The embedded engine keeps whole documents in a store beside each build, not in tantivy's docstore."""

from __future__ import annotations

import sqlite3
import threading

import pytest
import tantivy

from indexer.backends import open_backend
from indexer.backends.docstore import STORE_FILE, DocumentStore, encode
from indexer.search.errors import DocumentNotFound, EngineUnavailable
from indexer.search.model import SearchRequest
from indexer.settings import load_settings
from search.search_corpus import index_documents


@pytest.fixture
def backend(tmp_path):
    engine = open_backend(load_settings(env={}, data_dir=str(tmp_path), engine="embedded"))
    engine.rebuild(index_documents())
    yield engine
    engine.close()


def test_a_hit_reads_only_the_summary_and_get_returns_the_whole_document(backend):
    searcher, _store = backend._searcher()
    address = searcher.search(tantivy.Query.all_query(), limit=1).hits[0][1]
    assert set(searcher.doc(address).to_dict()) == {"id", "summary"}
    first = index_documents()[0]
    stored = backend.get(first["id"])
    # every field, the parsed report included (indexed_at is the time of each build)
    assert {k: v for k, v in stored.items() if k != "indexed_at"} == {k: v for k, v in first.items() if k != "indexed_at"}


def test_each_build_has_its_own_store_and_the_swap_moves_both(backend):
    before = backend.root.current()
    documents = index_documents()
    backend.rebuild([dict(documents[0], title="新版本")])
    after = backend.root.current()
    assert after != before and (after / STORE_FILE).exists()
    assert backend.get(documents[0]["id"])["title"] == "新版本"
    with pytest.raises(DocumentNotFound):
        backend.get(documents[1]["id"])  # only in the previous build


def test_delete_and_replace_reach_the_store(backend):
    documents = index_documents()
    backend.delete(documents[0]["id"])
    assert DocumentStore(backend.root.current()).get(documents[0]["id"]) is None
    backend.index_documents([dict(documents[1], title="改过")])
    assert DocumentStore(backend.root.current()).get(documents[1]["id"])["title"] == "改过"


def test_a_refused_document_is_not_stored(backend):
    documents = index_documents()
    bad = dict(documents[0], id="bad0000000000000", year="not a number")
    report = backend.index_documents([bad], raise_on_error=False)
    assert report.failures and report.failures[0][0] == "bad0000000000000"
    assert DocumentStore(backend.root.current()).get("bad0000000000000") is None


def test_a_build_without_its_store_is_unavailable_not_a_crash(backend):
    (backend.root.current() / STORE_FILE).unlink()
    backend.close()
    with pytest.raises(EngineUnavailable, match="reindex"):
        backend.search(SearchRequest(query="公开"))
    assert backend.ping() is False


def test_a_corrupt_store_is_unavailable_not_a_crash(backend):
    (backend.root.current() / STORE_FILE).write_bytes(b"this is not a database" * 100)
    backend.close()
    with pytest.raises(EngineUnavailable, match="cannot be read"):
        backend.search(SearchRequest(query="公开"))
    assert backend.ping() is False


def test_a_store_of_another_layout_version_is_unavailable_not_a_crash(backend):
    with sqlite3.connect(backend.root.current() / STORE_FILE) as connection:
        connection.execute("PRAGMA user_version = 1")  # as written before the lean copies
    backend.close()
    with pytest.raises(EngineUnavailable, match="older release"):
        backend.get(index_documents()[0]["id"])
    assert backend.ping() is False


def test_scans_and_gets_from_many_threads_share_the_store(backend):
    expected = [row["id"] for row in backend.scan(SearchRequest())]
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(20):
                assert [row["id"] for row in backend.scan(SearchRequest())] == expected
                assert backend.get(expected[-1])["id"] == expected[-1]
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_the_store_round_trips_and_reads_many_in_the_order_asked(tmp_path):
    store = DocumentStore(tmp_path).create()
    writer = store.writer()
    for n in range(3):
        writer.put(f"id{n}", encode({"id": f"id{n}", "名称": "年报" * n}), encode({"id": f"id{n}"}))
    writer.commit()
    writer.close()
    assert [d["id"] for d in store.get_many(["id2", "missing", "id0"])] == ["id2", "id0"]
    assert store.get("id1") == {"id": "id1", "名称": "年报"}
    assert list(store.get_many(["id1"], lean=True)) == [{"id": "id1"}]


def test_scans_read_the_lean_copy_unless_the_report_is_asked_for(backend, monkeypatch):
    from indexer.backends.docstore import DocumentStore as Store

    asked: list[bool] = []
    original = Store.get_many
    monkeypatch.setattr(Store, "get_many", lambda self, ids, lean=False: asked.append(lean) or original(self, ids, lean))
    rows = list(backend.scan(SearchRequest()))
    assert rows and all("report" not in row and "text" not in row for row in rows)
    assert any("t3_new_total" in row for row in rows)
    assert set(asked) == {True}
    asked.clear()
    with_report = list(backend.scan(SearchRequest(), fields=("id", "report", "t3_new_total")))
    assert all("report" in row for row in with_report) and set(asked) == {False}
    asked.clear()
    lean = list(backend.scan(SearchRequest(), fields=("id", "active_disclosure", "source")))
    assert set(asked) == {True} and all("source" in row for row in lean)
