"""Whole index documents of the embedded engine, kept beside each tantivy build.

tantivy reads every stored field of a hit at once, so a whole document stored there (the
parsed report makes it ~26 KB of JSON) slowed every result list that only needs the ~2 KB
summary (84 → 10 µs a hit, measured). The whole documents live instead in one SQLite file
inside the build directory, zlib-compressed and keyed by report id; since it sits in the
same directory as the index, the atomic CURRENT switch moves both together.

Beside each whole document the store keeps a lean copy without the bulky parts (parsed
report, texts: base.EXPORT_DROPPED), which exports and scans read instead: ~6 KB of JSON
rather than ~26 KB for each of thousands of rows.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from indexer.search.errors import EngineUnavailable

STORE_FILE = "documents.sqlite"
COMPRESSION_LEVEL = 1  # 0.22 of the JSON at ~100 MB/s; higher levels save little more
BUSY_TIMEOUT_SECONDS = 30.0
BATCH = 500
# Bumped whenever the table changes; a build with another version needs a rebuild.
STORE_VERSION = 2


def encode(document: Mapping) -> bytes:
    """Compact UTF-8 JSON, compressed."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), COMPRESSION_LEVEL)


def decode(body: bytes) -> dict:
    """A document back from its stored bytes."""
    return json.loads(zlib.decompress(body))


class DocumentStore:
    """The documents of one build directory: written by the index writer, read by any thread."""

    def __init__(self, directory: Path):
        self.path = Path(directory) / STORE_FILE
        self._local = threading.local()

    def create(self) -> "DocumentStore":
        """Make the (empty) store file; a no-op when it exists."""
        with self._connect(readonly=False) as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS documents "
                               "(id TEXT PRIMARY KEY, body BLOB NOT NULL, lean BLOB NOT NULL)")
            connection.execute(f"PRAGMA user_version = {STORE_VERSION}")
        return self

    def is_current(self) -> bool:
        """True when the store exists and has this release's layout."""
        if not self.path.exists():
            return False
        return self._query("PRAGMA user_version", ())[0][0] == STORE_VERSION

    def _connect(self, readonly: bool) -> sqlite3.Connection:
        """A new connection; read-only ones never create the file."""
        if readonly:
            if not self.path.exists():
                raise FileNotFoundError(f"the document store {self.path} is missing")
            return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS)

    def _reader(self) -> sqlite3.Connection:
        """This thread's read-only connection (SQLite connections belong to one thread)."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = self._connect(readonly=True)
        return connection

    def _query(self, sql: str, parameters: Sequence[str]) -> list[tuple]:
        """Rows of one read; a store SQLite cannot read (corrupt, vanished) makes the engine unavailable."""
        try:
            return self._reader().execute(sql, parameters).fetchall()
        except (sqlite3.Error, OSError) as error:
            raise EngineUnavailable(f"the document store {self.path} cannot be read: {error}") from error

    def get(self, report_id: str) -> dict | None:
        """One whole document, or None when the store has no such id."""
        rows = self._query("SELECT body FROM documents WHERE id = ?", (report_id,))
        return decode(rows[0][0]) if rows else None

    def get_many(self, report_ids: Iterable[str], lean: bool = False) -> Iterator[dict]:
        """The documents (or lean copies) of several ids, in the order asked (ids without one are skipped)."""
        wanted = list(report_ids)
        column = "lean" if lean else "body"
        for start in range(0, len(wanted), BATCH):
            chunk = wanted[start:start + BATCH]
            marks = ",".join("?" * len(chunk))
            found = dict(self._query(f"SELECT id, {column} FROM documents WHERE id IN ({marks})", chunk))
            yield from (decode(found[i]) for i in chunk if i in found)

    def writer(self) -> "StoreWriter":
        """A writer whose puts and deletes become visible together at commit."""
        return StoreWriter(self._connect(readonly=False))


class StoreWriter:
    """Buffered puts and deletes on one connection; `commit` makes them durable at once."""

    def __init__(self, connection: sqlite3.Connection):
        self._connection = connection
        self._pending: list[tuple[str, bytes, bytes]] = []

    def put(self, report_id: str, body: bytes, lean: bytes) -> None:
        """Add or replace the document of an id and its lean copy (both from `encode`)."""
        self._pending.append((report_id, body, lean))
        if len(self._pending) >= BATCH:
            self._flush()

    def delete(self, report_id: str) -> None:
        """Remove the document of an id (nothing happens when there is none)."""
        self._flush()
        self._connection.execute("DELETE FROM documents WHERE id = ?", (report_id,))

    def _flush(self) -> None:
        self._connection.executemany("INSERT OR REPLACE INTO documents (id, body, lean) VALUES (?, ?, ?)", self._pending)
        self._pending.clear()

    def commit(self) -> None:
        """Write every pending change in one transaction."""
        self._flush()
        self._connection.commit()

    def close(self) -> None:
        """Drop uncommitted changes and the connection."""
        self._pending.clear()
        self._connection.rollback()
        self._connection.close()
