"""Precision and recall of the cross-report detectors against the synthetic generator's planted truth."""

from __future__ import annotations

import datetime
from collections import Counter
from math import comb

from analyzers.years.analysis import YearsAnalysis
from indexer.synth.years import YearsTruth

REFERENCE = datetime.date(2026, 6, 1)  # after every synthetic year's deadline (2025's: 2026-03-31)


def precision_recall(predicted: set, truth: set) -> tuple[float, float]:
    """(precision, recall), 1.0 where there is nothing to find or nothing was claimed."""
    hits = len(predicted & truth)
    return (hits / len(predicted) if predicted else 1.0), (hits / len(truth) if truth else 1.0)


def unit_pairs(analysis: YearsAnalysis, truth: YearsTruth) -> tuple[float, float]:
    """Pairwise precision and recall of 'these two reports are one unit' (dated reports)."""
    ids = [r for r in truth.unit_of if r in analysis.unit_of]
    cells = Counter((analysis.unit_of[r], truth.unit_of[r]) for r in ids)
    predicted = Counter(analysis.unit_of[r] for r in ids)
    actual = Counter(truth.unit_of[r] for r in ids)
    hits = sum(comb(n, 2) for n in cells.values())
    claimed, real = sum(comb(n, 2) for n in predicted.values()), sum(comb(n, 2) for n in actual.values())
    return hits / claimed if claimed else 1.0, hits / real if real else 1.0


def _counted(analysis: YearsAnalysis) -> dict[str, dict]:
    return {rid: r for rid, r in analysis.results.items() if r["counted"]}


def _failed(result: dict, prefixes: tuple[str, ...]) -> bool:
    return any(not c["ok"] for c in result.get("cross_year_checks", []) if c["id"].startswith(prefixes))


def measure(analysis: YearsAnalysis, truth: YearsTruth) -> dict[str, tuple[float, float]]:
    """Every detector's (precision, recall) on one synthetic corpus."""
    counted = _counted(analysis)
    chained = {rid for rid, r in counted.items() if r.get("previous_report_id")}
    unit_truth = {u: Counter(truth.unit_of[r] for r in analysis.units[u].report_ids()).most_common(1)[0][0]
                  for u in analysis.units}
    involved = set(truth.copied_other) | set(truth.copied_other.values())
    others = {rid for rid, r in counted.items() if r["copied_from_others"]["copied"]}
    return {
        "units": unit_pairs(analysis, truth),
        "counted_report": precision_recall({(unit_truth[r["unit_id"]], r["year"], rid) for rid, r in counted.items()},
                                           {(u, y, rid) for (u, y), rid in truth.counted.items()}),
        "carry_over_break": precision_recall({r for r in chained if _failed(counted[r], ("xy_carry_over",))},
                                             truth.carry_breaks),
        "table2_break": precision_recall({r for r in chained if _failed(counted[r], ("xy_in_force", "xy_item_count"))},
                                         truth.table2_breaks),
        "late": precision_recall({r for r, v in counted.items() if v["timeliness"]["status"] == "late"},
                                 truth.late & counted.keys()),
        "unknown_date": precision_recall({r for r, v in counted.items() if v["timeliness"]["status"] == "unknown_date"},
                                         truth.unknown_date & counted.keys()),
        "missing": precision_recall({(unit_truth[m["unit_id"]], m["year"]) for m in analysis.missing(REFERENCE)},
                                    truth.missing),
        "copied_from_previous": precision_recall({r for r in chained if counted[r]["copied_from_previous"]["copied"]},
                                                 truth.copied_prev),
        "copied_from_other_unit": precision_recall(others, involved & counted.keys()),
        "unchanged_table": precision_recall({r for r in chained if any(t["table"] == "requests" for t in counted[r]["unchanged_tables"])},
                                            truth.stale),
    }
