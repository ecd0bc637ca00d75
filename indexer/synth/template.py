"""The two national templates (2019 and 2021) as data: row keys, labels and table grids.

Every renderer draws the same grids, so a TXT, HTML, DOCX or PDF rendering of one
report shows the same cells; only the markup differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
APPLICANT_COLUMNS = COLUMNS[:6]

DENIED = [
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("denied_three_safeties", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_file", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
]
UNABLE = [
    ("unable_no_info", "1.本机关不掌握相关政府信息"),
    ("unable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "3.补正后申请内容仍不明确"),
]
REJECTED = [
    ("rejected_petition", "1.信访举报投诉类申请"),
    ("rejected_duplicate", "2.重复申请"),
    ("rejected_publication", "3.要求提供公开出版物"),
    ("rejected_mass_repeat", "4.无正当理由大量反复申请"),
    ("rejected_confirm_existing", "5.要求行政机关确认或重新出具已获取信息"),
]
OTHER_2021 = [
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_overdue_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
]
ROW_KEYS = (
    ["new", "carried_over", "granted", "partial"]
    + [key for key, _ in DENIED + UNABLE + REJECTED + OTHER_2021]
    + ["other_total", "processed_total", "carried_forward"]
)

# Rows whose cells are summed into （七）总计; in 2021 other_total is derived, not printed.
RESULT_ROWS_2019 = ["granted", "partial"] + [k for k, _ in DENIED + UNABLE + REJECTED] + ["other_total"]
RESULT_ROWS_2021 = ["granted", "partial"] + [k for k, _ in DENIED + UNABLE + REJECTED + OTHER_2021]

REVIEW_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
OUTCOMES = ["upheld", "corrected", "other", "pending", "total"]
OUTCOME_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

SECTION_KEYS = ["overview", "active", "requests", "review", "problems", "other"]
SECTION_HEADINGS = {
    "overview": "一、总体情况",
    "active": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "review": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}


@dataclass(frozen=True)
class Cell:
    """One table cell as drawn: its text and how many rows and columns it spans."""

    text: str
    rowspan: int = 1
    colspan: int = 1


Grid = list[list[Cell]]


def fmt_number(value: Any) -> str:
    """A cell's printed form: integers plainly, amounts with up to two decimals, blanks empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def result_rows(fmt: str) -> list[str]:
    """Row keys that add up to （七）总计 in the given template."""
    return RESULT_ROWS_2019 if fmt == "2019" else RESULT_ROWS_2021


def _number_cells(values: list[Any], pad: Any = None) -> list[Cell]:
    """Cells of one row of numbers, each optionally decorated by `pad` (a str -> str function)."""
    texts = [fmt_number(v) for v in values]
    return [Cell(pad(t) if pad else t) for t in texts]


CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _outcome_groups(fmt: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Groups of 三、本年度办理结果: a label and its (row key, sub-label or None) members."""
    return [
        ("（一）予以公开", [("granted", None)]),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [("partial", None)]),
        ("（三）不予公开", list(DENIED)),
        ("（四）无法提供", list(UNABLE)),
        ("（五）不予处理", list(REJECTED)),
        ("（六）其他处理", [("other_total", None)] if fmt == "2019" else list(OTHER_2021)),
        ("（七）总计", [("processed_total", None)]),
    ]


def _outcome_rows(fmt: str, rows: dict[str, list[Any]], pad: Any) -> Grid:
    """The outcome rows under one tall 三、本年度办理结果 cell, groups merged down their members."""
    groups = _outcome_groups(fmt)
    out: Grid = []
    for group_label, members in groups:
        for index, (key, label) in enumerate(members):
            row = [] if out else [Cell("三、本年度办理结果", sum(len(m) for _, m in groups))]
            if label is None:
                row.append(Cell(group_label, 1, 2))
            else:
                if index == 0:
                    row.append(Cell(group_label, len(members)))
                row.append(Cell(label))
            out.append(row + _number_cells(rows[key], pad))
    return out


def requests_grid(fmt: str, rows: dict[str, list[Any]], style: dict[str, Any]) -> Grid:
    """Table 三 as drawn in the template: 3 label columns, then 7 number columns."""
    pad = style.get("pad")
    return [
        [Cell(CORNER, 3, 3), Cell("申请人情况", 1, 7)],
        [Cell("自然人", 2), Cell("法人或其他组织", 1, 5), Cell("总计", 2)],
        [Cell(style.get("commercial_label", "商业企业")), Cell("科研机构"), Cell("社会公益组织"),
         Cell("法律服务机构"), Cell("其他")],
        [Cell("一、本年新收政府信息公开申请数量", 1, 3)] + _number_cells(rows["new"], pad),
        [Cell("二、上年结转政府信息公开申请数量", 1, 3)] + _number_cells(rows["carried_over"], pad),
        *_outcome_rows(fmt, rows, pad),
        [Cell("四、结转下年度继续办理", 1, 3)] + _number_cells(rows["carried_forward"], pad),
    ]


def review_grid(review: dict[str, dict[str, int]], style: dict[str, Any]) -> Grid:
    """Table 四: two header rows of outcome labels, then the 15 numbers in one row."""
    labels = style.get("outcome_labels", OUTCOME_LABELS)
    numbers = [review[group][outcome] for group in REVIEW_GROUPS for outcome in OUTCOMES]
    return [
        [Cell("行政复议", 1, 5), Cell("行政诉讼", 1, 10)],
        [Cell(label, 2) for label in labels] + [Cell("未经复议直接起诉", 1, 5), Cell("复议后起诉", 1, 5)],
        [Cell(label) for label in labels * 2],
        _number_cells(numbers, style.get("pad")),
    ]


# Table 二 per template: (heading, column labels, [(row key, row label)], value keys);
# keys as the parser documents them in docs/report-json.md.
ACTIVE_2019 = [
    ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("rules", "规章"), ("normative_documents", "规范性文件")], ["new_made", "new_published", "total_published"]),
    ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")], ["previous_count", "change", "decisions"]),
    ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("punishment", "行政处罚"), ("enforcement", "行政强制")], ["previous_count", "change", "decisions"]),
    ("第二十条第（八）项", ["上一年项目数量", "本年增/减"],
     [("fees", "行政事业性收费")], ["previous_count", "change"]),
    ("第二十条第（九）项", ["采购项目数量", "采购总金额"],
     [("procurement", "政府集中采购")], ["items", "amount"]),
]
ACTIVE_2021 = [
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
     [("rules", "规章"), ("normative_documents", "行政规范性文件")], ["issued", "repealed", "in_force"]),
    ("第二十条第（五）项", ["本年处理决定数量"], [("licensing", "行政许可")], ["decisions"]),
    ("第二十条第（六）项", ["本年处理决定数量"],
     [("punishment", "行政处罚"), ("enforcement", "行政强制")], ["decisions"]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费")], ["amount_10k_yuan"]),
]


def active_layout(fmt: str) -> list[tuple[str, list[str], list[tuple[str, str]], list[str]]]:
    """Table 二's groups for a template."""
    return ACTIVE_2019 if fmt == "2019" else ACTIVE_2021


def _fill(cells: list[Cell], width: int) -> list[Cell]:
    """Stretch the last cell of a short row so every row spans `width` columns."""
    missing = width - sum(cell.colspan for cell in cells)
    if missing <= 0:
        return cells
    last = cells[-1]
    return cells[:-1] + [Cell(last.text, last.rowspan, last.colspan + missing)]


def active_grid(fmt: str, active: dict[str, dict[str, Any]], style: dict[str, Any]) -> Grid:
    """Table 二 as one 4-column grid: a heading row, a label row and value rows per group."""
    pad = style.get("pad")
    grid: Grid = []
    for heading, labels, rows, keys in active_layout(fmt):
        grid.append([Cell(heading, 1, 4)])
        grid.append(_fill([Cell("信息内容")] + [Cell(label) for label in labels], 4))
        for key, label in rows:
            values = _number_cells([active[key][k] for k in keys], pad)
            grid.append(_fill([Cell(label)] + values, 4))
    return grid
