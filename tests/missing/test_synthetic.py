"""Missing and late reports of synthetic units with planted truths, read back from the pages' API (goal ≥ 0.95).

The generator plants late and undated publications, years missing at the end and in the
middle, duplicates at a second URL, re-issued versions and copies without a year
(indexer/synth/years.py); `nianbao years` analyses them from the catalog and the pages
list them. Precision and recall are printed (run with -s).
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from indexer.years.regional import Verdicts
from indexer.years.store import YearsStore, years_file
from tests.missing.conftest import client_of
from tests.missing.pages import LATE_ROW, MISSING_ROW, api_rows, csv_rows, get, html_rows
from tests.years.measure import REFERENCE, precision_recall

GOAL = 0.95
ON = REFERENCE.isoformat()  # after every synthetic year's deadline (2025's: 2026-03-31), before 2026's


@pytest.fixture(scope="module")
def client(synthetic):
    return client_of(synthetic[0])


@pytest.fixture(scope="module")
def unit_truth(synthetic) -> dict[str, int]:
    """Stored unit id → the planted unit most of its reports come from."""
    settings, truth, synthetic_of = synthetic
    store = YearsStore(years_file(settings))
    try:
        rows = store.conn.execute("SELECT report_id, unit_id FROM reports WHERE unit_id IS NOT NULL").fetchall()
    finally:
        store.close()
    votes: dict[str, Counter] = {}
    for report_id, unit_id in rows:
        votes.setdefault(unit_id, Counter())[truth.unit_of[synthetic_of[report_id]]] += 1
    return {unit_id: counter.most_common(1)[0][0] for unit_id, counter in votes.items()}


def same_report(synthetic_id: str) -> str:
    """A duplicate at a second URL is the same report: which copy is counted is a tie the catalog ids break."""
    return synthetic_id.removesuffix("-dup")


@pytest.fixture(scope="module")
def scores(client, synthetic, unit_truth) -> dict[str, tuple[float, float]]:
    _, truth, synthetic_of = synthetic
    counted = set(truth.counted.values())
    _, missing = api_rows(client, f"/api/missing?on={ON}")
    _, late = api_rows(client, "/api/late?status=late")
    _, unknown = api_rows(client, "/api/late?status=unknown_date")
    found = {
        "missing": precision_recall({(unit_truth[r["unit_id"]], r["year"]) for r in missing}, truth.missing),
        "late": precision_recall({same_report(synthetic_of[r["report_id"]]) for r in late}, truth.late & counted),
        "unknown_date": precision_recall({same_report(synthetic_of[r["report_id"]]) for r in unknown}, truth.unknown_date & counted),
    }
    for name, (precision, recall) in found.items():
        print(f"pages: {name:14s} precision {precision:.3f} recall {recall:.3f}")
    return found


@pytest.mark.parametrize("detector", ["missing", "late", "unknown_date"])
def test_the_pages_find_what_was_planted(scores, detector):
    precision, recall = scores[detector]
    assert precision >= GOAL and recall >= GOAL, f"{detector}: precision {precision:.3f}, recall {recall:.3f}"


def test_every_counted_report_is_tallied_once_and_each_region_sums_its_children(client, synthetic):
    _, truth, _ = synthetic
    nation = get(client, "/api/late").get_json()
    assert nation["reports"] == len(truth.counted)  # one per unit and year: no duplicate, version or undated copy
    assert nation["reports"] == nation["late"] + nation["on_time"] + nation["unknown_date"]
    html = get(client, "/late/").get_data(as_text=True)
    provinces = sorted(set(re.findall(r'<tr data-region="([^"/]+)">', html)))
    assert provinces
    total = [0, 0, 0, 0]
    for province in provinces:
        body = get(client, f"/api/late?region={province}").get_json()
        for i, key in enumerate(("reports", "late", "on_time", "unknown_date")):
            total[i] += body[key]
    assert total == [nation["reports"], nation["late"], nation["on_time"], nation["unknown_date"]]


def test_page_csv_and_api_agree_over_several_pages(client):
    _, rows = api_rows(client, f"/api/missing?on={ON}", size=40)
    assert len(rows) > 80  # three pages at least
    page = html_rows(client, f"/missing/?on={ON}&size=40", MISSING_ROW)
    table = [(r["单位编号"], r["未见报告的年度"], r["最近一份报告编号"]) for r in csv_rows(client, f"/missing.csv?on={ON}")]
    assert page == table == [(r["unit_id"], str(r["year"]), r["last_report"]["report_id"]) for r in rows]
    _, late = api_rows(client, "/api/late?status=all", size=40)
    late_page = html_rows(client, "/late/?status=all&size=40", LATE_ROW)
    late_csv = csv_rows(client, "/late.csv?status=all")
    assert late_page == [(r["report_id"], r["status"]) for r in late] and len(late_csv) == len(late) > 40
    assert [r["报告编号"] for r in late_csv] == [r["report_id"] for r in late]


def test_the_year_filter_keeps_only_that_year(client):
    _, rows = api_rows(client, f"/api/missing?on={ON}")
    year = Counter(r["year"] for r in rows).most_common(1)[0][0]
    _, only = api_rows(client, f"/api/missing?on={ON}&year={year}")
    assert only == [r for r in rows if r["year"] == year]
    _, late = api_rows(client, f"/api/late?year={year}")
    assert late and {r["year"] for r in late} == {year} and all(r["days_late"] > 0 for r in late)


def test_the_pictures_verdicts_are_the_stored_ones(synthetic):
    settings = synthetic[0]
    store = YearsStore(years_file(settings))
    try:
        rows = store.conn.execute("SELECT agency, year, published_on, result_json FROM reports"
                                  " WHERE counted = 1 AND year IS NOT NULL").fetchall()
    finally:
        store.close()
    verdict = Verdicts()
    for agency, year, published_on, result in rows:
        stored = json.loads(result)["timeliness"]
        assert verdict(agency, year, published_on) == (stored["kind"], stored["status"], stored["deadline"],
                                                       stored["days_late"])
    assert len(rows) > 1000
