"""Synthetic samples (合成样例) on the missing, late and region lateness pages: left out of a real archive.

A mixed archive holds the real seed reports and the Pingtan ones of ../shared/corpus-years
(the seeds give the late listing rows: undated reports), synthetic units
whose parses say `synthetic` (indexer.synth.years) and rendered demo samples ingested into
the demo's batch (portal.demo: their parses do not say it; the batch does). Its default
view must list exactly what the same real reports list alone; with the setting
`portal_samples_in_default_view` on, the samples join them, each labelled; an archive of
samples only shows them, labelled. Unit pages of sample units stay reachable.
"""

from __future__ import annotations

import re
import shutil
import sqlite3

import pytest

from indexer.archive import open_archive
from indexer.settings import load_settings
from indexer.synth.years import generate_years
from indexer.years import loading
from indexer.years.regional import NO_SAMPLES, SAMPLES_HIDDEN, SAMPLES_SHOWN, load_regional
from indexer.years.store import YearsStore, years_file
from portal.demo import SYNTHETIC_BATCH, write_synthetic
from tests.conftest import CORPUS_YEARS_DIR, SEEDS_DIR, shared_folder
from tests.missing.conftest import ON, client_of, index, plant
from tests.missing.pages import api_rows, csv_rows, get, html_rows, LATE_ROW, MISSING_ROW
from tests.missing.test_real_units import lateness_rows
from tests.units.conftest import analyse, ingest

BADGE = 'class="badge badge-synthetic"'
REAL_BATCH, PLANTED_BATCH = "years", "synthetic"


def real_archive(root) -> object:
    """Settings of an archive of the real seed and corpus-years reports, analysed."""
    settings = load_settings(env={}, data_dir=str(root / "var"))
    ingest(settings, [SEEDS_DIR, shared_folder(CORPUS_YEARS_DIR)], REAL_BATCH)
    analyse(settings, REAL_BATCH)
    return settings


@pytest.fixture(scope="module")
def real_only(tmp_path_factory):
    """The same real reports alone: what the mixed archive's default view must show."""
    settings = real_archive(tmp_path_factory.mktemp("samples-real"))
    index(settings)
    return settings


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """The real reports, 40 planted synthetic units and 12 rendered demo samples, analysed and indexed."""
    root = tmp_path_factory.mktemp("samples-mixed")
    settings = real_archive(root)
    filings, _truth = generate_years(40, seed=7)
    plant(settings, filings, PLANTED_BATCH)
    write_synthetic(root / "demo", 12, seed=3)
    ingest(settings, [root / "demo"], SYNTHETIC_BATCH)
    analyse(settings, None)
    index(settings)
    return settings


def batch_reports(settings, batch: str) -> set[str]:
    catalog, _store = open_archive(settings)
    try:
        return {document.report_id for document in catalog.iter_documents(batch)}
    finally:
        catalog.close()


def stored_flags(settings) -> dict[str, int | None]:
    store = YearsStore(years_file(settings))
    try:
        return dict(store.conn.execute("SELECT report_id, sample FROM reports").fetchall())
    finally:
        store.close()


def sample_units(settings) -> set[str]:
    store = YearsStore(years_file(settings))
    try:
        units = store.conn.execute("SELECT unit_id, MIN(sample), MAX(sample) FROM reports WHERE unit_id IS NOT NULL"
                                   " GROUP BY unit_id").fetchall()
    finally:
        store.close()
    assert all(low == high for _unit, low, high in units)  # no unit mixes real reports and samples here
    return {unit for unit, low, _high in units if low}


def listings(client) -> dict[str, list[dict]]:
    """Every row of the national missing and late listings, from the API."""
    return {"missing": api_rows(client, f"/api/missing?on={ON}")[1], "late": api_rows(client, "/api/late?status=all")[1]}


def tally(client, region: str = "") -> tuple[int, ...]:
    body = get(client, f"/api/late?region={region}").get_json()
    return body["reports"], body["late"], body["on_time"], body["unknown_date"]


@pytest.fixture(scope="module")
def default_client(mixed):
    return client_of(mixed.replace(portal_samples_in_default_view=False))


@pytest.fixture(scope="module")
def both_client(mixed):
    return client_of(mixed.replace(portal_samples_in_default_view=True))


def test_an_index_or_reindex_run_marks_the_demo_batch_as_samples_as_the_years_store_does():
    from indexer.documents import build_index_document

    report = {"title": "某县人民政府2023年政府信息公开工作年度报告", "year": 2023}  # a parse without the flag
    in_demo = build_index_document("a", report, {"batch": SYNTHETIC_BATCH, "batches": ["x", SYNTHETIC_BATCH]})
    elsewhere = build_index_document("b", report, {"batch": "x", "batches": ["x"]})
    assert (in_demo["origin"], in_demo["synthetic"]) == ("synthetic", True)
    assert (elsewhere["origin"], elsewhere["synthetic"]) == ("archive", False)
    assert loading.is_sample(report, [SYNTHETIC_BATCH]) and not loading.is_sample(report, ["x"])


def test_the_store_flags_exactly_the_samples(mixed):
    flags = stored_flags(mixed)
    planted, demo, real = (batch_reports(mixed, b) for b in (PLANTED_BATCH, SYNTHETIC_BATCH, REAL_BATCH))
    assert planted and demo and real
    assert {rid for rid, flag in flags.items() if flag == 1} == (planted | demo) & flags.keys()
    assert {rid for rid, flag in flags.items() if flag == 0} == real & flags.keys()
    assert demo <= flags.keys() and real & flags.keys()


def test_the_default_view_lists_only_the_real_units(mixed, real_only, default_client):
    alone = listings(client_of(real_only))
    shown = listings(default_client)
    assert shown == alone and alone["missing"] and alone["late"]
    assert tally(default_client) == tally(client_of(real_only))
    units = sample_units(mixed)
    assert units and not {row["unit_id"] for rows in shown.values() for row in rows} & units
    assert get(default_client, "/api/late").get_json()["samples"] == SAMPLES_HIDDEN
    for url in (f"/missing/?on={ON}", "/late/?status=all"):
        html = get(default_client, url).get_data(as_text=True)
        assert BADGE not in html and "不含合成样例" in html, url


def test_with_the_setting_on_samples_join_the_real_units_labelled(mixed, default_client, both_client):
    real, both = listings(default_client), listings(both_client)
    units = sample_units(mixed)
    for name in ("missing", "late"):
        added = [row for row in both[name] if row not in real[name]]
        assert [row for row in both[name] if not row["sample"]] == real[name], name
        assert added and all(row["sample"] and row["unit_id"] in units for row in added), name
    reports, *_ = tally(both_client)
    assert reports == tally(default_client)[0] + sum(flag == 1 for flag in counted_flags(mixed))
    body = get(both_client, "/api/late?status=all&size=1000").get_json()
    assert body["samples"] == SAMPLES_SHOWN
    html = get(both_client, f"/missing/?on={ON}&size=1000").get_data(as_text=True)
    assert html.count(BADGE) == sum(row["sample"] for row in both["missing"]) and "含<strong>合成样例</strong>" in html
    table = csv_rows(both_client, "/late.csv?status=all")
    assert [r["报告编号"] for r in table if r["合成样例"] == "是"] == [r["report_id"] for r in both["late"] if r["sample"]]
    assert len(html_rows(both_client, f"/missing/?on={ON}", MISSING_ROW)) == len(both["missing"])


def counted_flags(settings) -> list[int]:
    store = YearsStore(years_file(settings))
    try:
        return [row[0] for row in store.conn.execute("SELECT sample FROM reports WHERE counted = 1 AND year IS NOT NULL"
                                                     " AND unit_id IS NOT NULL")]
    finally:
        store.close()


def test_region_pages_tally_lateness_without_samples_unless_asked(mixed, real_only, default_client, both_client):
    alone = lateness_rows(get(client_of(real_only), "/regions/").get_data(as_text=True))
    html = get(default_client, "/regions/").get_data(as_text=True)
    assert lateness_rows(html) == alone and "不含合成样例" in html
    both = lateness_rows(get(both_client, "/regions/").get_data(as_text=True))
    assert int(both[""][0].replace(",", "")) == len(counted_flags(mixed)) > int(alone[""][0])


def test_unit_pages_of_sample_units_stay_reachable(mixed, default_client):
    for unit_id in sorted(sample_units(mixed))[:5]:
        assert get(default_client, f"/units/{unit_id}").status_code == 200


def test_an_archive_of_samples_only_shows_them_labelled(synthetic):
    settings = synthetic[0].replace(portal_samples_in_default_view=False)
    client = client_of(settings)
    body, rows = api_rows(client, f"/api/missing?on={ON}")
    assert body["samples"] == SAMPLES_SHOWN and rows and all(row["sample"] for row in rows)
    late = get(client, "/api/late?status=all&size=1000").get_json()
    assert late["rows"] and all(row["sample"] for row in late["rows"])
    html = get(client, "/late/?status=all&size=1000").get_data(as_text=True)
    assert html.count(BADGE) == len(re.findall(LATE_ROW, html)) == len(late["rows"])


def test_rows_written_before_the_column_are_real_until_a_run_fills_them(mixed, tmp_path):
    settings = mixed.replace(data_dir=str(tmp_path / "var"))
    shutil.copytree(mixed.data_dir, settings.data_dir)
    before, path = stored_flags(settings), years_file(settings)
    with sqlite3.connect(path) as conn:  # the file as the code before migration 2 left it
        conn.executescript("DROP INDEX reports_by_sample; ALTER TABLE reports DROP COLUMN sample; PRAGMA user_version = 1;")
    old = YearsStore(path, readonly=True)
    try:
        assert load_regional(old).samples == NO_SAMPLES  # every row counted, as before
    finally:
        old.close()
    YearsStore(path).close()  # a writer migrates: the column is there, empty
    assert set(stored_flags(settings).values()) == {None}
    analyse(settings, REAL_BATCH)
    assert stored_flags(settings) == before
