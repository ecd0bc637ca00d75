"""Chinese labels of the national template's tables, sorts and numeric fields.

The row keys are fixed by DESIGN §2; the labels follow the wording of the 2021 national
template (国务院办公厅政府信息公开办公室 格式), which the portal shows to readers.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from indexer.search.facets import check_label as facet_check_label

# Applicant columns of table 三, in the fixed order of `requests.columns`.
REQUEST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)

# Table 三 result rows: (group label or None, row key, row label). A group label
# spans the rows that share it, as in the printed template.
REQUEST_ROWS: tuple[tuple[str | None, str, str], ...] = (
    (None, "new", "一、本年新收政府信息公开申请数量"),
    (None, "carried_over", "二、上年结转政府信息公开申请数量"),
    ("（一）予以公开", "granted", "（一）予以公开"),
    ("（二）部分公开", "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("（三）不予公开", "denied_state_secret", "1.属于国家秘密"),
    ("（三）不予公开", "denied_prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("（三）不予公开", "denied_three_safeties", "3.危及“三安全一稳定”"),
    ("（三）不予公开", "denied_third_party", "4.保护第三方合法权益"),
    ("（三）不予公开", "denied_internal_affairs", "5.属于三类内部事务信息"),
    ("（三）不予公开", "denied_process_info", "6.属于四类过程性信息"),
    ("（三）不予公开", "denied_enforcement_file", "7.属于行政执法案卷"),
    ("（三）不予公开", "denied_admin_query", "8.属于行政查询事项"),
    ("（四）无法提供", "unable_no_info", "1.本机关不掌握相关政府信息"),
    ("（四）无法提供", "unable_needs_creation", "2.没有现成信息需要另行制作"),
    ("（四）无法提供", "unable_unclear", "3.补正后申请内容仍不明确"),
    ("（五）不予处理", "rejected_petition", "1.信访举报投诉类申请"),
    ("（五）不予处理", "rejected_duplicate", "2.重复申请"),
    ("（五）不予处理", "rejected_publication", "3.要求提供公开出版物"),
    ("（五）不予处理", "rejected_mass_repeat", "4.无正当理由大量反复申请"),
    ("（五）不予处理", "rejected_confirm_existing", "5.要求行政机关确认或重新出具已获取信息"),
    ("（六）其他处理", "other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("（六）其他处理", "other_overdue_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("（六）其他处理", "other_misc", "3.其他"),
    ("（六）其他处理", "other_total", "（六）其他处理"),  # the 2019 template's single row
    ("（七）总计", "processed_total", "（七）总计"),
    (None, "carried_forward", "四、结转下年度继续办理"),
)

REQUEST_ROW_LABELS: dict[str, str] = {key: label for _group, key, label in REQUEST_ROWS}

# Table 四: the three proceedings and the five outcomes of each, in template order.
REVIEW_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼·未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼·复议后起诉"),
)
REVIEW_OUTCOMES: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)

SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "一、总体情况"),
    ("active", "二、主动公开政府信息情况"),
    ("requests", "三、收到和处理政府信息公开申请情况"),
    ("review", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
)

SORT_LABELS: dict[str, str] = {
    "relevance": "相关度",
    "year_desc": "年份（新→旧）",
    "year_asc": "年份（旧→新）",
    "new_requests_desc": "新收申请（多→少）",
    "added_desc": "最新收录",
    "repeat_share_desc": "与上年重复率（高→低）",  # issue 12: across-years results
}

FORMAT_LABELS: dict[str, str] = {"2019": "2019年版格式", "2021": "2021年版格式"}

REGION_LEVELS: tuple[tuple[str, str], ...] = (
    ("province", "省级"),
    ("city", "市级"),
    ("county", "县级"),
    ("town", "乡镇级"),
)


def format_label(value: str | None) -> str:
    """The reader's name of a template format ('2021' -> 2021年版格式)."""
    if not value:
        return "未识别格式"
    return FORMAT_LABELS.get(str(value), str(value))

# Table 二 items and measures as the parser names them (analyzers/report/table2.py).
ACTIVE_ITEMS: dict[str, str] = {
    "rules": "规章",
    "normative_documents": "规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "punishment": "行政处罚",
    "enforcement": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}
ACTIVE_MEASURES: dict[str, str] = {
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "previous_count": "上一年项目数量",
    "change": "本年增/减",
    "decisions": "处理决定数量",
    "amount_10k_yuan": "本年收费金额（万元）",
    "items": "采购项目数量",
    "amount": "采购总金额",
}


# Table 二 as the national templates print it: blocks headed by the article of the
# 条例 they disclose under, each with its own measure columns and item rows.
ActiveBlock = tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]
_DECISIONS_2019 = (("previous_count", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量"))
ACTIVE_TEMPLATES: dict[str, tuple[ActiveBlock, ...]] = {
    "2021": (
        ("第二十条第（一）项", (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")),
         (("rules", "规章"), ("normative_documents", "行政规范性文件"))),
        ("第二十条第（五）项", (("decisions", "本年处理决定数量"),), (("licensing", "行政许可"),)),
        ("第二十条第（六）项", (("decisions", "本年处理决定数量"),), (("punishment", "行政处罚"), ("enforcement", "行政强制"))),
        ("第二十条第（八）项", (("amount_10k_yuan", "本年收费金额（单位：万元）"),), (("fees", "行政事业性收费"),)),
    ),
    "2019": (
        ("第二十条第（一）项", (("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"), ("total_published", "对外公开总数量")),
         (("rules", "规章"), ("normative_documents", "规范性文件"))),
        ("第二十条第（五）项", _DECISIONS_2019, (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
        ("第二十条第（六）项", _DECISIONS_2019, (("punishment", "行政处罚"), ("enforcement", "行政强制"))),
        ("第二十条第（八）项", _DECISIONS_2019[:2], (("fees", "行政事业性收费"),)),
        ("第二十条第（九）项", (("items", "采购项目数量"), ("amount", "采购总金额")), (("procurement", "政府集中采购"),)),
    ),
}


def active_format(table: Mapping[str, Any], fmt: str | None) -> str:
    """The template a table 二 follows: the report's format, else the one its keys belong to."""
    if fmt in ACTIVE_TEMPLATES:
        return str(fmt)
    measures = {m for v in table.values() if isinstance(v, Mapping) for m in v}
    return "2021" if measures & {"issued", "repealed", "in_force", "amount_10k_yuan"} else "2019"


def issue_tag_label(tag: str) -> str:
    """The Chinese label of an issue tag (analyzers.issues.ISSUE_TAGS), the tag when unknown."""
    from analyzers.issues import ISSUE_TAGS

    return ISSUE_TAGS.get(tag, tag)


# Check ids name a relation and its subject (docs/report-json.md, "Checks"), as the parser
# and the synthetic generator (indexer/synth/checks.py) both write them: t3_identity_total.
CHECK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("identity", re.compile(r"^t3_identity_(\w+)$")),
    ("results", re.compile(r"^t3_results_(\w+)$")),
    ("applicants", re.compile(r"^t3_applicants_(\w+)$")),
    ("review", re.compile(r"^t4_(review|litigation_direct|litigation_after_review)_total$")),
)


def parse_check_id(check_id: str) -> tuple[str, str] | None:
    """(relation, subject key) of a check id, or None when it follows no known pattern."""
    for relation, pattern in CHECK_PATTERNS:
        match = pattern.match(check_id)
        if match:
            return relation, match.group(1)
    return None


def request_row_label(key: str) -> str:
    """A table 三 row as readers name it: the group before a numbered sub-row."""
    for group, row_key, label in REQUEST_ROWS:
        if row_key == key:
            return label if group is None or label.startswith("（") else f"{group}{label}"
    return key


def check_label(check_id: str) -> str:
    """A check id in Chinese (one wording for sidebar, chips, report page and exports)."""
    return facet_check_label(check_id)


_ROW_KEY_IN_MESSAGE = re.compile(r"“?(?<![A-Za-z_])([a-z][a-z_]*)”?行")


def check_message(message: str) -> str:
    """A check's message with internal row keys (“new”行) replaced by the template's row labels."""
    def label(match: re.Match[str]) -> str:
        key = match.group(1)
        return f"“{request_row_label(key)}”行" if key in REQUEST_ROW_LABELS else match.group(0)

    return _ROW_KEY_IN_MESSAGE.sub(label, message)


GENERIC_TITLE = "政府信息公开工作年度报告"


def display_title(fields: Mapping[str, Any]) -> str:
    """The one name of a report everywhere: its title, else agency + year + 政府信息公开工作年度报告.

    `fields` is a parsed report or an index document (both carry title, agency, year).
    """
    title = str(fields.get("title") or "").strip()
    if title:
        return title
    agency = str(fields.get("agency") or "").strip()
    year = fields.get("year")
    if agency:
        return f"{agency}{year}年{GENERIC_TITLE}" if year else f"{agency}{GENERIC_TITLE}"
    return f"{year}年{GENERIC_TITLE}（机关未识别）" if year else f"{GENERIC_TITLE}（机关未识别）"
