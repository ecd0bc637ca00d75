"""`nianbao eval` over the hand-labelled development corpus, and the corpus's hard shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzers.report import parse_report
from analyzers.report.evaluate import evaluate_directory
from portal.cli.main import cli


def test_eval_accuracy_on_the_development_corpus_is_at_least_98_percent(corpus_dev_dir: Path):
    results = evaluate_directory(corpus_dev_dir)
    accuracy = sum(r.ok for r in results) / len(results)
    assert len(results) > 100
    assert accuracy >= 0.98, [r for r in results if not r.ok]


def test_eval_command_prints_the_accuracy_as_its_last_line(corpus_dev_dir: Path):
    result = CliRunner().invoke(cli, ["eval", str(corpus_dev_dir)])
    assert result.exit_code == 0
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("accuracy: ") and " = " in last


def test_eval_command_prints_each_mismatch(tmp_path: Path, corpus_dev_dir: Path):
    (tmp_path / "01.src").write_bytes((corpus_dev_dir / "22.src").read_bytes())
    (tmp_path / "01.gold.json").write_text('{"year": 1999, "format": "2021"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    lines = result.output.strip().splitlines()
    assert lines[0] == "mismatch 01 year: expected 1999, got 2025"
    assert lines[-1] == "accuracy: 1/2 = 0.500"


def _parse(corpus_dev_dir: Path, name: str) -> dict:
    return parse_report((corpus_dev_dir / f"{name}.src").read_bytes(), f"{name}.src").to_dict()


def test_a_fused_fifteen_digit_table4_run_is_split_into_three_groups(corpus_dev_dir: Path):
    review = _parse(corpus_dev_dir, "22")["review_litigation"]
    assert review["review"] == {"upheld": 2, "corrected": 1, "other": 0, "pending": 0, "total": 3}
    assert review["litigation_direct"]["total"] == 6
    assert review["litigation_after_review"]["upheld"] == 2


def test_a_stray_space_inside_a_fused_row_is_resolved_by_the_column_sum(corpus_dev_dir: Path):
    rows = _parse(corpus_dev_dir, "04")["requests"]["rows"]
    assert rows["new"] == [23, 0, 0, 0, 0, 0, 23]  # printed '230 000023'
    assert rows["unable_no_info"] == [7, 0, 0, 0, 0, 0, 7]  # '70000072.没有…': the 2 is the next ordinal


def test_a_report_with_a_failing_identity_keeps_the_printed_numbers_and_flags_it(corpus_dev_dir: Path):
    report = _parse(corpus_dev_dir, "20")
    assert report["requests"]["rows"]["carried_forward"][6] == 1
    check = next(c for c in report["checks"] if c["id"] == "t3_identity_total")
    assert check["ok"] is False and check["left"] == 1 and check["right"] == 2


def test_a_report_from_before_the_2019_template_has_no_format_and_a_warning(corpus_dev_dir: Path):
    report = _parse(corpus_dev_dir, "27")
    assert report["format"] is None and report["year"] == 2017
    assert report["agency"] == "平潭综合实验区"
    assert any("before the 2019 template" in w for w in report["warnings"])
    assert report["sections"]["overview"] and report["sections"]["problems"]


def test_word_html_with_page_chrome_and_split_labels_reads_the_report_table(corpus_dev_dir: Path):
    report = _parse(corpus_dev_dir, "11")
    rows = report["requests"]["rows"]
    assert rows["new"] == [26, None, None, None, None, None, 26]  # blank legal-person cells stay null
    assert report["published_on"] == "2024-01-17"
    assert report["sections"]["problems"].startswith("各科室人员信息公开意识有所松懈")


def test_a_missing_section_five_heading_starts_problems_after_table4(corpus_dev_dir: Path):
    report = _parse(corpus_dev_dir, "03")
    assert "".join(report["sections"]["problems"].split()).startswith("针对2024年工作中存在的主要问题")
    assert report["requests"]["rows"]["partial"] == [2, 0, 0, 0, 0, 0, 2]
    assert report["requests"]["rows"]["rejected_confirm_existing"] == SEVEN_ZEROS


SEVEN_ZEROS = [0] * 7


@pytest.mark.parametrize("name", ["01", "03"])
def test_pipe_tables_split_per_row_still_fill_every_row(corpus_dev_dir: Path, name: str):
    rows = _parse(corpus_dev_dir, name)["requests"]["rows"]
    assert all(rows[key][6] is not None for key in rows)


def test_strict_eval_compares_short_names_with_the_agency_as_printed(corpus_dev_dir: Path):
    results = evaluate_directory(corpus_dev_dir, strict=True)
    missed = {(r.report, r.key) for r in results if not r.ok}
    assert missed <= {("03", "town_or_agency_short"), ("11", "town_or_agency_short")}
    assert sum(r.ok for r in results) / len(results) >= 0.98


def test_eval_of_a_folder_without_labelled_pairs_is_an_error(seeds_dir: Path):
    result = CliRunner().invoke(cli, ["eval", str(seeds_dir)])
    assert result.exit_code == 2
    assert "no NN.src + NN.gold.json pairs" in result.output
