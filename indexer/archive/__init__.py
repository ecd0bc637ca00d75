"""Archive of original bytes (by SHA-256) and the SQLite catalog of their provenance."""

from __future__ import annotations

from indexer.archive.catalog import Catalog, utc_now
from indexer.archive.models import (
    BatchStatus,
    CatalogDocument,
    FetchMeta,
    IndexRun,
    ParseRecord,
    SourceRecord,
    StoreOutcome,
)
from indexer.archive.store import ArchiveError, ArchiveStore, sha256_hex
from indexer.settings import Settings

__all__ = [
    "ArchiveError",
    "ArchiveStore",
    "BatchStatus",
    "Catalog",
    "CatalogDocument",
    "FetchMeta",
    "IndexRun",
    "ParseRecord",
    "SourceRecord",
    "StoreOutcome",
    "open_archive",
    "sha256_hex",
    "utc_now",
]


def open_archive(settings: Settings) -> tuple[Catalog, ArchiveStore]:
    """Open (creating and migrating if needed) the catalog and the archive the settings name."""
    return Catalog(settings.catalog_file), ArchiveStore(settings.archive_path)
