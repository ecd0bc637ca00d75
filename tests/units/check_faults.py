"""A years worker task for tests: the real check of a stored parse, except that some crash the worker.

Years workers are separate interpreters, so a test cannot monkeypatch them; it names this
function instead (indexer.years.ahead.TASK = "tests.units.check_faults:checked_json").
"""

from __future__ import annotations

import os

from indexer.years.loading import Checked, checked_json as real


def checked_json(sha256: str, data: bytes, filename: str | None) -> Checked:
    """The real task, but a parse whose hash starts with 0 kills the worker (one in sixteen)."""
    if sha256[0] == "0":
        os._exit(3)
    return real(sha256, data, filename)


checked_json.segments = False  # type: ignore[attr-defined]
