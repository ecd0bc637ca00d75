"""What the report page says about how far its figures can be trusted, besides the arithmetic checks.

- cross-year checks against the unit's report of the year before, and repeated passages
  (text copied from that report or from other units' reports of the same year), read from
  the years store that `nianbao years` fills (nothing when it has not run);
- values read by OCR: the parser's `ocr:` warnings name the scanned pages and every number
  OCR was unsure of (left blank, never guessed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from portal.reports.model import CheckNote

OCR_PAGES = re.compile(r"^ocr: page\(s\) ([\d, ]+) are scans")
OCR_DOUBT = re.compile(r"^ocr: page (\d+), table cell row (\d+) column (\d+): read '([^']*)' at confidence ([\d.]+)")


@dataclass(frozen=True)
class CopiedText:
    """Passages found again elsewhere: the share of the narrative, whether it is flagged, where from."""

    share: float
    copied: bool
    passages: tuple[str, ...]
    sources: tuple[tuple[str | None, str, int], ...]  # (report id or None, unit name, characters)


@dataclass(frozen=True)
class AcrossYears:
    """The years store's verdicts on one report."""

    unit_id: str | None
    counted: bool
    why: str
    previous_report_id: str | None
    previous_year: int | None
    checks: tuple[CheckNote, ...]
    from_previous: CopiedText | None
    from_others: CopiedText | None
    unchanged_tables: tuple[str, ...]

    @property
    def failed(self) -> tuple[CheckNote, ...]:
        """Cross-year checks that do not hold."""
        return tuple(c for c in self.checks if not c.ok)


@dataclass(frozen=True)
class OcrReading:
    """Which pages were scans read by OCR, and the numbers OCR could not read with confidence."""

    pages: tuple[int, ...]
    doubtful: tuple[str, ...]
    whole: bool  # an image: every value was read by OCR (a PDF may mix text-layer and scanned pages)


def ocr_reading(report: Mapping[str, Any]) -> OcrReading | None:
    """The OCR notes of a parse in Chinese, None when no page was read by OCR."""
    pages: tuple[int, ...] = ()
    doubtful = []
    for warning in report.get("warnings") or []:
        text = str(warning)
        if match := OCR_PAGES.match(text):
            pages = tuple(int(p) for p in match.group(1).replace(" ", "").split(",") if p)
        elif match := OCR_DOUBT.match(text):
            page, row, column, read, confidence = match.groups()
            doubtful.append(f"第{page}页表格第{row}行第{column}列：识别为“{read}”，可信度{float(confidence):.2f}，"
                            "未达采用标准，该格按空白处理")
    if not pages and report.get("source_format") != "image" and not doubtful:
        return None
    return OcrReading(pages, tuple(doubtful), report.get("source_format") == "image")


def _copied(found: Mapping[str, Any] | None, sources: tuple[tuple[str | None, str, int], ...]) -> CopiedText | None:
    """A stored copy share as CopiedText; None when nothing was found again."""
    if not found or not (found.get("share") or found.get("passages")):
        return None  # nothing found again: no line saying 0 %
    return CopiedText(float(found.get("share") or 0.0), bool(found.get("copied")),
                      tuple(str(p) for p in found.get("passages") or ()), sources)


def _other_sources(store: Any, found: Mapping[str, Any] | None) -> tuple[tuple[str | None, str, int], ...]:
    """The other units a report shares passages with: (their report id, unit name, shared characters)."""
    lines = []
    for source in (found or {}).get("sources") or ():
        unit = store.unit(str(source.get("unit_id"))) if source.get("unit_id") else None
        lines.append((source.get("report_id"), (unit or {}).get("name") or str(source.get("unit_id")),
                      int(source.get("chars") or 0)))
    return tuple(lines)


def across_years(store: Any, report_id: str) -> AcrossYears | None:
    """The years store's verdicts on a report; None when the store is absent or does not hold it."""
    row = store.report(report_id) if store is not None else None
    if row is None:
        return None
    result = row.get("result") or {}
    checks = tuple(CheckNote(str(c.get("id", "")), bool(c.get("ok")), str(c.get("message") or c.get("id", "")))
                   for c in result.get("cross_year_checks") or ())
    previous_id = result.get("previous_report_id")
    others = result.get("copied_from_others")
    year = row.get("year")
    return AcrossYears(
        unit_id=row.get("unit_id"), counted=bool(result.get("counted")), why=str(result.get("why") or ""),
        # the report compared against is the unit's counted report of the year before (analyzers.years)
        previous_report_id=previous_id, previous_year=year - 1 if previous_id and isinstance(year, int) else None,
        checks=tuple(sorted(checks, key=lambda c: c.ok)),
        from_previous=_copied(result.get("copied_from_previous"), ((previous_id, "上一年度报告", 0),) if previous_id else ()),
        from_others=_copied(others, _other_sources(store, others)),
        unchanged_tables=tuple(str(t.get("message") or "") for t in result.get("unchanged_tables") or ()),
    )
