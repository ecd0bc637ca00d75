"""The report page's model: everything the template shows besides the record itself, built in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.labels import display_title
from portal.reports import model
from portal.reports.checklist import AcrossYears, OcrReading, across_years, ocr_reading
from portal.reports.cite import Citation, CitationFacts, citations
from portal.reports.provenance import ArchiveRecord, NewerVersion, SourceView, archive_record, newer_version, source_view
from portal.reports.summary import Summary, summarise
from portal.reports.times import iso_date
from portal.services import ReportRecord


@dataclass(frozen=True)
class ReportPage:
    """One report page: title, summary, tables, checks, provenance and citations."""

    record: ReportRecord
    title: str
    source: SourceView
    newer: NewerVersion | None
    archive: ArchiveRecord | None
    summary: Summary
    request_rows: list[model.Row]
    review_groups: list
    active_blocks: list[model.ActiveBlock]
    checks: list[model.CheckNote]
    years: AcrossYears | None
    years_ran: bool
    ocr: OcrReading | None
    citations: list[Citation]
    canonical_url: str

    @property
    def failed_checks(self) -> list[model.CheckNote]:
        """The report's own arithmetic checks that fail."""
        return [c for c in self.checks if not c.ok]

    @property
    def passed_checks(self) -> list[model.CheckNote]:
        """The report's own arithmetic checks that hold."""
        return [c for c in self.checks if c.ok]


def citation_facts(record: ReportRecord, title: str, url: str, accessed: date) -> CitationFacts:
    """The facts the citation styles need, from the stored report and document."""
    rep, doc = record.report, record.document
    year = rep.get("year") or doc.get("year")
    return CitationFacts(record.id, title, str(rep.get("agency") or doc.get("agency") or "佚名"),
                         year if isinstance(year, int) else None, iso_date(rep.get("published_on")), url,
                         record.source.get("sha256"), accessed)


def report_page(record: ReportRecord, catalog: Any, years: Any, url: str, accessed: date) -> ReportPage:
    """Build the page of a report (`catalog`, `years`: the archive catalog and years store, or None)."""
    report = record.report
    title = display_title(report or record.document)
    return ReportPage(
        record=record, title=title,
        source=source_view(record.source.get("url") or record.document.get("source_url")),
        newer=newer_version(catalog, record.source),
        archive=archive_record(catalog, record.source.get("sha256")),
        summary=summarise(report),
        request_rows=model.request_rows(report),
        review_groups=model.review_cells(report),
        active_blocks=model.active_disclosure_blocks(report),
        checks=model.check_notes(report),
        years=across_years(years, record.id),
        years_ran=years is not None,
        ocr=ocr_reading(report),
        citations=citations(citation_facts(record, title, url, accessed)),
        canonical_url=url,
    )
