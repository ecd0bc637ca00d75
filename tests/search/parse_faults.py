"""A parse function for worker tests: the real one, except for files named to hang or crash.

Parse workers are separate interpreters, so a test cannot monkeypatch their parser; it
names this function instead (ParsePool(..., parse="tests.search.parse_faults:parse")).
"""

from __future__ import annotations

import os
import time

from indexer.ingest.workers import Parsed, parse_with_fields


def parse(sha256: str, data: bytes, filename: str | None) -> Parsed:
    """parse_with_fields, but a file named hang* never finishes and one named crash* kills the process."""
    name = filename or ""
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("crash"):
        os._exit(3)
    return parse_with_fields(sha256, data, filename)
