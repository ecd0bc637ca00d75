"""Parse and segment archived documents in worker processes, handing the results back in order.

`reindex` spends most of its CPU parsing originals and segmenting their text; both depend on
the bytes alone, so a pool of worker processes does them while the one writer indexes the
previous documents in catalog order. Each worker holds one document at a time and at most
`window` documents are in flight or waiting to be written, so memory stays bounded whatever
the archive's size. Every document is bounded in time: a worker that takes longer than the
timeout is killed and replaced, and so is one that dies (a crash in native code, the OOM
killer); the document gets a failed parse with a plain reason and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator, Mapping

from analyzers.version import PARSER_VERSION
from indexer.archive import ArchiveError, ArchiveStore, ParseRecord, utc_now
from indexer.documents import text_fields
from indexer.ingest.parsing import PARSER_CRASHED, parse_bytes, unexpected_reason

PARSER_TIMEOUT = "parser_timeout"


@dataclass(frozen=True)
class Prepared:
    """A document parsed (and its text segmented) ahead of the writer.

    `record` is None when the archive could not give the bytes back; `text` holds the
    segmented search fields of the report (indexer.documents.text_fields), None on failure.
    """

    record: ParseRecord | None
    text: Mapping[str, str] | None = None


def prepare(root: str, sha256: str, filename: str | None) -> Prepared:
    """Read, parse and segment one archived document: the work a worker does for the writer."""
    try:
        data = ArchiveStore(root).read(sha256)
    except ArchiveError:
        return Prepared(None)
    record = parse_bytes(sha256, data, filename)
    if not record.ok:
        return Prepared(record)
    try:
        return Prepared(record, text_fields(record.report))
    except Exception:  # noqa: BLE001 - the writer segments again and reports the problem itself
        return Prepared(record)


def worker_count(setting: int) -> int:
    """Worker processes for a setting: 0 means one per CPU core."""
    return setting if setting > 0 else (os.cpu_count() or 1)


def _serve(connection: Connection, root: str) -> None:
    """A worker's loop: (sha256, filename) in, Prepared out, until None or the pipe closes."""
    while True:
        try:
            job = connection.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            outcome = prepare(root, *job)
        except Exception as error:  # noqa: BLE001 - prepare catches parser errors; this is a last guard
            outcome = Prepared(ParseRecord(job[0], PARSER_VERSION, utc_now(), None, PARSER_CRASHED, unexpected_reason(error)))
        connection.send(outcome)


class _Worker:
    """One worker process, its pipe and the document it holds (if any)."""

    def __init__(self, context: Any, root: str):
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, root), daemon=True)
        self.process.start()
        theirs.close()
        self.job: tuple[int, str] | None = None  # (sequence number, sha256)
        self.since = 0.0

    def give(self, sequence: int, sha256: str, filename: str | None) -> None:
        """Hand one document to the worker and start its clock."""
        self.connection.send((sha256, filename))
        self.job, self.since = (sequence, sha256), time.monotonic()

    def stop(self, kill: bool = False) -> None:
        """End the process: politely (None down the pipe), or at once when it hangs or died."""
        if not kill and self.process.is_alive():
            try:
                self.connection.send(None)
            except OSError:
                kill = True
        if kill or self.process.is_alive():
            self.process.join(0 if kill else 5)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


class PreparePool:
    """Worker processes preparing documents for one writer, results yielded in input order.

    Use as a context manager so the workers end with the run (also when it fails).
    """

    def __init__(self, root: str, workers: int, timeout: float, window: int | None = None):
        self.root, self.size, self.timeout = str(root), workers, timeout
        self.window = window or 4 * workers
        self.context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        self.workers: list[_Worker] = []
        self.replaced = 0  # workers killed (timeout) or found dead and started again

    def __enter__(self) -> "PreparePool":
        text_fields({"title": "年度报告"})  # the segmenter's dictionary loaded once, inherited by forked workers
        self.workers = [_Worker(self.context, self.root) for _ in range(self.size)]
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self.workers:
            worker.stop(kill=exc[0] is not None)
        self.workers = []

    def ordered(self, items: Iterable[Any], job_of: Callable[[Any], tuple[str, str | None] | None]) -> Iterator[tuple[Any, Prepared | None]]:
        """(item, Prepared) for every item in order; None for an item whose `job_of` is None (nothing to parse).

        At most `window` items are held between reading and yielding.
        """
        source = iter(items)
        pending: dict[int, tuple[Any, tuple[str, str | None] | None]] = {}  # read, not yet given to a worker
        done: dict[int, Prepared | None] = {}
        held: dict[int, Any] = {}
        read, emitted, exhausted = 0, 0, False
        while True:
            while not exhausted and read - emitted < self.window:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                job = job_of(item)
                held[read] = item
                if job is None:
                    done[read] = None
                else:
                    pending[read] = (item, job)
                read += 1
            self._dispatch(pending)
            while emitted in done:
                yield held.pop(emitted), done.pop(emitted)
                emitted += 1
            if exhausted and emitted == read:
                return
            if emitted not in done:
                done.update(self._collect())

    def _dispatch(self, pending: dict[int, tuple[Any, tuple[str, str | None] | None]]) -> None:
        """Give waiting documents (lowest sequence first) to idle workers."""
        for index in range(len(self.workers)):
            if not pending:
                return
            if self.workers[index].job is None:
                sequence = min(pending)
                _item, (sha256, filename) = pending.pop(sequence)
                try:
                    self.workers[index].give(sequence, sha256, filename)
                except OSError:  # died while idle: a fresh worker takes the document
                    self._replace(self.workers[index])
                    self.workers[index].give(sequence, sha256, filename)

    def _collect(self) -> dict[int, Prepared]:
        """Wait for at least one busy worker to answer, time out or die; their outcomes by sequence."""
        busy = [worker for worker in self.workers if worker.job is not None]
        if not busy:
            return {}
        deadline = min(worker.since for worker in busy) + self.timeout
        ready = wait([worker.connection for worker in busy] + [worker.process.sentinel for worker in busy],
                     timeout=max(0.0, deadline - time.monotonic()))
        outcomes: dict[int, Prepared] = {}
        for worker in busy:
            outcome = self._outcome(worker, ready)
            if outcome is not None:
                outcomes[worker.job[0]] = outcome
                worker.job = None
        return outcomes

    def _outcome(self, worker: _Worker, ready: list) -> Prepared | None:
        """The worker's answer if it has one; a failed parse (worker replaced) if it died or ran out of time."""
        if worker.connection in ready:
            try:
                return worker.connection.recv()
            except (EOFError, OSError):
                pass  # died while answering: treated below as dead
        elif worker.process.sentinel not in ready and time.monotonic() - worker.since < self.timeout:
            return None
        sequence, sha256 = worker.job
        if worker.process.is_alive() and time.monotonic() - worker.since >= self.timeout:
            reason, message = PARSER_TIMEOUT, f"the parser took longer than {self.timeout:g} s and was stopped"
        else:
            worker.process.join(1)
            reason, message = PARSER_CRASHED, f"the parser process died (exit code {worker.process.exitcode})"
        self._replace(worker)
        return Prepared(ParseRecord(sha256, PARSER_VERSION, utc_now(), None, reason, message))

    def _replace(self, worker: _Worker) -> None:
        """Kill a hung or dead worker and start a fresh one in its place."""
        worker.stop(kill=True)
        self.workers[self.workers.index(worker)] = _Worker(self.context, self.root)
        self.replaced += 1
