"""One vocabulary (indexed, skipped: not a report, failed) and one table of exit codes
across ingest, status, index and reindex; problems named by file or URL in plain words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzers.version import PARSER_VERSION
from portal.cli.main import cli
from portal.cli.words import plain


@pytest.fixture(scope="module")
def dev(tmp_path_factory, seeds_dir: Path, corpus_dev_dir: Path):
    """A data folder holding the seeds and the shared corpus ingested as batch `dev`: (invoke, ingest output)."""
    data_dir = str(tmp_path_factory.mktemp("words") / "var")

    def invoke(*args: str, **env: str):
        env = {"NIANBAO_DATA_DIR": data_dir, "NIANBAO_ENGINE": "embedded", **env}
        return CliRunner().invoke(cli, list(args), env=env)

    return invoke, invoke("ingest", str(seeds_dir), str(corpus_dev_dir), "--batch", "dev")


def test_ingest_counts_the_gold_labels_as_skipped_not_a_report_and_names_the_next_step(dev):
    _invoke, ingest = dev
    assert ingest.exit_code == 0, ingest.output
    assert re.search(r"skipped \(not a report\) +12\n", ingest.output) and re.search(r"failed +0\n", ingest.output)
    assert re.search(r"  skipped /\S+/01\.gold\.json: not a report\n", ingest.output)
    assert ingest.output.rstrip().splitlines()[-1].startswith("Next: nianbao index --batch dev")


def test_status_before_indexing_shows_what_is_not_indexed_yet(dev):
    invoke, _ingest = dev
    data = json.loads(invoke("status", "--json").output)  # runs before this module's first index
    assert data["not_indexed"]["count"] == 16 and data["live_index"]["documents"] is None
    assert "no search index" in data["live_index"]["problem"]
    assert "Not yet indexed: 16 reports (run `nianbao index`)" in invoke("status").output


def test_index_and_reindex_use_the_same_words_counts_and_exit_zero(dev):
    invoke, _ingest = dev
    for command in (["index"], ["index", "--batch", "dev"], ["reindex", "--all"], ["reindex", "--batch", "dev"]):
        result = invoke(*command)
        assert result.exit_code == 0, result.output
        assert "16 of 28 documents indexed, 12 skipped (not a report), 0 failed" in result.output
        assert "NOT PARSED" not in result.output and re.search(r"skipped /\S+/17\.gold\.json: not a report", result.output)


def test_status_shows_the_live_index_and_the_same_counts(dev):
    invoke, _ingest = dev
    assert invoke("reindex", "--all").exit_code == 0
    status = invoke("status")
    assert status.exit_code == 0, status.output
    live = re.search(r"Live index \(embedded\): idx-\S+, 16 documents, parser (\S+), built at (\S+)", status.output)
    assert live and live.group(1) == PARSER_VERSION and live.group(2).startswith("20")
    assert "Not yet indexed: 0 reports" in status.output
    assert "skipped (not a report) 12, failed 0" in status.output and "Skipped (not a report): 12" in status.output


def test_status_json_carries_the_same_figures(dev):
    invoke, _ingest = dev
    invoke("index")
    data = json.loads(invoke("status", "--json").output)
    assert data["live_index"]["engine"] == "embedded" and data["live_index"]["documents"] == 16
    assert data["live_index"]["parser_version"] == PARSER_VERSION
    [batch] = data["batches"]
    assert (batch["name"], batch["items"]["skipped"], batch["items"]["failed"], batch["documents"]) == ("dev", 12, 0, 28)
    assert len(data["skipped"]) == 12 and data["not_indexed"]["count"] == 0


def test_an_unknown_batch_is_a_usage_error_everywhere(dev):
    invoke, _ingest = dev
    for command in (["status", "--batch", "nope"], ["index", "--batch", "nope"], ["reindex", "--batch", "nope"]):
        result = invoke(*command)
        assert result.exit_code == 2, (command, result.output)
        assert "no batch named 'nope'" in result.output and "Traceback" not in result.output


def test_status_batch_filters_batches_failures_and_skipped_files(dev, tmp_path):
    invoke, _ingest = dev
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 cut short")
    broken = invoke("ingest", str(tmp_path / "broken.pdf"), str(tmp_path / "missing.txt"), "--batch", "bad")
    assert broken.exit_code == 1
    assert f"failed {tmp_path / 'missing.txt'}: unreadable_file: cannot read the file: no such file or directory" in broken.output
    assert "Error:" not in broken.output and "FileNotFoundError" not in broken.output
    only_dev = json.loads(invoke("status", "--batch", "dev", "--json").output)
    assert [b["name"] for b in only_dev["batches"]] == ["dev"] and only_dev["failed"] == []
    only_bad = json.loads(invoke("status", "--batch", "bad", "--json").output)
    assert [b["name"] for b in only_bad["batches"]] == ["bad"] and only_bad["skipped"] == []
    assert sorted(Path(f["location"]).name for f in only_bad["failed"]) == ["broken.pdf", "missing.txt"]
    assert only_bad["batches"][0]["items"]["failed"] == 2


def test_every_archive_command_documents_its_exit_codes_in_help(dev):
    invoke, _ingest = dev
    for command in ("ingest", "status", "index", "reindex"):
        assert "Exit codes" in invoke(command, "--help").output
    assert "Exit codes" in invoke("--help").output


def test_an_unreadable_catalog_is_one_plain_line_not_a_traceback(tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "catalog.sqlite3").write_bytes(b"this is not a database" * 100)
    result = CliRunner().invoke(cli, ["status"], env={"NIANBAO_DATA_DIR": str(tmp_path / "var")})
    assert result.exit_code == 1
    assert result.output.startswith("Error: the catalog cannot be read") and "DatabaseError" not in result.output


def test_status_of_an_engine_that_is_down_says_so_in_plain_words(dev):
    invoke, _ingest = dev
    result = invoke("status", "--engine", "opensearch", NIANBAO_OPENSEARCH_URL="http://127.0.0.1:9")
    assert result.exit_code == 0, result.output
    assert "Live index (opensearch): cannot be read: OpenSearch cannot be reached: connection refused" in result.output
    assert "Error(" not in result.output


@pytest.mark.parametrize("raw, told", [
    ("OpenSearch cannot be reached: ConnectionError(HTTPConnection(host='h', port=9): "
     "Failed to establish a new connection: [Errno 111] Connection refused)", "OpenSearch cannot be reached: connection refused"),
    ("timed out: https://a.gov.cn/nb.htm (ReadTimeout)", "timed out: https://a.gov.cn/nb.htm"),
    ("ValueError: field 'year' must hold int values", "field 'year' must hold int values"),
    ("unreadable: the PDF is cut short", "unreadable: the PDF is cut short"),
])
def test_messages_lose_python_exception_names_and_keep_their_words(raw, told):
    assert plain(raw) == told
