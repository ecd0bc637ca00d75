"""Table figures that add up the way the templates say, and the deliberate breaks.

Sizes follow the level of the reporting body: most towns get 0-5 requests a year, county
governments tens to hundreds, city governments hundreds to thousands.
"""

from __future__ import annotations

import math
import random
from typing import Any

from indexer.synth.template import (
    APPLICANT_COLUMNS, DENIED, OTHER_2021, OUTCOMES, REJECTED, REVIEW_GROUPS, ROW_KEYS, UNABLE,
    result_rows,
)

# Relations a report can break on purpose (one per inconsistent report).
RELATIONS = ("applicant_sum", "identity", "result_sum", "review_sum")

# Median yearly new requests by level, and the lognormal spread around it.
REQUEST_SCALE = {
    "county_department": (4, 1.2),
    "county": (60, 0.9),
    "city_department": (15, 1.1),
    "city": (220, 0.8),
}
APPLICANT_WEIGHTS = [0.85, 0.07, 0.01, 0.01, 0.03, 0.03]
RESULT_WEIGHTS = {
    "granted": 0.45, "partial": 0.08,
    "denied_state_secret": 0.004, "denied_prohibited_by_law": 0.01, "denied_three_safeties": 0.004,
    "denied_third_party": 0.01, "denied_internal_affairs": 0.01, "denied_process_info": 0.02,
    "denied_enforcement_file": 0.005, "denied_admin_query": 0.01,
    "unable_no_info": 0.19, "unable_needs_creation": 0.03, "unable_unclear": 0.03,
    "rejected_petition": 0.03, "rejected_duplicate": 0.02, "rejected_publication": 0.01,
    "rejected_mass_repeat": 0.004, "rejected_confirm_existing": 0.006,
    "other_total": 0.04, "other_overdue_correction": 0.015, "other_overdue_fee": 0.002, "other_misc": 0.025,
}
OUTCOME_WEIGHTS = [0.55, 0.1, 0.2, 0.15]


def split(total: int, weights: list[float], rng: random.Random) -> list[int]:
    """Divide `total` among categories at random in proportion to `weights` (sums to `total`)."""
    if total <= 0:
        return [0] * len(weights)
    if total <= 40:
        counts = [0] * len(weights)
        for index in rng.choices(range(len(weights)), weights, k=total):
            counts[index] += 1
        return counts
    # Large counts: jittered shares rounded by largest remainder, far cheaper than one draw each.
    jittered = [w * rng.uniform(0.6, 1.4) for w in weights]
    scale = total / sum(jittered)
    exact = [w * scale for w in jittered]
    counts = [int(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: exact[i] - counts[i], reverse=True)
    for index in order[: total - sum(counts)]:
        counts[index] += 1
    return counts


def draw_new_requests(level: str, rng: random.Random) -> int:
    """New requests of one year for a body of the given level."""
    if level == "town":
        r = rng.random()
        if r < 0.5:
            return 0
        if r < 0.9:
            return rng.randint(1, 5)
        return rng.randint(6, 20) if r < 0.98 else rng.randint(21, 60)
    median, sigma = REQUEST_SCALE[level]
    if rng.random() < 0.1:
        return 0
    return min(20000, int(rng.lognormvariate(math.log(median), sigma)))


def requests_table(fmt: str, level: str, rng: random.Random) -> dict[str, list[Any]]:
    """Table 三 rows (7 cells each, total last) that satisfy every template relation."""
    new_total = draw_new_requests(level, rng)
    carried_total = rng.randint(0, max(1, new_total // 10)) if new_total > 10 and rng.random() < 0.3 else 0
    applicant = [w * rng.uniform(0.5, 1.5) for w in APPLICANT_WEIGHTS]
    rows: dict[str, list[Any]] = {key: [0] * 6 for key in ROW_KEYS}
    rows["new"] = split(new_total, applicant, rng)
    rows["carried_over"] = split(carried_total, applicant, rng)
    results = result_rows(fmt)
    weights = [RESULT_WEIGHTS[key] for key in results]
    for column in range(6):
        available = rows["new"][column] + rows["carried_over"][column]
        forward = rng.randint(0, available // 8) if available and rng.random() < 0.15 else 0
        rows["carried_forward"][column] = forward
        for key, count in zip(results, split(available - forward, weights, rng)):
            rows[key][column] = count
    if fmt == "2021":
        rows["other_total"] = [sum(rows[k][c] for k, _ in OTHER_2021) for c in range(6)]
    rows["processed_total"] = [sum(rows[k][c] for k in results) for c in range(6)]
    table = {key: cells + [sum(cells)] for key, cells in rows.items()}
    if fmt == "2019":
        for key, _ in OTHER_2021:
            table[key] = [None] * 7
    return table


def review_table(level: str, new_requests: int, rng: random.Random) -> dict[str, dict[str, int]]:
    """Table 四: cases per group split into the four outcomes, each group with its total."""
    busy = min(1.0, new_requests / 200)
    chances = {"town": 0.05, "county_department": 0.2, "county": 0.5, "city_department": 0.35, "city": 0.8}
    chance = chances[level] * (0.5 + busy)
    table = {}
    for group, factor in zip(REVIEW_GROUPS, (1.0, 0.6, 0.4)):
        cases = 0
        if rng.random() < chance * factor:
            cases = 1 + int(rng.expovariate(1 / (1 + new_requests * 0.03 * factor)))
        counts = split(cases, OUTCOME_WEIGHTS, rng)
        table[group] = dict(zip(OUTCOMES, counts + [cases]))
    return table


def break_relation(relation: str, requests: dict[str, list[Any]], review: dict[str, dict[str, int]], rng: random.Random) -> None:
    """Change figures in place so that exactly the named relation fails, every other holding."""
    delta = rng.randint(1, 3)
    column = rng.randrange(6)
    if relation == "applicant_sum":
        # +delta on both sides of one column's identity: only the row sums to 总计 fail.
        requests["new"][column] += delta
        requests["carried_forward"][column] += delta
    elif relation == "identity":
        # More carried forward than the rows allow, consistently across the row.
        requests["carried_forward"][column] += delta
        requests["carried_forward"][6] += delta
    elif relation == "result_sum":
        requests["granted"][column] += delta
        requests["granted"][6] += delta
    elif relation == "review_sum":
        group = rng.choice(REVIEW_GROUPS)
        review[group]["total"] += delta
    else:
        raise ValueError(f"unknown relation: {relation}")


def _item_counts(base: int, rng: random.Random) -> dict[str, int]:
    """A 2019 table 二 item: last year's count, this year's change, and decisions taken."""
    return {"previous_count": rng.randint(0, base), "change": rng.randint(0, 5), "decisions": rng.randint(0, base * 20)}


def active_table(fmt: str, level: str, rng: random.Random) -> dict[str, dict[str, Any]]:
    """Table 二 figures for the template (keys as in template.ACTIVE_2019 / ACTIVE_2021)."""
    big = level in ("county", "city")
    docs = rng.randint(0, 25) if big else rng.choice([0, 0, 0, 1, 2])
    if fmt == "2019":
        return {
            "rules": {"new_made": 0, "new_published": 0, "total_published": 0},
            "normative_documents": {"new_made": docs, "new_published": docs,
                                    "total_published": docs + rng.randint(0, 80)},
            "licensing": _item_counts(60 if big else 15, rng), "other_services": _item_counts(120 if big else 30, rng),
            "punishment": _item_counts(40 if big else 5, rng), "enforcement": _item_counts(10 if big else 2, rng),
            "fees": {"previous_count": rng.randint(0, 6), "change": 0},
            "procurement": {"items": rng.randint(0, 30), "amount": round(rng.uniform(0, 900), 2)},
        }
    return {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": docs, "repealed": rng.randint(0, 3), "in_force": docs + rng.randint(0, 80)},
        "licensing": {"decisions": rng.randint(0, 4000 if big else 200)},
        "punishment": {"decisions": rng.randint(0, 800 if big else 40)},
        "enforcement": {"decisions": rng.randint(0, 60 if big else 5)},
        "fees": {"amount_10k_yuan": round(rng.uniform(0, 300), 2) if rng.random() < 0.3 else 0},
    }
