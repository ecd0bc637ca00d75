"""`index` and `reindex` with a hostile document: it is recorded with its file and a plain
reason, the others are indexed, and a rebuild still swaps in (unless nothing could be indexed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import analyzers.report
from indexer.archive import open_archive
from indexer.backends import open_backend
from indexer.ingest.inputs import expand_inputs
from indexer.ingest.runner import IngestRunner
from indexer.reindex import index_catalog, reindex
from portal.cli.main import cli

HOSTILE = "003_760930ac560b76d3.txt"


@pytest.fixture
def archived(settings, seeds_dir: Path):
    """The five seeds ingested as batch `seeds` (parsed normally)."""
    catalog, store = open_archive(settings)
    IngestRunner(catalog, store, settings).run(expand_inputs([str(seeds_dir)]), "seeds")
    catalog.close()
    return settings


@pytest.fixture
def hostile_parser(monkeypatch):
    """The real parser, except that one seed makes it raise an untyped OverflowError."""
    real = analyzers.report.parse_report

    def parse(data, filename=None, **options):
        if filename == HOSTILE:
            raise OverflowError("int too large to convert to float")
        return real(data, filename, **options)

    monkeypatch.setattr(analyzers.report, "parse_report", parse)


def run(settings, function, **options):
    catalog, store = open_archive(settings)
    backend = open_backend(settings)
    try:
        return function(catalog, store, backend, **options), backend.count()
    finally:
        catalog.close()
        backend.close()


def test_reindex_all_records_the_hostile_document_and_swaps_in_the_rest(archived, hostile_parser):
    summary, live = run(archived, reindex)
    assert (summary.indexed, live, summary.swapped) == (4, 4, True)
    [(where, reason)] = summary.failed
    assert where.endswith("/" + HOSTILE)
    assert reason == "parser_crashed: the parser stopped on a number too large to handle (int too large to convert to float)"


def test_index_records_the_hostile_document_and_indexes_the_rest(archived, monkeypatch, hostile_parser):
    catalog, _ = open_archive(archived)
    catalog.conn.execute("DELETE FROM parses")  # nothing parsed yet: `index` must parse all five
    catalog.close()
    summary, live = run(archived, index_catalog)
    assert (summary.parsed, summary.indexed, live, len(summary.failed)) == (4, 4, 4, 1)


def test_a_rebuild_where_every_document_fails_keeps_the_live_index(archived, monkeypatch):
    run(archived, reindex)
    monkeypatch.setattr(analyzers.report, "parse_report", lambda *a, **k: 1 / 0)
    summary, live = run(archived, reindex)
    assert (summary.indexed, summary.swapped, len(summary.failed), live) == (0, False, 5, 5)


def test_the_reindex_command_names_the_file_and_exits_one_after_swapping(archived, hostile_parser, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_DIR", archived.data_dir)
    result = CliRunner().invoke(cli, ["reindex", "--all"])
    assert result.exit_code == 1, result.output
    assert "4 of 5 documents indexed, 0 skipped (not a report), 1 failed" in result.output
    assert "swapped in atomically" in result.output
    assert f"/{HOSTILE}: parser_crashed: the parser stopped on a number too large" in result.output
    assert "OverflowError" not in result.output and "Traceback" not in result.output
