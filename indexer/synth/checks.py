"""The template's arithmetic relations, evaluated on a report's tables.

Used to label the truth (`checks`, `expected_consistent`) and by the tests to prove that
a consistent report holds every relation and a broken one fails exactly its label.
"""

from __future__ import annotations

from typing import Any

from indexer.synth.template import COLUMNS, OUTCOMES, REVIEW_GROUPS, result_rows

COLUMN_NAMES = {
    "natural_person": "自然人", "commercial": "商业企业", "research": "科研机构",
    "social_welfare": "社会公益组织", "legal_service": "法律服务机构", "other_org": "其他", "total": "总计",
}
GROUP_NAMES = {"review": "行政复议", "litigation_direct": "未经复议直接起诉", "litigation_after_review": "复议后起诉"}


def _n(value: Any) -> int:
    """A cell as a number for arithmetic (blank counts as zero)."""
    return value or 0


def evaluate(fmt: str, rows: dict[str, list[Any]], review: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every relation of tables 三 and 四 as {id, relation, ok, message}."""
    checks = []
    for index, column in enumerate(COLUMNS):
        left = _n(rows["new"][index]) + _n(rows["carried_over"][index])
        right = _n(rows["processed_total"][index]) + _n(rows["carried_forward"][index])
        checks.append(_check(f"requests.identity.{column}", "identity", left == right,
                             f"{COLUMN_NAMES[column]}列：本年新收+上年结转={left}，办理总计+结转下年度={right} "
                             f"(new + carried over = processed + carried forward)"))
        results = sum(_n(rows[key][index]) for key in result_rows(fmt))
        checks.append(_check(f"requests.results_sum.{column}", "result_sum",
                             results == _n(rows["processed_total"][index]),
                             f"{COLUMN_NAMES[column]}列：各办理结果之和={results}，（七）总计="
                             f"{_n(rows['processed_total'][index])} (result rows sum to processed total)"))
    for key, cells in rows.items():
        if cells[6] is None:
            continue
        applicants = sum(_n(cell) for cell in cells[:6])
        checks.append(_check(f"requests.applicant_sum.{key}", "applicant_sum", applicants == _n(cells[6]),
                             f"{key}行：六类申请人之和={applicants}，总计={_n(cells[6])} "
                             f"(applicant columns sum to total)"))
    for group in REVIEW_GROUPS:
        outcomes = sum(_n(review[group][key]) for key in OUTCOMES[:4])
        checks.append(_check(f"review_litigation.{group}.total", "review_sum", outcomes == _n(review[group]["total"]),
                             f"{GROUP_NAMES[group]}：四种结果之和={outcomes}，总计={_n(review[group]['total'])} "
                             f"(four outcomes sum to total)"))
    return checks


def _check(check_id: str, relation: str, ok: bool, message: str) -> dict[str, Any]:
    """One check record."""
    return {"id": check_id, "relation": relation, "ok": ok, "message": message}


def broken_relations(checks: list[dict[str, Any]]) -> set[str]:
    """The relation kinds with at least one failing check."""
    return {check["relation"] for check in checks if not check["ok"]}
