"""One writer per engine and index: `index` and `reindex` never run into each other."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.backends.writelock import IndexLocked, lock_path, write_lock
from indexer.settings import Settings, load_settings
from portal.cli.main import cli
from search.support import archive_files

HOLDER = """
import sys
from indexer.backends.writelock import write_lock
from indexer.settings import load_settings
with write_lock(load_settings(), owner="test holder"):
    print("held", flush=True)
    sys.stdin.readline()
"""


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment that makes a CLI run or a child process use these settings."""
    return {"NIANBAO_DATA_DIR": settings.data_dir, "NIANBAO_ENGINE": settings.engine,
            "NIANBAO_OPENSEARCH_URL": settings.opensearch_url, "NIANBAO_OPENSEARCH_INDEX": settings.opensearch_index}


def start_holder(settings: Settings) -> subprocess.Popen:
    """Another process holding the write lock until its stdin gets a line."""
    env = {**os.environ, **settings_env(settings)}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_each_engine_and_index_has_its_own_lock_file(tmp_path: Path):
    settings = load_settings(env={}, data_dir=str(tmp_path))
    paths = {lock_path(settings, "embedded"), lock_path(settings, "opensearch"),
             lock_path(settings.replace(opensearch_index="other"), "opensearch"),
             lock_path(settings.replace(index_dir=str(tmp_path / "elsewhere")), "embedded")}
    assert len(paths) == 4 and all(path.parent == tmp_path / "locks" for path in paths)


def test_a_second_writer_waits_until_the_first_is_done(tmp_path: Path):
    settings = load_settings(env={}, data_dir=str(tmp_path))
    held, release, order = threading.Event(), threading.Event(), []

    def first() -> None:
        """Hold the lock until told to let go."""
        with write_lock(settings, timeout=5):
            held.set()
            release.wait(10)
            order.append("first done")

    def second() -> None:
        """Wait for the lock, then note the turn."""
        with write_lock(settings, timeout=10):
            order.append("second in")

    threads = [threading.Thread(target=first)]
    threads[0].start()
    assert held.wait(10)
    threads.append(threading.Thread(target=second))
    threads[1].start()
    release.set()
    for thread in threads:
        thread.join(15)
    assert order == ["first done", "second in"]


def test_a_writer_gives_up_after_the_timeout_and_names_the_holder(tmp_path: Path):
    settings = load_settings(env={}, data_dir=str(tmp_path))
    holder = start_holder(settings)
    try:
        with pytest.raises(IndexLocked) as raised:
            with write_lock(settings, timeout=0.1):
                pytest.fail("the lock was taken twice")
        assert "test holder" in str(raised.value) and f"pid {holder.pid}" in str(raised.value)
    finally:
        holder.communicate("\n", timeout=10)
    with write_lock(settings, timeout=0):  # released when the holder is done
        pass


def test_cli_index_during_another_run_exits_with_one_line_then_works_once_it_ends(make_backend, monkeypatch, seeds_dir):
    settings = make_backend().settings  # cleaned up after, like every contract test
    for name, value in {**settings_env(settings), "NIANBAO_INDEX_LOCK_TIMEOUT_SECONDS": "0.1"}.items():
        monkeypatch.setenv(name, value)
    archive_files(settings, {path.name: path.read_bytes() for path in sorted(seeds_dir.glob("*.txt"))[:2]}, "seeds")
    holder = start_holder(settings)
    try:
        for command in (["index"], ["reindex", "--all"]):
            result = CliRunner().invoke(cli, command)
            assert result.exit_code == 1
            assert result.output.strip().count("\n") == 0 and "another index or reindex run" in result.output
            assert "Traceback" not in result.output
    finally:
        holder.communicate("\n", timeout=10)
    result = CliRunner().invoke(cli, ["index"])
    assert result.exit_code == 0 and "2 of 2 documents indexed" in result.output
