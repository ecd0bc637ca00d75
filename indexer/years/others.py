"""The cross-unit copy share (`copied_from_others`): a report's narrative found in other units' reports of its year.

A run's slices store their sentences and keep their counted reports' fingerprints in a
temporary table (`RunPrints`); once every slice is in, `compare` compares each report whose
share can have changed exactly once with all stored sentences of its year: the run's counted
reports and their neighbours (reports of other units sharing a rare sentence with them), or
every counted report after a run over the whole archive. Comparing each slice's reports and
neighbours as the slices came in re-loaded earlier slices' reports again and again: `years
--all` grew faster than the archive (23.5 s at 10k reports, 428 s at 100k; now 10.7 and 164 s,
BENCHMARKS.md "The years step of a whole-archive run").
"""

from __future__ import annotations

import json
from array import array
from collections import defaultdict
from typing import Callable, Iterable, Mapping

from analyzers.years import copies
from analyzers.years.sentence_index import COMMON_UNITS, SentenceIndex
from indexer.archive import Catalog
from indexer.years.loading import latest_ok_parse
from indexer.years.store import YearsStore, chunks, dumps, marks

MAX_PASSAGES = 20  # passages kept per report and kind: the page lists them, the share says the rest
MAX_PASSAGE_CHARS = 600
COMPARE_CHUNK = 500  # counted reports compared at a time in `compare`: memory stays bounded
GROUPED_FROM = 200  # reports of a year compared in one run from which its common keys are found first (YearHolders)
COMMON_SQL = "SELECT key FROM sentences WHERE year = ? GROUP BY key HAVING COUNT(*) > ?"
RARE_SQL = "SELECT key, unit_id, report_id FROM sentences WHERE year = ? AND key IN"
ARRAYS = (("keys", "q"), ("exact", "q"), ("lengths", "l"), ("figures", "b"))


def passages(parse: Mapping, runs: list[list[int]]) -> list[str]:
    """The text of the first MAX_PASSAGES spans, each cut at MAX_PASSAGE_CHARS."""
    return [text[:MAX_PASSAGE_CHARS] for text in copies.passages(parse, runs[:MAX_PASSAGES])]


class YearHolders:
    """The holders of sentence keys of one year, for comparing some of its reports: key -> rows,
    at most COMMON_UNITS + 1 per key (more are common wording: the same result).

    Looked up one key at a time; with `grouped` (many reports of the year to compare), a grouped
    query first finds the common keys, each then read once for the run, and the other keys,
    which have few holders each, are read SQL_CHUNK at a time.
    """

    def __init__(self, store: YearsStore, year: int, grouped: bool = False):
        self.store, self.year = store, year
        self.common = {row[0] for row in store.conn.execute(COMMON_SQL, (year, COMMON_UNITS))} if grouped else None
        self.common_rows: dict[int, list] = {}

    def rows(self, fps: Iterable[copies.Fingerprint]) -> dict[int, list]:
        """key -> holder rows, for every key of the fingerprints."""
        keys = {key for fp in fps for key in fp.keys}
        found: dict[int, list] = defaultdict(list)
        if self.common is None:
            for row in self.store.holders(self.year, keys, COMMON_UNITS + 1):
                found[row["key"]].append(row)
            return found
        for key in keys & self.common:
            if key not in self.common_rows:
                self.common_rows[key] = self.store.holders(self.year, (key,), COMMON_UNITS + 1)
            found[key] = self.common_rows[key]
        for part in chunks(keys - self.common):
            for row in self.store.conn.execute(f"{RARE_SQL} ({marks(part)})", [self.year, *part]):
                found[row["key"]].append(row)
        return found


def holders_index(year: int, holders: Mapping[int, list]) -> tuple[SentenceIndex, dict[str, str]]:
    """One sentence index of the rows read (each report consults only its own keys) and the
    counted report of each unit holding them."""
    index, report_of = SentenceIndex(), {}
    for key, rows in holders.items():
        for row in rows:
            index.add(year, row["unit_id"], (key,))
            report_of[row["unit_id"]] = row["report_id"]
    return index, report_of


def others_updates(holders: YearHolders, reports: list[tuple[Mapping, copies.Fingerprint]],
                   parse_of: Callable[[Mapping], Mapping]) -> list[tuple[str, str]]:
    """(new result_json, report id) of counted report rows of one year, compared with the stored
    sentences `holders` reads; `parse_of(row)` gives a report's parse, asked only when it has
    passages to show."""
    year = holders.year
    index, report_of = holders_index(year, holders.rows(fp for _row, fp in reports))
    updates = []
    for row, fp in reports:
        found = index.compare(year, row["unit_id"], fp)
        for source in found["sources"]:
            source["report_id"] = report_of.get(source["unit_id"])
        found["passages"] = passages(parse_of(row), found["spans"]) if found["spans"] else []
        updates.append((dumps({**json.loads(row["result_json"]), "copied_from_others": found}), row["report_id"]))
    return updates


class RunPrints:
    """Fingerprints of one run's counted reports, in a temporary table of the store's connection
    (on disk, gone with the connection): a million reports' sentences do not stay in memory."""

    def __init__(self, store: YearsStore):
        self.conn = store.conn
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS run_prints (report_id TEXT PRIMARY KEY,"
                          " keys BLOB, exact BLOB, lengths BLOB, figures BLOB)")
        self.conn.execute("DELETE FROM temp.run_prints")

    def put(self, prints: Mapping[str, copies.Fingerprint]) -> None:
        """Keep (or replace) the fingerprints of some reports."""
        rows = [(rid, *(getattr(fp, name).tobytes() for name, _code in ARRAYS)) for rid, fp in prints.items()]
        self.conn.execute("BEGIN")
        self.conn.executemany("INSERT OR REPLACE INTO temp.run_prints VALUES (?, ?, ?, ?, ?)", rows)
        self.conn.execute("COMMIT")

    def get(self, report_ids: list[str]) -> dict[str, copies.Fingerprint]:
        """The kept fingerprints of some reports (those the run kept)."""
        found = {}
        for part in chunks(report_ids):
            for rid, *blobs in self.conn.execute(
                    f"SELECT report_id, keys, exact, lengths, figures FROM temp.run_prints WHERE report_id IN ({marks(part)})",
                    part):
                found[rid] = copies.Fingerprint(*(_array(code, blob) for (_name, code), blob in zip(ARRAYS, blobs)))
        return found

    def close(self) -> None:
        """Drop the table."""
        self.conn.execute("DROP TABLE IF EXISTS temp.run_prints")


def _array(code: str, blob: bytes) -> array:
    values = array(code)
    values.frombytes(blob)
    return values


def compare(store: YearsStore, catalog: Catalog, prints: RunPrints, report_ids: set[str] | None = None) -> int:
    """Compare the counted reports among `report_ids` (None: every counted report) with all stored
    sentences of their year, each once; how many were compared. A report whose fingerprint the run
    did not keep (a neighbour from an earlier run) is fingerprinted from its parse."""
    compared = 0
    for year, ids in _counted_by_year(store, report_ids):
        holders = YearHolders(store, year, grouped=len(ids) >= GROUPED_FROM)
        for part in chunks(ids, COMPARE_CHUNK):
            rows = store.report_rows("report_id", part)
            kept = prints.get(part)
            # read once: for the fingerprint now and for passages later
            parses = {row["report_id"]: _parse(catalog, row) for row in rows if row["report_id"] not in kept}
            reports = [(row, kept.get(row["report_id"]) or copies.fingerprint(parses[row["report_id"]])) for row in rows]
            updates = others_updates(holders, reports, lambda row: parses.get(row["report_id"]) or _parse(catalog, row))
            with store.transaction() as conn:
                conn.executemany("UPDATE reports SET result_json = ? WHERE report_id = ?", updates)
            compared += len(updates)
    return compared


def _counted_by_year(store: YearsStore, report_ids: set[str] | None) -> list[tuple[int, list[str]]]:
    """(year, ids of its counted reports): among `report_ids`, or all of them."""
    if report_ids is None:
        rows = store.conn.execute("SELECT year, report_id FROM reports WHERE counted = 1 AND year IS NOT NULL")
    else:
        rows = [(row["year"], row["report_id"]) for row in store.report_rows("report_id", report_ids)
                if row["counted"] and row["year"] is not None]
    by_year: dict[int, list[str]] = defaultdict(list)
    for year, report_id in rows:
        by_year[year].append(report_id)
    return [(year, sorted(ids)) for year, ids in sorted(by_year.items())]


def _parse(catalog: Catalog, row: Mapping) -> Mapping:
    """A stored report's parse, read back from the catalog (empty when it has none any more)."""
    parse, _error = latest_ok_parse(catalog, row["sha256"])
    return parse or {}
