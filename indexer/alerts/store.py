"""SQLite store of saved searches: pending and active subscriptions, and the request log for rate limits.

An address is stored only here and only to send mail to; no page lists it. Each
subscription has its own random unsubscribe token, so one leaked link stops one alert.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from indexer.settings import Settings

# seconds between two digests of one subscription
FREQUENCIES = {"daily": 86400.0, "weekly": 7 * 86400.0}
# a digest run from cron at the same hour each day must not find yesterday's digest a few
# seconds short of due, so a subscription is due this much before its full period
DUE_SLACK_SECONDS = 3600.0
# the request log only serves the per-day and per-hour limits
REQUEST_LOG_SECONDS = 86400.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    query TEXT NOT NULL,
    frequency TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed')),
    unsubscribe_token TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    confirmed_at REAL,
    last_digest_at REAL,
    cutoff REAL
);
CREATE INDEX IF NOT EXISTS subscriptions_email ON subscriptions(email, status);
CREATE TABLE IF NOT EXISTS alert_requests (
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_requests_at ON alert_requests(at);
"""


@dataclass(frozen=True)
class Subscription:
    """One saved search: the address, the search's query string, how often, and its state."""

    id: int
    email: str
    query: str
    frequency: str
    status: str
    unsubscribe_token: str
    created_at: float
    confirmed_at: float | None
    last_digest_at: float | None
    # reports archived after this moment (epoch seconds) are new to the subscriber
    cutoff: float | None

    def due(self, now: float) -> bool:
        """Whether an active subscription's next digest may go out at `now`."""
        if self.status != "active" or self.confirmed_at is None:
            return False
        last = self.last_digest_at if self.last_digest_at is not None else self.confirmed_at
        return now >= last + FREQUENCIES[self.frequency] - DUE_SLACK_SECONDS


def normalize_email(address: str) -> str:
    """The form an address is stored and counted under: trimmed, lower case."""
    return address.strip().lower()


class AlertStore:
    """Subscriptions and the request log in one SQLite file (one connection per thread)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=5.0)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def record_request(self, email: str, ip: str, now: float) -> None:
        """Log one subscription request (and forget those older than the longest limit)."""
        with self._db:
            self._db.execute("DELETE FROM alert_requests WHERE at < ?", (now - REQUEST_LOG_SECONDS,))
            self._db.execute("INSERT INTO alert_requests(email, ip, at) VALUES (?, ?, ?)",
                             (normalize_email(email), ip, now))

    def requests_from_address(self, email: str, since: float) -> int:
        """Subscription requests for one address since a moment."""
        row = self._db.execute("SELECT COUNT(*) FROM alert_requests WHERE email = ? AND at >= ?",
                               (normalize_email(email), since)).fetchone()
        return int(row[0])

    def requests_from_ip(self, ip: str, since: float) -> int:
        """Subscription requests from one client IP since a moment."""
        row = self._db.execute("SELECT COUNT(*) FROM alert_requests WHERE ip = ? AND at >= ?", (ip, since)).fetchone()
        return int(row[0])

    def add_pending(self, email: str, query: str, frequency: str, now: float) -> Subscription:
        """A new subscription waiting for its address to confirm it."""
        if frequency not in FREQUENCIES:
            raise ValueError(f"unknown frequency {frequency!r}")
        token = secrets.token_urlsafe(32)
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO subscriptions(email, query, frequency, status, unsubscribe_token, created_at)"
                " VALUES (?, ?, ?, 'pending', ?, ?)", (normalize_email(email), query, frequency, token, now))
        found = self.get(int(cursor.lastrowid or 0))
        assert found is not None
        return found

    def get(self, subscription_id: int) -> Subscription | None:
        """One subscription by id."""
        row = self._db.execute("SELECT * FROM subscriptions WHERE id = ?", (subscription_id,)).fetchone()
        return Subscription(**dict(row)) if row else None

    def by_token(self, token: str) -> Subscription | None:
        """The subscription an unsubscribe token belongs to."""
        row = self._db.execute("SELECT * FROM subscriptions WHERE unsubscribe_token = ?", (token,)).fetchone()
        return Subscription(**dict(row)) if row else None

    def active_count(self, email: str) -> int:
        """Active subscriptions of one address."""
        row = self._db.execute("SELECT COUNT(*) FROM subscriptions WHERE email = ? AND status = 'active'",
                               (normalize_email(email),)).fetchone()
        return int(row[0])

    def confirm(self, subscription_id: int, now: float) -> Subscription | None:
        """Activate a pending subscription; new matches count from now. Confirming twice changes nothing.

        An address subscribing again to the same search (say, to change daily to weekly)
        replaces its active subscription rather than getting every digest twice.
        """
        with self._db:
            updated = self._db.execute("UPDATE subscriptions SET status = 'active', confirmed_at = ?, cutoff = ?"
                                       " WHERE id = ? AND status = 'pending'", (now, now, subscription_id))
            if updated.rowcount:
                self._db.execute("UPDATE subscriptions SET status = 'unsubscribed' WHERE status = 'active' AND id != ?"
                                 " AND (email, query) = (SELECT email, query FROM subscriptions WHERE id = ?)",
                                 (subscription_id, subscription_id))
        return self.get(subscription_id)

    def unsubscribe(self, token: str, now: float) -> Subscription | None:
        """End the subscription a token belongs to (None for an unknown token)."""
        with self._db:
            self._db.execute("UPDATE subscriptions SET status = 'unsubscribed', last_digest_at = COALESCE(last_digest_at, ?)"
                             " WHERE unsubscribe_token = ?", (now, token))
        return self.by_token(token)

    def due(self, now: float, limit: int = 10000) -> list[Subscription]:
        """Active subscriptions whose digest may go out at `now` (at most `limit` per run)."""
        rows = self._db.execute("SELECT * FROM subscriptions WHERE status = 'active' ORDER BY id").fetchall()
        return [s for s in (Subscription(**dict(r)) for r in rows) if s.due(now)][:limit]

    def mark_digest(self, subscription_id: int, at: float, cutoff: float) -> None:
        """Record a digest run: when, and up to which archive time reports were looked at."""
        with self._db:
            self._db.execute("UPDATE subscriptions SET last_digest_at = ?, cutoff = ? WHERE id = ?",
                             (at, cutoff, subscription_id))


def open_alert_store(settings: Settings) -> AlertStore:
    """The alert store of a data folder, created on first use."""
    return AlertStore(settings.alerts_file)
