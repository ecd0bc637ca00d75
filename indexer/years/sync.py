"""The years step of `ingest`, `index` and `reindex`: analyse what a run brings, keep the index in step.

A run analyses only the documents it brings and the units they touch (indexer.years.runner),
gives each index document its years fields (indexer.years.fields) as it is built, and then
updates in place the other already-indexed documents whose years fields changed: a later
report's cross-year status when its predecessor arrives, the cross-unit copy share of a
report sharing a passage with the batch. Documents are read back from the engine, their
years fields replaced and written again whole (an upsert), so queries never fail meanwhile.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Protocol

from indexer.archive import Catalog, CatalogDocument
from indexer.backends import SearchBackend
from indexer.years.fields import comparable, with_years, years_fields
from indexer.years.runner import YearsSummary, run_documents
from indexer.years.store import YEARS_FILE, YearsStore

REFRESH_CHUNK = 200  # documents read back, compared and re-written at a time


class IndexTally(Protocol):
    """What the years step reads and writes of an index run's tally (indexer.reindex.RunTally)."""

    parsed_ids: list[str]
    locations: dict[str, str]
    failures: list[tuple[str, str]]
    years: YearsFields | None


@dataclass
class YearsSync:
    """What the years step of one run did: the analysis and the in-place updates of other documents."""

    analysed: int = 0
    units: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    refreshed: int = 0
    refresh_failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    touched: set[str] = field(default_factory=set)

    def add(self, summary: YearsSummary) -> None:
        """Count one analysis run."""
        self.analysed += summary.analysed
        self.units += summary.units
        self.failed += summary.failed
        self.seconds += summary.seconds
        self.touched |= summary.touched

    def as_dict(self) -> dict[str, int]:
        """A JSON-ready summary."""
        return {"analysed": self.analysed, "units": self.units, "failed": len(self.failed),
                "refreshed": self.refreshed, "refresh_failures": len(self.refresh_failures)}


def open_years(catalog: Catalog) -> YearsStore:
    """The across-years tables beside the catalog (indexer.years.store.years_file)."""
    return YearsStore(catalog.path.with_name(YEARS_FILE))


class YearsFields:
    """Index fields of reports from the stored years rows: what `catalog_documents` adds to each
    document; remembers a digest of the fields each report's document was built with this run."""

    def __init__(self, store: YearsStore):
        self.store = store
        self.given: dict[str, int] = {}  # report id -> digest(fields): ~100 bytes a report

    def __call__(self, report_id: str, report: Mapping[str, Any] | None) -> dict[str, Any]:
        """The years fields of one report (not analysed yet: timeliness from the report, the rest unchecked)."""
        fields = years_fields(self.store.report(report_id), report)
        self.given[report_id] = digest(fields)
        return fields


def digest(fields: Mapping[str, Any]) -> int:
    """A fingerprint of some years fields, valid within this process (equal fields, equal digests)."""
    return hash(json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str))


def analyse(catalog: Catalog, store: YearsStore, documents: Iterable[CatalogDocument], sync: YearsSync,
            everything: bool = False, batch: str | None = None) -> set[str]:
    """Run the years analysis over documents and the units they touch (`everything`: the whole archive);
    the report ids whose rows it wrote or removed."""
    summary = run_documents(catalog, store, list(documents), batch, everything=everything)
    sync.add(summary)
    return summary.touched


def unanalysed(catalog: Catalog, store: YearsStore) -> list[CatalogDocument]:
    """Catalogued documents without a years row (new since the last analysis, or not reports)."""
    known = {row[0] for row in store.conn.execute("SELECT report_id FROM reports")}
    return [document for document in catalog.iter_documents() if document.report_id not in known]


def refresh(backend: SearchBackend, store: YearsStore, report_ids: Iterable[str], sync: YearsSync,
            given: Mapping[str, int] | None = None) -> None:
    """Re-write the indexed documents among `report_ids` whose years fields differ from the stored rows.

    `given` (YearsFields.given): digests of the fields documents were built with during this
    run; such a document whose stored row still gives the same fields is not read back.
    """
    given = given or {}
    wanted = sorted(rid for rid in set(report_ids) if not _as_built(store, rid, given))
    for start in range(0, len(wanted), REFRESH_CHUNK):
        changed = []
        for document in backend.get_many(wanted[start:start + REFRESH_CHUNK]):
            fields = years_fields(store.report(str(document["id"])), document.get("report"))
            if comparable(document) != comparable(fields):
                changed.append(with_years(dict(document), fields))
        if changed:
            report = backend.index_documents(changed, raise_on_error=False)
            sync.refreshed += report.indexed
            sync.refresh_failures += list(report.failures)


def _as_built(store: YearsStore, report_id: str, given: Mapping[str, int]) -> bool:
    """Whether the report's document was built this run with the fields its stored row gives now."""
    built = given.get(report_id)
    if built is None:
        return False
    row = store.report(report_id)
    return row is not None and digest(years_fields(row)) == built


class YearsStep:
    """The years step around one run of indexer.reindex: analyse before the documents, after them, then refresh.

    `before` analyses documents whose parses are stored already, so they are indexed with
    fresh years fields; `after` analyses what the run parsed anew (or, `everything`, the
    whole archive) and re-writes every indexed document whose years fields now differ.
    """

    def __init__(self, catalog: Catalog, tally: IndexTally):
        self.catalog, self.tally = catalog, tally
        self.sync = YearsSync()
        self.store = open_years(catalog)
        self.fresh: set[str] = set()  # analysed before their documents were built: indexed as they are
        tally.years = YearsFields(self.store)

    def __enter__(self) -> "YearsStep":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.store.close()

    def before(self, documents: list[CatalogDocument], batch: str | None) -> None:
        """Analyse documents (and the units they touch) before they are indexed."""
        analyse(self.catalog, self.store, documents, self.sync, batch=batch)
        self.fresh = set(self.sync.touched)

    def after(self, backend: SearchBackend, everything: bool = False) -> None:
        """Analyse the documents parsed during the run, then update the indexed documents that changed."""
        parsed = set(self.tally.parsed_ids)
        changed: set[str] = set()
        if everything:
            changed = analyse(self.catalog, self.store, list(self.catalog.iter_documents()), self.sync, everything=True)
        elif parsed:
            documents = [d for d in (self.catalog.find_by_report_id(rid) for rid in sorted(parsed)) if d is not None]
            changed = analyse(self.catalog, self.store, documents, self.sync)
        # documents built during the run from rows already fresh need nothing more
        stale = (self.fresh - set(self.tally.locations)) | changed
        refresh(backend, self.store, stale, self.sync, self.tally.years.given if self.tally.years else None)
        self.tally.failures += [(self.tally.locations.get(rid, rid), f"years fields not updated: {reason}")
                                for rid, reason in self.sync.refresh_failures]
