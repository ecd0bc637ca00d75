"""`reindex` runs the years step too, on both engines, and searches keep answering while it writes."""

from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner

from indexer.archive import open_archive
from indexer.backends import open_backend
from indexer.reindex import index_catalog, reindex
from indexer.search.model import SearchRequest
from indexer.years.fields import comparable, years_fields
from indexer.years.sync import open_years
from portal.cli.main import cli
from tests.conftest import CORPUS_DEV_DIR, CORPUS_YEARS_DIR, shared_folder
from tests.search.support import ENGINES, drop, engine_settings
from tests.units.conftest import ingest


@pytest.fixture(params=ENGINES)
def years_archive(request, tmp_path):
    """Settings and a backend of one engine over a catalog holding corpus-years (batch `years`), not indexed."""
    settings = engine_settings(request.param, tmp_path, request)
    ingest(settings, [shared_folder(CORPUS_YEARS_DIR)], "years")
    backend = open_backend(settings)
    yield settings, backend
    drop(backend)


def run(settings, action, **kwargs):
    catalog, store = open_archive(settings)
    try:
        return action(catalog, store, **kwargs)
    finally:
        catalog.close()


def stored_fields(settings, backend) -> tuple[dict, dict]:
    """Years fields as indexed and as the years tables give them, by report id."""
    ids = [hit.id for hit in backend.search(SearchRequest(facets=(), page_size=100)).hits]
    catalog, _store = open_archive(settings)
    years = open_years(catalog)
    try:
        indexed = {rid: comparable(backend.get(rid)) for rid in ids}
        tables = {rid: comparable(years_fields(years.report(rid), backend.get(rid)["report"])) for rid in ids}
        return indexed, tables
    finally:
        years.close()
        catalog.close()


def test_reindex_all_analyses_the_archive_and_the_new_index_holds_its_results(years_archive):
    settings, backend = years_archive
    summary = run(settings, reindex, backend=backend)
    assert summary.swapped and summary.years.analysed == summary.indexed == 12 and summary.failed == ()
    indexed, tables = stored_fields(settings, backend)
    assert indexed == tables and {f["crossyear_status"] for f in indexed.values()} >= {"passed", "failed", "no_previous"}
    again = run(settings, reindex, backend=backend, batch="years")  # in place: same parses, nothing to update
    assert again.in_place and again.years.refreshed == 0 and stored_fields(settings, backend)[0] == indexed


def test_documents_built_with_fields_still_current_are_not_read_back_after_the_years_step(years_archive, monkeypatch):
    settings, backend = years_archive
    first = run(settings, reindex, backend=backend)  # built before any analysis: every document is re-written
    assert first.years.refreshed == first.indexed == 12
    read_back: list[str] = []
    get_many = backend.get_many
    monkeypatch.setattr(backend, "get_many", lambda ids: read_back.extend(ids) or get_many(ids))
    again = run(settings, reindex, backend=backend)  # the same parses: every document is built as it stays
    assert again.swapped and again.years.analysed == 12 and again.years.refreshed == 0
    indexed, tables = stored_fields(settings, backend)
    assert indexed == tables and len(indexed) == 12
    assert not set(read_back) & set(indexed)  # only the README (not a report, never built) is looked for


def test_searches_never_fail_while_a_batch_and_its_years_updates_are_written(years_archive):
    settings, backend = years_archive
    run(settings, index_catalog, backend=backend, batch="years")
    ingest(settings, [shared_folder(CORPUS_DEV_DIR) / name for name in ("07.src", "12.src", "17.src", "22.src")], "dev")
    before = backend.search(SearchRequest(facets=(), page_size=1)).total
    errors, totals, done = [], [], threading.Event()

    def search_meanwhile() -> None:
        while not done.is_set():
            try:
                totals.append(backend.search(SearchRequest(query="重复率>=0", page_size=5)).total)
            except Exception as error:  # noqa: BLE001 - any failure is what the test looks for
                errors.append(error)

    reader = threading.Thread(target=search_meanwhile)
    reader.start()
    try:
        summary = run(settings, index_catalog, backend=backend, batch="dev")
    finally:
        done.set()
        reader.join()
    assert errors == [] and totals
    # 财政金融局 2025 (2024 arrived) and 海坛片区 2020 (2019 arrived); 海坛片区 2025 and 社会事业局 2025
    # have no 2024 to follow, so nothing of theirs changes
    assert summary.indexed == 4 and summary.years.refreshed == 2
    indexed, tables = stored_fields(settings, backend)
    assert indexed == tables and len(indexed) == before + 4


def test_the_cli_says_what_the_years_step_did(years_archive, monkeypatch):
    settings, backend = years_archive
    for name, value in (("NIANBAO_DATA_DIR", settings.data_dir), ("NIANBAO_ENGINE", settings.engine),
                        ("NIANBAO_OPENSEARCH_URL", settings.opensearch_url),
                        ("NIANBAO_OPENSEARCH_INDEX", settings.opensearch_index)):
        monkeypatch.setenv(name, str(value))
    result = CliRunner().invoke(cli, ["index", "--batch", "years"])
    assert result.exit_code == 0, result.output
    assert "years: 12 reports analysed" in result.output
    result = CliRunner().invoke(cli, ["ingest", str(shared_folder(CORPUS_DEV_DIR) / "07.src"), "--batch", "dev"])
    assert result.exit_code == 0, result.output
    assert "Years: 1 reports analysed" in result.output and "indexed reports of their units updated" in result.output
    assert "1 indexed reports of their units updated" in result.output  # 财政金融局 2025 gained its predecessor
