"""The key figures of tables 三 and 四 that a unit page sets side by side, year by year."""

from __future__ import annotations

from typing import Mapping

TOTAL = 6  # the 总计 column of table 三
DENIED_ROWS = ("denied_state_secret", "denied_prohibited_by_law", "denied_three_safeties", "denied_third_party",
               "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query")
# (key, Chinese label): the order of the rows on the unit page and in its CSV.
KEY_FIGURES: tuple[tuple[str, str], ...] = (
    ("new", "新收"), ("carried_over", "上年结转"), ("granted", "予以公开"), ("denied", "不予公开合计"),
    ("processed_total", "办理结果总计"), ("carried_forward", "结转下年度"),
    ("review_total", "行政复议总计"), ("review_corrected", "行政复议纠正"),
    ("litigation_total", "行政诉讼总计"), ("litigation_corrected", "行政诉讼纠正"),
)


def _total(rows: Mapping, key: str) -> int | float | None:
    row = rows.get(key) or []
    value = row[TOTAL] if len(row) > TOTAL else None
    return value if isinstance(value, (int, float)) else None


def _sum(values: list) -> int | float | None:
    """The sum of the printed values; None when none of them is printed (blank is not zero)."""
    printed = [v for v in values if isinstance(v, (int, float))]
    return sum(printed) if printed else None


def key_figures(parse: Mapping) -> dict[str, int | float | None]:
    """The key figures of a parse (None where the report prints no value)."""
    rows = (parse.get("requests") or {}).get("rows") or {}
    review = parse.get("review_litigation") or {}
    suits = [review.get("litigation_direct") or {}, review.get("litigation_after_review") or {}]
    found = {key: _total(rows, key) for key in ("new", "carried_over", "granted", "processed_total", "carried_forward")}
    found["denied"] = _sum([_total(rows, key) for key in DENIED_ROWS])
    found["review_total"] = (review.get("review") or {}).get("total")
    found["review_corrected"] = (review.get("review") or {}).get("corrected")
    found["litigation_total"] = _sum([group.get("total") for group in suits])
    found["litigation_corrected"] = _sum([group.get("corrected") for group in suits])
    return {key: found.get(key) for key, _ in KEY_FIGURES}
