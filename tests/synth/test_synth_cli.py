"""`nianbao synth`: files, manifest and summary."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from portal.cli.main import cli


def test_synth_writes_files_manifest_and_summary(tmp_path):
    out = tmp_path / "corpus"
    result = CliRunner().invoke(cli, ["synth", "--count", "8", "--seed", "3", "--out", str(out),
                                      "--formats", "txt,html", "--inconsistent-share", "0.5", "--truth"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert [row["format"] for row in rows] == ["txt", "html"] * 4
    assert all((out / row["filename"]).is_file() for row in rows)
    broken = [row for row in rows if not row["expected_consistent"]]
    assert broken and all(row["broken_relation"] for row in broken)
    assert f"inconsistent on purpose: {len(broken)}/8" in result.output
    assert "reports/s" in result.output
    assert len((out / "truth.jsonl").read_text("utf-8").splitlines()) == 8


def test_synth_all_formats_writes_each_format_per_report(tmp_path):
    result = CliRunner().invoke(cli, ["synth", "--count", "2", "--out", str(tmp_path), "--all-formats"])
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("synth-*"))) == 8


def test_synth_is_byte_identical_for_the_same_seed(tmp_path):
    for name in ("a", "b"):
        CliRunner().invoke(cli, ["synth", "--count", "4", "--seed", "9", "--out", str(tmp_path / name)])
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_synth_rejects_an_unknown_format(tmp_path):
    result = CliRunner().invoke(cli, ["synth", "--count", "1", "--out", str(tmp_path), "--formats", "txt,rtf"])
    assert result.exit_code == 2
    assert "choose from" in result.output


def test_synth_truth_only_writes_just_the_truth(tmp_path):
    result = CliRunner().invoke(cli, ["synth", "--count", "5", "--out", str(tmp_path), "--truth-only"])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["truth.jsonl"]
    rows = [json.loads(line) for line in (tmp_path / "truth.jsonl").read_text("utf-8").splitlines()]
    assert all(row["truth"]["synthetic"] for row in rows) and len(rows) == 5
    assert "wrote 0 files for 5 reports" in result.output


def test_synth_output_does_not_depend_on_the_hash_seed_of_the_process(tmp_path):
    # Set or dict order leaking into the output would differ between processes with other hash seeds.
    for name, hash_seed in (("a", "1"), ("b", "2")):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        subprocess.run([sys.executable, "-c", "from portal.cli.main import cli; cli()", "synth", "--count", "4", "--seed", "6",
                        "--out", str(tmp_path / name), "--truth"], env=env, check=True, capture_output=True)
    names = sorted(path.name for path in (tmp_path / "a").iterdir())
    assert len(names) == 6
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
