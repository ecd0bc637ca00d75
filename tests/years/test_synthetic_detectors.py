"""Each cross-report detector finds what the synthetic generator planted (precision and recall >= 0.95)."""

from __future__ import annotations

import pytest

from analyzers.years.analysis import YearsAnalysis
from analyzers.years.units import load_aliases
from indexer.synth.years import generate_years
from tests.years.measure import measure

GOAL = 0.95


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[float, float]]:
    """Precision and recall of every detector on 600 synthetic units (printed with -s)."""
    filings, truth = generate_years(600, seed=7)
    analysis = YearsAnalysis(aliases=load_aliases("\n".join(truth.aliases_tsv)))
    analysis.add(filings)
    found = measure(analysis, truth)
    for name, (precision, recall) in found.items():
        print(f"{name:24s} precision {precision:.3f} recall {recall:.3f}")
    return found


@pytest.mark.parametrize("detector", ["units", "counted_report", "carry_over_break", "table2_break", "late",
                                      "unknown_date", "missing", "copied_from_previous",
                                      "copied_from_other_unit", "unchanged_table"])
def test_detector_meets_the_precision_and_recall_goal(scores, detector):
    precision, recall = scores[detector]
    assert precision >= GOAL and recall >= GOAL, f"{detector}: precision {precision:.3f}, recall {recall:.3f}"
