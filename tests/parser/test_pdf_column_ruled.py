"""PDF tables whose rows are not ruled (column lines only, a 'three-line' table, open
outer sides) read like the TXT seed: rows rebuilt from the words' coordinates."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.extract import extract_document
from analyzers.report import parse_report
from tests.parser.pdf_builders import seed_pdf, table_of, variant_pdf
from tests.parser.variants import assert_tables, expected_rows, parse

SEEDS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "data" / "seeds").glob("*.txt"))


def _tables(report: dict) -> dict:
    return {key: report[key] for key in ("requests", "review_litigation", "format", "year")}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("rules", ["three_line", "columns", "inner"])
def test_a_seed_pdf_ruled_without_row_lines_reads_the_txt_tables(seeds_dir: Path, seed: str, rules: str):
    data = (seeds_dir / seed).read_bytes()
    expected = parse_report(data, seed).to_dict()
    report = parse_report(seed_pdf(extract_document(data, seed), rules), "report.pdf").to_dict()
    assert _tables(report) == _tables(expected)


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("rules", ["three_line", "columns", "inner"])
def test_the_official_table_ruled_by_columns_only_reads_every_cell(template: str, rules: str):
    assert_tables(parse(variant_pdf(template, rules)), template)


def test_a_table_whose_cells_each_hold_a_whole_column_is_split_into_its_rows():
    document = extract_document(variant_pdf("2021", "three_line"), "report.pdf")
    table4 = table_of(document, -1)
    assert table4.rows == (("", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"),
                           ("行政复议", "3", "1", "0", "2", "6"),
                           ("未经复议直接起诉", "2", "0", "1", "1", "4"),
                           ("复议后起诉", "1", "0", "0", "0", "1"))


@pytest.mark.parametrize("rules", ["columns", "inner"])
def test_empty_cells_of_a_column_ruled_table_keep_their_columns(rules: str):
    rows = parse(variant_pdf("2021", rules, blank_zero=True))["requests"]["rows"]
    expected = {key: [None if v == 0 else v for v in cells] for key, cells in expected_rows("2021").items()}
    assert rows == expected
