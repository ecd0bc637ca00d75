"""Parse archived documents in worker processes, ahead of the one process that writes the index.

`reindex` spends most of a report's time parsing it and segmenting its text (TXT: ~4 and
~5 ms of ~14 ms), work that needs nothing but the bytes. A ParsePool runs both in worker
processes while the calling process stores the parses, builds the index documents and
writes the index, so a re-index uses every core instead of one.

Workers are fresh interpreters (`python -m indexer.ingest.workers`, talking over a socket
pair), never forked from the caller: a forked child would inherit the caller's open index
files and locks, and a multiprocessing child would run the caller's main script again.
Each parse is bounded in time: a worker
that takes longer than `timeout` seconds on one document, or dies on it, is killed and
replaced, and that document alone is recorded as failed with a plain reason; the documents
queued behind it go to the new worker. Results come back in the order asked.
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from queue import SimpleQueue
from typing import Any, Iterable, Iterator, Optional

from analyzers.version import PARSER_VERSION
from indexer.archive import ParseRecord, utc_now
from indexer.ingest.parsing import PARSER_CRASHED, parse_bytes, unexpected_reason

log = logging.getLogger(__name__)
READY = "ready"
START_SECONDS = 120.0  # a worker must import the parser and say READY within this
PARSE = "indexer.ingest.workers:parse_with_fields"  # what a worker does with each task


class WorkersUnavailable(RuntimeError):
    """Parse workers could not be started (the caller parses in-process instead)."""


@dataclass(frozen=True)
class Parsed:
    """A parse outcome and, for a report, its segmented search fields (indexer.documents.text_fields)."""

    record: ParseRecord
    text_fields: Optional[dict[str, str]] = None


def parse_with_fields(sha256: str, data: bytes, filename: str | None) -> Parsed:
    """Parse one document and segment its search text (what a worker does for each task)."""
    from indexer.documents import text_fields

    record = parse_bytes(sha256, data, filename)
    if not record.ok:
        return Parsed(record)
    try:
        return Parsed(record, text_fields(record.report))
    except Exception:  # noqa: BLE001 - the writer segments it again and reports the problem there
        return Parsed(record)


def _serve(connection: Connection, parse_name: str = PARSE) -> None:
    """A worker's loop: a reader thread queues tasks (so the caller never blocks sending), the
    main thread parses them in order with the function `parse_name` names and sends each
    result back; None ends it."""
    from indexer.documents import text_fields

    module, _, name = parse_name.partition(":")
    parse = getattr(importlib.import_module(module), name)

    text_fields({"title": "政府信息公开工作年度报告"})  # load the segmenter's dictionaries before READY
    tasks: SimpleQueue = SimpleQueue()

    def receive() -> None:
        while True:
            try:
                task = connection.recv()
            except (EOFError, OSError):
                task = None
            tasks.put(task)
            if task is None:
                return

    threading.Thread(target=receive, daemon=True).start()
    connection.send(READY)
    while (task := tasks.get()) is not None:
        connection.send(parse(*task))


@dataclass
class Ticket:
    """One document handed to the pool; `result` is set once its worker answers (or fails)."""

    task: tuple[str, bytes, Optional[str]]
    result: Optional[Parsed] = None


@dataclass
class _Worker:
    """A worker process, its end of the pipe and the tickets it holds, oldest first."""

    process: Any
    connection: Connection
    queue: deque = field(default_factory=deque)
    head_since: float = field(default_factory=time.monotonic)


class ParsePool:
    """`workers` parsing processes; use as a context manager (`with ParsePool(2, 300) as pool`).

    `parse` names the function (module:name) a worker applies to (sha256, bytes, filename):
    parse_with_fields unless a test gives a slow or crashing one.
    """

    def __init__(self, workers: int, timeout: float, parse: str = PARSE):
        if workers < 1 or timeout <= 0:
            raise ValueError("a parse pool needs at least one worker and a positive timeout")
        self.timeout, self.parse = timeout, parse
        self._workers: list[_Worker] = []
        try:
            self._workers = [self._start() for _ in range(workers)]
        except WorkersUnavailable:
            self.close()
            raise

    @property
    def size(self) -> int:
        """How many workers parse."""
        return len(self._workers)

    def __enter__(self) -> "ParsePool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, sha256: str, data: bytes, filename: str | None) -> Ticket:
        """Queue one document on the least busy worker."""
        ticket = Ticket((sha256, data, filename))
        worker = min(self._workers, key=lambda w: len(w.queue))
        self._send(worker, ticket)
        return ticket

    def result(self, ticket: Ticket) -> Parsed:
        """The ticket's outcome, reading answers (and enforcing time limits) until it is there."""
        while ticket.result is None:
            self._collect()
        return ticket.result

    def close(self) -> None:
        """Stop every worker (politely, then by force)."""
        for worker in self._workers:
            try:
                worker.connection.send(None)
            except OSError:
                pass
        for worker in self._workers:
            try:
                worker.process.wait(5)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
            worker.connection.close()
        self._workers = []

    def _start(self) -> _Worker:
        """A new worker process on its own socket pair, once it has said READY."""
        ours, theirs = socket.socketpair()
        root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        process = subprocess.Popen([sys.executable, "-m", "indexer.ingest.workers", str(theirs.fileno()), self.parse],
                                   pass_fds=[theirs.fileno()], env=env, stdin=subprocess.DEVNULL)
        theirs.close()
        worker = _Worker(process, Connection(ours.detach()))
        if not worker.connection.poll(START_SECONDS) or _recv_or_none(worker.connection) != READY:
            process.kill()
            process.wait()
            worker.connection.close()
            raise WorkersUnavailable(f"a parse worker did not start within {START_SECONDS:.0f} s")
        return worker

    def _send(self, worker: _Worker, ticket: Ticket) -> None:
        """Hand a ticket to a worker (its reader thread takes it at once)."""
        if not worker.queue:
            worker.head_since = time.monotonic()
        worker.queue.append(ticket)
        try:
            worker.connection.send(ticket.task)
        except OSError:  # it died: on its oldest ticket (which fails) unless this one is its only one
            self._replace(worker, "the parser process stopped (crashed or ran out of memory)", blame=len(worker.queue) > 1)

    def _collect(self) -> None:
        """Read the answers that are ready; replace any worker past its time limit or dead."""
        busy = [w for w in self._workers if w.queue]
        now = time.monotonic()
        soonest = min(w.head_since + self.timeout for w in busy) - now
        ready = wait([w.connection for w in busy], max(soonest, 0))
        for worker in busy:
            if worker.connection in ready:  # an answer, or the end of a worker that died
                try:
                    if worker.connection.poll():
                        self._answered(worker, worker.connection.recv())
                        continue
                except (EOFError, OSError):
                    pass
                self._replace(worker, "the parser process stopped (crashed or ran out of memory)")
            elif time.monotonic() - worker.head_since > self.timeout:
                self._replace(worker, f"parsing took longer than {self.timeout:.0f} s")

    def _answered(self, worker: _Worker, parsed: Parsed) -> None:
        """A worker's answer belongs to its oldest ticket; the next one starts its clock."""
        worker.queue.popleft().result = parsed
        worker.head_since = time.monotonic()

    def _replace(self, worker: _Worker, reason: str, blame: bool = True) -> None:
        """Kill a worker, fail its oldest ticket with `reason` (with `blame`), give the rest to a new
        worker (the one in its place when it is sent: a new worker may die in turn)."""
        worker.process.kill()
        worker.process.wait()
        worker.connection.close()
        if blame:
            failed = worker.queue.popleft()
            failed.result = Parsed(_failure(failed.task[0], reason))
        rest = list(worker.queue)
        worker.queue.clear()
        position = self._workers.index(worker)
        self._workers[position] = self._start()
        for ticket in rest:
            self._send(self._workers[position], ticket)


def _recv_or_none(connection: Connection) -> Any:
    """The next message, or None when the other end has gone."""
    try:
        return connection.recv()
    except (EOFError, OSError):
        return None


def _failure(sha256: str, reason: str) -> ParseRecord:
    """The recorded failure of a document whose worker was stopped."""
    error = TimeoutError(reason) if "longer than" in reason else RuntimeError(reason)
    return ParseRecord(sha256, PARSER_VERSION, utc_now(), None, PARSER_CRASHED, unexpected_reason(error))


def ahead(items: Iterable[Any], submit, depth: int) -> Iterator[tuple[Any, Any]]:
    """(item, submit(item)) in order, each submitted `depth` items before it is yielded, so the
    pool parses while the caller works on earlier items."""
    pending: deque = deque()
    for item in items:
        pending.append((item, submit(item)))
        if len(pending) > depth:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


if __name__ == "__main__":  # run as indexer.ingest.workers, so answers unpickle by that name
    from indexer.ingest.workers import _serve as serve

    serve(Connection(int(sys.argv[1])), sys.argv[2])
