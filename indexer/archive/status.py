"""Read-only summaries of the catalog for `nianbao status`: batches, failures, last crawl per site."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.archive.catalog import Catalog
from indexer.archive.models import BatchStatus


@dataclass(frozen=True)
class Failure:
    """One failed item of a batch and why."""

    batch: str
    location: str
    reason: str
    message: str
    occurred_at: str


@dataclass(frozen=True)
class SiteCrawl:
    """The latest crawl run that touched a host, with its fetch counts."""

    host: str
    batch: str
    run_id: int
    last_fetch: str
    finished: bool
    fetched: int
    failed: int


def batch_names(catalog: Catalog) -> list[str]:
    """Every batch name, oldest first."""
    return [row[0] for row in catalog.conn.execute("SELECT name FROM batches ORDER BY created_at, name")]


def batch_statuses(catalog: Catalog, batch: str | None = None) -> list[BatchStatus]:
    """Documents, superseded versions and item outcomes of every batch (or of one)."""
    statuses = []
    rows = catalog.conn.execute("SELECT name, kind FROM batches ORDER BY created_at, name").fetchall()
    for row in (r for r in rows if batch is None or r["name"] == batch):
        name = row["name"]
        documents, superseded = catalog.conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(d.superseded_by IS NOT NULL), 0) FROM documents d"
            " WHERE d.sha256 IN (SELECT sha256 FROM batch_items WHERE batch = ?)", (name,)
        ).fetchone()
        outcomes = {r[0]: r[1] for r in catalog.conn.execute(
            "SELECT outcome, COUNT(*) FROM batch_items WHERE batch = ? GROUP BY outcome ORDER BY outcome", (name,)
        )}
        errors = catalog.conn.execute("SELECT COUNT(*) FROM errors WHERE batch = ?", (name,)).fetchone()[0]
        vanished = catalog.conn.execute(
            "SELECT COUNT(DISTINCT l.location) FROM locations l JOIN batch_items b ON b.location = l.location"
            " WHERE b.batch = ? AND l.state = 'vanished'", (name,)
        ).fetchone()[0]
        statuses.append(BatchStatus(name, row["kind"], documents, superseded, outcomes, errors, vanished))
    return statuses


def failures(catalog: Catalog, batch: str | None = None, limit: int = 50) -> list[Failure]:
    """The most recent per-item failures (of one batch, if given)."""
    sql = "SELECT * FROM errors" + (" WHERE batch = ?" if batch else "") + " ORDER BY occurred_at DESC LIMIT ?"
    params = (batch, limit) if batch else (limit,)
    return [Failure(r["batch"], r["location"], r["reason"], r["message"], r["occurred_at"])
            for r in catalog.conn.execute(sql, params)]


def skipped(catalog: Catalog, batch: str | None = None, limit: int = 50) -> list[str]:
    """Locations whose bytes are not a report (of one batch, if given), in ingest order."""
    sql = ("SELECT DISTINCT location FROM batch_items WHERE outcome = 'not_a_report'"
           + (" AND batch = ?" if batch else "") + " ORDER BY added_at, location LIMIT ?")
    params = (batch, limit) if batch else (limit,)
    return [row[0] for row in catalog.conn.execute(sql, params)]


def last_crawls(catalog: Catalog, batch: str | None = None) -> list[SiteCrawl]:
    """For every crawled host, its most recent run (of one batch, if given): when it last fetched and how."""
    rows = catalog.conn.execute(
        "SELECT f.host, r.batch, r.id AS run_id, MAX(f.fetched_at) AS last_fetch,"
        " r.finished_at IS NOT NULL AS finished, COUNT(f.fetched_at) AS fetched,"
        " SUM(f.outcome = 'failed') AS failed"
        " FROM frontier f JOIN crawl_runs r ON r.id = f.run_id"
        " WHERE f.run_id = (SELECT MAX(g.run_id) FROM frontier g JOIN crawl_runs h ON h.id = g.run_id"
        " WHERE g.host = f.host AND g.fetched_at IS NOT NULL AND (? IS NULL OR h.batch = ?))"
        " GROUP BY f.host ORDER BY f.host", (batch, batch)
    )
    return [SiteCrawl(r["host"], r["batch"], r["run_id"], r["last_fetch"] or "", bool(r["finished"]),
                      r["fetched"], r["failed"] or 0) for r in rows]
