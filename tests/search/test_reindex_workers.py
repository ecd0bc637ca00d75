"""`reindex` with worker processes: the same index as the serial path, every document bounded in time."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from indexer.archive import open_archive
from indexer.ingest.workers import PreparePool, worker_count
from indexer.reindex import reindex
from indexer.search.model import SearchRequest
from search.support import archive_files


@pytest.fixture
def seed_files(seeds_dir: Path) -> dict[str, bytes]:
    """The five seed reports plus one file that is not a report."""
    files = {path.name: path.read_bytes() for path in sorted(seeds_dir.glob("*.txt"))}
    files["notes.txt"] = "会议通知：明天下午开会。".encode("utf-8")
    return files


def _stored_index(backend) -> dict[str, dict]:
    """Every indexed document as the engine stores it, without the time it was indexed."""
    hits = backend.search(SearchRequest(page_size=50)).hits
    return {hit.id: {k: v for k, v in backend.get(hit.id).items() if k != "indexed_at"} for hit in hits}


def test_the_index_built_by_workers_equals_the_serial_one(make_backend, seed_files):
    backend = make_backend()
    archive_files(backend.settings, seed_files, "seeds")
    catalog, store = open_archive(backend.settings)
    serial = reindex(catalog, store, backend, workers=1)
    serial_index = _stored_index(backend)
    ticks: list[int] = []
    pipelined = reindex(catalog, store, backend, workers=3, progress=ticks.append)
    assert _stored_index(backend) == serial_index and len(serial_index) == 5
    assert (pipelined.parsed, pipelined.indexed, pipelined.skipped, pipelined.failed) == \
        (serial.parsed, serial.indexed, serial.skipped, serial.failed) == (5, 5, serial.skipped, ())
    assert len(pipelined.skipped) == 1 and sum(ticks) == 6 and pipelined.swapped


def _one_seed_misbehaves(monkeypatch, seed_files, behaviour) -> str:
    """The real parser, except for one seed (the workers are forked, so they inherit this)."""
    import analyzers.report as parser_module

    real, victim = parser_module.parse_report, sorted(k for k in seed_files if k != "notes.txt")[2]

    def parse(data, filename=None, **options):
        if filename == victim:
            behaviour()
        return real(data, filename, **options)

    monkeypatch.setattr(parser_module, "parse_report", parse)
    return victim


def test_a_hung_parse_is_stopped_recorded_and_the_run_goes_on(make_backend, seed_files, monkeypatch):
    backend = make_backend(reindex_parse_timeout_seconds=2.0)
    archive_files(backend.settings, seed_files, "seeds")
    catalog, store = open_archive(backend.settings)
    victim = _one_seed_misbehaves(monkeypatch, seed_files, lambda: time.sleep(600))
    started = time.monotonic()
    summary = reindex(catalog, store, backend, workers=2)
    assert time.monotonic() - started < 60
    [(where, reason)] = summary.failed
    assert where.endswith("/" + victim) and reason.startswith("parser_timeout: the parser took longer than 2 s")
    assert (summary.indexed, backend.count(), summary.swapped) == (4, 4, True)
    stored = catalog.latest_parse(next(d.sha256 for d in catalog.iter_documents() if d.filename == victim))
    assert stored.error_reason == "parser_timeout"


def test_a_worker_that_dies_is_replaced_and_its_document_recorded(make_backend, seed_files, monkeypatch):
    backend = make_backend()
    archive_files(backend.settings, seed_files, "seeds")
    catalog, store = open_archive(backend.settings)
    victim = _one_seed_misbehaves(monkeypatch, seed_files, lambda: os._exit(3))  # as a crash in native code would
    summary = reindex(catalog, store, backend, workers=2)
    [(where, reason)] = summary.failed
    assert where.endswith("/" + victim) and reason == "parser_crashed: the parser process died (exit code 3)"
    assert (summary.indexed, backend.count(), summary.swapped) == (4, 4, True)


def test_a_batch_reindex_with_workers_replaces_the_batch_in_place(make_backend, seed_files):
    backend = make_backend()
    archive_files(backend.settings, {k: v for k, v in seed_files.items() if k != "notes.txt"}, "seeds")
    catalog, store = open_archive(backend.settings)
    reindex(catalog, store, backend, workers=1)
    before = _stored_index(backend)
    summary = reindex(catalog, store, backend, batch="seeds", workers=2)
    assert summary.in_place and (summary.parsed, summary.indexed, summary.failed) == (5, 5, ())
    assert _stored_index(backend) == before


def test_the_pool_keeps_order_and_holds_at_most_its_window(tmp_path):
    read: list[int] = []

    def items():
        for number in range(40):
            read.append(number)
            yield number

    held = []
    with PreparePool(str(tmp_path), workers=2, timeout=30, window=5) as pool:
        # no blob exists: every document comes back as unreadable (record None), in order
        for number, prepared in pool.ordered(items(), lambda n: (f"{n:064x}", None) if n % 3 else None):
            held.append(len(read) - number)
            assert (prepared is None) == (number % 3 == 0) and (prepared is None or prepared.record is None)
    assert len(held) == 40 and max(held) <= 5
    assert pool.workers == []  # the workers ended with the run


def test_worker_count_zero_means_one_per_core():
    assert worker_count(0) == (os.cpu_count() or 1) and worker_count(3) == 3
