"""`nianbao ingest`: inputs, summary counts on the real seeds and corpus, re-runs, bad items."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import analyzers.report
from crawl.govsite import COLUMN, build_site
from indexer.archive import open_archive
from indexer.ingest.inputs import expand_inputs
from indexer.ingest.runner import IngestRunner
from portal.cli.main import cli


def ingest(settings, paths, batch="b"):
    """Run the ingest of `paths` into a batch; return its summary counts and failures."""
    catalog, store = open_archive(settings)
    try:
        summary = IngestRunner(catalog, store, settings).run(expand_inputs([str(p) for p in paths]), batch)
    finally:
        catalog.close()
    return summary


def catalog_dump(settings) -> list[str]:
    catalog, _ = open_archive(settings)
    dump = list(catalog.conn.iterdump())
    catalog.close()
    return dump


def test_folders_are_walked_recursively_in_order_skipping_hidden_files(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    for name in ("a.txt", "b/z.txt", "b/c/y.txt", ".hidden", "b/.cache"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [item.location.removeprefix(str(tmp_path.resolve())) for item in expand_inputs([str(tmp_path)])]
    assert names == ["/a.txt", "/b/z.txt", "/b/c/y.txt"]


def test_a_file_of_urls_becomes_one_item_per_url(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("# reports\nhttps://a.gov.cn/nb/2023.htm\n\nhttps://a.gov.cn/nb/%E5%B9%B4%E6%8A%A5.pdf\n")
    items = expand_inputs([str(listing)])
    assert [(i.location, i.is_url, i.filename) for i in items] == [
        ("https://a.gov.cn/nb/2023.htm", True, "2023.htm"),
        ("https://a.gov.cn/nb/%E5%B9%B4%E6%8A%A5.pdf", True, "年报.pdf"),
    ]


def test_the_five_seeds_are_five_new_reports_and_a_rerun_changes_nothing(settings, seeds_dir):
    first = ingest(settings, [seeds_dir])
    assert first.as_dict() == {"new": 5, "unchanged": 0, "new_version": 0, "not_a_report": 0, "failed": 0}
    dump = catalog_dump(settings)
    again = ingest(settings, [seeds_dir])
    assert again.as_dict()["unchanged"] == 5
    assert catalog_dump(settings) == dump


def test_every_corpus_report_is_a_report_and_the_readme_is_not(settings, corpus_dev_dir):
    ingest(settings, [corpus_dev_dir])
    catalog, _ = open_archive(settings)
    outcomes = dict(catalog.conn.execute("SELECT location, outcome FROM batch_items").fetchall())
    catalog.close()
    by_name = {location.rsplit("/", 1)[-1]: outcome for location, outcome in outcomes.items()}
    assert {name: o for name, o in by_name.items() if name.endswith(".src")} == {
        f"{n}.src": "new" for n in ("01", "03", "04", "07", "08", "11", "12", "17", "20", "22", "27")}
    assert by_name["README.md"] == "not_a_report"


def test_seeds_and_corpus_dev_give_sixteen_reports_and_twelve_non_reports(settings, seeds_dir, corpus_dev_dir):
    # 5 seeds + 11 NN.src reports (27 is a 2017 report: still a report); 11 gold JSON files + README are not.
    summary = ingest(settings, [seeds_dir, corpus_dev_dir])
    assert summary.as_dict() == {"new": 16, "unchanged": 0, "new_version": 0, "not_a_report": 12, "failed": 0}


def test_same_bytes_at_two_paths_are_one_document_with_two_sources(settings, seeds_dir, tmp_path):
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    shutil.copy(seed, tmp_path / "copy.txt")
    summary = ingest(settings, [seed, tmp_path / "copy.txt"])
    assert summary.as_dict()["new"] == 1 and summary.as_dict()["unchanged"] == 1
    catalog, _ = open_archive(settings)
    [document] = list(catalog.iter_documents())
    assert len(document.sources) == 2
    catalog.close()


def test_a_changed_file_is_a_new_version_that_supersedes_the_old(settings, seeds_dir, tmp_path):
    target = tmp_path / "report.txt"
    seeds = sorted(seeds_dir.glob("*.txt"))
    shutil.copy(seeds[0], target)
    ingest(settings, [target])
    shutil.copy(seeds[1], target)
    assert ingest(settings, [target]).as_dict()["new_version"] == 1
    catalog, _ = open_archive(settings)
    old, new = sorted(catalog.iter_documents(), key=lambda d: d.superseded_by is None)
    assert old.superseded_by == new.sha256
    catalog.close()


def test_bad_items_are_failed_with_reasons_and_never_stop_the_batch(settings, seeds_dir, tmp_path):
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.4 truncated")
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    summary = ingest(settings, [tmp_path / "missing.txt", tmp_path / "junk.pdf", seed])
    assert summary.as_dict()["new"] == 1
    reasons = {f.location.rsplit("/", 1)[-1]: f.reason for f in summary.failures}
    assert reasons["missing.txt"] == "unreadable_file"
    assert reasons["junk.pdf"] == "unreadable"


def test_an_unexpected_parser_crash_is_recorded_in_plain_words(settings, seeds_dir, monkeypatch):
    def crash(data, filename=None):
        raise OverflowError("int too large to convert to float")

    monkeypatch.setattr(analyzers.report, "parse_report", crash)
    summary = ingest(settings, [seeds_dir])
    assert summary.as_dict()["failed"] == 5
    assert summary.failures[0].reason == "parser_crashed"
    message = summary.failures[0].message
    assert message == "the parser stopped on a number too large to handle (int too large to convert to float)"


def test_the_ingest_command_prints_the_summary_and_status_lists_the_batch(settings, seeds_dir, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_DIR", settings.data_dir)
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(seeds_dir), "--batch", "seeds"])
    assert result.exit_code == 0, result.output
    assert "new                5" in result.output
    status = runner.invoke(cli, ["status"])
    assert "seeds (ingest): 5 documents, 0 superseded versions, 0 vanished upstream; new 5" in status.output


def test_urls_are_fetched_and_a_missing_one_fails_with_its_status(settings, tmp_path):
    site = build_site().start()
    try:
        listing = tmp_path / "urls.txt"
        listing.write_text(f"{site.url(COLUMN + '202403/t20240308_1.htm')}\n{site.url('/gone.htm')}\n")
        summary = ingest(settings.replace(crawl_allow_private=True, crawl_delay_seconds=0.0), [listing])
    finally:
        site.stop()
    assert summary.as_dict()["new"] == 1
    assert [(f.location, f.reason) for f in summary.failures] == [(site.url("/gone.htm"), "http_404")]
    catalog, _ = open_archive(settings)
    [document] = list(catalog.iter_documents())
    assert document.sources[0].http_status == 200 and document.sources[0].etag
    catalog.close()


def test_the_ingest_command_exits_non_zero_when_an_item_failed(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_DIR", settings.data_dir)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")  # a truncated PDF
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--batch", "bad"])
    assert result.exit_code == 1
    assert "FAILED" in result.output or "not a report" in result.output


def test_status_without_a_catalog_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(cli, ["status"])
    assert result.exit_code == 1
    assert "no catalog at" in result.output and "NIANBAO_DATA_DIR" in result.output
    assert not (tmp_path / "nowhere").exists()


def test_a_rerun_reports_a_still_broken_file_as_failed_again_and_changes_nothing(settings, seeds_dir, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4 truncated")
    (folder / "notes.json").write_text('{"not": "a report"}', encoding="utf-8")
    shutil.copy(sorted(seeds_dir.glob("*.txt"))[0], folder / "report.txt")
    first = ingest(settings, [folder])
    dump = catalog_dump(settings)
    again = ingest(settings, [folder])
    assert again.as_dict() == {"new": 0, "unchanged": 1, "new_version": 0, "not_a_report": 1, "failed": 1}
    assert [(f.location, f.reason) for f in again.failures] == [(f.location, f.reason) for f in first.failures]
    assert again.failures[0].reason == "unreadable"
    assert catalog_dump(settings) == dump  # reported, not recorded twice


def test_a_still_broken_file_ingested_into_another_batch_is_failed_there_too(settings, tmp_path):
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.4 truncated")
    ingest(settings, [tmp_path / "junk.pdf"], batch="first")
    again = ingest(settings, [tmp_path / "junk.pdf"], batch="second")
    assert again.as_dict()["failed"] == 1 and again.as_dict()["unchanged"] == 0
    catalog, _ = open_archive(settings)
    assert [row[0] for row in catalog.conn.execute("SELECT batch FROM errors ORDER BY batch")] == ["first", "second"]
    catalog.close()
