"""Report shapes real sites publish beyond the dev set, hand-made with known values
(see variants.py): the parser must read the same tables from each of them."""

from __future__ import annotations

import pytest

from tests.parser import variants as v
from tests.parser.variants import assert_tables as _assert_tables
from tests.parser.variants import parse as _parse


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("header_tag", ["th", "td"])
def test_the_official_html_template_with_merged_headers_reads_every_cell(template, header_tag):
    page = v.html_page(v.official_table3_html(template, header_tag=header_tag), v.table4_html())
    _assert_tables(_parse(page), template)


@pytest.mark.parametrize("style", ["comma", "unit"])
def test_numbers_with_thousands_separators_or_units_read_as_numbers(style):
    page = v.html_page(v.official_table3_html(style=style), v.table4_html())
    _assert_tables(_parse(page))


def test_nbsp_cells_are_blank_not_zero():
    report = _parse(v.html_page(v.official_table3_html(blank="&nbsp;"), v.table4_html()))
    expected = {key: [None if cell == 0 else cell for cell in cells] for key, cells in v.expected_rows().items()}
    expected["other_total"] = [sum(expected[k][i] or 0 for k in v._SUB_ROWS) if any(
        expected[k][i] is not None for k in v._SUB_ROWS) else None for i in range(7)]
    assert report["requests"]["rows"] == expected


def test_a_report_table_nested_in_a_layout_table_is_found():
    inner = v.official_table3_html()
    page = v.html_page(f"<table><tr><td>{inner}</td></tr></table>", v.table4_html())
    _assert_tables(_parse(page))


def test_table4_as_a_three_by_five_grid_reads_by_group():
    _assert_tables(_parse(v.html_page(v.official_table3_html(), v.table4_html("grid"))))


def test_table4_transposed_with_the_outcomes_as_rows_reads_by_group():
    head = "<tr><td>类别</td>" + "".join(f"<td>{g}</td>" for g in v.TABLE4_GROUPS) + "</tr>"
    body = "".join(f"<tr><td>{o}</td>" + "".join(f"<td>{v.TABLE4[g * 5 + i]}</td>" for g in range(3)) + "</tr>"
                   for i, o in enumerate(v.TABLE4_OUTCOMES))
    _assert_tables(_parse(v.html_page(v.official_table3_html(), f"<table>{head}{body}</table>")))


def test_table3_with_the_total_column_first_is_reordered_by_its_header():
    rows = v.table3_rows()
    head = "<table><tr><td>申请人情况</td><td>总计</td>" + "".join(
        f"<td>{a}</td>" for a in v.APPLICANTS[:6]) + "</tr>"
    body = "".join(f"<tr><td>{label}</td><td>{cells[6]}</td>" + "".join(f"<td>{c}</td>" for c in cells[:6])
                   + "</tr>" for _, _, label, cells in rows)
    _assert_tables(_parse(v.html_page(head + body + "</table>", v.table4_html())))


def test_a_transposed_table3_with_applicants_as_rows_is_read():
    rows = v.table3_rows()
    head = "<tr><td>申请人情况</td>" + "".join(f"<td>{label}</td>" for _, _, label, _ in rows) + "</tr>"
    body = "".join(f"<tr><td>{name}</td>" + "".join(f"<td>{cells[i]}</td>" for *_, cells in rows) + "</tr>"
                   for i, name in enumerate(v.APPLICANTS))
    _assert_tables(_parse(v.html_page(f"<table>{head}{body}</table>", v.table4_html())))


def test_a_pdf_text_dump_whose_long_labels_wrap_onto_two_lines_is_read():
    lines = []
    for line in v.text_rows():
        cut = line.find("，不计") if "，不计" in line else line.find("、行政机关")
        lines += [line[:cut], line[cut:]] if cut > 0 else [line]
    table4 = ["行政复议 行政诉讼", " ".join(str(n) for n in v.TABLE4)]
    _assert_tables(_parse(v.text_report(lines, table4)))


def test_a_text_dump_whose_numbers_wrap_onto_the_next_line_is_read():
    lines = []
    for line in v.text_rows():
        head, _, tail = line.rpartition(" ")
        lines += [head, tail]
    _assert_tables(_parse(v.text_report(lines, [" ".join(str(n) for n in v.TABLE4)])))


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_group_subtotal_rows_are_not_taken_for_the_next_row(template):
    rows = v.table3_rows(template)
    subtotals = {"（三）不予公开": "denied_", "（四）无法提供": "unable_", "（五）不予处理": "rejected_",
                 "（六）其他处理": "other_"}
    body, seen = [], set()
    for key, group, label, cells in rows:
        if group in subtotals and group not in seen:
            seen.add(group)
            parts = [r[3] for r in rows if r[1] == group]
            total = [sum(p[i] for p in parts) for i in range(7)]
            body.append(f"<tr><td>{group}</td>" + "".join(f"<td>{c}</td>" for c in total) + "</tr>")
        body.append(f"<tr><td>{label}</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "<tr><td>申请人情况</td>" + "".join(f"<td>{a}</td>" for a in v.APPLICANTS) + "</tr>"
    _assert_tables(_parse(v.html_page(f"<table>{head}{''.join(body)}</table>", v.table4_html())), template)


@pytest.mark.parametrize("style", ["comma", "unit"])
def test_a_text_dump_with_thousands_separators_or_units_reads_the_numbers(style):
    lines = []
    for key, group, label, cells in v.table3_rows():
        lines.append(f"{label} " + " ".join(v.number(c, style) for c in cells))
    _assert_tables(_parse(v.text_report(lines, [" ".join(map(str, v.TABLE4))])))


def test_a_crawler_dump_on_one_line_with_spaced_cells_reads_every_cell():
    data = v.text_report(v.text_rows(), [" ".join(map(str, v.TABLE4))]).decode().replace("\n", " ")
    _assert_tables(_parse(("某某镇人民政府2023年政府信息公开工作年度报告 " + data).encode()))


def test_table2_of_the_2021_template_with_spanning_cells_reads_every_item():
    page = v.html_page(v.official_table3_html(), v.table4_html(), table2=v.table2_html("2021"))
    assert _parse(page)["active_disclosure"] == {
        "rules": {"issued": 0, "repealed": 0, "in_force": 5},
        "normative_documents": {"issued": 2, "repealed": 1, "in_force": 30},
        "licensing": {"decisions": 1483}, "punishment": {"decisions": 25},
        "enforcement": {"decisions": 3}, "fees": {"amount_10k_yuan": 12.5},
    }


def test_table2_of_the_2019_template_reads_signed_changes_and_amounts():
    page = v.html_page(v.official_table3_html("2019"), v.table4_html(), table2=v.table2_html("2019"))
    active = _parse(page)["active_disclosure"]
    assert active["licensing"] == {"previous_count": 120, "change": -3, "decisions": 1483}
    assert active["other_services"] == {"previous_count": 10, "change": 2, "decisions": 50}
    assert active["fees"] == {"previous_count": 4, "change": -1}
    assert active["procurement"] == {"items": 12, "amount": 345.6}
    assert active["normative_documents"] == {"new_made": 5, "new_published": 5, "total_published": 40}


def test_table3_split_over_two_pages_with_a_repeated_header_reads_every_cell():
    html = v.official_table3_html()
    rows = html.split("<tr>")
    head, first, second = rows[1:4], rows[4:16], rows[16:]
    # the second part loses the rowspan'd group cells, as a page break does
    second = [r.replace("<td rowspan", "<td data-x").replace("</table>", "") for r in second]
    page1 = "<table border='1'><tr>" + "<tr>".join(head + first) + "</table>"
    page2 = "<table border='1'><tr>" + "<tr>".join(head + second) + "</table>"
    _assert_tables(_parse(v.html_page(page1 + "<p>— 5 —</p>" + page2, v.table4_html())))


def test_a_pdf_text_dump_whose_label_tail_wraps_below_the_numbers_is_read():
    lines = []
    for line in v.text_rows():
        words = line.split(" ")
        label = " ".join(w for w in words if not w.isdigit())
        numbers = " ".join(w for w in words if w.isdigit())
        cut = len(label) * 2 // 3 if len(label) > 16 else len(label)
        lines += [f"{label[:cut]} {numbers}"] + ([label[cut:]] if label[cut:] else [])
    _assert_tables(_parse(v.text_report(lines, [" ".join(map(str, v.TABLE4))])))


def test_table4_in_text_with_one_line_per_outcome_reads_by_group():
    lines = ["行政复议 未经复议直接起诉 复议后起诉"] + [
        f"{name} " + " ".join(str(v.TABLE4[g * 5 + i]) for g in range(3)) for i, name in enumerate(v.TABLE4_OUTCOMES)]
    _assert_tables(_parse(v.text_report(v.text_rows(), lines)))


def test_table4_in_text_with_one_line_per_group_reads_in_order():
    lines = ["结果维持 结果纠正 其他结果 尚未审结 总计"] + [
        f"{name} " + " ".join(map(str, v.TABLE4[g * 5:(g + 1) * 5])) for g, name in enumerate(v.TABLE4_GROUPS)]
    _assert_tables(_parse(v.text_report(v.text_rows(), lines)))


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_a_crawler_dump_with_every_cell_fused_is_read_by_the_template_arithmetic(template):
    lines = [label + "".join(map(str, cells)) for _, _, label, cells in v.table3_rows(template)]
    data = v.text_report(lines, ["".join(map(str, v.TABLE4))], head="某某镇人民政府2023年政府信息公开工作年度报告")
    report = _parse(data.replace(b"\n", b""))
    _assert_tables(report, template)
    # several rows fit alone in more than one way: only their combination adds up
    assert "table3.granted: fused run read by the column totals" in report["warnings"]


@pytest.mark.parametrize("footer", ["— 3 —", "第 3 页 共 8 页", "第3页", "3/8", "Page 3 of 8"])
def test_page_numbers_inside_tables_are_not_read_as_cells(footer):
    lines = v.text_rows()
    lines = lines[:5] + [footer] + lines[5:15] + [footer.replace("3", "4")] + lines[15:]
    table4 = ["行政复议 行政诉讼", " ".join(map(str, v.TABLE4[:7])), footer.replace("3", "5"),
              " ".join(map(str, v.TABLE4[7:]))]
    _assert_tables(_parse(v.text_report(lines, table4)))


# Wordings real tables use instead of the template's labels, one per row where they occur.
_VARIANT_LABELS = {
    "new": "本年度新收政府信息公开申请数量", "carried_over": "上年度结转政府信息公开申请数量",
    "granted": "（一）予以全部公开", "denied_three_safeties": "3.危及国家安全、公共安全、经济安全和社会稳定",
    "processed_total": "（七）合计", "carried_forward": "四、结转至下年度继续办理",
}


def test_row_labels_in_other_wordings_are_matched_by_meaning():
    rows = v.table3_rows()
    head = "<tr><td>申请人情况</td>" + "".join(f"<td>{a}</td>" for a in v.APPLICANTS) + "</tr>"
    body = "".join(f"<tr><td>{group if group.startswith('（') else ''}{_VARIANT_LABELS.get(key, label)}</td>"
                   + "".join(f"<td>{c}</td>" for c in cells) + "</tr>" for key, group, label, cells in rows)
    _assert_tables(_parse(v.html_page(f"<table>{head}{body}</table>", v.table4_html())))


def test_a_text_dump_whose_header_puts_the_total_first_is_reordered_by_its_header():
    lines = [f"{label} {cells[6]} " + " ".join(map(str, cells[:6])) for _, _, label, cells in v.table3_rows()]
    data = v.text_report(lines, [" ".join(map(str, v.TABLE4))]).replace(
        "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计".encode(),
        "总计 自然人 法人或其他组织（商业企业 科研机构 社会公益组织 法律服务机构 其他）".encode())
    _assert_tables(_parse(data))


def test_a_text_dump_whose_row_numbers_wrap_mid_row_reads_every_cell():
    lines = []
    for _, _, label, cells in v.table3_rows():
        lines += [f"{label} " + " ".join(map(str, cells[:3])), " ".join(map(str, cells[3:]))]
    _assert_tables(_parse(v.text_report(lines, [" ".join(map(str, v.TABLE4[:8])), " ".join(map(str, v.TABLE4[8:]))])))


def test_a_table3_printed_without_its_total_column_has_null_totals_not_shifted_numbers():
    head = "<tr><td>申请人情况</td>" + "".join(f"<td>{a}</td>" for a in v.APPLICANTS[:6]) + "</tr>"
    body = "".join(f"<tr><td>{label}</td>" + "".join(f"<td>{c}</td>" for c in cells[:6]) + "</tr>"
                   for _, _, label, cells in v.table3_rows())
    rows = _parse(v.html_page(f"<table>{head}{body}</table>", v.table4_html()))["requests"]["rows"]
    expected = {key: cells[:6] + [None] for key, cells in v.expected_rows().items()}
    expected["other_total"] = v.expected_rows()["other_total"][:6] + [None]
    assert rows == expected


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_a_transposed_table3_in_a_text_dump_is_read(template):
    rows = v.table3_rows(template)
    lines = ["申请人情况 " + " ".join(label for _, _, label, _ in rows)]
    lines += [f"{name} " + " ".join(str(cells[i]) for *_, cells in rows) for i, name in enumerate(v.APPLICANTS)]
    data = v.text_report(lines, [" ".join(map(str, v.TABLE4))])
    _assert_tables(_parse(data.replace("自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n".encode(), b"")),
                   template)
