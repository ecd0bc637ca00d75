"""Store what a slice's analysis found, then bring the cross-unit copy share of the reports it touches up to date."""

from __future__ import annotations

from collections import defaultdict

from analyzers.years.analysis import YearsAnalysis
from analyzers.years.sentence_index import COMMON_UNITS
from analyzers.years.series import Unit
from indexer.archive import Catalog
from indexer.years.figures import key_figures
from indexer.years.loading import Loaded, sample_flags
from indexer.years.others import RunPrints, passages
from indexer.years.store import YearsStore, chunks, dumps, marks

REPORT_COLUMNS = ("report_id, sha256, unit_id, raw_unit_id, full_key, year, counted, agency, published_on, url,"
                  " figures_json, result_json, sample")


def unit_detail(unit: Unit) -> dict:
    """What a unit page shows besides its reports: years, gaps, names, merge notes, versions, undated reports."""
    return {"years": unit.years(), "gaps": unit.gaps(), "names": unit.names, "merges": unit.merges,
            "versions": {str(year): entries for year, entries in unit.versions.items()},
            "undated": [filing.report_id for filing in unit.undated]}


def _report_row(analysis: YearsAnalysis, loaded: Loaded, report_id: str) -> tuple:
    filing, key = loaded.filings[report_id], analysis.book.keys.get(report_id)
    result = dict(analysis.results[report_id])
    previous = result.get("copied_from_previous")
    if previous:
        result["copied_from_previous"] = {**previous, "passages": passages(filing.parse, previous["spans"])}
    return (report_id, loaded.sha[report_id], result.get("unit_id"), key.unit_id if key else None,
            key.full_key if key else None, filing.year, int(bool(result.get("counted"))), filing.parse.get("agency"),
            filing.parse.get("published_on"), filing.url, dumps(key_figures(filing.parse)), dumps(result),
            int(report_id in loaded.samples))


def _sentence_keys(store: YearsStore, unit_ids: set[str]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    for part in chunks(unit_ids):
        for year, key in store.conn.execute(f"SELECT year, key FROM sentences WHERE unit_id IN ({marks(part)})", part):
            found[year].add(key)
    return found


def _replace(store: YearsStore, analysis: YearsAnalysis, loaded: Loaded, report_ids: set[str], unit_ids: set[str]) -> None:
    """Delete the scope's old rows and insert the new ones, in one transaction."""
    with store.transaction() as conn:
        for part in chunks(report_ids):
            conn.execute(f"DELETE FROM reports WHERE report_id IN ({marks(part)})", part)
        for part in chunks(unit_ids):
            conn.execute(f"DELETE FROM units WHERE unit_id IN ({marks(part)})", part)
            conn.execute(f"DELETE FROM sentences WHERE unit_id IN ({marks(part)})", part)
        conn.executemany("INSERT INTO units VALUES (?, ?, ?, ?)",
                         [(u.unit_id, u.display_name(), dumps(dict(u.region)), dumps(unit_detail(u)))
                          for u in analysis.units.values()])
        conn.executemany(f"INSERT INTO reports ({REPORT_COLUMNS}) VALUES ({marks(REPORT_COLUMNS.split(','))})",
                         [_report_row(analysis, loaded, rid) for rid in sorted(loaded.filings)])
        conn.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?)",
                         [(year, key, unit_id, rid) for (unit_id, year), rid in analysis.slots.items()
                          for key in set(analysis.prints[rid].keys)])


def _neighbours(store: YearsStore, keys: dict[int, set[int]], rebuilt: set[str]) -> set[str]:
    """Counted reports of other units sharing a not-yet-common sentence with the rebuilt units."""
    found = set()
    for year, year_keys in keys.items():
        holders: dict[int, list] = defaultdict(list)
        for row in store.holders(year, year_keys, COMMON_UNITS + 1):
            holders[row["key"]].append(row)
        for rows in holders.values():
            if len(rows) <= COMMON_UNITS:
                found.update(row["report_id"] for row in rows if row["unit_id"] not in rebuilt)
    return found


def write_scope(store: YearsStore, catalog: Catalog, analysis: YearsAnalysis, loaded: Loaded, old_ids: set[str],
                prints: RunPrints, neighbours_too: bool = True) -> set[str]:
    """Replace the scope's rows and keep its counted reports' fingerprints for the run's comparison
    (indexer.years.others.compare); the counted reports of other units whose cross-unit share the
    change can touch (not looked for when `neighbours_too` is off: a run comparing every report)."""
    report_ids = set(loaded.filings) | old_ids
    old_units = {row["unit_id"] for row in store.report_rows("report_id", report_ids) if row["unit_id"]}
    rebuilt = old_units | set(analysis.units)
    neighbours: set[str] = set()
    if neighbours_too:
        keys = _sentence_keys(store, rebuilt)
        for (unit_id, year), rid in analysis.slots.items():
            keys[year].update(analysis.prints[rid].keys)
        # Before and after: a sentence that becomes (or stops being) common wording changes
        # the share of the reports holding it, though it is common on one side of the change.
        neighbours = _neighbours(store, keys, rebuilt)
    _replace(store, analysis, loaded, report_ids, rebuilt)
    if neighbours_too:
        neighbours |= _neighbours(store, keys, rebuilt)
    prints.put({rid: analysis.prints[rid] for rid in analysis.slots.values()})
    fill_samples(store, catalog)
    return neighbours


def fill_samples(store: YearsStore, catalog: Catalog) -> int:
    """Set the sample flag of rows written before the store had it (migration 2); how many were filled."""
    rows = store.conn.execute("SELECT report_id, sha256 FROM reports WHERE sample IS NULL").fetchall()
    if not rows:
        return 0
    flags = sample_flags(catalog, {row["sha256"] for row in rows})
    with store.transaction() as conn:
        conn.executemany("UPDATE reports SET sample = ? WHERE report_id = ?",
                         [(int(flags[row["sha256"]]), row["report_id"]) for row in rows])
    return len(rows)
