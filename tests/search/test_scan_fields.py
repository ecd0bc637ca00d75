"""Scans of chosen fields on the embedded engine read fast columns and summaries, not whole documents."""

from __future__ import annotations

from indexer.backends import open_backend, tantivy_store
from indexer.search.model import SearchRequest
from indexer.settings import load_settings
from search.search_corpus import index_documents

FIELDS = ("id", "region_code", "agency", "year", "t3_new_total")


def documents() -> list[dict]:
    """The contract corpus, some reports with a region code (the corpus leaves codes blank)."""
    return [dict(d, region_code=f"35{n:04d}") if n % 2 else d for n, d in enumerate(index_documents())]


def rows_by_id(backend) -> dict:
    return {row["id"]: row for row in backend.scan(SearchRequest(), fields=FIELDS)}


def test_an_index_whose_summaries_predate_region_codes_is_scanned_from_the_documents(tmp_path, monkeypatch):
    backend = open_backend(load_settings(env={}, data_dir=str(tmp_path), engine="embedded"))
    with monkeypatch.context() as patch:
        # summaries written without the version mark, as by builds before it existed
        patch.setattr(tantivy_store, "SUMMARY_VERSION_KEY", "unrelated")
        backend.rebuild(documents())
    old = rows_by_id(backend)
    backend.rebuild(documents())
    assert old == rows_by_id(backend)
    assert any("region_code" in row for row in old.values())


def test_rows_leave_out_fields_a_document_does_not_have(tmp_path):
    backend = open_backend(load_settings(env={}, data_dir=str(tmp_path), engine="embedded"))
    backend.rebuild(documents())
    by_id = {d["id"]: d for d in documents()}
    for report_id, row in rows_by_id(backend).items():
        assert set(row) == {f for f in FIELDS if f in by_id[report_id]}
