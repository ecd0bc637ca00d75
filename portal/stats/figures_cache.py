"""Figures over many reports, cached on disk so every worker (and the next start) shares them.

Summing tables needs every matching document, which takes seconds at 10k reports; the
result depends only on the search and the index, so it is kept per (search, index size)
in DATA_DIR/cache, written atomically, and recomputed after an hour in case a re-index
kept the size.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from indexer.search.model import SearchRequest
from portal import services
from portal.samples import view_key
from portal.stats.aggregates import Figures, figures_from_dict, figures_to_dict
from portal.search.params import query_string

MAX_AGE_SECONDS = 3600


def cache_file(data_dir: str, req: SearchRequest, index_size: int, view: str = "all") -> Path:
    """Where the figures of one search over one index size are kept (view: portal.samples.view_key)."""
    digest = hashlib.sha256(query_string(req).encode()).hexdigest()[:20]
    return Path(data_dir) / "cache" / f"figures-{digest}-{index_size}-{view}.json"


def _read(path: Path) -> Figures | None:
    """Figures from a fresh cache file, or None."""
    try:
        if time.time() - path.stat().st_mtime > MAX_AGE_SECONDS:
            return None
        return figures_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _write(path: Path, figures: Figures) -> None:
    """Write a cache file atomically (readers never see half a file); failures only cost speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(figures_to_dict(figures), out, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        pass


def figures_for(data_dir: str, backend: Any, req: SearchRequest) -> Figures:
    """The figures of a search: from the disk cache when fresh, else computed and stored."""
    path = cache_file(data_dir, req, backend.count(), view_key(backend, req))
    figures = _read(path)
    if figures is None:
        figures = services.figures(backend, req)
        _write(path, figures)
    return figures


def cached_figures(resources: Any, backend: Any, req: SearchRequest) -> Figures:
    """Figures through the worker's memory cache, then the shared disk cache."""
    key = ("figures", query_string(req), backend.count(), view_key(backend, req))
    return resources.cached(key, lambda: figures_for(resources.settings.data_dir, backend, req))
