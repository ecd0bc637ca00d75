"""The generated truth: determinism, template arithmetic, labelled breaks, real regions, spread."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from analyzers.gazetteer import load_gazetteer
from analyzers.issues import ISSUE_TAGS, issue_tags
from indexer.synth import SYNTHETIC_MARK, generate_reports, make_report
from indexer.synth.checks import broken_relations, evaluate
from indexer.synth.numbers import RELATIONS
from indexer.synth.phrases import PROBLEMS
from indexer.synth.template import COLUMNS, ROW_KEYS, result_rows
from indexer.synth.text import PROBLEMS_LABEL

SAMPLE = 400


@pytest.fixture(scope="module")
def reports():
    """A sample with a high break share, so every relation kind is broken several times."""
    return list(generate_reports(SAMPLE, seed=11, inconsistent_share=0.25))


def test_same_seed_gives_identical_truth():
    first = [json.dumps(r.truth, ensure_ascii=False, sort_keys=True) for r in generate_reports(30, seed=5)]
    second = [json.dumps(r.truth, ensure_ascii=False, sort_keys=True) for r in generate_reports(30, seed=5)]
    assert first == second


def test_different_seeds_give_different_reports():
    ids = {r.report_id for r in generate_reports(20, seed=1)}
    assert ids.isdisjoint({r.report_id for r in generate_reports(20, seed=2)})
    assert make_report(1, 3).truth != make_report(2, 3).truth


def test_a_report_does_not_depend_on_how_many_come_before_it():
    assert list(generate_reports(8, seed=4))[7].truth == make_report(4, 7).truth


def test_consistent_reports_hold_every_relation(reports):
    consistent = [r.truth for r in reports if r.truth["expected_consistent"]]
    assert consistent
    for truth in consistent:
        rows = truth["requests"]["rows"]
        assert all(check["ok"] for check in truth["checks"]), truth["agency"]
        for i in range(7):
            assert rows["new"][i] + rows["carried_over"][i] == rows["processed_total"][i] + rows["carried_forward"][i]
            assert sum(rows[key][i] for key in result_rows(truth["format"])) == rows["processed_total"][i]
        for key, cells in rows.items():
            if cells[6] is not None:
                assert sum(cells[:6]) == cells[6], key
        for group in truth["review_litigation"].values():
            assert group["upheld"] + group["corrected"] + group["other"] + group["pending"] == group["total"]


def test_inconsistent_reports_break_exactly_their_labelled_relation(reports):
    broken = [r.truth for r in reports if not r.truth["expected_consistent"]]
    assert {t["broken_relation"] for t in broken} == set(RELATIONS)
    for truth in broken:
        recomputed = evaluate(truth["format"], truth["requests"]["rows"], truth["review_litigation"])
        assert broken_relations(recomputed) == {truth["broken_relation"]}
        assert recomputed == truth["checks"]


def test_inconsistent_share_is_close_to_the_requested_share():
    sample = list(generate_reports(2000, seed=3))
    share = sum(not r.truth["expected_consistent"] for r in sample) / len(sample)
    assert 0.03 <= share <= 0.07


def test_zero_share_gives_only_consistent_reports():
    assert all(r.truth["expected_consistent"] for r in generate_reports(200, seed=9, inconsistent_share=0.0))


def test_regions_are_real_gazetteer_chains(reports):
    gazetteer = load_gazetteer()
    for report in reports:
        region = report.truth["region"]
        deepest = region["town"] or region["county"] or region["city"]
        chains = [{p.level: p.name for p in gazetteer.chain(place)} for place in gazetteer.lookup(deepest)]
        wanted = {level: region[level] for level in ("province", "city", "county", "town") if region[level]}
        assert any(all(chain.get(k) == v for k, v in wanted.items()) for chain in chains), region
        assert deepest in report.truth["agency"]


def test_truth_has_the_design_shape_and_synthetic_marks(reports):
    for report in reports[:50]:
        truth = report.truth
        assert truth["synthetic"] is True
        assert truth["title"].endswith(SYNTHETIC_MARK)
        assert truth["requests"]["columns"] == COLUMNS
        assert set(truth["requests"]["rows"]) == set(ROW_KEYS)
        assert set(truth["sections"]) == {"overview", "active", "requests", "review", "problems", "other"}
        assert truth["published_on"].startswith(str(truth["year"] + 1))


def test_the_2019_template_has_one_other_row_and_2021_three(reports):
    by_format = {r.truth["format"]: r.truth["requests"]["rows"] for r in reports}
    assert by_format["2019"]["other_misc"] == [None] * 7
    assert by_format["2019"]["other_total"][6] is not None
    rows = by_format["2021"]
    assert rows["other_total"] == [
        rows["other_overdue_correction"][i] + rows["other_overdue_fee"][i] + rows["other_misc"][i] for i in range(7)
    ]


def test_corpus_spreads_over_years_levels_templates_and_issue_tags(reports):
    truths = [r.truth for r in reports]
    assert {t["year"] for t in truths} == set(range(2019, 2026))
    assert set(Counter(t["agency_level"] for t in truths)) == {
        "town", "county", "county_department", "city", "city_department"}
    assert {tag for t in truths for tag in t["issue_tags"]} == set(ISSUE_TAGS)
    agencies = [t["agency"] for t in truths]
    assert any(a.endswith("镇人民政府") for a in agencies) and any(a.endswith("街道办事处") for a in agencies)


def test_most_towns_get_few_requests_and_some_counties_hundreds():
    truths = [r.truth for r in generate_reports(1500, seed=21)]
    towns = [t["requests"]["rows"]["new"][6] for t in truths if t["agency_level"] == "town"]
    counties = [t["requests"]["rows"]["new"][6] for t in truths if t["agency_level"] == "county"]
    assert sum(n <= 5 for n in towns) / len(towns) > 0.8
    assert max(counties) >= 100


def test_negative_count_is_refused():
    with pytest.raises(ValueError):
        list(generate_reports(-1))


def test_issue_tags_of_the_truth_are_what_the_tagger_finds_in_section_five(reports):
    for report in reports:
        truth = report.truth
        assert issue_tags(truth["sections"]["problems"]) == truth["issue_tags"], truth["sections"]["problems"]
        assert issue_tags(PROBLEMS_LABEL + "\n" + truth["sections"]["problems"]) == truth["issue_tags"]


def test_every_problem_phrase_carries_only_its_own_tag():
    for tag, (_, problems, _) in PROBLEMS.items():
        for phrase in problems:
            assert issue_tags(f"（一）存在的主要问题\n一是{phrase}。") == [tag], phrase


def test_an_agency_reports_several_years_in_a_row():
    truths = [report.truth for report in generate_reports(8, seed=5)]
    first, second = truths[:4], truths[4:]
    assert len({t["agency"] for t in first}) == 1 and len({t["year"] for t in first}) == 4
    assert first[0]["agency"] != second[0]["agency"]


def test_no_synthetic_body_is_placed_where_the_regulations_do_not_apply():
    from indexer.synth import generate_reports
    from indexer.synth.regions import OUTSIDE_REGULATIONS

    provinces = {r.truth["region"]["province"] for r in generate_reports(2000, seed=5)}
    assert len(provinces) > 25 and not provinces & OUTSIDE_REGULATIONS
