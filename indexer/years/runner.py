"""`nianbao years`: recompute the across-years tables for one batch and the units it touches.

A batch's filings are keyed (analyzers.years.units); the stored reports of every unit the
keys reach (same unit id by the rules, same full name, same report re-parsed) are loaded
back from the catalog, and `YearsAnalysis` (its `UnitBook`) rebuilds those units only:
all their years, so the neighbour years' chains and copy shares follow. The cross-unit
copy share needs every unit's sentences of a year: they are stored (`sentences`), so only
the reports sharing a rare sentence with a changed report are compared again.
`--all` clears the tables and takes the archive in slices of ALL_SLICE documents, a unit's
reports together (by the unit the last run put them in); a large batch is taken in slices
too. The cross-unit copy share of the reports a run can change is compared once, after the
last slice (indexer.years.others.compare).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from analyzers.years.analysis import YearsAnalysis
from analyzers.years.units import unit_key
from indexer.archive import Catalog, utc_now
from indexer.years.loading import Loaded, load, load_ids
from indexer.years.others import RunPrints, compare
from indexer.years.store import SENTENCES_BY_KEY, YearsStore, dumps
from indexer.years.writing import write_scope

ALL_SLICE = 500  # documents per slice (of `--all` and of a large batch): memory stays bounded


@dataclass
class YearsSummary:
    """What one run did, in the CLI's words: reports analysed, skipped (not a report), failed."""

    documents: int = 0
    analysed: int = 0
    units: int = 0
    neighbours: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    # every report whose row was written or removed: the index documents that may need new years fields
    touched: set[str] = field(default_factory=set)

    def as_dict(self) -> dict:
        """A JSON-ready summary."""
        return {"documents": self.documents, "analysed": self.analysed, "units": self.units,
                "neighbours": self.neighbours, "skipped": len(self.skipped), "failed": len(self.failed)}


def scope_ids(store: YearsStore, loaded: Loaded) -> set[str]:
    """Stored reports of every unit the batch's filings reach (by rules id, full name, or being re-parsed)."""
    keys = [unit_key(f.parse.get("agency"), f.parse.get("region")) for f in loaded.filings.values()]
    keys = [k for k in keys if k is not None]
    rows = store.report_rows("raw_unit_id", {k.unit_id for k in keys}) + \
        store.report_rows("full_key", {k.full_key for k in keys}) + store.report_rows("report_id", {*loaded.filings, *loaded.dropped})
    units = {row["unit_id"] for row in rows if row["unit_id"]}
    return {row["report_id"] for row in rows} | {row["report_id"] for row in store.report_rows("unit_id", units)}


def run_slice(catalog: Catalog, store: YearsStore, documents: list, summary: YearsSummary, prints: RunPrints,
              pending: set[str] | None) -> None:
    """Analyse a slice of documents with the rest of their units; store the outcome. The counted
    reports whose cross-unit share the run compares at its end join `pending` (None: a run that
    compares every counted report)."""
    loaded = load(catalog, documents)
    summary.skipped += loaded.skipped
    summary.failed += loaded.failed
    if not loaded.filings and not loaded.dropped:
        return
    summary.analysed += len(loaded.filings)  # counted before the rest of their units joins
    old_ids = scope_ids(store, loaded)
    load_ids(catalog, old_ids, loaded)
    analysis = YearsAnalysis()
    analysis.add(loaded.filings.values(), loaded.prints)
    summary.units += len(analysis.units)
    neighbours = write_scope(store, catalog, analysis, loaded, old_ids, prints, neighbours_too=pending is not None)
    if pending is not None:
        pending |= set(analysis.slots.values()) | neighbours
    summary.neighbours += len(neighbours)
    summary.touched |= set(loaded.filings) | loaded.dropped | old_ids | neighbours


def by_unit(store: YearsStore, documents: list) -> list:
    """Documents with each unit's reports side by side (the units of the stored rows, reports not
    analysed yet last, in their order), so that a slice seldom loads reports of other slices."""
    unit_of = dict(store.conn.execute("SELECT report_id, unit_id FROM reports WHERE unit_id IS NOT NULL"))
    return sorted(documents, key=lambda document: (document.report_id not in unit_of, unit_of.get(document.report_id, "")))


def run_years(catalog: Catalog, store: YearsStore, batch: str | None) -> YearsSummary:
    """Recompute for a batch (its units only), or for the whole archive when `batch` is None."""
    return run_documents(catalog, store, list(catalog.iter_documents(batch)), batch, everything=batch is None)


def run_documents(catalog: Catalog, store: YearsStore, documents: list, batch: str | None = None,
                  everything: bool = False) -> YearsSummary:
    """Recompute for some documents and the units they touch (`everything`: clear and redo the archive)."""
    started = time.monotonic()
    summary = YearsSummary()
    summary.documents = len(documents)
    prints, pending = RunPrints(store), None if everything else set()
    try:
        if everything:
            documents = by_unit(store, documents)
            with store.transaction() as conn:
                for table in ("reports", "units", "sentences"):
                    conn.execute(f"DELETE FROM {table}")
                # no look-up by sentence until the comparison: the index is built once, sorted,
                # rather than kept up to date row by row (3M rows at 100k reports)
                conn.execute(f"DROP INDEX IF EXISTS {SENTENCES_BY_KEY}")
        # in slices, as `--all`: a large first batch keeps memory bounded (each slice loads its units' rest)
        for start in range(0, len(documents), ALL_SLICE):
            run_slice(catalog, store, documents[start:start + ALL_SLICE], summary, prints, pending)
        store.ensure_indexes()
        compare(store, catalog, prints, pending)
    finally:
        prints.close()
        store.ensure_indexes()
    summary.seconds = time.monotonic() - started
    with store.transaction() as conn:
        conn.execute("INSERT INTO runs(batch, finished_at, summary_json) VALUES (?, ?, ?)",
                     (batch, utc_now(), dumps(summary.as_dict())))
    return summary
