"""Awkward input across years: two reports for one year, gaps, no year, no date, no name; batches."""

from __future__ import annotations

import copy
import random
import datetime

from analyzers.years.analysis import YearsAnalysis
from analyzers.years.series import Filing
from analyzers.years.units import unit_key
from indexer.synth.years import generate_years

REGION = {"province": "江苏省", "city": "宿迁市", "county": "沭阳县", "town": None, "code": "321322"}


def report(year: int | None, agency: str = "沭阳县发展和改革局", published: str | None = "default", **rows) -> dict:
    """A small parse: agency, year, date and the two carry cells of table 三's total column."""
    cells = {key: [None] * 6 + [value] for key, value in rows.items()}
    return {"agency": agency, "region": REGION, "year": year, "format": "2021",
            "published_on": f"{year + 1}-01-20" if published == "default" and year else (None if published == "default" else published),
            "sections": {"overview": f"{year}年，本局认真贯彻落实条例，全面推进政务公开工作，取得明显成效。"},
            "requests": {"rows": cells}}


def test_abbreviated_and_full_names_of_one_body_share_a_unit_with_the_reason():
    short, full = unit_key("沭阳县发改局", REGION), unit_key("沭阳县发展和改革局", REGION)
    assert short.unit_id == full.unit_id == "321322:发改局"
    assert [s.rule for s in full.steps] == ["abbreviation", "region_prefix"]


def test_a_zone_committee_and_the_zone_named_alone_are_one_government():
    region = {"province": "福建省", "city": "福州市", "county": "平潭县", "code": "350128"}
    assert unit_key("平潭综合实验区管委会", region).unit_id == unit_key("平潭综合实验区", region).unit_id == "350128:政府"


def test_the_same_report_at_two_urls_is_counted_once():
    parse = report(2022, carried_forward=2)
    analysis = YearsAnalysis()
    analysis.add([Filing("b", parse, "https://two/"), Filing("a", parse, "https://one/"), Filing("c", report(2023, carried_over=2))])
    unit = analysis.units["321322:发改局"]
    assert unit.primary[2022].report_id == "a"
    assert unit.versions[2022] == [{"report_id": "b", "url": "https://two/", "kind": "duplicate", "counted": "a"}]
    assert analysis.results["b"]["counted"] is False and "another report (a)" in analysis.results["b"]["why"]
    assert [c["ok"] for c in analysis.results["c"]["cross_year_checks"]] == [True]


def test_a_reissued_version_replaces_the_first_and_its_date_counts():
    first = report(2022, published="2023-01-20")
    second = copy.deepcopy(first)
    second["published_on"] = "2023-02-15"
    second["sections"]["overview"] += "本报告为更正版。"
    analysis = YearsAnalysis()
    analysis.add([Filing("first", first), Filing("second", second)])
    assert analysis.units["321322:发改局"].versions[2022][0]["kind"] == "version"
    assert analysis.results["second"]["timeliness"]["status"] == "late"
    assert analysis.results["first"]["counted"] is False


def test_a_year_missing_from_the_middle_is_not_bridged_and_is_listed_once():
    analysis = YearsAnalysis()
    analysis.add([Filing("y20", report(2020, carried_forward=1)), Filing("y22", report(2022, carried_over=5))])
    assert analysis.results["y22"]["cross_year_checks"] == []
    missing = analysis.missing(datetime.date(2026, 1, 1))
    assert [(m["year"], m["last_report"]["report_id"]) for m in missing] == [(2021, "y20"), (2023, "y22")]


def test_a_report_without_a_year_joins_its_unit_but_no_chain():
    analysis = YearsAnalysis()
    analysis.add([Filing("dated", report(2022)), Filing("undated", report(None))])
    result = analysis.results["undated"]
    assert result["counted"] is False and result["timeliness"]["status"] == "unknown_year"
    assert [f.report_id for f in analysis.units["321322:发改局"].undated] == ["undated"]


def test_an_unknown_publication_date_is_never_on_time():
    analysis = YearsAnalysis()
    analysis.add([Filing("nodate", report(2022, published=None))])
    assert analysis.results["nodate"]["timeliness"]["status"] == "unknown_date"
    assert "不能认定按时发布" in analysis.results["nodate"]["timeliness"]["message"]


def test_a_report_without_an_agency_name_is_set_aside_with_the_reason():
    analysis = YearsAnalysis()
    analysis.add([Filing("anon", report(2022, agency=""))])
    assert analysis.skipped == [{"report_id": "anon", "reason": "no agency name: the report belongs to no unit"}]
    assert analysis.results["anon"]["counted"] is False


def test_batches_give_the_same_results_as_one_run_and_touch_only_their_neighbours():
    filings, _ = generate_years(120, seed=11)
    whole = YearsAnalysis()
    whole.add(filings)
    late_years = [f for f in filings if f.year == 2025]
    early = [f for f in filings if f.year != 2025]
    stepwise = YearsAnalysis()
    stepwise.add(early)
    touched = stepwise.add(late_years)
    assert stepwise.results == whole.results
    assert {stepwise.filings[r].year for r in touched} <= {2024, 2025}
    assert len(touched) < len(filings) / 3


def test_a_city_prefix_goes_but_a_town_keeps_a_name_shared_with_its_city():
    county = {"province": "陕西省", "city": "安康市", "county": "镇坪县", "code": "610927"}
    assert unit_key("安康市镇坪县卫生健康委员会", county).unit_id == unit_key("镇坪县卫健委", county).unit_id
    city = {"province": "辽宁省", "city": "朝阳市", "county": "双塔区", "code": "211302"}
    assert unit_key("朝阳镇人民政府", city).unit_id == "211302:朝阳镇政府"


def test_batches_in_any_order_end_with_the_results_of_one_run():
    filings, _ = generate_years(120, seed=13)
    whole = YearsAnalysis()
    whole.add(filings)
    shuffled = list(filings)
    random.Random(1).shuffle(shuffled)
    stepwise = YearsAnalysis()
    for start in range(0, len(shuffled), len(shuffled) // 3 + 1):
        stepwise.add(shuffled[start:start + len(shuffled) // 3 + 1])
    assert stepwise.results == whole.results


def test_a_report_whose_region_was_not_resolved_joins_the_unit_of_the_same_full_name():
    unresolved = dict(report(2021), region={"province": None, "city": None, "county": None, "town": None, "code": None})
    analysis = YearsAnalysis()
    analysis.add([Filing("uncoded", unresolved)])
    assert analysis.results["uncoded"]["unit_id"] == "?:沭阳县发改局"
    analysis.add([Filing("coded", report(2022))])
    assert analysis.results["uncoded"]["unit_id"] == "321322:发改局"
    assert analysis.units["321322:发改局"].merges[-1]["how"] == "same full name; region not resolved in this report"


def test_a_report_taken_in_again_replaces_its_earlier_parse_everywhere():
    filings, _ = generate_years(60, seed=17)
    analysis = YearsAnalysis()
    analysis.add(filings)
    again = [Filing(f.report_id, dict(f.parse, agency=f.parse["agency"] + "（更名）"), f.url) for f in filings[:40]]
    analysis.add(again)
    fresh = YearsAnalysis()
    fresh.add(again + filings[40:])
    assert analysis.results == fresh.results
    assert {u: sorted(unit.report_ids()) for u, unit in analysis.units.items()} == \
        {u: sorted(unit.report_ids()) for u, unit in fresh.units.items()}


def test_a_title_only_filing_fills_its_year_without_checks():
    title_only = {"agency": "沭阳县发展和改革局", "region": REGION, "year": 2021, "format": None, "published_on": None}
    analysis = YearsAnalysis()
    analysis.add([Filing("y20", report(2020, carried_forward=1)), Filing("title", title_only),
                  Filing("y22", report(2022, carried_over=1))])
    assert analysis.missing(datetime.date(2023, 6, 1)) == []
    assert analysis.results["title"]["cross_year_checks"] == [] and analysis.results["title"]["counted"]
    assert analysis.results["y22"]["cross_year_checks"] == []  # nothing to chain to in 2021's title-only filing


def test_two_divisions_sharing_a_code_keep_their_governments_apart():
    zone = {"province": "河南省", "city": "平顶山市", "county": "平顶山高新技术产业开发区", "code": "410471"}
    other = dict(zone, county="平顶山市城乡一体化示范区")
    first, second = unit_key("平顶山高新技术产业开发区人民政府", zone), unit_key("平顶山市城乡一体化示范区人民政府", other)
    assert first.unit_id == "410471/平顶山高新技术产业开发区:政府" and first.unit_id != second.unit_id


def test_every_printed_name_of_a_unit_says_how_it_became_the_unit_name():
    analysis = YearsAnalysis()
    analysis.add([Filing("a", report(2021, agency="宿迁市沭阳县发改局")), Filing("b", report(2022))])
    notes = {note["name"]: [step["rule"] for step in note["steps"]] for note in analysis.units["321322:发改局"].merges}
    assert notes == {"宿迁市沭阳县发改局": ["region_prefix"], "沭阳县发展和改革局": ["abbreviation", "region_prefix"]}
