"""Hand-made annual reports in the shapes real sites publish, with the values they hold.

The numbers are chosen by hand (distinct, non-zero where it matters, so a shifted row or
column shows); totals follow the template arithmetic. Renderers lay the same content out
as an official HTML template, a transposed or total-first table, a PDF text dump with
wrapped rows, and so on (DOCX and PDF files: variants_files.py).
"""

from __future__ import annotations

from html import escape

from analyzers.report import parse_report

APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
# (row key, label in the official template): group labels are the merged first column.
ROWS_2021 = [
    ("new", "", "一、本年新收政府信息公开申请数量"), ("carried_over", "", "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果", "（一）予以公开"),
    ("partial", "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied_prohibited_by_law", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("denied_three_safeties", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("denied_third_party", "（三）不予公开", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "（三）不予公开", "5.属于三类内部事务信息"),
    ("denied_process_info", "（三）不予公开", "6.属于四类过程性信息"),
    ("denied_enforcement_file", "（三）不予公开", "7.属于行政执法案卷"),
    ("denied_admin_query", "（三）不予公开", "8.属于行政查询事项"),
    ("unable_no_info", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable_needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("rejected_petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("rejected_duplicate", "（五）不予处理", "2.重复申请"),
    ("rejected_publication", "（五）不予处理", "3.要求提供公开出版物"),
    ("rejected_mass_repeat", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("rejected_confirm_existing", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_overdue_correction", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_overdue_fee", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "（六）其他处理", "3.其他"),
    ("processed_total", "三、本年度办理结果", "（七）总计"), ("carried_forward", "", "四、结转下年度继续办理"),
]
_SUB_ROWS = ("other_overdue_correction", "other_overdue_fee", "other_misc")
ROWS_2019 = ROWS_2021[:20] + [("other_total", "三、本年度办理结果", "（六）其他处理")] + ROWS_2021[23:]

# Six applicant columns per outcome row, chosen by hand; totals are their sums.
_RESULTS = {
    "granted": [600, 10, 2, 1, 5, 1], "partial": [100, 5, 1, 0, 2, 0],
    "denied_state_secret": [3, 0, 0, 0, 0, 0], "denied_prohibited_by_law": [2, 0, 0, 0, 0, 0],
    "denied_three_safeties": [1, 0, 0, 0, 0, 0], "denied_third_party": [4, 1, 0, 0, 0, 0],
    "denied_internal_affairs": [5, 0, 0, 0, 0, 0], "denied_process_info": [6, 0, 0, 0, 0, 0],
    "denied_enforcement_file": [2, 0, 0, 0, 0, 0], "denied_admin_query": [8, 0, 0, 0, 0, 0],
    "unable_no_info": [300, 8, 1, 1, 2, 1], "unable_needs_creation": [20, 1, 0, 0, 0, 0],
    "unable_unclear": [15, 0, 0, 0, 0, 0], "rejected_petition": [10, 0, 0, 0, 0, 0],
    "rejected_duplicate": [12, 1, 0, 0, 0, 0], "rejected_publication": [3, 0, 0, 0, 0, 0],
    "rejected_mass_repeat": [0, 0, 0, 0, 0, 0], "rejected_confirm_existing": [4, 0, 0, 0, 0, 0],
    "other_overdue_correction": [9, 1, 0, 0, 0, 0], "other_overdue_fee": [0, 0, 0, 0, 0, 0],
    "other_misc": [6, 0, 0, 0, 1, 0],
}
_NEW = [1200, 30, 5, 2, 10, 3]
_CARRIED_OVER = [40, 2, 0, 0, 1, 0]
TABLE4 = [3, 1, 0, 2, 6, 2, 0, 1, 1, 4, 1, 0, 0, 0, 1]
TABLE4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
TABLE4_OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _with_total(cells: list[int]) -> list[int]:
    return cells + [sum(cells)]


def expected_rows(template: str = "2021") -> dict[str, list[int | None]]:
    """Every table 三 row key -> its 7 cells, as the parser should read them."""
    rows = {key: _with_total(cells) for key, cells in _RESULTS.items()}
    rows["other_total"] = [sum(rows[k][i] for k in _SUB_ROWS) for i in range(7)]
    outcome_keys = [k for k in rows if k not in _SUB_ROWS]
    rows["processed_total"] = [sum(rows[k][i] for k in outcome_keys) for i in range(7)]
    rows["new"], rows["carried_over"] = _with_total(_NEW), _with_total(_CARRIED_OVER)
    rows["carried_forward"] = [rows["new"][i] + rows["carried_over"][i] - rows["processed_total"][i]
                               for i in range(7)]
    if template == "2019":
        for key in _SUB_ROWS:
            rows[key] = [None] * 7
    return rows


def expected_table4() -> dict[str, dict[str, int]]:
    """Table 四 as the parser should read it."""
    keys = ("upheld", "corrected", "other", "pending", "total")
    groups = ("review", "litigation_direct", "litigation_after_review")
    return {g: dict(zip(keys, TABLE4[i * 5:(i + 1) * 5])) for i, g in enumerate(groups)}


def table3_rows(template: str = "2021") -> list[tuple[str, str, str, list[int]]]:
    """(key, group label, row label, 7 cells) in the template's printed order."""
    values = expected_rows(template)
    rows = ROWS_2021 if template == "2021" else ROWS_2019
    return [(key, group, label, values[key]) for key, group, label in rows]


def number(value: int, style: str = "plain") -> str:
    """A cell as sites print it: plain, with thousands separators, or with a unit."""
    if style == "comma":
        return f"{value:,}"
    if style == "unit":
        return f"{value}件"
    return str(value)


SECTIONS = {
    "overview": ("一、总体情况", "2023年，本机关认真贯彻《中华人民共和国政府信息公开条例》，主动公开政府信息1,832条。"),
    "active": ("二、主动公开政府信息情况", "本年度主动公开情况如下表。"),
    "requests": ("三、收到和处理政府信息公开申请情况", "本年度共收到政府信息公开申请1250件。"),
    "review": ("四、政府信息公开行政复议、行政诉讼情况", "本年度行政复议、行政诉讼情况如下。"),
    "problems": ("五、存在的主要问题及改进情况", "政策解读形式较为单一，依申请公开答复质量有待提高。"),
    "other": ("六、其他需要报告的事项", "本年度未收取信息处理费。"),
}


def official_table3_html(template: str = "2021", style: str = "plain", header_tag: str = "th",
                         blank: str | None = None) -> str:
    """Table 三 as the national template prints it: two header rows (法人或其他组织 merged
    over five columns), rowspan'd group labels; `blank` replaces zero cells (e.g. '&nbsp;')."""
    h = header_tag
    parts = ["<table border='1'>",
             f"<tr><{h} colspan='3' rowspan='3'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</{h}>"
             f"<{h} colspan='7'>申请人情况</{h}></tr>",
             f"<tr><{h} rowspan='2'>自然人</{h}><{h} colspan='5'>法人或其他组织</{h}><{h} rowspan='2'>总计</{h}></tr>",
             "<tr>" + "".join(f"<{h}>{a}</{h}>" for a in APPLICANTS[1:6]) + "</tr>"]
    rows = table3_rows(template)
    for index, (key, group, label, cells) in enumerate(rows):
        first = index == 0 or rows[index - 1][1] != group
        span = sum(1 for r in rows if r[1] == group) if group else 0
        if not group:
            head = f"<td colspan='3'>{label}</td>"
        elif group.startswith("三、"):
            head = (f"<td rowspan='{span + sum(1 for r in rows if r[1].startswith('（'))}'>{group}</td>"
                    if first and key == "granted" else "") + f"<td colspan='2'>{label}</td>"
        else:
            head = f"<td rowspan='{span}'>{group}</td><td>{label}</td>" if first else f"<td>{label}</td>"
        tds = "".join(f"<td>{blank if (blank and v == 0) else number(v, style)}</td>" for v in cells)
        parts.append(f"<tr>{head}{tds}</tr>")
    parts.append("</table>")
    return "".join(parts)


def table4_html(layout: str = "row") -> str:
    """Table 四: the official one row of 15 under two header rows, or a 3×5 grid."""
    if layout == "grid":
        head = "<tr><td>类别</td>" + "".join(f"<td>{o}</td>" for o in TABLE4_OUTCOMES) + "</tr>"
        body = "".join(f"<tr><td>{g}</td>" + "".join(f"<td>{v}</td>" for v in TABLE4[i * 5:(i + 1) * 5])
                       + "</tr>" for i, g in enumerate(TABLE4_GROUPS))
        return f"<table>{head}{body}</table>"
    top = "<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>"
    mid = "<tr><td rowspan='2'>结果维持</td><td rowspan='2'>结果纠正</td><td rowspan='2'>其他结果</td>" \
          "<td rowspan='2'>尚未审结</td><td rowspan='2'>总计</td><td colspan='5'>未经复议直接起诉</td>" \
          "<td colspan='5'>复议后起诉</td></tr>"
    sub = "<tr>" + "".join(f"<td>{o}</td>" for o in TABLE4_OUTCOMES * 2) + "</tr>"
    nums = "<tr>" + "".join(f"<td>{v}</td>" for v in TABLE4) + "</tr>"
    return f"<table>{top}{mid}{sub}{nums}</table>"


def html_page(table3: str, table4: str, title: str = "某某市生态环境局2023年政府信息公开工作年度报告",
              headings: dict[str, str] | None = None, extra_head: str = "", table2: str = "") -> bytes:
    """A CMS-like page around the report; `headings` overrides section headings."""
    headings = headings or {}
    body = [f"<div class='header'>首页 &gt; 信息公开 &gt; 年报</div><div class='article'><h1>{escape(title)}</h1>"]
    for key, (heading, prose) in SECTIONS.items():
        body.append(f"<p><strong>{headings.get(key, heading)}</strong></p><p>{prose}</p>")
        if key == "active":
            body.append(table2)
        if key == "requests":
            body.append(table3)
        if key == "review":
            body.append(table4)
    body.append("<p style='text-align:right'>某某市生态环境局</p><p>2024年1月20日</p></div>")
    page = f"<html><head><meta charset='utf-8'>{extra_head}<title>{escape(title)}</title></head>" \
           f"<body>{''.join(body)}<div class='footer'>版权所有</div></body></html>"
    return page.encode("utf-8")


def text_rows(template: str = "2021", separator: str = " ") -> list[str]:
    """Table 三 as a PDF or crawler text dump prints it: label then the 7 numbers."""
    lines = []
    for key, group, label, cells in table3_rows(template):
        prefix = f"{group} " if group and (key == "granted" or label.startswith("1.")) else ""
        lines.append(f"{prefix}{label} " + separator.join(str(v) for v in cells))
    return lines


def text_report(table3_lines: list[str], table4_lines: list[str], head: str = "",
                headings: dict[str, str] | None = None, tail: str = "") -> bytes:
    """A plain-text report (UTF-8) with the given table lines under sections 三 and 四."""
    headings = headings or {}
    lines = [head] if head else []
    for key, (heading, prose) in SECTIONS.items():
        lines += [headings.get(key, heading), prose]
        if key == "requests":
            lines += ["申请人情况", "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"] + table3_lines
        if key == "review":
            lines += table4_lines
    if tail:
        lines.append(tail)
    return "\n".join(lines).encode("utf-8")


TABLE2_2021 = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
    ("规章", ["0", "0", "5"]), ("行政规范性文件", ["2", "1", "30"]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"]), ("行政许可", ["1,483"]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"]), ("行政处罚", ["25"]), ("行政强制", ["3"]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"]), ("行政事业性收费", ["12.5"]),
]
TABLE2_2019 = [
    ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]),
    ("规章", ["0", "0", "0"]), ("规范性文件", ["5", "5", "40"]),
    ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]),
    ("行政许可", ["120", "-3", "1,483"]), ("其他对外管理服务事项", ["10", "+2", "50"]),
    ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]),
    ("行政处罚", ["30", "0", "25"]), ("行政强制", ["5", "0", "3"]),
    ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"]), ("行政事业性收费", ["4", "-1"]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"]), ("政府集中采购", ["12", "345.6"]),
]


def table2_html(template: str = "2021") -> str:
    """Table 二 as a 4-column grid: section header rows span the width; rows with fewer
    values stretch their last cell over the free columns, as the template's HTML does."""
    out = []
    for label, cells in (TABLE2_2021 if template == "2021" else TABLE2_2019):
        if label.startswith("第二十条"):
            out.append(f"<tr><td colspan='4'>{label}</td></tr><tr>"
                       + "".join(f"<td colspan='{4 - len(cells) + 1 if i == len(cells) - 1 else 1}'>{c}</td>"
                                 for i, c in enumerate(cells)) + "</tr>")
            continue
        tds = "".join(f"<td colspan='{3 - len(cells) + 1 if i == len(cells) - 1 else 1}'>{c}</td>"
                      for i, c in enumerate(cells))
        out.append(f"<tr><td>{label}</td>{tds}</tr>")
    return "<table border='1'>" + "".join(out) + "</table>"


def parse(data: bytes) -> dict:
    """The parsed report's JSON (no segmentation: these tests are about tables and metadata)."""
    return parse_report(data, with_keywords=False).to_dict()


def assert_tables(report: dict, template: str = "2021") -> None:
    """The report holds exactly the hand-made tables 三 and 四 of `template`."""
    assert report["format"] == template
    assert report["requests"]["rows"] == expected_rows(template)
    assert report["review_litigation"] == expected_table4()
