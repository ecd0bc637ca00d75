"""Figures over a set of reports: requests by year, outcome shares, review and litigation.

Fed one index document at a time (only its numeric fields are read), so the stats and
region pages can stream any number of reports through it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from markupsafe import Markup

from portal.charts import Series, bar_chart, share_chart

OUTCOME_FIELDS: tuple[tuple[str, str], ...] = (
    ("t3_granted_total", "予以公开"),
    ("t3_partial_total", "部分公开"),
    ("denied_total", "不予公开"),
    ("unable_total", "无法提供"),
    ("rejected_total", "不予处理"),
    ("t3_other_total_total", "其他处理"),
)
REVIEW_OUTCOMES: tuple[tuple[str, str], ...] = (("upheld", "维持"), ("corrected", "纠正"), ("other", "其他"), ("pending", "尚未审结"))
LITIGATION_GROUPS = ("litigation_direct", "litigation_after_review")
# The numbers compute_figures reads: a scan of only these skips every stored report.
FIGURE_FIELDS: tuple[str, ...] = (
    ("year", "t3_new_total", "failed_check_count")
    + tuple(name for name, _label in OUTCOME_FIELDS)
    + tuple(f"t4_review_{outcome}" for outcome, _label in REVIEW_OUTCOMES)
    + tuple(f"t4_{group}_{outcome}" for group in LITIGATION_GROUPS for outcome, _label in REVIEW_OUTCOMES)
)


def _num(document: Mapping[str, Any], name: str) -> float:
    """A numeric field of a document, blank counted as nothing."""
    value = document.get(name)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


@dataclass(frozen=True)
class Figures:
    """Totals over a set of reports, ready for tables and charts."""

    reports: int
    years: tuple[int, ...]
    reports_by_year: tuple[int, ...]
    new_by_year: tuple[float, ...]
    outcomes: tuple[tuple[str, float], ...]
    review: tuple[tuple[str, float], ...]
    litigation: tuple[tuple[str, float], ...]
    failing_reports: int
    failed_checks: tuple[tuple[str, int], ...] = field(default=())

    @property
    def failing_share(self) -> float | None:
        """Share of reports with at least one failed consistency check."""
        return self.failing_reports / self.reports if self.reports else None

    @property
    def outcome_total(self) -> float:
        """All processed requests counted in the outcome rows."""
        return sum(value for _label, value in self.outcomes)

    def outcome_shares(self) -> list[tuple[str, float]]:
        """Each outcome as a share of all processed requests."""
        total = self.outcome_total
        return [(label, value / total if total else 0.0) for label, value in self.outcomes]

    def requests_chart(self, title: str = "历年本年新收申请数量") -> Markup:
        """Bar chart of new requests per year."""
        return bar_chart([str(y) for y in self.years], [Series("本年新收申请（件）", self.new_by_year)], title)

    def reports_chart(self, title: str = "历年年报数量") -> Markup:
        """Bar chart of reports per year."""
        counts = tuple(float(n) for n in self.reports_by_year)
        return bar_chart([str(y) for y in self.years], [Series("年报（份）", counts)], title, height=200)

    def outcomes_chart(self, title: str = "办理结果占比") -> Markup:
        """Horizontal bars of outcome shares."""
        return share_chart(self.outcome_shares(), title)

    def review_chart(self, title: str = "行政复议与行政诉讼结果") -> Markup:
        """Grouped bars of review and litigation outcomes."""
        labels = [label for label, _v in self.review]
        return bar_chart(labels, [Series("行政复议", tuple(v for _l, v in self.review)), Series("行政诉讼", tuple(v for _l, v in self.litigation))], title)


def compute_figures(documents: Iterable[Mapping[str, Any]]) -> Figures:
    """Stream index documents into totals by year, outcome and proceeding."""
    reports, failing = 0, 0
    by_year: Counter[int] = Counter()
    new_by_year: defaultdict[int, float] = defaultdict(float)
    outcomes: Counter[str] = Counter()
    review: Counter[str] = Counter()
    litigation: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for doc in documents:
        reports += 1
        if isinstance(doc.get("year"), int):
            by_year[doc["year"]] += 1
            new_by_year[doc["year"]] += _num(doc, "t3_new_total")
        for name, _label in OUTCOME_FIELDS:
            outcomes[name] += _num(doc, name)
        for outcome, _label in REVIEW_OUTCOMES:
            review[outcome] += _num(doc, f"t4_review_{outcome}")
            litigation[outcome] += sum(_num(doc, f"t4_{g}_{outcome}") for g in LITIGATION_GROUPS)
        if _num(doc, "failed_check_count") > 0 or doc.get("failed_checks"):
            failing += 1
            failed.update(doc.get("failed_checks") or ())
    years = tuple(sorted(by_year))
    return Figures(
        reports=reports,
        years=years,
        reports_by_year=tuple(by_year[y] for y in years),
        new_by_year=tuple(new_by_year[y] for y in years),
        outcomes=tuple((label, outcomes[name]) for name, label in OUTCOME_FIELDS),
        review=tuple((label, review[key]) for key, label in REVIEW_OUTCOMES),
        litigation=tuple((label, litigation[key]) for key, label in REVIEW_OUTCOMES),
        failing_reports=failing,
        failed_checks=tuple(failed.most_common(10)),
    )


def figures_to_dict(figures: Figures) -> dict[str, Any]:
    """Figures as JSON-ready data."""
    return dataclasses.asdict(figures)


def figures_from_dict(data: Mapping[str, Any]) -> Figures:
    """Figures back from `figures_to_dict` (lists become tuples again)."""
    pairs = ("outcomes", "review", "litigation", "failed_checks")
    values = {k: tuple(tuple(p) for p in v) if k in pairs else (tuple(v) if isinstance(v, list) else v) for k, v in data.items()}
    return Figures(**values)
