"""Unit and place names for the search box: /api/suggest as you type, and did-you-mean corrections.

Both read one NameIndex per app (per worker process): the gazetteer's places plus the
reporting bodies the live index holds (the agency facet: its MAX_FACET_SIZE most frequent
values). It is built on first use and rebuilt when the index's size has changed, at most
once every REFRESH_SECONDS; while the engine is down it holds places only and retries sooner.
analyzers.names (and pypinyin) is imported with this module, i.e. when the app is created,
so under gunicorn's preload the master loads it once for all workers.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Flask, current_app, request, url_for
from flask.typing import ResponseReturnValue

from analyzers.names import NameIndex, build_name_index
from indexer.search.errors import EngineUnavailable
from indexer.search.model import SearchRequest
from indexer.search.validation import MAX_FACET_SIZE
from portal import services
from portal.extensions import EXTENSION_KEY

bp = Blueprint("suggest", __name__)

NAMES_KEY = "nianbao_names"
REFRESH_SECONDS = 300
RETRY_SECONDS = 30  # after the engine was down: try again soon
MAX_PREFIX = 40  # characters of the box read; a longer text is not a name being typed
MAX_LIMIT = 20
# A query word worth correcting: plain characters, no operator, quote or numeric filter.
PLAIN_WORD = re.compile(r"^[\w\u3400-\u9fff]{2,20}$")
HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


@dataclass
class _Holder:
    """One app's NameIndex, when it was built and for which index size."""

    index: NameIndex | None = None
    count: int | None = None
    checked: float = 0.0
    wait: float = REFRESH_SECONDS
    lock: threading.Lock = field(default_factory=threading.Lock)


def name_index(app: Flask) -> NameIndex:
    """The app's NameIndex: built on first use, rebuilt when the search index changed size."""
    holder: _Holder = app.extensions.setdefault(NAMES_KEY, _Holder())
    if holder.index is not None and time.monotonic() - holder.checked < holder.wait:
        return holder.index
    # only the first build makes requests wait; while a rebuild runs the others use the old index
    if not holder.lock.acquire(blocking=holder.index is None):
        return holder.index
    try:
        if holder.index is None or time.monotonic() - holder.checked >= holder.wait:
            _refresh(app, holder)
    finally:
        holder.lock.release()
    return holder.index


def _refresh(app: Flask, holder: _Holder) -> None:
    """Rebuild the holder's index if the search index changed (or was never read)."""
    backend = app.extensions[EXTENSION_KEY].backend()
    try:
        count = backend.count()
        if holder.index is None or count != holder.count:
            holder.index, holder.count = build_name_index(agency_names(backend)), count
        holder.wait = REFRESH_SECONDS
    except EngineUnavailable:
        holder.index = holder.index or build_name_index()
        holder.wait = RETRY_SECONDS
    holder.checked = time.monotonic()


def agency_names(backend: Any) -> list[str]:
    """The reporting bodies of the index, most reports first (the agency facet's top values)."""
    req = SearchRequest(facets=("agency",), facet_size=MAX_FACET_SIZE, highlight=False)
    result = services.facet_counts(backend, req)
    return [value.value for value in result.facets["agency"].values if value.count]


def _limit() -> int:
    """The `limit` parameter, clamped to 1..MAX_LIMIT (8 when absent or not a number)."""
    try:
        return min(max(int(request.args.get("limit", "8")), 1), MAX_LIMIT)
    except ValueError:
        return 8


@bp.get("/api/suggest")
def suggest() -> ResponseReturnValue:
    """Names starting with what is typed (characters, pinyin or initials), each with a search link."""
    typed = (request.args.get("q") or "").strip()
    items = name_index(current_app).suggest(typed, _limit()) if 0 < len(typed) <= MAX_PREFIX else []
    base = url_for("search.index")
    for item in items:
        item["url"] = f"{base}?{urlencode({'q': item['name']})}"
    return {"query": typed, "suggestions": items}, 200, {"Cache-Control": "public, max-age=300"}


def did_you_mean(query: str, limit: int = 3) -> list[dict]:
    """Corrected queries: a plain word of the query replaced by a known name with reports that is near it.

    Each item is {"word", "name", "query"}; the search page shows them when a query finds
    nothing or very little (templates/search/_did_you_mean.html).
    """
    words = query.split()
    names = name_index(current_app)
    out: list[dict] = []
    for position, word in enumerate(words):
        if not PLAIN_WORD.match(word):
            continue
        # the Chinese run of a word glued to a year (潘家宝镇2021) or a latin word as a whole
        for part in HAN_RUN.findall(word) or [word]:
            for name in names.nearest(part, limit, with_reports=True):
                corrected = " ".join(words[:position] + [word.replace(part, name, 1)] + words[position + 1:])
                out.append({"word": part, "name": name, "query": corrected})
    return out[:limit]


@bp.app_template_global()
def corrected_url(query: str) -> str:
    """The current page's URL with its query replaced (other parameters kept, back to page 1)."""
    params = [(key, value) for key, value in request.args.items(multi=True) if key not in ("q", "page")]
    return f"{request.path}?{urlencode([('q', query), *params])}"
