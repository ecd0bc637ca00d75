"""The template's arithmetic relations, evaluated on a report's tables.

Used to label the truth (`checks`, `expected_consistent`) and by the tests to prove that
a consistent report holds every relation and a broken one fails exactly its label.
Check ids follow the parser's (docs/report-json.md), so truth and parse line up.
"""

from __future__ import annotations

from typing import Any

from indexer.synth.template import COLUMNS, OUTCOMES, REVIEW_GROUPS, result_rows

COLUMN_NAMES = {
    "natural_person": "自然人", "commercial": "商业企业", "research": "科研机构",
    "social_welfare": "社会公益组织", "legal_service": "法律服务机构", "other_org": "其他", "total": "总计",
}
GROUP_NAMES = {"review": "行政复议", "litigation_direct": "未经复议直接起诉", "litigation_after_review": "复议后起诉"}
# Check id prefix -> the relation kind a report is labelled with when it breaks it.
RELATION_OF_PREFIX = {
    "t3_identity_": "identity", "t3_results_": "result_sum", "t3_applicants_": "applicant_sum", "t4_": "review_sum",
}


def _add(values: Any) -> int:
    """Sum of cells, blanks counting as zero (filter drops None and zeros alike, at C speed)."""
    return sum(filter(None, values))


def _check(check_id: str, left: int, right: int, zh: str, en: str) -> dict[str, Any]:
    """One check record in the parser's shape: id, ok, both sides, Chinese and English message."""
    ok = left == right
    return {
        "id": check_id, "ok": ok, "left": left, "right": right,
        "message": f"{zh}：{left}{'=' if ok else '≠'}{right}",
        "message_en": f"{en}: {left} {'=' if ok else '!='} {right}",
    }


def _column_checks(fmt: str, rows: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Per column: the carry-over identity, and result rows adding up to （七）总计."""
    checks = []
    result_sums = [_add(column) for column in zip(*(rows[key] for key in result_rows(fmt)))]
    for index, column in enumerate(COLUMNS):
        name = COLUMN_NAMES[column]
        processed = rows["processed_total"][index] or 0
        left = _add((rows["new"][index], rows["carried_over"][index]))
        right = processed + (rows["carried_forward"][index] or 0)
        checks.append(_check(f"t3_identity_{column}", left, right, f"{name}列 本年新收+上年结转 与 办理总计+结转下年度",
                             f"{column}: new + carried over vs processed + carried forward"))
        checks.append(_check(f"t3_results_{column}", result_sums[index], processed,
                             f"{name}列 各项办理结果之和 与 （七）总计", f"{column}: sum of outcome rows vs processed total"))
    return checks


def evaluate(fmt: str, rows: dict[str, list[Any]], review: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every relation of tables 三 and 四, in the order the parser lists them."""
    checks = _column_checks(fmt, rows)
    for key, cells in rows.items():
        if cells[6] is None or (key == "other_total" and fmt == "2021"):  # derived in 2021, printed in 2019
            continue
        checks.append(_check(f"t3_applicants_{key}", _add(cells[:6]), cells[6],
                             f"{key}行 六类申请人之和 与 总计", f"row {key}: sum of applicant columns vs total"))
    for group in REVIEW_GROUPS:
        cells = review[group]
        outcomes = _add(cells[key] for key in OUTCOMES[:4])
        checks.append(_check(f"t4_{group}_total", outcomes, cells["total"] or 0,
                             f"{GROUP_NAMES[group]} 四种结果之和 与 总计", f"{group}: sum of four outcomes vs total"))
    return checks


def relation_of(check_id: str) -> str:
    """The relation kind a check id belongs to."""
    return next(kind for prefix, kind in RELATION_OF_PREFIX.items() if check_id.startswith(prefix))


def broken_relations(checks: list[dict[str, Any]]) -> set[str]:
    """The relation kinds with at least one failing check."""
    return {relation_of(check["id"]) for check in checks if not check["ok"]}
