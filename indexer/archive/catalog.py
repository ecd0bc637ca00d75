"""The SQLite catalog: documents, sources and versions, batches, parse results and errors."""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from indexer.archive.models import (CatalogDocument, FetchMeta, IndexRun, ParseRecord, SourceRecord,
                                    StoreOutcome)
from indexer.archive.schema import migrate


def utc_now() -> str:
    """The current UTC time as an ISO 8601 string (seconds precision)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Catalog:
    """One connection to the catalog; every write happens inside `transaction()`."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are explicit, so one item = one BEGIN ... COMMIT.
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        migrate(self.conn)
        self._depth = 0

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; nested uses join the outermost one."""
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.conn.rollback()
            raise
        self._depth -= 1
        if self._depth == 0:
            self.conn.commit()

    def ensure_batch(self, name: str, kind: str) -> None:
        """Create the batch if it does not exist yet."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO batches(name, kind, created_at) VALUES (?, ?, ?)",
                (name, kind, utc_now()),
            )

    def location_row(self, location: str) -> sqlite3.Row | None:
        """The current state of a URL or path: current hash, validators, live or vanished."""
        return self.conn.execute("SELECT * FROM locations WHERE location = ?", (location,)).fetchone()

    def in_batch(self, batch: str, location: str, sha256: str) -> bool:
        """Whether these bytes from this location are already part of the batch."""
        row = self.conn.execute(
            "SELECT 1 FROM batch_items WHERE batch = ? AND location = ? AND sha256 = ?",
            (batch, location, sha256),
        ).fetchone()
        return row is not None

    def classify(self, location: str, sha256: str) -> StoreOutcome:
        """Whether bytes from a location are new, a new version of it, or unchanged."""
        row = self.location_row(location)
        if row is not None and row["current_sha256"] not in (None, sha256):
            return StoreOutcome(sha256, "new_version", row["current_sha256"])
        if row is not None and row["current_sha256"] == sha256:
            return StoreOutcome(sha256, "unchanged")
        known = self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return StoreOutcome(sha256, "unchanged" if known else "new")

    def record_item(
        self, batch: str, meta: FetchMeta, sha256: str, size: int, media_type: str, outcome: str
    ) -> StoreOutcome:
        """Catalog archived bytes from one location: document, source, version chain, batch item."""
        with self.transaction() as conn:
            store = self.classify(meta.location, sha256)
            conn.execute(
                "INSERT OR IGNORE INTO documents(sha256, size, media_type, filename, archived_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (sha256, size, media_type, meta.filename, utc_now()),
            )
            self._add_source(meta, sha256)
            self._set_location(meta, sha256)
            self._settle_versions(sha256, store.previous_sha256)
            conn.execute(
                "INSERT OR IGNORE INTO batch_items(batch, location, sha256, outcome, added_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (batch, meta.location, sha256, outcome, utc_now()),
            )
            conn.execute("DELETE FROM errors WHERE batch = ? AND location = ?", (batch, meta.location))
        return store

    def _add_source(self, meta: FetchMeta, sha256: str) -> None:
        """Add the (location, bytes) source once, numbering versions per location."""
        version = self.conn.execute(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM sources WHERE location = ?", (meta.location,)
        ).fetchone()[0]
        self.conn.execute(
            "INSERT OR IGNORE INTO sources(location, sha256, version, fetched_at, http_status, etag,"
            " last_modified, content_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (meta.location, sha256, version, meta.fetched_at, meta.http_status, meta.etag,
             meta.last_modified, meta.content_type),
        )

    def _set_location(self, meta: FetchMeta, sha256: str) -> None:
        """Point the location at its current bytes and remember the validators for conditional GET."""
        self.conn.execute(
            "INSERT INTO locations(location, current_sha256, state, checked_at, etag, last_modified)"
            " VALUES (?, ?, 'live', ?, ?, ?) ON CONFLICT(location) DO UPDATE SET"
            " current_sha256 = excluded.current_sha256, state = 'live', checked_at = excluded.checked_at,"
            " etag = excluded.etag, last_modified = excluded.last_modified",
            (meta.location, sha256, meta.fetched_at, meta.etag, meta.last_modified),
        )

    def _settle_versions(self, sha256: str, previous_sha256: str | None) -> None:
        """Bytes a location now holds are current; the bytes it held before are superseded
        only when no other location still holds them (one mirror changing leaves the rest)."""
        self.conn.execute("UPDATE documents SET superseded_by = NULL WHERE sha256 = ?", (sha256,))
        if previous_sha256:
            self.conn.execute(
                "UPDATE documents SET superseded_by = ? WHERE sha256 = ?"
                " AND NOT EXISTS (SELECT 1 FROM locations WHERE current_sha256 = ?)",
                (sha256, previous_sha256, previous_sha256),
            )

    def mark_vanished(self, location: str, checked_at: str) -> bool:
        """Mark a known location as gone upstream (404/410); return whether it was known and live."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "UPDATE locations SET state = 'vanished', checked_at = ? WHERE location = ? AND state = 'live'",
                (checked_at, location),
            )
        return cursor.rowcount > 0

    def record_error(self, batch: str, location: str, reason: str, message: str) -> None:
        """Remember why one item of a batch failed (replacing an older error of the same item)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO errors(batch, location, reason, message, occurred_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(batch, location) DO UPDATE SET reason = excluded.reason,"
                " message = excluded.message",
                (batch, location, reason, message[:2000], utc_now()),
            )

    def record_parse(
        self,
        sha256: str,
        parser_version: str,
        report: dict | None,
        error_reason: str | None,
        error_message: str | None,
    ) -> None:
        """Store the parse result of a document for a parser version (replacing an older one)."""
        report_json = None if report is None else json.dumps(report, ensure_ascii=False, sort_keys=True)
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO parses(sha256, parser_version, parsed_at, report_json, error_reason, error_message)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(sha256, parser_version) DO UPDATE SET"
                " parsed_at = excluded.parsed_at, report_json = excluded.report_json,"
                " error_reason = excluded.error_reason, error_message = excluded.error_message",
                (sha256, parser_version, utc_now(), report_json, error_reason, error_message),
            )

    def record_index_run(self, engine: str, kind: str, batch: str | None, run: IndexRun) -> None:
        """Remember what one `index` or `reindex` run did to an engine's live index."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO index_runs(engine, kind, batch, index_name, parser_version, finished_at, documents,"
                " indexed, skipped, failed, swapped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (engine, kind, batch, run.index_name, run.parser_version, utc_now(), run.documents, run.indexed,
                 run.skipped, run.failed, int(run.swapped)),
            )

    def latest_parse(self, sha256: str, parser_version: str | None = None) -> ParseRecord | None:
        """The most recent parse result of a document (of one parser version, if given)."""
        sql = "SELECT * FROM parses WHERE sha256 = ?"
        params: tuple = (sha256,)
        if parser_version is not None:
            sql, params = sql + " AND parser_version = ?", (sha256, parser_version)
        row = self.conn.execute(sql + " ORDER BY parsed_at DESC, rowid DESC LIMIT 1", params).fetchone()
        if row is None:
            return None
        report = None if row["report_json"] is None else json.loads(row["report_json"])
        return ParseRecord(row["sha256"], row["parser_version"], row["parsed_at"], report,
                           row["error_reason"], row["error_message"])

    def get_document(self, sha256: str) -> CatalogDocument | None:
        """One document with its sources and batches, or None if the hash is not catalogued."""
        row = self.conn.execute("SELECT * FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return None if row is None else self._document(row)

    def find_by_report_id(self, report_id: str) -> CatalogDocument | None:
        """The document whose SHA-256 starts with a 16-hex-digit report id."""
        if len(report_id) != 16 or any(c not in "0123456789abcdef" for c in report_id):
            return None
        row = self.conn.execute(
            "SELECT * FROM documents WHERE sha256 >= ? AND sha256 < ? ORDER BY sha256 LIMIT 1",
            (report_id, report_id + "g"),
        ).fetchone()
        return None if row is None else self._document(row)

    def iter_documents(self, batch: str | None = None) -> Iterator[CatalogDocument]:
        """Every catalogued document (of one batch, if given), oldest first."""
        if batch is None:
            sql, params = "SELECT * FROM documents ORDER BY archived_at, sha256", ()
        else:
            sql = ("SELECT * FROM documents WHERE sha256 IN (SELECT sha256 FROM batch_items WHERE batch = ?)"
                   " ORDER BY archived_at, sha256")
            params = (batch,)
        # fetchall first: callers may write (record_parse) while iterating.
        for row in self.conn.execute(sql, params).fetchall():
            yield self._document(row)

    def iter_related(self, batch: str) -> Iterator[CatalogDocument]:
        """Documents outside a batch that one of its locations held: the batch may have changed
        whether they are current, so indexing the batch re-indexes them too."""
        sql = ("SELECT * FROM documents WHERE sha256 IN (SELECT s.sha256 FROM sources s JOIN batch_items b"
               " ON b.location = s.location WHERE b.batch = ?)"
               " AND sha256 NOT IN (SELECT sha256 FROM batch_items WHERE batch = ?) ORDER BY archived_at, sha256")
        for row in self.conn.execute(sql, (batch, batch)).fetchall():
            yield self._document(row)

    def _document(self, row: sqlite3.Row) -> CatalogDocument:
        """Assemble a CatalogDocument from its row plus its sources and batches."""
        sources = tuple(
            SourceRecord(s["location"], s["fetched_at"], s["http_status"], s["etag"], s["last_modified"],
                         s["content_type"], s["version"], bool(s["holds"]))
            for s in self.conn.execute(
                "SELECT s.*, COALESCE(l.current_sha256 = s.sha256, 0) AS holds FROM sources s"
                " LEFT JOIN locations l ON l.location = s.location"
                " WHERE s.sha256 = ? ORDER BY s.fetched_at, s.id", (row["sha256"],)
            )
        )
        batches = tuple(
            b[0] for b in self.conn.execute(
                "SELECT DISTINCT batch FROM batch_items WHERE sha256 = ? ORDER BY batch", (row["sha256"],)
            )
        )
        return CatalogDocument(row["sha256"], row["size"], row["media_type"], row["filename"], batches,
                               sources, row["superseded_by"], row["archived_at"])
