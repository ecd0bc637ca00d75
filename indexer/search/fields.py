"""Numeric fields of the index, declared once: every table 三 and 四 cell and derived totals.

Both engines build their schema or mapping from NUMERIC_FIELDS, the query grammar checks
`field>=n` against it, and the portal labels range filters and export columns with it.
"""

from __future__ import annotations

from typing import Mapping

# Table 三 (DESIGN §2, fixed): row key -> Chinese label
T3_ROWS: dict[str, str] = {
    "new": "本年新收政府信息公开申请数量",
    "carried_over": "上年结转政府信息公开申请数量",
    "granted": "予以公开",
    "partial": "部分公开",
    "denied_state_secret": "不予公开·属于国家秘密",
    "denied_prohibited_by_law": "不予公开·其他法律行政法规禁止公开",
    "denied_three_safeties": "不予公开·危及“三安全一稳定”",
    "denied_third_party": "不予公开·保护第三方合法权益",
    "denied_internal_affairs": "不予公开·属于三类内部事务信息",
    "denied_process_info": "不予公开·属于四类过程性信息",
    "denied_enforcement_file": "不予公开·属于行政执法案卷",
    "denied_admin_query": "不予公开·属于行政查询事项",
    "unable_no_info": "无法提供·本机关不掌握相关政府信息",
    "unable_needs_creation": "无法提供·没有现成信息需要另行制作",
    "unable_unclear": "无法提供·补正后申请内容仍不明确",
    "rejected_petition": "不予处理·信访举报投诉类申请",
    "rejected_duplicate": "不予处理·重复申请",
    "rejected_publication": "不予处理·要求提供公开出版物",
    "rejected_mass_repeat": "不予处理·无正当理由大量反复申请",
    "rejected_confirm_existing": "不予处理·要求行政机关确认或重新出具已获取信息",
    "other_overdue_correction": "其他处理·申请人无正当理由逾期不补正",
    "other_overdue_fee": "其他处理·申请人逾期未按收费通知要求缴纳费用",
    "other_misc": "其他处理·其他",
    "other_total": "其他处理",
    "processed_total": "办理结果总计",
    "carried_forward": "结转下年度继续办理",
}

# Table 三 columns (DESIGN §2, fixed order) -> Chinese label
T3_COLUMNS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

# Table 四 (DESIGN §2, fixed)
T4_GROUPS: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_review": "行政诉讼·复议后起诉",
}
T4_OUTCOMES: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

# Derived totals: name -> (label, table 三 row prefixes summed over the 总计 column)
DENIED_ROWS = tuple(row for row in T3_ROWS if row.startswith("denied_"))
UNABLE_ROWS = tuple(row for row in T3_ROWS if row.startswith("unable_"))
REJECTED_ROWS = tuple(row for row in T3_ROWS if row.startswith("rejected_"))

DERIVED_FIELDS: dict[str, str] = {
    "denied_total": "不予公开合计",
    "unable_total": "无法提供合计",
    "rejected_total": "不予处理合计",
    "review_total": "行政复议总数",
    "review_corrected": "行政复议结果纠正数",
    "litigation_total": "行政诉讼总数",
    "litigation_corrected": "行政诉讼结果纠正数",
    "failed_check_count": "未通过的校验数",
}

# Across-years results (indexer/years/fields.py fills them from `nianbao years`).
# Shares are stored as integers in 1/10,000 (万分比): both engines keep integer fields, and
# the analysis rounds shares to 4 decimals, so `重复率>=0.5` is exactly `repeat_share_bp>=5000`.
YEARS_NUMERIC_FIELDS: dict[str, str] = {
    "days_late": "逾期天数",
    "crossyear_failed_count": "未通过的跨年核对数",
    "repeat_share_bp": "与本单位上年报告重复的比例（万分比）",
    "others_share_bp": "与同年其他单位报告雷同的比例（万分比）",
}
# What a hit carries of the across-years results besides documents.SUMMARY_FIELDS (result lists, API hits).
YEARS_SUMMARY_FIELDS: tuple[str, ...] = (
    "unit_id", "crossyear_status", "crossyear_failed", "timeliness", "days_late", "repeat_share", "others_share",
    "numbers_repeated", "copy_flags",
)
# Fields whose query values are shares (0.5 or 50%), scaled to the stored integer.
SCALED_FIELDS: dict[str, int] = {"repeat_share_bp": 10000, "others_share_bp": 10000}


def t3_field(row: str, column: str) -> str:
    """Index field name of one table 三 cell."""
    return f"t3_{row}_{column}"


def t4_field(group: str, outcome: str) -> str:
    """Index field name of one table 四 cell."""
    return f"t4_{group}_{outcome}"


def _numeric_fields() -> dict[str, str]:
    """Every numeric field with its Chinese label, in a stable order."""
    fields: dict[str, str] = {"year": "年度"}
    for row, row_label in T3_ROWS.items():
        for column, column_label in T3_COLUMNS.items():
            fields[t3_field(row, column)] = f"{row_label}（{column_label}）"
    for group, group_label in T4_GROUPS.items():
        for outcome, outcome_label in T4_OUTCOMES.items():
            fields[t4_field(group, outcome)] = f"{group_label}·{outcome_label}"
    fields.update(DERIVED_FIELDS)
    fields.update(YEARS_NUMERIC_FIELDS)
    return fields


NUMERIC_FIELDS: Mapping[str, str] = _numeric_fields()

# Short Chinese names accepted in queries (`新收>=10`) and their field
QUERY_ALIASES: Mapping[str, str] = {
    "年度": "year",
    "新收": "t3_new_total",
    "上年结转": "t3_carried_over_total",
    "予以公开": "t3_granted_total",
    "部分公开": "t3_partial_total",
    "不予公开": "denied_total",
    "无法提供": "unable_total",
    "不予处理": "rejected_total",
    "办结": "t3_processed_total_total",
    "结转下年": "t3_carried_forward_total",
    "复议": "review_total",
    "复议纠正": "review_corrected",
    "诉讼": "litigation_total",
    "诉讼纠正": "litigation_corrected",
    "校验未通过": "failed_check_count",
    "逾期天数": "days_late",
    "跨年核对未通过": "crossyear_failed_count",
    "重复率": "repeat_share_bp",
    "上年重复率": "repeat_share_bp",
    "他单位重复率": "others_share_bp",
}

# Sort keys are always present (missing values become -1) so both engines order alike
SORT_FIELDS: Mapping[str, tuple[str, str]] = {
    "year_desc": ("sort_year", "desc"),
    "year_asc": ("sort_year", "asc"),
    "new_requests_desc": ("sort_new_requests", "desc"),
    # first archived (stable across re-indexes): what a feed follower has not seen yet
    "added_desc": ("sort_added", "desc"),
    # the share of the narrative repeating the unit's previous report (-1: nothing to compare)
    "repeat_share_desc": ("sort_repeat_share", "desc"),
}


def resolve_numeric_field(name: str) -> str | None:
    """The numeric field a query or filter names (field name or Chinese alias), else None."""
    if name in NUMERIC_FIELDS:
        return name
    return QUERY_ALIASES.get(name)

# Where a report comes from (index field `origin`, facet 数据来源): a real archived report or a
# synthetic sample (合成样例, batch demo-synthetic). Samples stay out of a real archive's default view.
ORIGIN_REAL = "archive"
ORIGIN_SAMPLE = "synthetic"
