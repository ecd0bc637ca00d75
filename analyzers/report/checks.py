"""Consistency checks: every arithmetic relation the national template implies, in plain words."""

from __future__ import annotations

from analyzers.report.table3 import COLUMNS, result_keys
from analyzers.report.table4 import GROUPS

COLUMN_NAMES = {
    "natural_person": ("自然人", "natural persons"), "commercial": ("商业企业", "businesses"),
    "research": ("科研机构", "research bodies"), "social_welfare": ("社会公益组织", "charities"),
    "legal_service": ("法律服务机构", "legal services"), "other_org": ("其他组织", "other organisations"),
    "total": ("总计", "total"),
}
GROUP_NAMES = {
    "review": ("行政复议", "administrative review"),
    "litigation_direct": ("未经复议直接起诉", "lawsuits without prior review"),
    "litigation_after_review": ("复议后起诉", "lawsuits after review"),
}
ROW_NAMES = {
    "new": ("本年新收", "new requests"), "carried_over": ("上年结转", "carried over"),
    "processed_total": ("办理结果总计", "processed total"), "carried_forward": ("结转下年度", "carried forward"),
}


def _check(check_id: str, left: int, right: int, zh: str, en: str, blanks: bool) -> dict:
    ok = left == right
    verdict_zh, verdict_en = ("成立", "holds") if ok else ("不成立", "fails")
    note_zh, note_en = ("（空白单元格按0计）", " (blank cells counted as 0)") if blanks else ("", "")
    return {
        "id": check_id, "ok": ok, "left": left, "right": right,
        "message": f"{zh}：{left} {'=' if ok else '≠'} {right}，{verdict_zh}{note_zh}",
        "message_en": f"{en}: {left} {'=' if ok else '!='} {right}, {verdict_en}{note_en}",
    }


def _sum(values: list) -> tuple[int | None, bool]:
    """Sum with blanks as 0; None when every value is blank. Also says whether a blank was seen."""
    present = [v for v in values if v is not None]
    return (sum(present) if present else None), len(present) < len(values)


def table3_checks(rows: dict[str, list], template: str) -> list[dict]:
    """Identity per column, applicant columns per row, result rows per column."""
    checks: list[dict] = []
    outcome_rows = result_keys(template)
    for i, column in enumerate(COLUMNS):
        zh, en = COLUMN_NAMES[column]
        cells = [rows.get(k, [None] * 7)[i] for k in ("new", "carried_over", "processed_total", "carried_forward")]
        if all(c is not None for c in cells):
            checks.append(_check(f"t3_identity_{column}", cells[0] + cells[1], cells[2] + cells[3],
                                 f"{zh}列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度",
                                 f"{en} column: new + carried over = processed + carried forward", False))
        parts = [rows[k][i] for k in outcome_rows if k in rows]
        total = rows.get("processed_total", [None] * 7)[i]
        addends, blanks = _sum(parts)
        if total is not None and addends is not None:
            checks.append(_check(f"t3_results_{column}", addends, total,
                                 f"{zh}列：各项办理结果之和 = （七）总计",
                                 f"{en} column: the outcome rows add up to the processed total", blanks))
    for key, cells in rows.items():
        if key == "other_total" and "other_misc" in rows:
            continue  # derived from its sub-rows, not printed
        addends, blanks = _sum(cells[:6])
        if cells[6] is not None and addends is not None:
            checks.append(_check(f"t3_applicants_{key}", addends, cells[6],
                                 f"“{key}”行：六类申请人之和 = 总计",
                                 f"row '{key}': the six applicant columns add up to the total", blanks))
    return checks


def table4_checks(review: dict | None) -> list[dict]:
    """For review and both kinds of lawsuit: the four outcomes add up to the total."""
    checks: list[dict] = []
    for group in GROUPS:
        cells = (review or {}).get(group) or {}
        addends, blanks = _sum([cells.get(k) for k in ("upheld", "corrected", "other", "pending")])
        if cells.get("total") is not None and addends is not None:
            zh, en = GROUP_NAMES[group]
            checks.append(_check(f"t4_{group}_total", addends, cells["total"],
                                 f"{zh}：维持 + 纠正 + 其他 + 尚未审结 = 总计",
                                 f"{en}: upheld + corrected + other + pending = total", blanks))
    return checks
