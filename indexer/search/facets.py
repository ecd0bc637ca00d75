"""Facets declared once as data; both engines and the portal read this table.

Facets are multi-select: values of one facet are ORed, facets are ANDed, and a facet's
own selection does not narrow its own counts (so a user can add a second province).
Engines fetch `size + 1` values to know whether the list is truncated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from indexer.search.fields import T3_COLUMNS, T3_ROWS, T4_GROUPS
from indexer.search.model import FacetResult, FacetValue, SearchRequest

REQUEST_BUCKETS: Mapping[str, str] = {
    "0": "0 件",
    "1-9": "1–9 件",
    "10-99": "10–99 件",
    "100+": "100 件及以上",
    "unknown": "未填报",
}

OUTCOME_FLAGS: Mapping[str, str] = {
    "has_review": "有行政复议",
    "has_review_upheld": "复议维持",
    "has_review_corrected": "复议纠正",
    "has_review_pending": "复议尚未审结",
    "has_litigation": "有行政诉讼",
    "has_litigation_upheld": "诉讼维持",
    "has_litigation_corrected": "诉讼纠正",
    "has_litigation_pending": "诉讼尚未审结",
    "has_denied": "有不予公开",
}

FORMATS: Mapping[str, str] = {"2019": "2019 年版模板", "2021": "2021 年版模板"}
ORIGINS: Mapping[str, str] = {"archive": "真实报告", "synthetic": "合成样例"}

# Across-years facets (values from indexer/years/fields.py; meanings in docs/units.md).
CROSSYEAR_STATUSES: Mapping[str, str] = {
    "failed": "跨年核对未通过",
    "passed": "跨年核对通过",
    "unchecked": "无法核对",
    "no_previous": "无上年报告",
}
TIMELINESS: Mapping[str, str] = {"late": "逾期发布", "on_time": "按时", "unknown": "日期不明"}
REPEAT_BUCKETS: Mapping[str, str] = {
    "80-100": "80% 及以上",
    "60-80": "60%–80%",
    "40-60": "40%–60%",
    "20-40": "20%–40%",
    "0-20": "低于 20%",
    "none": "无可比的上年报告",
}
COPY_FLAGS: Mapping[str, str] = {
    "numbers_repeated": "数字与上年相同",
    "tables_repeated": "表格与上年完全相同",
    "copied_previous": "照搬上年报告",
    "copied_others": "与其他单位报告雷同",
}


@dataclass(frozen=True)
class Facet:
    """One facet: URL/API name, Chinese label, kind, index field and value order."""

    name: str
    label: str
    kind: str  # region | year | terms | bucket | flags
    field: str
    # count: most frequent first; value_desc: newest year first; declared: as in value_labels
    order: str = "count"
    value_labels: Mapping[str, str] = field(default_factory=dict)
    numeric: bool = False
    # counted when a request names no facets; agency (one value per report series, tens of
    # thousands of them) is a filter first and costs a quarter of all counting at 100k
    by_default: bool = True
    # values always listed, whatever the request's facet_size (the 34 provinces fit in full)
    min_size: int = 0

    def value_label(self, value: str) -> str:
        """The Chinese label of one value (the value itself when none is declared)."""
        if self.name == "issue_tags":
            return _issue_tag_labels().get(value, value)
        if self.name == "failed_checks":
            return check_label(value)
        return self.value_labels.get(value, value)


FACETS: tuple[Facet, ...] = (
    Facet("province", "省份", "region", "province", min_size=40),
    Facet("city", "地市", "region", "city"),
    Facet("county", "区县", "region", "county"),
    Facet("town", "乡镇（街道）", "region", "town"),
    Facet("year", "年度", "year", "year", order="value_desc", numeric=True),
    Facet("format", "表格模板", "terms", "format", order="declared", value_labels=FORMATS),
    Facet("agency", "发布机关", "terms", "agency", by_default=False),
    Facet("requests_bucket", "本年新收申请", "bucket", "requests_bucket", order="declared", value_labels=REQUEST_BUCKETS),
    Facet("outcomes", "复议与诉讼", "flags", "outcomes", order="declared", value_labels=OUTCOME_FLAGS),
    Facet("issue_tags", "问题类别", "terms", "issue_tags"),
    Facet("failed_checks", "未通过的校验", "terms", "failed_checks"),
    Facet("origin", "数据来源", "terms", "origin", order="declared", value_labels=ORIGINS),
    Facet("crossyear", "跨年核对", "terms", "crossyear_status", order="declared", value_labels=CROSSYEAR_STATUSES),
    Facet("timeliness", "发布时效", "terms", "timeliness", order="declared", value_labels=TIMELINESS),
    Facet("repeat_share", "文字重复", "bucket", "repeat_bucket", order="declared", value_labels=REPEAT_BUCKETS),
    Facet("copy_flags", "重复与照搬", "flags", "copy_flags", order="declared", value_labels=COPY_FLAGS),
    # one unit's reports over the years: a filter (thousands of values), not counted by default
    Facet("unit", "单位", "terms", "unit_id", by_default=False),
)

FACETS_BY_NAME: Mapping[str, Facet] = {facet.name: facet for facet in FACETS}


def check_label(check_id: str) -> str:
    """A reader's name for a consistency check id: the relation the template requires.

    Ids follow analyzers/report/checks.py: t3_identity_<column>, t3_results_<column>,
    t3_applicants_<row>, t4_<group>_total; an unknown id is shown as it is. Under the
    facet 未通过的校验 the relation named is one the report breaks.
    """
    for prefix, labels, template in (
        ("t3_identity_", T3_COLUMNS, "表三{}列：本年新收+上年结转=办理结果总计+结转下年度"),
        ("t3_results_", T3_COLUMNS, "表三{}列：各项办理结果之和=（七）总计"),
        ("t3_applicants_", T3_ROWS, "表三“{}”行：六类申请人之和=总计"),
    ):
        if check_id.startswith(prefix) and check_id[len(prefix):] in labels:
            return template.format(labels[check_id[len(prefix):]])
    group = check_id.removeprefix("t4_").removesuffix("_total")
    if check_id.startswith("t4_") and check_id.endswith("_total") and group in T4_GROUPS:
        return f"表四{T4_GROUPS[group]}：维持+纠正+其他+尚未审结=总计"
    return crossyear_check_label(check_id) or check_id


def crossyear_check_label(check_id: str) -> str | None:
    """A reader's name for a cross-year check id (analyzers/years/crossyear.py), or None."""
    from analyzers.years.crossyear import COUNT_ITEMS, IN_FORCE_ITEMS

    column = check_id.removeprefix("xy_carry_over_")
    if check_id.startswith("xy_carry_over_") and column in T3_COLUMNS:
        return f"跨年核对·表三{T3_COLUMNS[column]}列：本年上年结转=上年报告的结转下年度"
    item = check_id.removeprefix("xy_in_force_")
    if check_id.startswith("xy_in_force_") and item in IN_FORCE_ITEMS:
        return f"跨年核对·表二{IN_FORCE_ITEMS[item][0]}：上年现行有效件数+本年制发−本年废止=本年现行有效件数"
    item = check_id.removeprefix("xy_item_count_")
    if check_id.startswith("xy_item_count_") and item in COUNT_ITEMS:
        return f"跨年核对·表二{COUNT_ITEMS[item][0]}：上年报告的上一年项目数量+本年增/减=本年报告的上一年项目数量"
    return None


def _issue_tag_labels() -> Mapping[str, str]:
    """Issue tag labels from the text analyzers (imported late: optional at import time)."""
    try:
        from analyzers.issues import ISSUE_TAGS
    except ImportError:
        return {}
    return ISSUE_TAGS


def requested_facets(request: SearchRequest) -> tuple[Facet, ...]:
    """The facets a request asks to count (every default facet when it names none)."""
    if request.facets is None:
        return tuple(facet for facet in FACETS if facet.by_default)
    return tuple(FACETS_BY_NAME[name] for name in request.facets)


def filter_value(facet: Facet, value: str) -> str | int:
    """A selected value as the engine stores it (years are integers)."""
    return int(value) if facet.numeric else value


def other_filters(request: SearchRequest, facet_name: str | None) -> dict[str, tuple[str, ...]]:
    """The request's facet filters without `facet_name`'s own (the multi-select rule)."""
    return {name: values for name, values in request.filters.items() if values and name != facet_name}


def count_groups(request: SearchRequest) -> list[tuple[str | None, tuple[Facet, ...]]]:
    """Facets grouped by the filter set their counts need: one group per selected facet.

    Unselected facets share one group counted under every filter (key None); a selected
    facet is counted under every filter but its own. A facet whose values must all match
    (request.all_of) is counted under every filter, its own too: each count says how many
    reports would remain with that value required as well.
    """
    wanted = requested_facets(request)
    apart = [f for f in wanted if request.filters.get(f.name) and f.name not in request.all_of]
    plain = tuple(f for f in wanted if f not in apart)
    groups: list[tuple[str | None, tuple[Facet, ...]]] = [(None, plain)] if plain else []
    groups += [(f.name, (f,)) for f in apart]
    return groups


def selected_values(facet: Facet, request: SearchRequest) -> list[str]:
    """Selected values an engine counts apart, so a rare selection still shows its count."""
    # Years are few and always inside fetch_size; the include filter only serves keywords.
    return [] if facet.numeric else list(request.filters.get(facet.name, ()))


def facet_result(
    facet: Facet, counts: list[tuple[str, int]], request: SearchRequest, selected_counts: list[tuple[str, int]] = ()
) -> FacetResult:
    """Order raw (value, count) pairs as the facet declares, cut at size, mark selections.

    Selected values outside the top `size` are appended, with 0 when nothing matches them,
    so the user sees what is selected.
    """
    size = max(request.facet_size, facet.min_size)
    ranked = sorted(counts, key=lambda pair: (-pair[1], pair[0]))
    truncated = len(ranked) > size
    kept = ranked[:size]
    shown = {value for value, _ in kept}
    kept += [(value, count) for value, count in sorted(selected_counts) if value not in shown]
    # A selected value no report matches any more (other filters narrowed it to 0) stays
    # listed with 0, so it can still be unticked where it was ticked.
    shown = {value for value, _ in kept}
    kept += [(str(value), 0) for value in request.filters.get(facet.name, ()) if str(value) not in shown]
    if facet.order == "value_desc":
        kept.sort(key=lambda pair: pair[0], reverse=True)
    elif facet.order == "declared":
        position = {value: i for i, value in enumerate(facet.value_labels)}
        kept.sort(key=lambda pair: (position.get(pair[0], len(position)), pair[0]))
    selected = set(request.filters.get(facet.name, ()))
    values = tuple(FacetValue(value, count, value in selected) for value, count in kept)
    return FacetResult(facet.name, values, truncated)


def fetch_size(request: SearchRequest) -> int:
    """How many values an engine fetches per facet: enough to rank ties alike, plus one."""
    # Both engines rank by (count desc, value asc) in Python; a margin past size+1 keeps
    # tied counts at the cut from depending on each engine's own tie order.
    return max(request.facet_size + 1, 100)
