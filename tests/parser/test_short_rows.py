"""Table 三 rows printed with fewer numbers than columns (empty cells left out): placed by
the template's arithmetic when only one placement fits, else null with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.report import parse_report
from analyzers.report.placement import short_placements
from analyzers.report.table3 import _row_ok
from tests.parser.pdf_builders import variant_pdf
from tests.parser.variants import TABLE4, expected_rows, parse, table3_rows, text_report


def _dump(short: set[str]) -> bytes:
    """The hand-made report as a text dump whose `short` rows leave their zero cells out."""
    lines = []
    for key, group, label, cells in table3_rows("2021"):
        prefix = f"{group} " if group and (key == "granted" or label.startswith("1.")) else ""
        lines.append(prefix + label + " " + " ".join(str(v) for v in cells if not (key in short and v == 0)))
    return text_report(lines, [" ".join(map(str, TABLE4))])


def _blanked(short: set[str]) -> dict:
    return {key: [None if key in short and v == 0 else v for v in cells] for key, cells in expected_rows().items()}


@pytest.mark.parametrize("short", [{"partial"}, {"carried_over"}, {"partial", "carried_over"},
                                   {"denied_state_secret", "denied_prohibited_by_law"}])
def test_a_short_row_is_placed_by_the_column_totals(short: set[str]):
    report = parse(_dump(short))
    assert report["requests"]["rows"] == _blanked(short)
    for key in short:
        assert f"table3.{key}: fewer numbers than columns, placed by the column totals" in report["warnings"]


def test_two_short_rows_that_only_add_up_together_are_null_with_a_warning():
    report = parse(_dump({"carried_over", "carried_forward"}))
    rows = report["requests"]["rows"]
    assert rows["carried_over"] == [None] * 7 and rows["carried_forward"] == [None] * 7
    assert "table3.carried_over: cells could not be read (ambiguous); left null" in report["warnings"]
    assert {k: v for k, v in rows.items() if k not in ("carried_over", "carried_forward")} == \
        {k: v for k, v in expected_rows().items() if k not in ("carried_over", "carried_forward")}


def test_a_row_whose_printed_zero_could_sit_in_several_columns_leaves_it_null():
    placements = short_placements(["5", "0", "5"], 7, _row_ok)
    assert placements[0] == [5, None, None, None, None, None, 5]
    assert len(placements) == 5  # the 5 in any of the first five columns


def test_a_row_whose_total_pins_nothing_lists_every_placement():
    assert len(short_placements(["3", "3"], 7, _row_ok)) == 6


@pytest.mark.parametrize("rules", ["none", "three_line"])
def test_an_unruled_pdf_with_empty_cells_is_never_read_wrong(rules: str):
    rows = parse(variant_pdf("2021", rules, blank_zero=True))["requests"]["rows"]
    expected = {key: [None if v == 0 else v for v in cells] for key, cells in expected_rows().items()}
    wrong = [key for key, cells in rows.items() if cells != expected[key] and cells != [None] * 7]
    assert wrong == []
    assert sum(cells == expected[key] for key, cells in rows.items()) >= 6


def test_a_seed_row_printed_without_its_zeros_is_null_when_the_totals_cannot_place_it(seeds_dir: Path):
    text = (seeds_dir / "004_dd49fe4a91b4c513.txt").read_text(encoding="utf-8")
    expected = parse_report(text.encode(), "seed.txt").to_dict()["requests"]["rows"]
    start = text.index("一、本年新收政府信息公开申请数量")
    end = text.index("二、上年结转")
    dumped = text[:start] + "一、本年新收政府信息公开申请数量\n\t1\n\t1\n\n\t" + text[end:]
    report = parse_report(dumped.encode(), "seed.txt").to_dict()
    assert report["requests"]["rows"]["new"] == [None] * 7
    assert any(w.startswith("table3.new: cells could not be read") for w in report["warnings"])
    assert {k: v for k, v in report["requests"]["rows"].items() if k != "new"} == \
        {k: v for k, v in expected.items() if k != "new"}
