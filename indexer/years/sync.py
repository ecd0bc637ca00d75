"""The years step of `ingest`, `index` and `reindex`: analyse what a run brings, keep the index in step.

A run analyses only the documents it brings and the units they touch (indexer.years.runner),
gives each index document its years fields (indexer.years.fields) as it is built, and then
updates in place the other already-indexed documents whose years fields changed: a later
report's cross-year status when its predecessor arrives, the cross-unit copy share of a
report sharing a passage with the batch. Documents are read back from the engine, their
years fields replaced and written again whole (an upsert), so queries never fail meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from indexer.archive import Catalog, CatalogDocument
from indexer.backends import SearchBackend
from indexer.years.fields import comparable, with_years, years_fields
from indexer.years.runner import YearsSummary, run_documents
from indexer.years.store import YEARS_FILE, YearsStore

REFRESH_CHUNK = 200  # documents read back, compared and re-written at a time


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
    """Index fields of reports from the stored years rows: what `catalog_documents` adds to each document."""

    def __init__(self, store: YearsStore):
        self.store = store

    def __call__(self, report_id: str, report: Mapping[str, Any] | None) -> dict[str, Any]:
        """The years fields of one report (not analysed yet: timeliness from the report, the rest unchecked)."""
        return years_fields(self.store.report(report_id), report)


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


def refresh(backend: SearchBackend, store: YearsStore, report_ids: Iterable[str], sync: YearsSync) -> None:
    """Re-write the indexed documents among `report_ids` whose years fields differ from the stored rows."""
    wanted = sorted(set(report_ids))
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
