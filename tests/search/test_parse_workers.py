"""Parsing in worker processes during `reindex` (indexer.ingest.workers): same results, in
order, each document bounded in time, a dead or hung worker costing only its document."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import indexer.reindex as reindex_module
from indexer.archive import open_archive
from indexer.ingest.workers import ParsePool, parse_with_fields
from indexer.reindex import reindex
from indexer.search.model import SearchRequest
from search.support import archive_files

FAULTS = "tests.search.parse_faults:parse"


@pytest.fixture
def files(seeds_dir: Path) -> dict[str, bytes]:
    """The five seed reports, a text that is not a report and bytes that are no document."""
    found = {path.name: path.read_bytes() for path in sorted(seeds_dir.glob("*.txt"))}
    found["notes.txt"] = "会议通知：明天下午开会。".encode("utf-8")
    found["junk.pdf"] = b"\x00\x01\x02 not a pdf"
    return found


def _task(name: str, data: bytes) -> tuple[str, bytes, str]:
    return hashlib.sha256(data).hexdigest(), data, name


def test_workers_give_the_in_process_results_in_the_order_asked(files):
    tasks = [_task(name, data) for name, data in files.items()]
    with ParsePool(2, 120) as pool:
        tickets = [pool.submit(*task) for task in tasks]
        results = [pool.result(ticket) for ticket in tickets]
    for task, result in zip(tasks, results):
        alone = parse_with_fields(*task)
        assert result.record.sha256 == task[0]
        assert (result.record.report, result.record.error_reason) == (alone.record.report, alone.record.error_reason)
        assert result.text_fields == alone.text_fields
    assert [r.record.ok for r in results] == [True] * 5 + [False, False]
    assert results[0].text_fields and "政府" in results[0].text_fields["text"]


def test_a_hung_or_dead_worker_fails_only_its_document_and_the_rest_go_on(files):
    seeds = [_task(name, data) for name, data in files.items() if name.endswith(".txt")][:3]
    tasks = [seeds[0], _task("hang.txt", b"x"), seeds[1], _task("crash.txt", b"y"), seeds[2]]
    with ParsePool(1, 3, parse=FAULTS) as pool:
        tickets = [pool.submit(*task) for task in tasks]  # all queued on the one worker
        results = [pool.result(ticket) for ticket in tickets]
    assert [r.record.ok for r in results] == [True, False, True, False, True]
    assert "took longer than 3 s" in results[1].record.error_message
    assert "parser process stopped" in results[3].record.error_message
    assert [r.record.sha256 for r in results] == [task[0] for task in tasks]


def test_documents_handed_to_a_worker_that_has_died_go_to_its_replacement(files):
    seeds = [_task(name, data) for name, data in files.items() if name.endswith(".txt")][:2]
    with ParsePool(1, 60, parse=FAULTS) as pool:
        crashed = pool.submit(*_task("crash.txt", b"y"))
        pool._workers[0].process.wait(30)  # dead, its answer not read yet: the next hand-over finds a closed pipe
        tickets = [pool.submit(*task) for task in seeds]
        results = [pool.result(ticket) for ticket in [crashed, *tickets]]
    assert [r.record.ok for r in results] == [False, True, True]
    assert "parser process stopped" in results[0].record.error_message


def test_a_worker_that_cannot_start_is_a_clear_error():
    from indexer.ingest.workers import WorkersUnavailable

    with pytest.raises(WorkersUnavailable):
        ParsePool(1, 5, parse="no_such_module_here:parse")


TIMES = {"indexed_at", "archived_at", "sort_added"}  # when it was archived and indexed: not the parse's


def _indexed(backend) -> dict[str, dict]:
    """Every indexed document, whole, without the times of archiving and indexing."""
    ids = [row["id"] for row in backend.scan(SearchRequest(query=""), fields=["id"])]
    documents = {d["id"]: {k: v for k, v in d.items() if k not in TIMES} for d in backend.get_many(ids)}
    for document in documents.values():
        document["source"].pop("archived_at")
    return documents


def test_reindex_with_workers_indexes_exactly_what_the_one_process_does(make_backend, files, monkeypatch):
    monkeypatch.setattr(reindex_module, "POOL_FROM", 1)
    summaries, documents = [], []
    first = make_backend()
    for workers in (0, 2):
        backend = make_backend(data_dir=str(Path(first.settings.data_dir) / f"w{workers}"),
                               opensearch_index=f"{first.settings.opensearch_index}-w{workers}")
        archive_files(backend.settings, files, "seeds")
        catalog, store = open_archive(backend.settings)
        summary = reindex(catalog, store, backend, workers=workers, parse_timeout=120)
        summaries.append((summary.documents, summary.parsed, summary.indexed, len(summary.skipped), len(summary.failed)))
        documents.append(_indexed(backend))
        catalog.close()
    assert summaries[0] == summaries[1] == (7, 5, 5, 1, 1)
    assert documents[0] == documents[1] and len(documents[0]) == 5

