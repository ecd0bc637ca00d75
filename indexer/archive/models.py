"""Frozen value objects the catalog hands out: documents, their sources, parse results, summaries."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRecord:
    """Where and when one document's bytes were obtained (a URL or a file path)."""

    url: str
    fetched_at: str
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    version: int = 1
    # whether the location still holds these bytes (False once it serves a newer version)
    current: bool = True

    def to_dict(self) -> dict:
        """A JSON-ready dict of this source."""
        return {
            "url": self.url,
            "fetched_at": self.fetched_at,
            "http_status": self.http_status,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "content_type": self.content_type,
            "version": self.version,
            "current": self.current,
        }


@dataclass(frozen=True)
class CatalogDocument:
    """One archived original: its hash, size, type, batches and every source it came from."""

    sha256: str
    size: int
    media_type: str
    filename: str | None
    batches: tuple[str, ...] = ()
    sources: tuple[SourceRecord, ...] = ()
    superseded_by: str | None = None
    archived_at: str = ""

    @property
    def report_id(self) -> str:
        """The public id of the report: the first 16 hex digits of the SHA-256."""
        return self.sha256[:16]

    def to_dict(self) -> dict:
        """A JSON-ready dict of this document and its provenance."""
        return {
            "sha256": self.sha256,
            "report_id": self.report_id,
            "size": self.size,
            "media_type": self.media_type,
            "filename": self.filename,
            "batches": list(self.batches),
            "sources": [source.to_dict() for source in self.sources],
            "superseded_by": self.superseded_by,
            "archived_at": self.archived_at,
        }


@dataclass(frozen=True)
class ParseRecord:
    """The outcome of parsing one document with one parser version."""

    sha256: str
    parser_version: str
    parsed_at: str
    report: dict | None
    error_reason: str | None
    error_message: str | None

    @property
    def ok(self) -> bool:
        """Whether the parse produced a report."""
        return self.report is not None


@dataclass(frozen=True)
class FetchMeta:
    """Provenance of bytes about to be archived: the location and what its server said."""

    location: str
    fetched_at: str
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    filename: str | None = None


@dataclass(frozen=True)
class StoreOutcome:
    """What archiving bytes from one location did: 'new', 'new_version' or 'unchanged'."""

    sha256: str
    outcome: str
    previous_sha256: str | None = None


@dataclass(frozen=True)
class BatchStatus:
    """Counts of one batch for `nianbao status`."""

    name: str
    kind: str
    documents: int
    superseded: int
    outcomes: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    vanished: int = 0


@dataclass(frozen=True)
class IndexRun:
    """The counts of one `index` or `reindex` run, as the catalog keeps them for `status`."""

    index_name: str
    parser_version: str
    documents: int
    indexed: int
    skipped: int
    failed: int
    swapped: bool
