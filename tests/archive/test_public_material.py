"""Real reports stay out of the repository; tests find them beside the clone or say why not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS_DEV_DIR, CORPUS_YEARS_DIR, REPO_ROOT, shared_folder


def test_no_real_report_or_gold_label_is_kept_in_the_repository():
    # var/ and .venv/ hold local data and packages, never part of a clone
    tops = [path for path in REPO_ROOT.iterdir() if path.name not in {".git", ".venv", "var"}]
    tracked = [path for top in tops for path in ([top] if top.is_file() else top.rglob("*"))]
    assert not (REPO_ROOT / "tests" / "data" / "corpus-dev").exists()
    assert not [path for path in tracked if path.name.endswith(".gold.json") or path.suffix == ".src"]


def test_the_shared_corpora_are_read_from_beside_the_clone():
    assert CORPUS_DEV_DIR == REPO_ROOT.parent / "shared" / "corpus-dev"
    assert CORPUS_YEARS_DIR == REPO_ROOT.parent / "shared" / "corpus-years"


def test_a_missing_shared_folder_skips_with_its_path_as_the_reason(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="absent") as skipped:
        shared_folder(tmp_path / "corpus-dev")
    assert str(tmp_path / "corpus-dev") in str(skipped.value)


def test_a_missing_shared_folder_fails_under_ci(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        shared_folder(tmp_path / "corpus-years")


def test_a_present_shared_folder_is_handed_over(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert shared_folder(tmp_path) == tmp_path
