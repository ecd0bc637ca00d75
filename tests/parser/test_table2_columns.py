"""Table 二 read by the columns it prints: the old (2019) table 二 kept under a 2021 table 三,
and cells printed with their units (2笔, 984361元)."""

from __future__ import annotations

from pathlib import Path

from tests.parser import variants as v
from tests.parser.test_glued_table2 import _glued_table2, _report


def test_a_2019_table2_under_a_2021_table3_is_split_by_its_own_columns():
    report = _report(_glued_table2("2019", " ", ""), template="2021")
    assert report["format"] == "2021"
    active = report["active_disclosure"]
    # 处理决定数量 and 本年新制作数量 mean the 2021 template's 本年处理决定数量 and 本年制发件数
    assert active["licensing"] == {"decisions": 1483}
    assert active["punishment"] == {"decisions": 25}
    assert active["enforcement"] == {"decisions": 3}
    assert active["normative_documents"] == {"issued": 5, "repealed": None, "in_force": None}
    assert active["fees"] == {"amount_10k_yuan": None}  # 上一年项目数量 and 本年增/减 are no amount
    assert any("printed with the 2019 template's columns" in w for w in report["warnings"])


def test_a_table2_printed_with_its_reports_template_gives_no_column_warning():
    report = _report(_glued_table2("2021", " ", ""), template="2021")
    assert not any(w.startswith("table2") for w in report["warnings"])
    assert report["active_disclosure"]["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 30}


def test_procurement_cells_printed_with_units_are_read():
    glued = _glued_table2("2019", " ", " ").replace("政府集中采购 12 345.6", "政府集中采购 2笔 984361元")
    assert "2笔" in glued
    report = _report(glued, template="2019")
    assert report["active_disclosure"]["procurement"] == {"items": 2, "amount": 984361}
    assert report["active_disclosure"]["licensing"]["decisions"] == 1483


def test_real_old_table2_under_a_2021_table3_is_never_read_as_one_fused_number(corpus_years_dir: Path):
    report = v.parse((corpus_years_dir / "shs-2021.txt").read_bytes())
    active = report["active_disclosure"]
    # '行政许可89741888' and '行政处罚7400' are three cells each (上一年项目数量, 本年增/减, 处理决定数量)
    assert active["licensing"] == {"decisions": None}
    assert active["punishment"] == {"decisions": None}
    assert "table2.licensing: cells could not be read; left null" in report["warnings"]


def test_real_procurement_with_units(corpus_years_dir: Path):
    report = v.parse((corpus_years_dir / "czj-2020.txt").read_bytes())
    assert report["active_disclosure"]["procurement"] == {"items": 2, "amount": 984361}
