"""The SQLite catalog: sources, versions, batches, parse results and the contract-3 API."""

from __future__ import annotations

import sqlite3

import pytest

from indexer.archive import Catalog, FetchMeta, open_archive, utc_now
from indexer.archive.schema import MIGRATIONS, schema_version


@pytest.fixture
def archive(settings):
    catalog, store = open_archive(settings)
    catalog.ensure_batch("b1", "ingest")
    yield catalog, store
    catalog.close()


def _add(catalog, store, location, data, batch="b1"):
    digest = store.put(data)
    outcome = catalog.classify(location, digest).outcome
    return catalog.record_item(batch, FetchMeta(location, utc_now(), 200, filename="r.html"),
                               digest, len(data), "text/html", outcome)


def test_a_new_catalog_is_in_wal_mode_at_the_latest_schema_version(archive):
    catalog, _ = archive
    assert catalog.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema_version(catalog.conn) == len(MIGRATIONS)


def test_reopening_a_catalog_does_not_migrate_twice(settings, archive):
    catalog, store = archive
    _add(catalog, store, "https://a.gov.cn/1.html", b"one")
    again = Catalog(settings.catalog_file)
    assert len(list(again.iter_documents())) == 1
    again.close()


def test_same_url_with_new_bytes_is_a_new_version_superseding_the_old(archive):
    catalog, store = archive
    first = _add(catalog, store, "https://a.gov.cn/1.html", b"v1")
    second = _add(catalog, store, "https://a.gov.cn/1.html", b"v2")
    assert (first.outcome, second.outcome) == ("new", "new_version")
    old = catalog.get_document(first.sha256)
    assert old.superseded_by == second.sha256
    new = catalog.get_document(second.sha256)
    assert new.superseded_by is None
    assert [s.version for s in new.sources] == [2]


def test_same_bytes_from_two_urls_is_one_document_with_two_sources(archive):
    catalog, store = archive
    _add(catalog, store, "https://a.gov.cn/1.html", b"same")
    second = _add(catalog, store, "https://b.gov.cn/2.html", b"same")
    assert second.outcome == "unchanged"
    documents = list(catalog.iter_documents())
    assert len(documents) == 1
    assert {s.url for s in documents[0].sources} == {"https://a.gov.cn/1.html", "https://b.gov.cn/2.html"}


def test_recording_the_same_item_twice_changes_nothing(archive):
    catalog, store = archive
    _add(catalog, store, "/data/r.txt", b"report")
    dump = list(catalog.conn.iterdump())
    _add(catalog, store, "/data/r.txt", b"report")
    assert list(catalog.conn.iterdump()) == dump


def test_iter_documents_filters_by_batch(archive):
    catalog, store = archive
    catalog.ensure_batch("b2", "crawl")
    _add(catalog, store, "/a", b"a", batch="b1")
    _add(catalog, store, "/b", b"b", batch="b2")
    assert [d.filename for d in catalog.iter_documents("b2")] == ["r.html"]
    assert len(list(catalog.iter_documents())) == 2
    assert [d.batches for d in catalog.iter_documents("b2")] == [("b2",)]


def test_record_parse_keeps_one_result_per_parser_version(archive):
    catalog, store = archive
    digest = _add(catalog, store, "/a", b"a").sha256
    catalog.record_parse(digest, "0.1.0", None, "not_a_report", "no title")
    catalog.record_parse(digest, "0.1.0", {"year": 2020}, None, None)
    catalog.record_parse(digest, "0.2.0", {"year": 2021}, None, None)
    assert catalog.latest_parse(digest, "0.1.0").report == {"year": 2020}
    assert catalog.latest_parse(digest).report == {"year": 2021}
    count = catalog.conn.execute("SELECT COUNT(*) FROM parses").fetchone()[0]
    assert count == 2


def test_get_document_of_an_unknown_hash_is_none(archive):
    catalog, _ = archive
    assert catalog.get_document("0" * 64) is None


def test_a_report_id_finds_its_document(archive):
    catalog, store = archive
    digest = _add(catalog, store, "/a", b"a").sha256
    assert catalog.find_by_report_id(digest[:16]).sha256 == digest
    assert catalog.find_by_report_id("not-an-id") is None


def test_documents_need_a_catalogued_parent_for_sources(archive):
    catalog, _ = archive
    with pytest.raises(sqlite3.IntegrityError):
        with catalog.transaction() as conn:
            conn.execute(
                "INSERT INTO sources(location, sha256, version, fetched_at) VALUES ('x', ?, 1, 'now')",
                ("f" * 64,),
            )


def test_a_vanished_location_is_marked_once(archive):
    catalog, store = archive
    _add(catalog, store, "https://a.gov.cn/1.html", b"v1")
    assert catalog.mark_vanished("https://a.gov.cn/1.html", utc_now()) is True
    assert catalog.mark_vanished("https://a.gov.cn/1.html", utc_now()) is False
    assert catalog.location_row("https://a.gov.cn/1.html")["state"] == "vanished"


def test_a_catalog_at_an_older_schema_version_is_migrated_on_open(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    conn.close()
    catalog = Catalog(path)
    indexes = {row[0] for row in catalog.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert schema_version(catalog.conn) == len(MIGRATIONS) and "frontier_sequence" in indexes
    catalog.close()


def test_a_failed_item_transaction_leaves_no_partial_rows(archive):
    catalog, store = archive
    digest = store.put(b"bytes")
    with pytest.raises(RuntimeError):
        with catalog.transaction():
            catalog.record_item("b1", FetchMeta("/a", utc_now()), digest, 5, "text/plain", "new")
            raise RuntimeError("killed half way")
    counts = catalog.conn.execute(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM batch_items)"
    ).fetchone()
    assert tuple(counts) == (0, 0, 0)
