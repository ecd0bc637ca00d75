"""Indexing from the catalog and archive: re-parse, rebuild, swap, and the CLI around it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.archive import open_archive
from indexer.reindex import index_catalog, reindex
from indexer.search.model import SearchRequest
from portal.cli.main import cli
from search.support import archive_files


@pytest.fixture
def seed_files(seeds_dir: Path) -> dict[str, bytes]:
    """The five seed reports plus one file that is not a report."""
    files = {path.name: path.read_bytes() for path in sorted(seeds_dir.glob("*.txt"))}
    files["notes.txt"] = "会议通知：明天下午开会。".encode("utf-8")
    return files


def test_reindex_parses_every_document_and_reports_the_bad_one(make_backend, seed_files):
    backend = make_backend()
    archive_files(backend.settings, seed_files, "seeds")
    catalog, store = open_archive(backend.settings)
    ticks: list[int] = []
    summary = reindex(catalog, store, backend, progress=ticks.append)
    assert (summary.documents, summary.parsed, summary.indexed) == (6, 5, 5)
    # a file that is not a report is skipped, named by its location, and is no failure
    assert [(where, reason.split(":")[0]) for where, reason in summary.skipped] == [("file:///seeds/notes.txt", "not_a_report")]
    assert summary.failed == ()
    assert sum(ticks) == 6 and summary.swapped
    assert backend.count() == 5
    hit = backend.search(SearchRequest(query="政府信息公开", page_size=1)).hits[0]
    stored = backend.get(hit.id)
    assert stored["source"]["sha256"].startswith(hit.id) and stored["source"]["url"].startswith("file:///seeds/")
    assert catalog.latest_parse(stored["source"]["sha256"]).ok


def test_index_reuses_stored_parses_and_reindex_batch_reparses_only_that_batch(make_backend, seed_files):
    backend = make_backend()
    archive_files(backend.settings, seed_files, "seeds")
    catalog, store = open_archive(backend.settings)
    first = index_catalog(catalog, store, backend)
    again = index_catalog(catalog, store, backend)
    # the non-report's stored outcome is reported again (skipped), without parsing it again
    assert (first.parsed, again.parsed, again.reused, len(again.skipped), len(again.failed)) == (5, 0, 5, 1, 0)
    archive_files(backend.settings, {"extra.txt": seed_files["notes.txt"] + b" "}, "later")
    summary = reindex(catalog, store, backend, batch="later")
    # only the batch is gone through: its one file is not a report; the live index keeps the rest
    assert (summary.documents, summary.parsed, summary.reused, summary.indexed) == (1, 0, 0, 0)
    assert (len(summary.skipped), summary.failed, summary.in_place) == (1, (), True)
    assert backend.count() == 5


def test_reindex_of_a_batch_replaces_only_that_batch_in_the_live_index(make_backend, seed_files, monkeypatch):
    import analyzers.report as parser_module

    backend = make_backend()
    reports = {k: v for k, v in seed_files.items() if k != "notes.txt"}
    names = sorted(reports)
    archive_files(backend.settings, {n: reports[n] for n in names[:3]}, "old")
    archive_files(backend.settings, {n: reports[n] for n in names[3:]}, "new")
    catalog, store = open_archive(backend.settings)
    reindex(catalog, store, backend)
    built = backend.search(SearchRequest(page_size=10))
    real_parse, parsed_names = parser_module.parse_report, []

    def newer_parser(data: bytes, filename: str | None = None):
        """The current parser with a visible change, so replaced documents can be told apart."""
        parsed_names.append(filename)
        parsed = real_parse(data, filename)
        return dataclasses.replace(parsed, title=f"新版 {parsed.title}")

    monkeypatch.setattr(parser_module, "parse_report", newer_parser)
    summary = reindex(catalog, store, backend, batch="new")
    assert summary.in_place and not summary.swapped and summary.indexed == 2 == summary.parsed
    assert sorted(parsed_names) == names[3:]  # the other batch was neither parsed nor rebuilt
    after = backend.search(SearchRequest(page_size=10))
    assert sorted(h.id for h in after.hits) == sorted(h.id for h in built.hits)
    assert sum(h.document["title"].startswith("新版") for h in after.hits) == 2


def test_a_batch_document_that_no_longer_parses_leaves_the_live_index(make_backend, seed_files, monkeypatch):
    import analyzers.report as parser_module
    from analyzers.errors import ReportError

    backend = make_backend()
    archive_files(backend.settings, {k: v for k, v in seed_files.items() if k != "notes.txt"}, "seeds")
    catalog, store = open_archive(backend.settings)
    reindex(catalog, store, backend)
    real_parse = parser_module.parse_report
    victim = sorted(k for k in seed_files if k != "notes.txt")[0]

    def stricter_parser(data: bytes, filename: str | None = None):
        """The current parser refusing one file, as a stricter parser version might."""
        if filename == victim:
            raise ReportError("no table 三 found")
        return real_parse(data, filename)

    monkeypatch.setattr(parser_module, "parse_report", stricter_parser)
    summary = reindex(catalog, store, backend, batch="seeds")
    assert summary.in_place and summary.indexed == 4 and len(summary.failed) == 1
    assert backend.count() == 4 and victim in summary.failed[0][0]


def test_reindex_of_a_batch_without_a_live_index_builds_one(make_backend, seed_files):
    backend = make_backend()
    archive_files(backend.settings, {k: v for k, v in seed_files.items() if k != "notes.txt"}, "seeds")
    catalog, store = open_archive(backend.settings)
    summary = reindex(catalog, store, backend, batch="seeds")
    assert summary.swapped and not summary.in_place and backend.count() == 5


def test_the_archive_date_comes_from_the_catalog_and_survives_a_reindex(make_backend, seed_files):
    backend = make_backend()
    archive_files(backend.settings, seed_files, "seeds")
    catalog, store = open_archive(backend.settings)
    index_catalog(catalog, store, backend)
    first = backend.search(SearchRequest(sort="added_desc", page_size=10))
    archived = {d.report_id: d.archived_at for d in catalog.iter_documents()}
    assert all(hit.document["archived_at"] == archived[hit.id] for hit in first.hits) and first.total == 5
    reindex(catalog, store, backend)
    again = backend.search(SearchRequest(sort="added_desc", page_size=10))
    assert [(h.id, h.document["archived_at"]) for h in again.hits] == [(h.id, h.document["archived_at"]) for h in first.hits]
    assert backend.get(first.hits[0].id)["sort_added"] > 0


def test_cli_reindex_swaps_and_prints_a_summary(tmp_path, seed_files, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("NIANBAO_ENGINE", "embedded")
    from indexer.settings import load_settings

    archive_files(load_settings(), {k: v for k, v in seed_files.items() if k != "notes.txt"}, "seeds")
    runner = CliRunner()
    result = runner.invoke(cli, ["reindex", "--all"])
    assert result.exit_code == 0, result.output
    assert "5 of 5 documents indexed" in result.output and "swapped in atomically" in result.output
    assert runner.invoke(cli, ["reindex"]).exit_code == 2
    assert runner.invoke(cli, ["index", "--batch", "seeds"]).exit_code == 0


def test_cli_reports_an_engine_that_is_down_as_an_error_not_a_traceback(tmp_path, monkeypatch, seed_files):
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("NIANBAO_OPENSEARCH_URL", "http://127.0.0.1:9")  # nothing listens there
    from indexer.settings import load_settings

    archive_files(load_settings(), {"000.txt": next(iter(seed_files.values()))}, "seeds")
    result = CliRunner().invoke(cli, ["index", "--engine", "opensearch"])
    assert result.exit_code == 1
    assert "search engine unavailable" in result.output and "Traceback" not in result.output


def test_parsed_and_synthetic_reports_index_without_the_archive(make_backend):
    from indexer.reindex import index_reports, synthetic_documents
    from indexer.synth import generate_reports
    from search.search_corpus import REPORTS

    backend = make_backend()
    report = index_reports(backend, REPORTS.items())
    assert report.indexed == len(REPORTS) and backend.count() == len(REPORTS)
    synthetic = list(generate_reports(3, seed=5))
    backend.index_documents(synthetic_documents(synthetic))
    stored = backend.get(synthetic[0].report_id)
    assert stored["synthetic"] is True and stored["origin"] == "synthetic"
    assert backend.count() == len(REPORTS) + 3
