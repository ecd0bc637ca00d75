"""Text and markdown dumps that print table 三's or table 四's row labels apart from their
numbers (all labels, then all number rows): each label is paired with its number row, and
only when the counts agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.extract import extract_document
from analyzers.extract.blocks import Paragraph, Table
from analyzers.report import parse_report
from analyzers.report.numbers import is_blank, is_numeric_cell
from analyzers.report.table4 import empty_table4
from tests.parser.variants import (APPLICANTS, TABLE4, TABLE4_GROUPS, TABLE4_OUTCOMES, assert_tables, expected_rows, parse,
                                   table3_rows, text_report, text_rows)

SEEDS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "data" / "seeds").glob("*.txt"))
_HEADER = "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|"


def _detached(labels: list[str], numbers: list[list[str]], markdown: bool) -> list[str]:
    """All label lines, then all number lines: as text, or as pipe-table rows."""
    if not markdown:
        return labels + [" ".join(row) for row in numbers]
    return [_HEADER] + [f"| {label} |" + " |" * 7 for label in labels] + \
        ["| |" + "".join(f" {cell} |" for cell in row) for row in numbers]


def _variant_dump(template: str, markdown: bool) -> bytes:
    labels, numbers = [], []
    for key, group, label, cells in table3_rows(template):
        if group and (key == "granted" or label.startswith("1.")):
            labels.append(group)
        labels.append(label)
        numbers.append([str(v) for v in cells])
    return text_report(_detached(labels, numbers, markdown), [" ".join(map(str, TABLE4))])


def _seed_dump(data: bytes, name: str, markdown: bool) -> bytes:
    """The seed as a text dump whose table 三 (the grid holding 本年新收) is printed detached."""
    lines = []
    for block in extract_document(data, name).blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif not any("本年新收" in cell for row in block.rows for cell in row):
            lines.extend("\t".join(row) for row in block.rows)
        else:
            rows = [row for row in block.rows if any(is_numeric_cell(cell) for cell in row)]
            labels = [c for row in rows for c in row if c.strip() and not is_numeric_cell(c) and not is_blank(c)]
            numbers = [[c for c in row if is_numeric_cell(c)] for row in rows]
            lines.extend(_detached(labels, numbers, markdown))
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("markdown", [False, True])
def test_labels_printed_before_all_the_number_rows_are_paired_with_them(template: str, markdown: bool):
    assert_tables(parse(_variant_dump(template, markdown)), template)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("markdown", [False, True])
def test_a_seed_dumped_with_detached_labels_reads_the_txt_tables(seeds_dir: Path, seed: str, markdown: bool):
    data = (seeds_dir / seed).read_bytes()
    expected = parse_report(data, seed, with_keywords=False).to_dict()
    report = parse_report(_seed_dump(data, seed, markdown), "dump.md" if markdown else "dump.txt",
                          with_keywords=False).to_dict()
    for key in ("requests", "format", "year"):
        assert report[key] == expected[key], key


def test_labels_and_number_rows_apart_in_different_counts_are_null_with_a_warning():
    dump = _variant_dump("2021", False).decode().replace("（七）总计\n", "")
    report = parse(dump.encode())
    assert all(cells == [None] * 7 for cells in report["requests"]["rows"].values())
    assert "table3: 24 row labels and 25 number rows printed apart; not paired, left null" in report["warnings"]


# Table 四 dumped with its labels apart: a 3×5 grid (a group per row) or transposed (an
# outcome per row, a column per group), as text lines or pipe-table rows.
def _table4_detached(values: list, layout: str, markdown: bool) -> list[str]:
    groups = [values[i * 5:(i + 1) * 5] for i in range(3)]
    if layout == "grid":
        header, labels, numbers = TABLE4_OUTCOMES, TABLE4_GROUPS, groups
    else:
        header, labels, numbers = TABLE4_GROUPS, TABLE4_OUTCOMES, [list(column) for column in zip(*groups)]
    numbers = [[str(v) for v in row] for row in numbers]
    if not markdown:
        return [" ".join(header)] + list(labels) + [" ".join(row) for row in numbers]
    width = len(header) + 1
    return [f"| 类别 | {' | '.join(header)} |", "|" + "---|" * width] + \
        [f"| {label} |" + " |" * (width - 1) for label in labels] + ["| |" + "".join(f" {c} |" for c in row)
                                                                      for row in numbers]


@pytest.mark.parametrize("layout", ["grid", "transposed"])
@pytest.mark.parametrize("markdown", [False, True])
def test_table4_labels_printed_before_its_number_rows_are_paired_with_them(layout: str, markdown: bool):
    report = parse(text_report(text_rows(), _table4_detached(TABLE4, layout, markdown)))
    assert_tables(report)
    assert not any(w.startswith(("table4", "check failed")) for w in report["warnings"])


def test_table4_labels_and_number_rows_apart_in_different_counts_are_null_with_a_warning():
    lines = [line for line in _table4_detached(TABLE4, "transposed", False) if line != "尚未审结"]
    report = parse(text_report(text_rows(), lines))
    assert report["review_litigation"] == empty_table4()
    assert "table4: 4 row labels and 5 number rows printed apart; not paired, left null" in report["warnings"]
    assert report["requests"]["rows"] == expected_rows()


def test_a_sentence_naming_a_group_before_the_table_is_no_row_label():
    lines = ["本年度行政复议、行政诉讼情况如下。"] + _table4_detached(TABLE4, "transposed", False)
    assert_tables(parse(text_report(text_rows(), lines)))


def _seed_table4_dump(data: bytes, name: str, layout: str, markdown: bool) -> bytes:
    """The seed as a text dump whose table 四 (the grid of 15 numbers) is printed detached."""
    lines = []
    for block in extract_document(data, name).blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif any(cell.strip() == "复议后起诉" for row in block.rows for cell in row):
            values = [cell for row in block.rows for cell in row if is_numeric_cell(cell)]
            lines.extend(_table4_detached(values, layout, markdown) + [""])
        else:
            for row in block.rows:  # as Word saves a table as text: a cell a line, a blank line a row
                lines.extend([f"\t{cell}" for cell in row] + [""])
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("layout", ["grid", "transposed"])
@pytest.mark.parametrize("markdown", [False, True])
def test_a_seed_with_table4_dumped_detached_reads_the_txt_tables(seeds_dir: Path, seed: str, layout: str,
                                                                 markdown: bool):
    data = (seeds_dir / seed).read_bytes()
    expected = parse_report(data, seed, with_keywords=False).to_dict()
    report = parse_report(_seed_table4_dump(data, seed, layout, markdown), "dump.md" if markdown else "dump.txt",
                          with_keywords=False).to_dict()
    for key in ("review_litigation", "requests", "format", "year"):
        assert report[key] == expected[key], key


# A PDF read one column at a time (pdfminer's text boxes): every label, then each column's
# numbers one a line, column after column (its header name before them or not).
def _one_a_line(template: str, order: str, headed: bool = False) -> bytes:
    rows = table3_rows(template)
    labels = []
    for key, group, label, _ in rows:
        if group and (key == "granted" or label.startswith("1.")):
            labels.append(group)
        labels.append(label)
    if order == "row":
        numbers = [str(v) for _, _, _, cells in rows for v in cells]
    else:
        numbers = []
        for column, name in enumerate(APPLICANTS):
            numbers += ([name] if headed else []) + [str(cells[column]) for _, _, _, cells in rows]
    return text_report(labels + numbers, [" ".join(map(str, TABLE4))])


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("order", ["row", "column"])
def test_numbers_printed_one_a_line_after_the_labels_are_read_in_the_order_that_adds_up(template: str, order: str):
    report = parse(_one_a_line(template, order))
    assert_tables(report, template)
    assert not any(w.startswith(("table3", "check failed")) for w in report["warnings"])


def test_a_table_read_column_by_column_with_each_column_name_before_its_numbers_is_read():
    # each column then reads as one applicant's line of numbers: the transposed text reader
    assert_tables(parse(_one_a_line("2021", "column", headed=True)))


def test_numbers_one_a_line_short_of_the_labels_times_the_columns_are_null_with_a_warning():
    dump = _one_a_line("2021", "column").decode().replace("\n1200\n", "\n", 1)
    report = parse(dump.encode())
    assert all(cells == [None] * 7 for cells in report["requests"]["rows"].values())
    assert "table3: 25 row labels and 174 numbers printed one a line apart; not paired, left null" in report["warnings"]


def _seed_column_dump(data: bytes, name: str) -> bytes:
    """The seed with table 三 printed as a PDF read column by column prints it."""
    lines = []
    for block in extract_document(data, name).blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
            continue
        if not any("本年新收" in cell for row in block.rows for cell in row):
            for row in block.rows:  # as Word saves a table as text: a cell a line, a blank line a row
                lines.extend([f"\t{cell}" for cell in row] + [""])
            continue
        rows = [row for row in block.rows if any(is_numeric_cell(cell) for cell in row)]
        lines += [c for row in rows for c in row if c.strip() and not is_numeric_cell(c) and not is_blank(c)]
        numbers = [[c for c in row if is_numeric_cell(c)] for row in rows]
        lines += [row[column] for column in range(7) for row in numbers] + [""]
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("seed", SEEDS)
def test_a_seed_read_column_by_column_reads_the_txt_tables(seeds_dir: Path, seed: str):
    data = (seeds_dir / seed).read_bytes()
    expected = parse_report(data, seed, with_keywords=False).to_dict()
    report = parse_report(_seed_column_dump(data, seed), "dump.txt", with_keywords=False).to_dict()
    for key in ("requests", "review_litigation", "format", "year"):
        assert report[key] == expected[key], key


def _table4_one_a_line(layout: str, order: str) -> list[str]:
    """Table 四's labels, then its 15 numbers one a line, row after row or column after column."""
    groups = [TABLE4[i * 5:(i + 1) * 5] for i in range(3)]
    rows = groups if layout == "grid" else [list(column) for column in zip(*groups)]
    labels = list(TABLE4_GROUPS if layout == "grid" else TABLE4_OUTCOMES)
    cells = [v for row in rows for v in row] if order == "row" else [row[c] for c in range(len(rows[0])) for row in rows]
    return labels + [str(v) for v in cells]


@pytest.mark.parametrize("layout", ["grid", "transposed"])
@pytest.mark.parametrize("order", ["row", "column"])
def test_table4_numbers_one_a_line_after_its_labels_are_read_in_the_order_that_adds_up(layout: str, order: str):
    report = parse(text_report(text_rows(), _table4_one_a_line(layout, order)))
    assert_tables(report)
    assert not any(w.startswith(("table4", "check failed")) for w in report["warnings"])
