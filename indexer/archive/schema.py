"""The catalog's SQLite schema as an ordered list of migrations, tracked by `PRAGMA user_version`."""

from __future__ import annotations

import sqlite3

# Each entry upgrades the schema by one version; never edit a released entry, append a new one.
MIGRATIONS: list[str] = [
    # 1: documents, their sources and versions, batches, parse results, errors, crawl state.
    """
    CREATE TABLE documents (
        sha256        TEXT PRIMARY KEY,
        size          INTEGER NOT NULL,
        media_type    TEXT NOT NULL,
        filename      TEXT,
        archived_at   TEXT NOT NULL,
        superseded_by TEXT REFERENCES documents(sha256)
    );
    CREATE TABLE sources (
        id             INTEGER PRIMARY KEY,
        location       TEXT NOT NULL,
        sha256         TEXT NOT NULL REFERENCES documents(sha256),
        version        INTEGER NOT NULL,
        fetched_at     TEXT NOT NULL,
        http_status    INTEGER,
        etag           TEXT,
        last_modified  TEXT,
        content_type   TEXT,
        UNIQUE (location, sha256)
    );
    CREATE INDEX sources_by_sha ON sources(sha256);
    CREATE TABLE locations (
        location       TEXT PRIMARY KEY,
        current_sha256 TEXT REFERENCES documents(sha256),
        state          TEXT NOT NULL DEFAULT 'live',
        checked_at     TEXT NOT NULL,
        etag           TEXT,
        last_modified  TEXT
    );
    CREATE TABLE batches (
        name        TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        created_at  TEXT NOT NULL
    );
    CREATE TABLE batch_items (
        batch     TEXT NOT NULL REFERENCES batches(name),
        location  TEXT NOT NULL,
        sha256    TEXT NOT NULL REFERENCES documents(sha256),
        outcome   TEXT NOT NULL,
        added_at  TEXT NOT NULL,
        PRIMARY KEY (batch, location, sha256)
    );
    CREATE INDEX batch_items_by_sha ON batch_items(sha256);
    CREATE TABLE parses (
        sha256          TEXT NOT NULL REFERENCES documents(sha256),
        parser_version  TEXT NOT NULL,
        parsed_at       TEXT NOT NULL,
        report_json     TEXT,
        error_reason    TEXT,
        error_message   TEXT,
        PRIMARY KEY (sha256, parser_version)
    );
    CREATE TABLE errors (
        batch        TEXT NOT NULL REFERENCES batches(name),
        location     TEXT NOT NULL,
        reason       TEXT NOT NULL,
        message      TEXT NOT NULL,
        occurred_at  TEXT NOT NULL,
        PRIMARY KEY (batch, location)
    );
    CREATE TABLE crawl_runs (
        id           INTEGER PRIMARY KEY,
        batch        TEXT NOT NULL REFERENCES batches(name),
        started_at   TEXT NOT NULL,
        finished_at  TEXT
    );
    CREATE TABLE frontier (
        run_id       INTEGER NOT NULL REFERENCES crawl_runs(id),
        url          TEXT NOT NULL,
        host         TEXT NOT NULL,
        kind         TEXT NOT NULL,
        depth        INTEGER NOT NULL,
        seq          INTEGER NOT NULL,
        state        TEXT NOT NULL DEFAULT 'pending',
        outcome      TEXT,
        reason       TEXT,
        http_status  INTEGER,
        fetched_at   TEXT,
        PRIMARY KEY (run_id, url)
    );
    CREATE INDEX frontier_pending ON frontier(run_id, state, seq);
    """,
    # 2: queueing a URL asks for the run's highest sequence number; index it.
    """
    CREATE INDEX frontier_sequence ON frontier(run_id, seq);
    CREATE INDEX errors_by_time ON errors(occurred_at);
    """,
    # 3: a document is superseded only when no location holds it any more. Releases up to
    # 2 superseded the bytes whenever one of their locations changed, even while another
    # location still served them (mirrored attachments): repair those rows.
    """
    CREATE INDEX locations_by_sha ON locations(current_sha256);
    UPDATE documents SET superseded_by = NULL
     WHERE superseded_by IS NOT NULL
       AND sha256 IN (SELECT current_sha256 FROM locations WHERE current_sha256 IS NOT NULL);
    """,
    # 4: what each `index` / `reindex` run did, so `status` can say what the live index holds.
    """
    CREATE TABLE index_runs (
        id              INTEGER PRIMARY KEY,
        engine          TEXT NOT NULL,
        kind            TEXT NOT NULL,
        batch           TEXT,
        index_name      TEXT,
        parser_version  TEXT NOT NULL,
        finished_at     TEXT NOT NULL,
        documents       INTEGER NOT NULL,
        indexed         INTEGER NOT NULL,
        skipped         INTEGER NOT NULL,
        failed          INTEGER NOT NULL,
        swapped         INTEGER NOT NULL
    );
    """,
]


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version the database is at."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration the database lacks, each in its own transaction; return the version.

    The version is read under the write lock, so two processes opening a new catalog at
    once never apply the same migration twice. `conn` must be in autocommit mode.
    """
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            if current >= len(MIGRATIONS):
                conn.commit()
                return current
            conn.executescript(f"{MIGRATIONS[current]}\nPRAGMA user_version = {current + 1};")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
