"""One writer at a time per engine and index: an exclusive flock under the data dir.

`nianbao index` writes into the live index; `nianbao reindex` builds a new one and swaps
it in. Run together, the index run's writes land in the old index and vanish at the swap.
Both commands therefore hold this lock for their whole run. It is an advisory
fcntl.flock on DATA_DIR/locks/<engine>-<index>.lock, taken by every command run from
this machine's CLI, for the embedded engine and OpenSearch alike; the kernel releases it
when the holder exits, even if it crashes, so a stale lock file never blocks anyone.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from indexer.settings import Settings

POLL_SECONDS = 0.05  # flock has no timeout: retry a non-blocking attempt at this pace


class IndexLocked(RuntimeError):
    """Another writer holds the index past the wait timeout."""

    def __init__(self, path: Path, waited: float, holder: str):
        self.path, self.waited, self.holder = path, waited, holder
        who = f" (held by {holder})" if holder else ""
        super().__init__(f"another index or reindex run is writing this index{who}; gave up after {waited:g} s "
                         f"[lock {path}]")


def lock_path(settings: Settings, engine: str | None = None) -> Path:
    """The lock file of one engine and index: the embedded index root, or the OpenSearch alias."""
    name = engine or settings.engine
    target = settings.opensearch_index if name == "opensearch" else str(settings.index_path.resolve())
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", target).strip("_") or "index"
    return Path(settings.data_dir) / "locks" / f"{name}-{safe}.lock"


def _try_lock(descriptor: int) -> bool:
    """One non-blocking attempt at the exclusive lock."""
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(descriptor: int) -> str:
    """What the current holder wrote into the lock file (its pid and command), for the message."""
    try:
        return os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""


@contextmanager
def write_lock(settings: Settings, engine: str | None = None, timeout: float | None = None,
               owner: str = "") -> Iterator[Path]:
    """Hold the engine's write lock for the block; wait up to `timeout` s, then raise IndexLocked."""
    path = lock_path(settings, engine)
    path.parent.mkdir(parents=True, exist_ok=True)
    wait = settings.index_lock_timeout_seconds if timeout is None else timeout
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(descriptor):
            if time.monotonic() >= deadline:
                raise IndexLocked(path, wait, _holder(descriptor))
            time.sleep(POLL_SECONDS)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"pid {os.getpid()} {owner}".strip().encode("utf-8"), 0)
        try:
            yield path
        finally:
            os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
