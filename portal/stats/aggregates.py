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

from portal.charts import Series, bar_chart, responsive, share_chart

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
APPLICANT_COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")


@dataclass(frozen=True)
class TotalPart:
    """One printed 总计 cell, the cells it totals, and the consistency check comparing them."""

    printed: str
    cells: tuple[str, ...]
    check: str


@dataclass(frozen=True)
class TotalDefinition:
    """A figure the pages total two ways: the printed 总计 cells, or the cells they total."""

    key: str
    label: str
    cells_label: str  # what "the cells" are, for readers
    parts: tuple[TotalPart, ...]


def _review_part(group: str) -> TotalPart:
    """Table 四: one group's 总计 against its four outcomes (check t4_<group>_total)."""
    return TotalPart(f"t4_{group}_total", tuple(f"t4_{group}_{o}" for o, _l in REVIEW_OUTCOMES), f"t4_{group}_total")


TOTALS: tuple[TotalDefinition, ...] = (
    TotalDefinition("new", "本年新收申请", "六类申请人之和", (TotalPart("t3_new_total", tuple(f"t3_new_{c}" for c in APPLICANT_COLUMNS),
                                                     "t3_applicants_new"),)),
    TotalDefinition("processed", "办理结果", "各项办理结果之和", (TotalPart("t3_processed_total_total", tuple(n for n, _l in OUTCOME_FIELDS),
                                                    "t3_results_total"),)),
    TotalDefinition("review", "行政复议", "维持、纠正、其他、尚未审结之和", (_review_part("review"),)),
    TotalDefinition("litigation", "行政诉讼", "两类诉讼的维持、纠正、其他、尚未审结之和", tuple(_review_part(group) for group in LITIGATION_GROUPS)),
)
TOTAL_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(
    name for total in TOTALS for part in total.parts for name in (part.printed, *part.cells)))
# The numbers compute_figures reads: a scan of only these skips every stored report.
FIGURE_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(
    ("year", "t3_new_total", "failed_check_count")
    + tuple(name for name, _label in OUTCOME_FIELDS)
    + tuple(f"t4_review_{outcome}" for outcome, _label in REVIEW_OUTCOMES)
    + tuple(f"t4_{group}_{outcome}" for group in LITIGATION_GROUPS for outcome, _label in REVIEW_OUTCOMES)
    + TOTAL_FIELDS
))
# What the figures read of the reports failing a check: which checks, and the totals' cells.
FAILING_FIELDS: tuple[str, ...] = ("failed_checks",) + TOTAL_FIELDS


@dataclass(frozen=True)
class TotalFigure:
    """A total over many reports both ways, and the reports where the two ways disagree.

    `differing`: reports printing a 总计 that is not the sum of its cells; `flagged`: those of
    them failing the check that compares the two (all of them, when the checks are right);
    `one_sided`: reports filling only the 总计 or only the cells, which no check can compare.
    """

    key: str
    label: str
    cells_label: str
    printed: float
    cells: float
    differing: int = 0
    one_sided: int = 0
    flagged: int = 0
    checks: tuple[str, ...] = ()

    @property
    def agree(self) -> bool:
        """Whether both ways give the same number."""
        return self.printed == self.cells


def _is_number(value: Any) -> bool:
    """True for a filled numeric cell (not blank, not a flag)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _num(document: Mapping[str, Any], name: str) -> float:
    """A numeric field of a document, blank counted as nothing."""
    value = document.get(name)
    return float(value) if _is_number(value) else 0.0


def part_state(document: Mapping[str, Any], part: TotalPart) -> str | None:
    """How one report's printed 总计 compares with its cells: 'agree', 'differ', 'one_sided' or
    None when both are blank. Blank cells count as 0 beside filled ones, as the checks count them."""
    printed = document.get(part.printed)
    cells = [document[name] for name in part.cells if _is_number(document.get(name))]
    if not _is_number(printed) and not cells:
        return None
    if not _is_number(printed) or not cells:
        return "one_sided"
    return "agree" if printed == sum(cells) else "differ"


class _TotalsTally:
    """Both sums of every TOTALS figure and the reports where they disagree, one report at a time."""

    def __init__(self) -> None:
        self.printed: Counter[str] = Counter()
        self.cells: Counter[str] = Counter()
        self.differing: Counter[str] = Counter()
        self.one_sided: Counter[str] = Counter()

    def add(self, document: Mapping[str, Any]) -> None:
        """Count one report."""
        for total in TOTALS:
            states = {part_state(document, part) for part in total.parts}
            self.printed[total.key] += sum(_num(document, part.printed) for part in total.parts)
            self.cells[total.key] += sum(_num(document, name) for part in total.parts for name in part.cells)
            if "differ" in states:
                self.differing[total.key] += 1
            elif "one_sided" in states:
                self.one_sided[total.key] += 1

    def figures(self) -> tuple[TotalFigure, ...]:
        """The totals counted so far."""
        return tuple(
            TotalFigure(t.key, t.label, t.cells_label, self.printed[t.key], self.cells[t.key], self.differing[t.key],
                        self.one_sided[t.key], 0, tuple(part.check for part in t.parts))
            for t in TOTALS
        )


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
    # each total both ways: the printed 总计 cells and the sum of the cells they total
    totals: tuple[TotalFigure, ...]
    failing_reports: int
    failed_checks: tuple[tuple[str, int], ...] = field(default=())

    def total(self, key: str) -> TotalFigure:
        """One of the TOTALS figures by key ('new', 'processed', 'review', 'litigation')."""
        return next(total for total in self.totals if total.key == key)

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
        series = [Series("本年新收申请（件）", self.new_by_year)]
        return responsive(lambda width: bar_chart([str(y) for y in self.years], series, title, width=width))

    def reports_chart(self, title: str = "历年年报数量") -> Markup:
        """Bar chart of reports per year."""
        counts = tuple(float(n) for n in self.reports_by_year)
        return responsive(lambda width: bar_chart([str(y) for y in self.years], [Series("年报（份）", counts)], title,
                                                  width=width, height=200))

    def outcomes_chart(self, title: str = "办理结果占比") -> Markup:
        """Horizontal bars of outcome shares."""
        shares = self.outcome_shares()
        return responsive(lambda width: share_chart(shares, title, width=width))

    def review_chart(self, title: str = "行政复议与行政诉讼结果") -> Markup:
        """Grouped bars of review and litigation outcomes."""
        labels = [label for label, _v in self.review]
        series = [Series("行政复议", tuple(v for _l, v in self.review)), Series("行政诉讼", tuple(v for _l, v in self.litigation))]
        return responsive(lambda width: bar_chart(labels, series, title, width=width))


def compute_figures(documents: Iterable[Mapping[str, Any]]) -> Figures:
    """Stream index documents into totals by year, outcome and proceeding."""
    reports, failing = 0, 0
    by_year: Counter[int] = Counter()
    new_by_year: defaultdict[int, float] = defaultdict(float)
    outcomes: Counter[str] = Counter()
    review: Counter[str] = Counter()
    litigation: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    tally = _TotalsTally()
    for doc in documents:
        reports += 1
        tally.add(doc)
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
        totals=tally.figures(),
        failing_reports=failing,
        failed_checks=tuple(failed.most_common(10)),
    )


def with_failing(figures: Figures, rows: Iterable[Mapping[str, Any]], shown: int) -> Figures:
    """The figures completed from the reports failing a check (rows of FAILING_FIELDS): the
    `shown` most failed checks, and per total the differing reports its checks flag."""
    checks: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for row in rows:
        failed = set(row.get("failed_checks") or ())
        checks.update(failed)
        for total in TOTALS:
            if any(part.check in failed and part_state(row, part) == "differ" for part in total.parts):
                flagged[total.key] += 1
    totals = tuple(dataclasses.replace(t, flagged=flagged[t.key]) for t in figures.totals)
    return dataclasses.replace(figures, totals=totals, failed_checks=tuple(checks.most_common(shown)))


def figures_to_dict(figures: Figures) -> dict[str, Any]:
    """Figures as JSON-ready data."""
    return dataclasses.asdict(figures)


def figures_from_dict(data: Mapping[str, Any]) -> Figures:
    """Figures back from `figures_to_dict` (lists become tuples again)."""
    pairs = ("outcomes", "review", "litigation", "failed_checks")
    values = {k: tuple(tuple(p) for p in v) if k in pairs else (tuple(v) if isinstance(v, list) else v) for k, v in data.items()}
    values["totals"] = tuple(TotalFigure(**dict(t, checks=tuple(t["checks"]))) for t in data["totals"])
    return Figures(**values)
