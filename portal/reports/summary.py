"""The report page's plain-language summary: a few sentences read from the parsed tables 三 and 四.

Every number comes from the parse as printed (the 总计 column of table 三, the cells of
table 四); a blank or unreadable cell is never shown as 0 but as 未读出, and a group
summed from partly blank rows says 至少 (at least). Nothing is computed that the report
does not print, except the group sums (不予公开 = its eight reasons, …) the template
itself implies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

TOTAL = 6  # the 总计 column of table 三
FIRST_TEMPLATE_YEAR = 2019  # reports on earlier years use older tables, which the parser leaves aside
OUTCOME_GROUPS: tuple[tuple[str, str], ...] = (
    ("granted", "予以公开"), ("partial", "部分公开"), ("denied_", "不予公开"), ("unable_", "无法提供"),
    ("rejected_", "不予处理"), ("other_", "其他处理"),
)


@dataclass(frozen=True)
class Figure:
    """One number of a sentence: its value (None when not read) and whether some of its parts were blank."""

    value: float | None
    partial: bool = False

    @property
    def missing(self) -> bool:
        """True when the report prints no readable value for it."""
        return self.value is None


@dataclass(frozen=True)
class Sentence:
    """A sentence as pieces: plain text and Figures, in reading order."""

    pieces: tuple[str | Figure, ...]

    @property
    def has_missing(self) -> bool:
        """True when a figure of the sentence could not be read."""
        return any(isinstance(p, Figure) and (p.missing or p.partial) for p in self.pieces)


def _number(value: Any) -> float | None:
    """A printed number, else None (booleans and text are not numbers)."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _sum(values: Iterable[Any]) -> Figure:
    """The sum of the printed values; partial when some are blank, missing when all are."""
    values = list(values)
    printed = [v for v in (_number(x) for x in values) if v is not None]
    if not printed:
        return Figure(None)
    return Figure(sum(printed), partial=len(printed) < len(values))


def _row_total(rows: Mapping[str, Any], key: str) -> Any:
    """The printed 总计 cell of a table 三 row (None when the row is short or absent)."""
    row = rows.get(key) or []
    return row[TOTAL] if len(row) > TOTAL else None


def _total_figure(rows: Mapping[str, Any], key: str) -> Figure:
    """One row's 总计 as a Figure."""
    return Figure(_number(_row_total(rows, key)))


def _outcome(rows: Mapping[str, Any], prefix: str) -> Figure:
    """An outcome group's 总计: its own row, or the sum of its sub-rows (the 2019 其他处理 is one row)."""
    if not prefix.endswith("_"):
        return _total_figure(rows, prefix)
    if prefix == "other_" and _number(_row_total(rows, "other_total")) is not None:
        return _total_figure(rows, "other_total")
    keys = [key for key in rows if key.startswith(prefix) and key != "other_total"]
    return _sum(_row_total(rows, key) for key in keys)


def request_sentences(report: Mapping[str, Any]) -> list[Sentence]:
    """收到申请 … 予以公开 … 结转: two sentences from table 三, or none when it was not parsed."""
    rows = (report.get("requests") or {}).get("rows") or {}
    if not rows:
        return []
    received = [("本年度新收政府信息公开申请", _total_figure(rows, "new")),
                ("件，上年结转", _total_figure(rows, "carried_over")), ("件。", None)]
    outcomes: list[tuple[str, Figure | None]] = [("办理完毕", _total_figure(rows, "processed_total")), ("件，其中", None)]
    for index, (prefix, label) in enumerate(OUTCOME_GROUPS):
        outcomes.append((("" if index == 0 else "件，") + label, _outcome(rows, prefix)))
    outcomes += [("件；结转下年度继续办理", _total_figure(rows, "carried_forward")), ("件。", None)]
    return [_sentence(received), _sentence(outcomes)]


def review_sentences(report: Mapping[str, Any]) -> list[Sentence]:
    """行政复议 N 件，其中纠正 N 件；行政诉讼 …: one sentence from table 四, or none when it was not parsed."""
    table = report.get("review_litigation") or {}
    if not table:
        return []
    review = table.get("review") or {}
    suits = [table.get("litigation_direct") or {}, table.get("litigation_after_review") or {}]
    pieces = [
        ("因政府信息公开被申请行政复议", Figure(_number(review.get("total")))),
        ("件，其中结果被纠正", Figure(_number(review.get("corrected")))),
        ("件；被提起行政诉讼", _sum(s.get("total") for s in suits)),
        ("件（未经复议直接起诉", Figure(_number(suits[0].get("total")))),
        ("件，复议后起诉", Figure(_number(suits[1].get("total")))),
        ("件），其中结果被纠正", _sum(s.get("corrected") for s in suits)),
        ("件。", None),
    ]
    return [_sentence(pieces)]


def _sentence(parts: Sequence[tuple[str, Figure | None]]) -> Sentence:
    """A Sentence from (text, figure after it) pairs."""
    pieces: list[str | Figure] = []
    for text, figure in parts:
        pieces.append(text)
        if figure is not None:
            pieces.append(figure)
    return Sentence(tuple(pieces))


@dataclass(frozen=True)
class Summary:
    """The summary block: sentences, and what could not be said."""

    sentences: tuple[Sentence, ...]
    gaps: tuple[str, ...]

    @property
    def has_missing(self) -> bool:
        """True when some figure is shown as 未读出 or 至少."""
        return any(s.has_missing for s in self.sentences)


def summarise(report: Mapping[str, Any]) -> Summary:
    """The plain-language summary of a parsed report, with a note per table it could not read."""
    requests, review = request_sentences(report), review_sentences(report)
    year = report.get("year")
    if not requests and not review and isinstance(year, int) and year < FIRST_TEMPLATE_YEAR:
        return Summary((), (f"本报告为 {year} 年度，早于 2019 年版全国统一格式，表格格式不同，未读取其中的数字。",))
    gaps = []
    if not requests:
        gaps.append("表三（依申请公开情况）未能从报告中读出，申请和办理件数不详。")
    if not review:
        gaps.append("表四（行政复议、行政诉讼情况）未能从报告中读出，复议和诉讼件数不详。")
    return Summary(tuple(requests + review), tuple(gaps))
