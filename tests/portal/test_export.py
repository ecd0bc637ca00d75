"""Export rows: every table field a column, CSV with BOM and no formula injection, JSON valid."""

import csv
import io
import json

from portal.export import COLUMNS, csv_lines, export_row, json_chunks

DOCUMENT = {"id": "abcdef0123456789", "title": "=HYPERLINK(\"x\")", "agency": "某镇人民政府", "year": 2021,
            "issue_tags": ["staffing", "depth"], "t3_new_total": 12, "denied_total": 1, "synthetic": True}


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
    assert rows[1][header.index("问题类别")] == "staffing;depth"


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
