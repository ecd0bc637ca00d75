"""On real Pingtan reports over several years: units merge, chains and copy shares hold as read by hand."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from analyzers.errors import ReportError
from analyzers.report import parse_report
from analyzers.years.analysis import YearsAnalysis
from analyzers.years.copies import passages
from analyzers.years.diff import year_over_year
from analyzers.years.series import Filing

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
DEV = {"07.src": "czj-2024", "08.src": "gaj-2022", "20.src": "gaj-2021", "12.src": "htpq-2019",
       "17.src": "htpq-2025", "22.src": "shs-2025", "04.src": "gov-2019", "27.src": "gov-2017", "11.src": "syfgj-2023"}


@pytest.fixture(scope="module")
def corpus() -> tuple[YearsAnalysis, dict[str, dict], list[str]]:
    """The Pingtan reports of shared/corpus-years and corpus-dev, parsed and analysed together."""
    if not (SHARED / "corpus-years").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED}/corpus-years is missing in CI")
        pytest.skip(f"shared corpus not found at {SHARED}/corpus-years")
    paths = {p.stem: p for p in (SHARED / "corpus-years").glob("*.txt")}
    paths.update({name: SHARED / "corpus-dev" / file for file, name in DEV.items()})
    parses, failed, filings = {}, [], []
    for name, path in sorted(paths.items()):
        try:
            parses[name] = parse_report(path.read_bytes(), filename=path.name, with_keywords=False).to_dict()
        except ReportError:
            failed.append(name)  # one unreadable report never stops the batch
            continue
        filings.append(Filing(name, parses[name]))
    analysis = YearsAnalysis()
    analysis.add(filings)
    return analysis, parses, failed


def test_each_pingtan_unit_gathers_its_years_under_one_id(corpus):
    analysis, _, _ = corpus
    years = {unit_id: unit.years() for unit_id, unit in analysis.units.items()}
    assert years["350128:财政金融局"] == [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    assert years["350128:社会事业局"] == [2019, 2021, 2022, 2025]
    assert years["350128:公安局"] == [2020, 2021, 2022]  # 2020: a title-only page, kept as a partial report
    assert years["350128:海坛片区管理局"] == [2019, 2020, 2023, 2025]
    assert years["350128:政府"] == [2017, 2019]


def test_a_report_page_without_a_body_fills_its_year_as_a_partial_report(corpus):
    analysis, parses, failed = corpus
    assert failed == [] and len(analysis.results) == 21
    assert any(w.startswith("partial:") for w in parses["gaj-2020"]["warnings"])
    assert parses["gaj-2020"]["requests"]["rows"]["new"] == [None] * 7  # no numbers it does not show


def test_carry_over_links_hold_as_read_by_hand(corpus):
    analysis, _, _ = corpus
    for name, previous in [("czj-2020", "czj-2019"), ("czj-2025", "czj-2024"), ("shs-2022", "shs-2021"),
                           ("gaj-2022", "gaj-2021"), ("htpq-2020", "htpq-2019")]:
        result = analysis.results[name]
        check = next(c for c in result["cross_year_checks"] if c["id"] == "xy_carry_over_total")
        assert result["previous_report_id"] == previous and check["ok"], check
    gaj = next(c for c in analysis.results["gaj-2022"]["cross_year_checks"] if c["id"] == "xy_carry_over_total")
    assert (gaj["left"], gaj["right"]) == (1, 1)


def test_years_missing_between_reports_are_never_bridged(corpus):
    analysis, _, _ = corpus
    assert analysis.results["htpq-2023"]["cross_year_checks"] == []
    assert analysis.results["shs-2021"]["previous_report_id"] is None
    assert analysis.units["350128:海坛片区管理局"].gaps() == [2021, 2022, 2024]


def test_the_in_force_chain_flags_the_finance_bureau_2022_figures(corpus):
    analysis, _, _ = corpus
    check = next(c for c in analysis.results["czj-2022"]["cross_year_checks"] if c["id"] == "xy_in_force_normative_documents")
    assert (check["left"], check["right"], check["ok"]) == (11, 8, False)  # 3 in force + 8 issued - 0 repealed


def test_finance_bureau_reports_from_2022_on_repeat_their_previous_text(corpus):
    analysis, parses, _ = corpus
    shares = {n: analysis.results[n]["copied_from_previous"]["share"] for n in ("czj-2020", "czj-2023", "czj-2024", "czj-2025")}
    assert shares["czj-2023"] >= 0.85 and shares["czj-2024"] >= 0.85 and shares["czj-2025"] >= 0.85
    assert shares["czj-2020"] < 0.5
    repeated = passages(parses["czj-2025"], analysis.results["czj-2025"]["copied_from_previous"]["spans"])
    assert any("不子公开" in passage for passage in repeated)  # 2024's typo, kept in 2025
    figures = analysis.results["czj-2025"]["copied_from_previous"]["unchanged_figures"]
    assert passages(parses["czj-2025"], [[i, i + 1] for i in figures]) == ["办结依申请2件,", "其中公开答复1件,"]


def test_all_pingtan_reports_are_on_time_and_the_undated_one_is_not(corpus):
    analysis, _, _ = corpus
    statuses = {name: r["timeliness"]["status"] for name, r in analysis.results.items()}
    assert statuses["czj-2023"] == "on_time"  # published 2024-01-31, the last day for a department
    assert {s for n, s in statuses.items() if n != "syfgj-2023"} == {"on_time"}
    assert analysis.results["czj-2023"]["timeliness"]["kind"] == "department"
    assert analysis.results["gov-2019"]["timeliness"]["kind"] == "government"


def test_missing_years_name_the_last_report_seen(corpus):
    analysis, _, _ = corpus
    rows = {(m["unit_id"], m["year"]): m for m in analysis.missing(datetime.date(2026, 6, 1))}
    assert rows[("350128:社会事业局", 2020)]["last_report"]["report_id"] == "shs-2019"
    assert ("350128:财政金融局", 2024) not in rows and ("350128:财政金融局", 2026) not in rows


def test_the_year_over_year_diff_shows_changed_cells_and_sentences(corpus):
    _, parses, _ = corpus
    diff = year_over_year(parses["czj-2022"], parses["czj-2023"])
    changed = {(c["table"], c["row"], c["column"]): (c["before"], c["after"]) for c in diff["tables"]}
    assert changed[("requests", "new", "total")] == (1, 0)
    assert changed[("active_disclosure", "normative_documents", "issued")] == (8, 0)
    assert diff["narrative"]["overview"]["ratio"] > 0.5 and diff["note"] is None
