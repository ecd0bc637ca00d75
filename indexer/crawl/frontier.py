"""Crawl state in the catalog: runs and their frontier, so a killed crawl resumes where it stopped."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from indexer.archive import Catalog, utc_now
from indexer.crawl.safety import host_of

LISTING = "listing"
DOCUMENT = "document"


@dataclass(frozen=True)
class FrontierItem:
    """One URL waiting to be fetched in a crawl run."""

    run_id: int
    url: str
    kind: str
    depth: int


class Frontier:
    """The frontier of one crawl run of a batch; every change is part of a catalog transaction."""

    def __init__(self, catalog: Catalog, run_id: int):
        self.catalog = catalog
        self.run_id = run_id

    @classmethod
    def open(cls, catalog: Catalog, batch: str, seeds: list[str]) -> tuple["Frontier", bool]:
        """Resume the batch's unfinished run, or start one from the seeds plus the batch's known URLs."""
        catalog.ensure_batch(batch, "crawl")
        with catalog.transaction() as conn:
            row = conn.execute(
                "SELECT id FROM crawl_runs WHERE batch = ? AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
                (batch,),
            ).fetchone()
            if row is not None:
                return cls(catalog, row["id"]), True
            run_id = conn.execute(
                "INSERT INTO crawl_runs(batch, started_at) VALUES (?, ?)", (batch, utc_now())
            ).lastrowid
            frontier = cls(catalog, run_id)
            for seed in seeds:
                frontier.add(seed, LISTING, 0)
            # Re-check what this batch already holds, so changes and removals upstream are seen
            # even when the listing no longer links them.
            for known in _known_urls(conn, batch):
                frontier.add(known, DOCUMENT, 1)
        return frontier, False

    def add(self, url: str, kind: str, depth: int) -> bool:
        """Queue a URL once per run; return whether it was new to the run."""
        with self.catalog.transaction() as conn:
            seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM frontier WHERE run_id = ?",
                               (self.run_id,)).fetchone()[0]
            cursor = conn.execute(
                "INSERT OR IGNORE INTO frontier(run_id, url, host, kind, depth, seq) VALUES (?, ?, ?, ?, ?, ?)",
                (self.run_id, url, host_of(url), kind, depth, seq),
            )
        return cursor.rowcount > 0

    def next_pending(self) -> FrontierItem | None:
        """The oldest URL not yet handled in this run."""
        row = self.catalog.conn.execute(
            "SELECT url, kind, depth FROM frontier WHERE run_id = ? AND state = 'pending' ORDER BY seq LIMIT 1",
            (self.run_id,),
        ).fetchone()
        return None if row is None else FrontierItem(self.run_id, row["url"], row["kind"], row["depth"])

    def next_per_host(self, limit: int, busy_hosts: set[str]) -> list[FrontierItem]:
        """Up to `limit` URLs to fetch now: the oldest pending URL of each host not busy, oldest first."""
        rows = self.catalog.conn.execute(
            "SELECT f.url, f.kind, f.depth, f.host FROM frontier f JOIN"
            " (SELECT host, MIN(seq) AS seq FROM frontier WHERE run_id = ? AND state = 'pending' GROUP BY host) first"
            " ON f.host = first.host AND f.seq = first.seq WHERE f.run_id = ? ORDER BY f.seq",
            (self.run_id, self.run_id),
        )
        items = [FrontierItem(self.run_id, row["url"], row["kind"], row["depth"])
                 for row in rows if row["host"] not in busy_hosts]
        return items[:limit]

    def done(self, url: str, outcome: str, reason: str | None = None, http_status: int | None = None) -> None:
        """Mark a URL handled, with its outcome and (for failures and skips) the reason."""
        with self.catalog.transaction() as conn:
            conn.execute(
                "UPDATE frontier SET state = 'done', outcome = ?, reason = ?, http_status = ?, fetched_at = ?"
                " WHERE run_id = ? AND url = ?",
                (outcome, reason, http_status, utc_now(), self.run_id, url),
            )

    def handled(self) -> int:
        """How many URLs of this run are done."""
        return self.catalog.conn.execute(
            "SELECT COUNT(*) FROM frontier WHERE run_id = ? AND state = 'done'", (self.run_id,)
        ).fetchone()[0]

    def finish(self) -> None:
        """Close the run: the next crawl of the batch starts afresh."""
        with self.catalog.transaction() as conn:
            conn.execute("UPDATE crawl_runs SET finished_at = ? WHERE id = ?", (utc_now(), self.run_id))

    def outcomes(self) -> dict[str, int]:
        """Counts of each outcome of this run's handled URLs."""
        rows = self.catalog.conn.execute(
            "SELECT outcome, COUNT(*) AS n FROM frontier WHERE run_id = ? AND state = 'done' GROUP BY outcome",
            (self.run_id,),
        )
        return {row["outcome"]: row["n"] for row in rows}


def _known_urls(conn: sqlite3.Connection, batch: str) -> list[str]:
    """Live URLs whose documents belong to the batch."""
    rows = conn.execute(
        "SELECT DISTINCT l.location FROM locations l JOIN batch_items b ON b.location = l.location"
        " WHERE b.batch = ? AND l.state = 'live' AND l.location LIKE 'http%' ORDER BY l.location",
        (batch,),
    )
    return [row[0] for row in rows]

