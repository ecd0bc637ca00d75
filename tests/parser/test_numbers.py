"""Cells and fused digit runs: blanks stay null, runs split the way the arithmetic allows."""

from __future__ import annotations

import pytest

from analyzers.report.numbers import parse_cell, resolve_fused, split_fused
from analyzers.report.table3 import match_label


def _row_sums(values: list) -> bool:
    return len(values) < 7 or sum(values[:6]) == values[6]


@pytest.mark.parametrize("text, expected", [
    ("0", 0), ("　12 ", 12), ("1\u20022", 12), ("1,234", 1234), ("218924.2", 218924.2),
    ("/", None), ("-", None), ("—", None), ("", None), ("\u3000", None), ("3件", 3),
])
def test_a_cell_parses_to_a_number_or_null_for_a_blank(text, expected):
    assert parse_cell(text) == expected


def test_a_label_is_not_a_number():
    with pytest.raises(ValueError):
        parse_cell("予以公开")


def test_the_readme_example_run_splits_only_one_way_that_adds_up():
    assert resolve_fused(["15130000154"], 7, _row_sums) == ([151, 3, 0, 0, 0, 0, 154], None)


def test_a_run_with_exactly_one_digit_per_cell_is_taken_even_when_it_does_not_add_up():
    # The printed total is wrong (2 natural persons, total 0): keep what is printed.
    assert resolve_fused(["2000000"], 7, _row_sums) == ([2, 0, 0, 0, 0, 0, 0], None)


def test_a_run_no_split_of_which_adds_up_is_null_with_a_reason():
    assert resolve_fused(["11000011"], 7, _row_sums) == (None, "no_consistent_split")


def test_an_ambiguous_run_is_null_with_a_reason():
    # 1|0|10|0|0|0|11 and 10|1|0|0|0|0|11 both add up: nothing decides between them.
    assert resolve_fused(["101000011"], 7, _row_sums) == (None, "ambiguous")


def test_cell_borders_and_spaces_are_hard_cuts():
    assert resolve_fused(["230", "000023"], 7, _row_sums) == ([23, 0, 0, 0, 0, 0, 23], None)


def test_numbers_never_start_with_a_zero():
    assert [0, 0, 23] in split_fused(["0023"], 3)
    assert all(len(v) == 3 for v in split_fused(["0023"], 3))
    assert split_fused(["023"], 2) == [[0, 23]]


@pytest.mark.parametrize("label, key", [
    ("（三）不予公开 1.属于国家秘密", "denied_state_secret"),
    ("（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_overdue_correction"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"),
    ("3.其他", "other_misc"),
    ("（六）其他处理", "other_total"),
    ("二、上年转结政府信息公开申请数量", "carried_over"),
    ("四、结转下年度继续办理", "carried_forward"),
    ("行政机关不再处理其政府信息公", None),
])
def test_row_labels_name_their_template_row(label, key):
    assert match_label(label) == key


@pytest.mark.parametrize("label, key", [
    ("二、上一年度结转政府信息公开申请数量", "carried_over"),
    ("四、结转至下一年度继续办理", "carried_forward"),
    ("（七）合计", "processed_total"),
])
def test_label_variants_name_the_same_rows(label, key):
    assert match_label(label) == key
