"""Locations and versions: identical bytes at two places are one document, a new version
supersedes only at the place that changed, and a document leaves search only when no
location holds it any more; migration 3 repairs catalogs written by older releases."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from indexer.archive import Catalog, open_archive
from indexer.archive.schema import MIGRATIONS
from indexer.backends import open_backend
from indexer.ingest.inputs import expand_inputs
from indexer.ingest.runner import IngestRunner
from indexer.reindex import index_catalog
from indexer.search.model import SearchRequest


def ingest(settings, path: Path, batch: str) -> None:
    """Ingest one file into a batch."""
    catalog, store = open_archive(settings)
    try:
        IngestRunner(catalog, store, settings).run(expand_inputs([str(path)]), batch)
    finally:
        catalog.close()


def place(seed: Path, target: Path) -> str:
    """Copy a seed to `target` and return the report id of its bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(seed, target)
    from indexer.archive import sha256_hex

    return sha256_hex(target.read_bytes())[:16]


def live_ids(settings) -> set[str]:
    """Ids the live index returns for a search that matches every report."""
    backend = open_backend(settings)
    try:
        return {hit.id for hit in backend.search(SearchRequest(page_size=50)).hits}
    finally:
        backend.close()


def index(settings, batch: str | None = None) -> None:
    """`nianbao index` of a batch (or everything)."""
    catalog, store = open_archive(settings)
    backend = open_backend(settings)
    try:
        index_catalog(catalog, store, backend, batch=batch)
    finally:
        catalog.close()
        backend.close()


@pytest.fixture
def mirrored(settings, seeds_dir, tmp_path):
    """The issue's reproducer: a report at A, the same bytes at B, then a changed file at B."""
    seeds = sorted(seeds_dir.glob("*.txt"))
    first = place(seeds[0], tmp_path / "town" / "report.txt")
    ingest(settings, tmp_path / "town" / "report.txt", "town")
    place(seeds[0], tmp_path / "county" / "report.txt")
    ingest(settings, tmp_path / "county" / "report.txt", "county")
    index(settings)
    second = place(seeds[1], tmp_path / "county" / "report.txt")
    ingest(settings, tmp_path / "county" / "report.txt", "county-2")
    return settings, first, second, seeds


def test_the_same_bytes_at_two_locations_are_one_document_with_two_sources(mirrored):
    settings, first, _second, _seeds = mirrored
    catalog, _ = open_archive(settings)
    document = catalog.find_by_report_id(first)
    catalog.close()
    assert len(document.sources) == 2
    assert [source.current for source in document.sources] == [True, False]


def test_a_new_version_at_one_mirror_leaves_the_document_at_the_other_current(mirrored):
    settings, first, second, _seeds = mirrored
    catalog, _ = open_archive(settings)
    assert catalog.find_by_report_id(first).superseded_by is None
    assert catalog.find_by_report_id(second).superseded_by is None
    catalog.close()


def test_the_unchanged_mirror_stays_searchable_after_indexing_the_batch_or_everything(mirrored):
    settings, first, second, _seeds = mirrored
    index(settings, "county-2")
    assert live_ids(settings) == {first, second}
    index(settings)
    assert live_ids(settings) == {first, second}


def test_the_index_names_a_location_that_still_holds_the_document(mirrored, tmp_path):
    settings, first, _second, _seeds = mirrored
    index(settings)
    backend = open_backend(settings)
    assert backend.get(first)["source"]["url"] == str((tmp_path / "town" / "report.txt").resolve())
    backend.close()


def test_a_document_leaves_search_when_its_last_location_changes_too(mirrored, tmp_path):
    settings, first, second, seeds = mirrored
    index(settings, "county-2")
    third = place(seeds[2], tmp_path / "town" / "report.txt")
    ingest(settings, tmp_path / "town" / "report.txt", "town-2")
    catalog, _ = open_archive(settings)
    assert catalog.find_by_report_id(first).superseded_by.startswith(third)
    catalog.close()
    index(settings, "town-2")  # only the new batch: its old bytes are re-indexed as superseded
    assert live_ids(settings) == {second, third}


def test_a_report_page_of_the_unchanged_mirror_announces_no_newer_version(mirrored):
    from portal.app import create_app

    settings, first, _second, _seeds = mirrored
    index(settings)
    client = create_app({"TESTING": True, "SETTINGS": settings}).test_client()
    assert "此版本已被更新" not in client.get(f"/reports/{first}").get_data(as_text=True)
    assert client.get(f"/api/reports/{first}").get_json()["superseded_by"] is None


def old_catalog(path: Path) -> None:
    """A catalog at schema version 2 as releases up to 2 wrote it for the reproducer: the
    bytes at A were superseded when B changed, although A still held them."""
    conn = sqlite3.connect(path, isolation_level=None)
    for number, migration in enumerate(MIGRATIONS[:2], start=1):
        conn.executescript(f"{migration}\nPRAGMA user_version = {number};")
    stamp = "2026-01-01T00:00:00+00:00"
    conn.executescript(f"""
        INSERT INTO documents VALUES ('{'a' * 64}', 1, 'text/plain', 'r.txt', '{stamp}', '{'b' * 64}');
        INSERT INTO documents VALUES ('{'b' * 64}', 1, 'text/plain', 'r.txt', '{stamp}', NULL);
        INSERT INTO documents VALUES ('{'c' * 64}', 1, 'text/plain', 'r.txt', '{stamp}', '{'b' * 64}');
        INSERT INTO sources(location, sha256, version, fetched_at) VALUES ('/A', '{'a' * 64}', 1, '{stamp}');
        INSERT INTO sources(location, sha256, version, fetched_at) VALUES ('/B', '{'a' * 64}', 1, '{stamp}');
        INSERT INTO sources(location, sha256, version, fetched_at) VALUES ('/B', '{'b' * 64}', 2, '{stamp}');
        INSERT INTO sources(location, sha256, version, fetched_at) VALUES ('/C', '{'c' * 64}', 1, '{stamp}');
        INSERT INTO sources(location, sha256, version, fetched_at) VALUES ('/C', '{'b' * 64}', 2, '{stamp}');
        INSERT INTO locations VALUES ('/A', '{'a' * 64}', 'live', '{stamp}', NULL, NULL);
        INSERT INTO locations VALUES ('/B', '{'b' * 64}', 'live', '{stamp}', NULL, NULL);
        INSERT INTO locations VALUES ('/C', '{'b' * 64}', 'live', '{stamp}', NULL, NULL);
    """)
    conn.close()


def test_migration_three_makes_a_document_current_again_when_a_location_still_holds_it(tmp_path):
    old_catalog(tmp_path / "catalog.sqlite")
    catalog = Catalog(tmp_path / "catalog.sqlite")
    try:
        assert catalog.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) >= 3
        assert catalog.get_document("a" * 64).superseded_by is None  # /A still holds it
        assert catalog.get_document("c" * 64).superseded_by == "b" * 64  # nothing holds it any more
    finally:
        catalog.close()
