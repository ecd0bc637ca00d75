"""The across-years tables filled from the catalog, batch by batch, and the `nianbao years` command."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from indexer.years.store import YearsStore, years_file
from portal.cli.main import cli
from tests.units.conftest import analyse, ingest


def table_rows(settings) -> dict[str, list[tuple]]:
    store = YearsStore(years_file(settings))
    try:
        return {table: sorted(tuple(row) for row in store.conn.execute(f"SELECT * FROM {table}"))
                for table in ("reports", "units", "sentences")}
    finally:
        store.close()


def test_the_pingtan_units_gather_their_years_from_two_batches(years_store):
    years = {uid: years_store.unit(uid)["years"] for uid in
             ("350128:财政金融局", "350128:社会事业局", "350128:公安局", "350128:海坛片区管理局", "350128:政府")}
    assert years == {"350128:财政金融局": [2019, 2020, 2021, 2022, 2023, 2024, 2025],
                     "350128:社会事业局": [2019, 2021, 2022, 2025], "350128:公安局": [2020, 2021, 2022],
                     "350128:海坛片区管理局": [2019, 2020, 2023, 2025], "350128:政府": [2017, 2019]}


def test_the_carry_over_chain_holds_where_the_corpus_readme_reads_it(years_store):
    reports = {r["year"]: r for r in years_store.unit_reports("350128:财政金融局")}
    carry = [c for c in reports[2020]["result"]["cross_year_checks"] if c["id"] == "xy_carry_over_total"]
    assert carry and carry[0]["ok"] and carry[0]["previous_report_id"] == reports[2019]["report_id"]
    failed = {y for y, r in reports.items() for c in r["result"]["cross_year_checks"]
              if c["id"] == "xy_in_force_normative_documents" and not c["ok"]}
    assert failed == {2022, 2024}


def test_copy_shares_and_their_passages_are_stored_per_report(years_store):
    reports = {r["year"]: r for r in years_store.unit_reports("350128:财政金融局")}
    copied = reports[2023]["result"]["copied_from_previous"]
    # 0.89 since section 二's text no longer holds table 二's header and figures (0.90 with them)
    assert copied["copied"] and round(copied["share"], 2) == 0.89 and copied["passages"]
    assert all(p for p in copied["passages"])
    assert reports[2023]["result"]["copied_from_others"]["share"] >= 0


def test_a_batch_at_a_time_gives_the_same_tables_as_one_run_over_everything(archive_settings, tmp_path):
    batched = table_rows(archive_settings)
    whole = tmp_path / "var"
    shutil.copytree(archive_settings.data_dir, whole)
    settings = type(archive_settings)(**{**archive_settings.__dict__, "data_dir": str(whole)})
    analyse(settings, None)
    assert table_rows(settings) == batched


def test_a_batch_recomputes_only_the_units_it_touches(archive_settings, seeds_dir, tmp_path):
    data = tmp_path / "var"
    shutil.copytree(archive_settings.data_dir, data)
    settings = type(archive_settings)(**{**archive_settings.__dict__, "data_dir": str(data)})
    ingest(settings, [sorted(seeds_dir.glob("*.txt"))[0]], "one")
    summary = analyse(settings, "one")
    assert summary.documents == 1 and summary.units == 1 and not summary.failed


def test_the_cli_names_analysed_skipped_and_failed_and_refuses_an_unknown_batch(archive_settings, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_DIR", archive_settings.data_dir)
    runner = CliRunner()
    done = runner.invoke(cli, ["years", "--batch", "years"])
    assert done.exit_code == 0, done.output
    assert "documents analysed" in done.output and "skipped (not a report)" in done.output
    assert "README.md: not a report" in done.output  # gaj-2020.txt, a title-only page, is a partial report
    unknown = runner.invoke(cli, ["years", "--batch", "nope"])
    assert unknown.exit_code == 2 and "no batch named 'nope'" in unknown.output
    neither = runner.invoke(cli, ["years"])
    assert neither.exit_code == 2 and "--batch NAME or --all" in neither.output
    assert os.path.exists(os.path.join(archive_settings.data_dir, "years.sqlite3"))
    rebuilt = runner.invoke(cli, ["years", "--all"])
    assert rebuilt.exit_code == 0 and "years (whole archive):" in rebuilt.output


def test_a_stored_parse_of_an_odd_shape_fails_alone_and_the_batch_goes_on(archive_settings, seeds_dir, tmp_path):
    from indexer.archive import open_archive

    data = tmp_path / "var"
    shutil.copytree(archive_settings.data_dir, data)
    settings = type(archive_settings)(**{**archive_settings.__dict__, "data_dir": str(data)})
    ingest(settings, sorted(seeds_dir.glob("*.txt"))[:2], "odd")
    catalog, _store = open_archive(settings)
    odd = next(catalog.iter_documents("odd"))
    catalog.record_parse(odd.sha256, "odd-shape", {"agency": "某局", "region": "not a mapping", "year": 2020}, None, None)
    catalog.close()
    summary = analyse(settings, "odd")
    assert len(summary.failed) == 1 and "unusable" in summary.failed[0][1]
    assert summary.analysed == 1
    store = YearsStore(years_file(settings))
    try:  # it was analysed with the dev batch; its unusable re-parse takes it out rather than keep a stale result
        assert store.report(odd.report_id) is None
    finally:
        store.close()


def test_a_batch_copying_another_units_text_updates_that_unit_too_as_a_whole_run_would(
        archive_settings, corpus_years_dir, tmp_path):
    data = tmp_path / "var"
    shutil.copytree(archive_settings.data_dir, data)
    settings = type(archive_settings)(**{**archive_settings.__dict__, "data_dir": str(data)})
    copy = tmp_path / "jtj-2023.txt"  # the same text under another body's name: a planted cross-unit copy
    copy.write_text((corpus_years_dir / "czj-2023.txt").read_text(encoding="utf-8").replace("财政金融局", "交通运输局"),
                    encoding="utf-8")
    ingest(settings, [copy], "copy")
    summary = analyse(settings, "copy")
    assert summary.neighbours >= 1
    store = YearsStore(years_file(settings))
    original = next(r for r in store.unit_reports("350128:财政金融局") if r["year"] == 2023)
    store.close()
    others = original["result"]["copied_from_others"]
    assert others["copied"] and others["sources"][0]["unit_id"] == "350128:交通局"  # 交通运输局 by the abbreviation rule
    batched = table_rows(settings)
    analyse(settings, None)
    assert table_rows(settings) == batched


@pytest.fixture(scope="module")
def synth_archive(tmp_path_factory):
    """Settings of a catalog of 600 synthetic reports (one batch) analysed whole, and its tables."""
    from indexer.settings import load_settings

    folder = tmp_path_factory.mktemp("synth")
    made = CliRunner().invoke(cli, ["synth", "--count", "600", "--seed", "3", "--out", str(folder / "synth"),
                                    "--formats", "txt"])
    assert made.exit_code == 0, made.output
    settings = load_settings(env={}, data_dir=str(folder / "var"))
    ingest(settings, [folder / "synth"], "synth")
    analyse(settings, None)
    return settings, table_rows(settings)


def test_many_small_batches_give_the_same_tables_as_one_large_one(synth_archive, monkeypatch):
    from indexer.years import runner

    settings, whole = synth_archive
    # 100 documents at a time: the template's sentences turn common between slices, which changes
    # the cross-unit share of reports outside the slice holding them (13 of 600 differed when only
    # the holders after the change were re-compared)
    monkeypatch.setattr(runner, "ALL_SLICE", 100)
    analyse(settings, None)
    assert table_rows(settings) == whole


def test_common_sentences_found_by_one_grouped_query_give_the_same_tables(synth_archive, monkeypatch):
    from indexer.years import others

    settings, whole = synth_archive
    grouped = []  # whether each read found the year's common keys first (as for a large archive)
    monkeypatch.setattr(others, "GROUPED_FROM", 1)
    monkeypatch.setattr(others.YearHolders, "rows", lambda self, fps, rows=others.YearHolders.rows:
                        grouped.append(bool(self.common)) or rows(self, fps))
    analyse(settings, None)
    assert grouped and all(grouped)  # the template's stock sentences are common wording
    assert table_rows(settings) == whole
