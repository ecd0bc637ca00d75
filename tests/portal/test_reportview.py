"""The report page's tables: template layout, blank cells and failed-check highlighting."""

from analyzers.report import parse_report
from portal import reportview

BLANK = [None] * 7


def report_with(rows=None, review=None, checks=(), fmt="2021"):
    base = {key: list(BLANK) for key in ("new", "carried_over", "granted", "processed_total", "carried_forward")}
    base.update(rows or {})
    return {"format": fmt, "requests": {"rows": base}, "review_litigation": review or {}, "checks": list(checks)}


def test_table_three_rows_are_grouped_like_the_national_template():
    rows = reportview.request_rows(report_with({"denied_state_secret": [0] * 7, "other_overdue_fee": [0] * 7}))
    keys = [row.key for row in rows]
    assert keys[:3] == ["new", "carried_over", "granted"] and keys[-2:] == ["processed_total", "carried_forward"]
    denied = [row for row in rows if row.group == "（三）不予公开"]
    assert len(denied) == 8 and denied[0].group_span == 8 and all(r.group_span == 0 for r in denied[1:])


def test_the_2019_template_shows_one_other_row_instead_of_three():
    keys = [row.key for row in reportview.request_rows(report_with({"other_total": [1] * 7}, fmt="2019"))]
    assert "other_total" in keys and "other_misc" not in keys


def test_a_failed_identity_check_marks_its_four_cells_in_that_column_only():
    check = {"id": "t3_identity_total", "ok": False, "message": "总计列：1 + 0 ≠ 1 + 1，不成立"}
    rows = {row.key: row for row in reportview.request_rows(report_with(checks=[check]))}
    for key in ("new", "carried_over", "processed_total", "carried_forward"):
        assert rows[key].cells[6].problems == (check["message"],)
        assert not rows[key].cells[0].failed
    assert not rows["granted"].cells[6].failed


def test_synthetic_check_ids_mark_the_same_cells_as_parser_ids():
    parser_ids = reportview.check_cells("t3_applicants_new") | reportview.check_cells("t4_review_total")
    synth_ids = reportview.check_cells("requests.applicant_sum.new") | reportview.check_cells("review_litigation.review.total")
    assert parser_ids == synth_ids == {("requests", "new", None), ("review", "review", None)}


def test_passing_checks_mark_nothing():
    check = {"id": "t3_identity_total", "ok": True, "message": "成立"}
    assert not any(c.failed for row in reportview.request_rows(report_with(checks=[check])) for c in row.cells)


def test_a_failed_review_sum_marks_every_outcome_of_that_proceeding():
    review = {g: {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 2} for g in ("review", "litigation_direct", "litigation_after_review")}
    groups = reportview.review_cells(report_with(review=review, checks=[{"id": "t4_review_total", "ok": False, "message": "不符"}]))
    assert [g[0] for g in groups] == ["review", "litigation_direct", "litigation_after_review"]
    assert all(c.failed for c in groups[0][2]) and not any(c.failed for c in groups[1][2])


def test_a_real_seed_report_renders_every_table_three_row(seeds_dir):
    path = sorted(seeds_dir.glob("*.txt"))[0]
    report = parse_report(path.read_bytes(), path.name).to_dict()
    rows = reportview.request_rows(report)
    assert rows and rows[0].cells[6].value == report["requests"]["rows"]["new"][6]
    assert len(reportview.review_cells(report)) == 3


def test_table_two_items_and_measures_are_labelled_in_chinese():
    rows = reportview.active_disclosure_rows({"active_disclosure": {"rules": {"new_made": 1}, "mystery": {"x": 2}}})
    assert rows == [("规章", [("本年新制作数量", 1)]), ("mystery", [("x", 2)])]
