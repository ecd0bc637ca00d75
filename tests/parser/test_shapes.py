"""Shapes seen in the wild, made from real reports: one cell per line, numbers split across
cells, ambiguous fused runs settled by the column totals, placeholders and full-width digits."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.extract import extract_document
from analyzers.extract.blocks import Paragraph
from analyzers.report import parse_report

SEED = "004_dd49fe4a91b4c513.txt"


@pytest.fixture(scope="module")
def seed_text(seeds_dir: Path) -> str:
    return (seeds_dir / SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def from_txt(seed_text: str) -> dict:
    return parse_report(seed_text.encode()).to_dict()


def test_a_report_with_one_cell_per_line_reads_the_same_tables(seed_text, from_txt):
    lines = []
    for block in extract_document(seed_text.encode()).blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines.extend(cell for row in block.rows for cell in row if cell.strip())
    report = parse_report("\n".join(lines).encode()).to_dict()
    assert report["requests"] == from_txt["requests"]
    assert report["review_litigation"] == from_txt["review_litigation"]


def test_full_width_digits_read_like_ascii_ones(seed_text, from_txt):
    wide = seed_text.replace("\t1\n", "\t１\n")
    assert parse_report(wide.encode()).to_dict()["requests"] == from_txt["requests"]


def test_placeholder_cells_are_null_never_zero(seed_text):
    text = seed_text.replace("二、上年结转政府信息公开申请数量\n" + "\t0\n" * 7,
                             "二、上年结转政府信息公开申请数量\n\t/\n\t-\n\t—\n\t/\n\t/\n\t/\n\t/\n")
    assert text != seed_text
    rows = parse_report(text.encode()).to_dict()["requests"]["rows"]
    assert rows["carried_over"] == [None] * 7
    assert rows["new"] == [1, 0, 0, 0, 0, 0, 1]


def test_a_number_split_across_two_cells_is_joined_when_the_row_adds_up():
    page = ("三、收到和处理政府信息公开申请情况\n"
            "| 一、本年新收政府信息公开申请数量 | 1 | 23 | 0 | 0 | 0 | 0 | 0 | 123 |\n"
            "四、政府信息公开行政复议、行政诉讼情况\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
            "五、存在的主要问题及改进情况\n信息公开不够及时。\n六、其他需要报告的事项\n无。\n")
    report = parse_report(("一、总体情况\n2023年，某镇政府信息公开。\n" + page).encode()).to_dict()
    assert report["requests"]["rows"]["new"] == [123, 0, 0, 0, 0, 0, 123]


def test_an_ambiguous_fused_row_is_settled_by_the_column_totals(corpus_dev_dir: Path):
    text = (corpus_dev_dir / "08.src").read_text(encoding="utf-8")
    # new and total written with spaces; 部分公开 fused as 101000011, which reads as
    # 10|1|0|0|0|0|11 or 1|0|10|0|0|0|11: only the first makes the columns add up.
    text = text.replace("本年新收政府信息公开申请数量1000001", "本年新收政府信息公开申请数量10 1 0 0 0 0 11")
    text = text.replace("不计其他情形）1000001", "不计其他情形）101000011")
    text = text.replace("（七）总计2000002", "（七）总计11 1 0 0 0 0 12")
    report = parse_report(text.encode()).to_dict()
    assert report["requests"]["rows"]["partial"] == [10, 1, 0, 0, 0, 0, 11]
    assert "table3.partial: fused run read by the column totals" in report["warnings"]


def test_an_undecidable_fused_row_is_null_with_a_warning(corpus_dev_dir: Path):
    text = (corpus_dev_dir / "08.src").read_text(encoding="utf-8")
    text = text.replace("不计其他情形）1000001", "不计其他情形）101000011")
    report = parse_report(text.encode()).to_dict()
    assert report["requests"]["rows"]["partial"] == [None] * 7
    assert any(w.startswith("table3.partial: cells could not be read (ambiguous)") for w in report["warnings"])


def test_a_title_with_the_year_in_chinese_numerals_gives_the_year_and_agency():
    text = ("某某县教育局二〇二二年度政府信息公开工作年度报告\n第一部分 总体情况\n本局依法公开政府信息。\n"
            "第五部分 存在的主要问题及改进情况\n信息公开不够及时。\n")
    report = parse_report(text.encode()).to_dict()
    assert (report["year"], report["agency"]) == (2022, "某某县教育局")
    assert report["sections"]["problems"] == "信息公开不够及时。"


@pytest.mark.parametrize("removed", [("三、收到和处理政府信息公开申请情况",),
                                     ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况")])
def test_table3_without_its_section_heading_is_still_found(seed_text, from_txt, removed):
    for heading in removed:
        seed_text = seed_text.replace(heading, "")
    report = parse_report(seed_text.encode()).to_dict()
    assert report["requests"] == from_txt["requests"] and report["format"] == "2019"
    assert report["active_disclosure"] == from_txt["active_disclosure"]


@pytest.mark.parametrize("heading, key", [
    ("五、工作中存在的不足及下一步打算", "problems"),
    ("五、问题与改进", "problems"),
    ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "review"),
    ("六、其他", "other"),
])
def test_variant_section_headings_are_recognised(seed_text, heading, key):
    original = {"problems": "五、存在的主要问题及改进情况", "review": "四、政府信息公开行政复议、行政诉讼情况",
                "other": "六、其他需要报告的事项"}[key]
    report = parse_report(seed_text.replace(original, heading).encode()).to_dict()
    if key == "review":  # a table-only section: its heading shows in table 四 being found
        assert report["review_litigation"]["review"]["other"] == 1
    else:
        assert report["sections"][key]


def test_the_2021_format_is_recognised_from_the_row_count_when_sub_row_labels_are_lost(seeds_dir: Path):
    text = (seeds_dir / "001_ac6d54b2d072a72d.txt").read_text(encoding="utf-8")
    for label in ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                  "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）"):
        text = text.replace(label, "")
    report = parse_report(text.encode()).to_dict()
    assert report["format"] == "2021"
    assert report["requests"]["rows"]["processed_total"] == [0] * 7
    assert report["requests"]["rows"]["other_misc"] == [0] * 7


def test_a_table4_number_split_across_two_cells_is_joined_by_the_group_totals():
    text = ("一、总体情况\n2023年，某镇政府信息公开。\n三、收到和处理政府信息公开申请情况\n"
            "四、政府信息公开行政复议、行政诉讼情况\n| 1 | 2 | 0 | 0 | 0 | 12 | 0 | 0 | 0 | 0 | 0 | 3 | 0 | 0 | 0 | 3 |\n"
            "五、存在的主要问题及改进情况\n信息公开不够及时。\n")
    review = parse_report(text.encode()).to_dict()["review_litigation"]
    assert review["review"] == {"upheld": 12, "corrected": 0, "other": 0, "pending": 0, "total": 12}
    assert review["litigation_after_review"]["total"] == 3
