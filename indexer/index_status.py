"""What the live search index holds, for `nianbao status`: engine, name, documents, parser
version and build time, and which catalogued reports it does not hold yet."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from analyzers.version import PARSER_VERSION
from indexer.archive import Catalog
from indexer.backends import SearchBackend
from indexer.reindex import location_of
from indexer.search.errors import SearchError
from indexer.search.model import SearchRequest
from indexer.settings import Settings

POINTER, COMPLETE = "CURRENT", "COMPLETE"  # the embedded engine's files (indexer.backends.tantivy_store)


@dataclass(frozen=True)
class LiveIndex:
    """The live index of one engine as `status` shows it; `problem` says why it cannot be read."""

    engine: str
    name: str | None
    documents: int | None
    parser_version: str | None
    built_at: str | None
    updated_at: str | None
    problem: str | None = None

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)


def live_index(settings: Settings, catalog: Catalog, backend: SearchBackend, engine: str) -> LiveIndex:
    """Engine, name, document count, parser version and build time of the live index."""
    built = _last_run(catalog, engine, "reindex")
    updated = _last_run(catalog, engine, "index")
    name = _live_name(settings, engine, built)
    try:
        documents, problem = backend.count(), None
    except SearchError as error:
        documents, problem = None, str(error)
    recorded = built is not None and (engine != "embedded" or built["index_name"] == name)
    built_at = built["finished_at"] if recorded else _marked_at(settings, engine, name)
    later = updated is not None and (built_at is None or updated["finished_at"] > built_at)
    return LiveIndex(
        engine=engine, name=name, documents=documents,
        parser_version=(built["parser_version"] if recorded else (updated["parser_version"] if later else None)),
        built_at=built_at, updated_at=updated["finished_at"] if later else None, problem=problem,
    )


def indexed_ids(backend: SearchBackend) -> set[str] | None:
    """Ids of every document the live index holds (superseded ones too); None when it cannot be read."""
    try:
        return {row["id"] for row in backend.scan(SearchRequest(include_superseded=True), fields=["id"])}
    except SearchError:
        return None


def not_indexed(catalog: Catalog, ids: set[str], batch: str | None = None) -> list[str]:
    """Files and URLs of current documents (of a batch) that could be indexed but are not.

    Documents whose parse by this parser version failed (or that are not reports) are left
    out: status lists them as failed or skipped.
    """
    sql = ("SELECT d.sha256 FROM documents d WHERE d.superseded_by IS NULL"
           " AND NOT EXISTS (SELECT 1 FROM parses p WHERE p.sha256 = d.sha256 AND p.parser_version = ?"
           " AND p.report_json IS NULL)")
    params: tuple = (PARSER_VERSION,)
    if batch is not None:
        sql, params = sql + " AND d.sha256 IN (SELECT sha256 FROM batch_items WHERE batch = ?)", (PARSER_VERSION, batch)
    missing = [row[0] for row in catalog.conn.execute(sql + " ORDER BY d.archived_at, d.sha256", params)
               if row[0][:16] not in ids]
    return [location_of(catalog.get_document(sha256)) for sha256 in missing]


def _last_run(catalog: Catalog, engine: str, kind: str) -> dict | None:
    """The latest recorded run of a kind on an engine (a reindex only if it swapped)."""
    row = catalog.conn.execute(
        "SELECT * FROM index_runs WHERE engine = ? AND kind = ? AND (kind = 'index' OR swapped)"
        " ORDER BY id DESC LIMIT 1", (engine, kind)
    ).fetchone()
    return None if row is None else dict(row)


def _live_name(settings: Settings, engine: str, built: dict | None) -> str | None:
    """The embedded build CURRENT names, or the OpenSearch alias (with the index a reindex put behind it)."""
    if engine == "embedded":
        try:
            return (settings.index_path / POINTER).read_text(encoding="utf-8").strip() or None
        except OSError:
            return None
    if built is not None and built["index_name"]:
        return f"{settings.opensearch_index} -> {built['index_name']}"
    return settings.opensearch_index


def _marked_at(settings: Settings, engine: str, name: str | None) -> str | None:
    """When an embedded build went live (its COMPLETE mark), for builds no run recorded (the demo's)."""
    if engine != "embedded" or not name:
        return None
    try:
        return (settings.index_path / name / COMPLETE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None
