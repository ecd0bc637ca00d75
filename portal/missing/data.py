"""The by-region picture of the across-years tables, read once per `nianbao years` run and kept per process.

Each request asks the store for its last run (one indexed read); the picture is rebuilt
only when that run, or the file itself (a years file deleted and made again), changes, so
pages filter it in memory instead of walking the reports table. A worker keeps one
picture per years file (the last few files only).
"""

from __future__ import annotations

import threading

from indexer.years.regional import Regional, last_run, load_regional
from portal.units.data import years_store

KEEP_FILES = 4  # years files remembered per process (tests open several archives)

_lock = threading.Lock()
_pictures: dict[str, tuple[tuple, Regional]] = {}


def regional() -> Regional | None:
    """The picture of this request's years tables, or None while `nianbao years` has never run."""
    store = years_store()
    if store is None:
        return None
    path = store.path.resolve()
    key, stamp = str(path), (path.stat().st_ino, last_run(store))
    with _lock:
        found = _pictures.get(key)
        if found is None or found[0] != stamp:
            found = (stamp, load_regional(store))
            _pictures.pop(key, None)
            _pictures[key] = found
            while len(_pictures) > KEEP_FILES:
                _pictures.pop(next(iter(_pictures)))
        return found[1]
