"""Bad input: two reports of one unit for one year, a year missing in the middle, reports without a year or date.

One department (唐河县应急管理局: deadline 31 January) with hand-set years and dates:
2020 and the same report again at a second URL; 2021 published in time and re-issued
late (the re-issue is counted); no 2022; 2023 without a publication date; 2024 on the
deadline day; and two copies without a year (one also without a date). Nothing may be
counted twice, the copies without a year fill no year, and an unknown date is not on time.
"""

from __future__ import annotations

import copy

import pytest

from analyzers.years.series import Filing
from indexer.settings import load_settings
from indexer.synth.years import generate_years
from indexer.years.store import YearsStore, years_file
from tests.missing.conftest import ON, client_of, plant
from tests.missing.pages import get
from tests.units.conftest import analyse

REGION = "河南省/南阳市/唐河县"


def filing(template: dict, report_id: str, year: int | None, published_on: str | None, note: str = "") -> Filing:
    parse = copy.deepcopy(template)
    parse.update(year=year, published_on=published_on)
    if note:
        parse["sections"]["other"] = (parse["sections"]["other"] or "") + note
    return Filing(report_id, parse)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """(settings, the template parse, synthetic id of each stored report) after the first batch."""
    filings, _ = generate_years(1, seed=5)
    template = next(f.parse for f in filings if f.parse["agency"] == "唐河县应急管理局" and f.parse["year"])
    first = [filing(template, "a2020", 2020, "2021-01-20"), filing(template, "a2020-dup", 2020, "2021-01-20"),
             filing(template, "a2021", 2021, "2022-01-10"),
             filing(template, "a2021-v2", 2021, "2022-03-15", "本报告为更正版，原报告同时废止。"),
             filing(template, "a2023", 2023, None), filing(template, "a2024", 2024, "2025-01-31"),
             filing(template, "a-noyear", None, "2023-02-01"), filing(template, "a-blank", None, None)]
    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("missing-bad") / "var"))
    plant(settings, first, "first")
    analyse(settings, "first")
    return settings, template


def synthetic_ids(settings) -> dict[str, str]:
    store = YearsStore(years_file(settings))
    try:
        return {rid: url.rsplit("/", 1)[-1].removesuffix(".html")
                for rid, url in store.conn.execute("SELECT report_id, url FROM reports")}
    finally:
        store.close()


@pytest.fixture(scope="module")
def client(archive):
    return client_of(archive[0])


def test_one_report_per_year_is_tallied_and_copies_without_a_year_count_nowhere(client):
    body = get(client, f"/api/late?region={REGION}&status=all").get_json()
    assert (body["reports"], body["late"], body["on_time"], body["unknown_date"]) == (4, 1, 2, 1)


def test_the_re_issue_is_the_late_report_and_the_original_is_not_listed(client, archive):
    ids = synthetic_ids(archive[0])
    late = get(client, f"/api/late?region={REGION}").get_json()["rows"]
    assert [(ids[r["report_id"]], r["days_late"], r["deadline"], r["published_on"]) for r in late] == \
        [("a2021-v2", 43, "2022-01-31", "2022-03-15")]
    unknown = get(client, f"/api/late?region={REGION}&status=unknown_date").get_json()["rows"]
    assert [(ids[r["report_id"]], r["days_late"], r["published_on"]) for r in unknown] == [("a2023", None, None)]
    html = get(client, f"/late/{REGION}?status=unknown_date").get_data(as_text=True)
    assert "<td>发布日期不明</td>" in html and "<td>不明</td>" in html


def test_the_middle_year_is_missing_once_with_the_counted_report_before_it(client, archive):
    ids = synthetic_ids(archive[0])
    rows = get(client, f"/api/missing?region={REGION}&on={ON}").get_json()["rows"]
    assert [(r["year"], ids[r["last_report"]["report_id"]]) for r in rows] == [(2022, "a2021-v2"), (2025, "a2024")]
    assert rows[0]["deadline"] == "2023-01-31" and rows[0]["kind"] == "department"


def test_a_new_batch_filling_the_gap_shows_on_the_pages_after_its_run(client, archive):
    settings, template = archive
    before = get(client, f"/api/missing?region={REGION}&on={ON}").get_json()["total"]
    plant(settings, [filing(template, "a2022", 2022, "2023-01-15")], "second")
    analyse(settings, "second")
    rows = get(client, f"/api/missing?region={REGION}&on={ON}").get_json()["rows"]
    assert before == 2 and [r["year"] for r in rows] == [2025]
    body = get(client, f"/api/late?region={REGION}").get_json()
    assert (body["reports"], body["late"], body["on_time"], body["unknown_date"]) == (5, 1, 3, 1)


def test_a_years_file_made_again_from_scratch_is_read_again(client, archive):
    settings, template = archive
    get(client, f"/api/missing?region={REGION}&on={ON}")
    for suffix in ("", "-wal", "-shm"):
        years_file(settings).with_name(years_file(settings).name + suffix).unlink(missing_ok=True)
    plant(settings, [filing(template, "a2025", 2025, "2026-01-20")], "third")
    analyse(settings, None)  # run ids start again at 1
    rows = get(client, f"/api/missing?region={REGION}&on={ON}").get_json()["rows"]
    assert rows == []  # 2022 filled by the second batch, 2025 by this one; 2026 is not due yet
