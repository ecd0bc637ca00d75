"""Export rows: every table field a column, CSV with BOM and no formula injection, JSON valid."""

import csv
import io
import json

from portal.exports.tables import COLUMNS, csv_lines, export_row, json_chunks

DOCUMENT = {"id": "abcdef0123456789", "title": "=HYPERLINK(\"x\")", "agency": "某镇人民政府", "year": 2021,
            "issue_tags": ["interpretation", "quality"], "t3_new_total": 12, "denied_total": 1, "synthetic": True}


def test_every_numeric_table_field_is_an_export_column():
    keys = [key for key, _label in COLUMNS]
    assert "t3_new_natural_person" in keys and "t4_review_corrected" in keys and "failed_check_count" in keys


def test_csv_starts_with_a_bom_and_holds_one_row_per_report():
    text = "".join(csv_lines([export_row(DOCUMENT, "http://h/reports/x")] * 3))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert len(rows) == 4 and rows[0][0] == "编号"
    header = rows[0]
    assert rows[1][header.index("本年新收政府信息公开申请数量（总计）")] == "12"
    assert rows[1][header.index("问题类别")] == "政策解读质量;信息质量/准确性"


def test_blank_cells_stay_blank_not_zero():
    rows = list(csv.reader(io.StringIO("".join(csv_lines([export_row(DOCUMENT, "u")]))[1:])))
    assert rows[1][rows[0].index("予以公开（总计）")] == ""


def test_cells_that_look_like_formulas_are_defused():
    text = "".join(csv_lines([export_row(DOCUMENT, "u")]))
    assert "'=HYPERLINK" in text


def test_json_export_is_one_valid_document_with_every_row():
    rows = [export_row(DOCUMENT, "u"), export_row(dict(DOCUMENT, id="1" * 16), "v")]
    data = json.loads("".join(json_chunks(rows, {"total": 2})))
    assert data["total"] == 2 and [r["id"] for r in data["reports"]] == ["abcdef0123456789", "1" * 16]
    assert data["reports"][0]["t3_new_total"] == 12 and data["reports"][0]["t3_granted_total"] is None


def test_json_export_of_nothing_is_still_valid():
    assert json.loads("".join(json_chunks([], {"total": 0})))["reports"] == []


def test_failed_checks_are_exported_as_chinese_labels_with_ids_kept_in_json():
    row = export_row(dict(DOCUMENT, failed_checks=["t3_identity_total", "t4_review_total"]), "u")
    assert row["failed_checks"] == ["表三总计列：本年新收+上年结转=办理结果总计+结转下年度", "表四行政复议：维持+纠正+其他+尚未审结=总计"]
    data = json.loads("".join(json_chunks([row], {"total": 1})))
    assert data["reports"][0]["failed_check_ids"] == ["t3_identity_total", "t4_review_total"]
    assert data["reports"][0]["issue_tag_ids"] == ["interpretation", "quality"]


def test_table_two_figures_are_csv_columns_with_blanks_kept_blank():
    active = {"licensing": {"decisions": 7}, "fees": {"amount_10k_yuan": None}}
    rows = list(csv.reader(io.StringIO("".join(csv_lines([export_row(DOCUMENT, "u", active)]))[1:])))
    assert rows[1][rows[0].index("表二·行政许可·处理决定数量")] == "7"
    assert rows[1][rows[0].index("表二·行政事业性收费·本年收费金额（万元）")] == ""
    assert "表二·政府集中采购·采购项目数量" in rows[0]


def test_a_local_source_is_exported_by_file_name_never_by_its_path():
    row = export_row(dict(DOCUMENT, source_url="/srv/nianbao/seeds/a.txt"), "u")
    assert row["source_url"] is None and row["source_file"] == "a.txt"
    assert export_row(dict(DOCUMENT, source_url="https://x.gov.cn/a.html"), "u")["source_url"] == "https://x.gov.cn/a.html"


def test_a_report_without_a_title_is_exported_under_its_display_title():
    row = export_row({"id": "1" * 16, "agency": "某镇人民政府", "year": 2021}, "u")
    assert row["title"] == "某镇人民政府2021年政府信息公开工作年度报告"


def test_flags_read_as_yes_or_no_and_decimal_cells_keep_their_value():
    row = dict(export_row(DOCUMENT, "u"), synthetic=True, t3_new_total=2.5)
    rows = list(csv.reader(io.StringIO("".join(csv_lines([row, dict(row, synthetic=False)]))[1:])))
    header = rows[0]
    assert [r[header.index("合成样例")] for r in rows[1:]] == ["是", "否"]
    assert rows[1][header.index("本年新收政府信息公开申请数量（总计）")] == "2.5"
