"""The derived across-years tables, in their own SQLite file beside the catalog.

Why a separate file and not new tables in the catalog: everything here is derived from
the catalog's parses and can be dropped and rebuilt with `nianbao years --all`; the
catalog's numbered migrations belong to the archive and a second writer adding numbers
to them would collide at merge time; and a long `years` run never holds the catalog's
write lock while an ingest or crawl is writing.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from indexer.settings import Settings

YEARS_FILE = "years.sqlite3"
PRAGMAS = ("journal_mode = WAL", "synchronous = NORMAL")
SQL_CHUNK = 500  # bound parameters per statement stay far below SQLite's limit
SENTENCES_BY_KEY = "sentences_by_key"  # dropped during a run over the whole archive, built again at its end
HOLDERS_SQL = "SELECT key, unit_id, report_id FROM sentences WHERE year = ? AND key = ? LIMIT ?"

# Numbered like the catalog's migrations (PRAGMA user_version): append, never edit.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS reports (
        report_id    TEXT PRIMARY KEY,
        sha256       TEXT NOT NULL,
        unit_id      TEXT,
        raw_unit_id  TEXT,
        full_key     TEXT,
        year         INTEGER,
        counted      INTEGER NOT NULL,
        agency       TEXT,
        published_on TEXT,
        url          TEXT,
        figures_json TEXT NOT NULL,
        result_json  TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS reports_by_unit ON reports(unit_id, year);
    CREATE INDEX IF NOT EXISTS reports_by_raw ON reports(raw_unit_id);
    CREATE INDEX IF NOT EXISTS reports_by_full ON reports(full_key);
    CREATE TABLE IF NOT EXISTS units (
        unit_id      TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        region_json  TEXT NOT NULL,
        detail_json  TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sentences (
        year       INTEGER NOT NULL,
        key        INTEGER NOT NULL,
        unit_id    TEXT NOT NULL,
        report_id  TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sentences_by_key ON sentences(year, key);
    CREATE INDEX IF NOT EXISTS sentences_by_unit ON sentences(unit_id);
    CREATE TABLE IF NOT EXISTS runs (
        id           INTEGER PRIMARY KEY,
        batch        TEXT,
        finished_at  TEXT NOT NULL,
        summary_json TEXT NOT NULL
    );
    """,
    # 2: whether a report is a synthetic sample (合成样例: indexer.documents.is_sample).
    # NULL on rows written before it; the next run that writes rows fills them
    # (indexer.years.writing.fill_samples) and the regional picture counts NULL as real.
    """
    ALTER TABLE reports ADD COLUMN sample INTEGER;
    CREATE INDEX IF NOT EXISTS reports_by_sample ON reports(sample);
    """,
]


def years_file(settings: Settings) -> Path:
    """The derived tables' file: beside the catalog."""
    return settings.catalog_file.with_name(YEARS_FILE)


def chunks(items: Iterable, size: int = SQL_CHUNK) -> Iterator[list]:
    """Items in lists of at most `size` (for `IN (...)` lists)."""
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def marks(items: list) -> str:
    """`?, ?, …` for an IN list."""
    return ", ".join("?" * len(items))


class YearsStore:
    """One connection to the derived tables; writes inside `transaction()`."""

    def __init__(self, path: Path | str, readonly: bool = False):
        self.path = Path(path)
        if readonly:  # the portal: no write lock per request, no file created
            self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
            self.conn.row_factory = sqlite3.Row
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit (transactions explicit); WAL so the portal reads while a run writes
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        self.conn.row_factory = sqlite3.Row
        for pragma in PRAGMAS:
            self.conn.execute(f"PRAGMA {pragma}")
        self._migrate()
        self.ensure_indexes()

    def ensure_indexes(self) -> None:
        """Build the sentence index if a run over the whole archive dropped it and stopped before its end."""
        self.conn.execute(f"CREATE INDEX IF NOT EXISTS {SENTENCES_BY_KEY} ON sentences(year, key)")

    def _migrate(self) -> None:
        """Apply the migrations the file lacks, under the write lock (two openers never apply one twice)."""
        while True:
            self.conn.execute("BEGIN IMMEDIATE")
            current = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if current >= len(MIGRATIONS):
                self.conn.commit()
                return
            self.conn.executescript(f"{MIGRATIONS[current]}\nPRAGMA user_version = {current + 1};")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def transaction(self) -> "sqlite3.Connection":
        """The connection as a context manager: BEGIN … COMMIT, or ROLLBACK on error."""
        self.conn.execute("BEGIN IMMEDIATE")
        return _Tx(self.conn)

    # reads -----------------------------------------------------------------------------

    def report_rows(self, where: str, values: Iterable[Any]) -> list[sqlite3.Row]:
        """Report rows whose column `where` is one of the values (chunked)."""
        found: list[sqlite3.Row] = []
        for part in chunks(set(values)):
            found += self.conn.execute(f"SELECT * FROM reports WHERE {where} IN ({marks(part)})", part).fetchall()
        return found

    def unit(self, unit_id: str) -> dict | None:
        """A unit with its detail (names, merges, versions, gaps), or None."""
        row = self.conn.execute("SELECT * FROM units WHERE unit_id = ?", (unit_id,)).fetchone()
        if row is None:
            return None
        return {"unit_id": row["unit_id"], "name": row["name"], "region": json.loads(row["region_json"]),
                **json.loads(row["detail_json"])}

    def unit_reports(self, unit_id: str) -> list[dict]:
        """Every report of a unit, by year (undated last), as dicts with figures and result decoded."""
        rows = self.conn.execute("SELECT * FROM reports WHERE unit_id = ? ORDER BY year IS NULL, year, report_id",
                                 (unit_id,)).fetchall()
        return [decode(row) for row in rows]

    def report(self, report_id: str) -> dict | None:
        """One report's stored result, or None."""
        row = self.conn.execute("SELECT * FROM reports WHERE report_id = ?", (report_id,)).fetchone()
        return None if row is None else decode(row)

    def holders(self, year: int, keys: Iterable[int], limit: int) -> list[sqlite3.Row]:
        """Sentence rows of one year holding any of the keys, at most `limit` per key.

        Callers only need to know that a key held by more than COMMON_UNITS units is common
        wording, not who holds it: stock phrases are held by thousands of reports a year.
        One indexed look-up per key that stops at `limit` rows: a window over all holders
        of a stock phrase read every one of them (the hot spot of a batch's years step).
        """
        found: list[sqlite3.Row] = []
        for key in set(keys):
            found += self.conn.execute(HOLDERS_SQL, (year, key, limit)).fetchall()
        return found

    def counts(self) -> dict[str, int]:
        """How many units, reports and counted reports the tables hold."""
        one = self.conn.execute("SELECT (SELECT COUNT(*) FROM units), COUNT(*), COALESCE(SUM(counted), 0) FROM reports")
        units, reports, counted = one.fetchone()
        return {"units": units, "reports": reports, "counted": counted}


def decode(row: sqlite3.Row) -> dict:
    """A report row as a dict, its JSON columns decoded."""
    found = {key: row[key] for key in row.keys() if not key.endswith("_json")}
    found["figures"] = json.loads(row["figures_json"])
    found["result"] = json.loads(row["result_json"])
    return found


class _Tx:
    """Commit on a clean exit, roll back on an error."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, kind: object, *_rest: object) -> None:
        if kind is None:
            self.conn.commit()
        else:
            self.conn.rollback()


def dumps(value: Mapping | list) -> str:
    """JSON as stored (Chinese kept readable)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
