"""The report page's tables: template layout, blank cells and failed-check highlighting."""

from analyzers.report import parse_report
from portal.reports import model as reportview

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


def test_check_ids_mark_their_cells_and_unknown_ids_mark_none():
    marked = reportview.check_cells("t3_applicants_new") | reportview.check_cells("t4_review_total")
    assert marked == {("requests", "new", None), ("review", "review", None)}
    assert reportview.check_cells("requests.applicant_sum.new") == set()  # a spelling nothing writes


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


def test_table_two_2021_is_drawn_in_the_national_template_blocks_and_order():
    table = {"fees": {"amount_10k_yuan": 1.5}, "punishment": {"decisions": 3}, "licensing": {"decisions": 7},
             "rules": {"issued": 1, "repealed": None, "in_force": 4}, "enforcement": {"decisions": None}}
    blocks = reportview.active_disclosure_blocks({"format": "2021", "active_disclosure": table})
    assert [b.heading for b in blocks] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert blocks[0].columns == ("本年制发件数", "本年废止件数", "现行有效件数")
    assert blocks[0].rows == (("规章", (1, None, 4)),)
    assert blocks[1].rows == (("行政许可", (7,)),) and blocks[1].columns == ("本年处理决定数量",)
    assert blocks[2].rows == (("行政处罚", (3,)), ("行政强制", (None,)))
    assert blocks[3].columns == ("本年收费金额（单位：万元）",) and blocks[3].rows == (("行政事业性收费", (1.5,)),)


def test_table_two_2019_has_its_own_columns_and_the_procurement_block():
    measures = {"previous_count": 2, "change": -1, "decisions": 9}
    table = {"procurement": {"items": 3, "amount": 120.5}, "licensing": measures, "other_services": measures,
             "rules": {"new_made": 1, "new_published": 1, "total_published": 10}, "fees": {"previous_count": 1, "change": 0}}
    blocks = reportview.active_disclosure_blocks({"format": "2019", "active_disclosure": table})
    assert [b.heading for b in blocks] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（八）项", "第二十条第（九）项"]
    assert blocks[0].columns == ("本年新制作数量", "本年新公开数量", "对外公开总数量")
    assert [label for label, _v in blocks[1].rows] == ["行政许可", "其他对外管理服务事项"]
    assert blocks[2].columns == ("上一年项目数量", "本年增/减")
    assert blocks[3].rows == (("政府集中采购", (3, 120.5)),)


def test_table_two_keys_no_template_knows_are_kept_in_a_last_block():
    blocks = reportview.active_disclosure_blocks({"format": None, "active_disclosure": {"rules": {"new_made": 1}, "mystery": {"x": 2}}})
    assert blocks[0].rows == (("规章", (1,)),) and blocks[-1].heading == "其他项目"
    assert blocks[-1].rows == (("mystery·x", (2,)),)


def test_check_messages_name_rows_by_their_template_labels_not_internal_keys():
    checks = [{"id": "t3_applicants_denied_state_secret", "ok": False, "message": "“denied_state_secret”行：六类申请人之和 = 总计：1 ≠ 2，不成立"},
              {"id": "t3_applicants_carried_over", "ok": False, "message": "carried_over行 六类申请人之和 与 总计：1≠2"}]
    notes = reportview.check_notes(report_with(checks=checks))
    assert notes[0].message.startswith("“（三）不予公开1.属于国家秘密”行") and "二、上年结转政府信息公开申请数量" in notes[1].message
    rows = {row.key: row for row in reportview.request_rows(report_with({"denied_state_secret": [1] * 7}, checks=checks))}
    assert "denied_state_secret" not in rows["denied_state_secret"].cells[0].problems[0]
