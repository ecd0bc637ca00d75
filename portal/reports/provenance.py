"""Where a report came from, as readers may see it: web links kept, server paths never shown.

Sources are either http(s) URLs (shown as links) or local files the archive ingested
(shown by file name only: a server path tells readers nothing and exposes the host).
A report whose archived original was replaced by a newer version points to that version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

# A URL scheme of two letters or more (one letter is a Windows drive: C:\\reports\\a.pdf).
OTHER_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


@dataclass(frozen=True)
class SourceView:
    """A source for readers: a web URL to link, or the bare name of a local file."""

    url: str | None
    file_name: str | None


def is_web_url(location: str | None) -> bool:
    """True for http:// and https:// addresses (the only sources shown as links)."""
    return bool(location) and str(location).lower().startswith(("http://", "https://"))


def file_name(location: str) -> str:
    """The last component of a local path, for either separator."""
    return str(location).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def source_view(location: str | None) -> SourceView:
    """A source location as readers see it: web URLs kept, local paths cut to their file name."""
    if not location:
        return SourceView(None, None)
    if is_web_url(location):
        return SourceView(str(location), None)
    if OTHER_SCHEME.match(str(location)):
        return SourceView(None, None)  # javascript:, ftp:…: neither a link to follow nor a file
    return SourceView(None, file_name(location) or None)


def public_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A document or provenance dict with its source made public: `source_url` and `url`
    keep only web URLs, a local file adds `source_file` with its bare name."""
    out = dict(fields)
    for key in ("source_url", "url"):
        if key in out and out[key]:
            view = source_view(out[key])
            out[key] = view.url
            if view.file_name:
                out["source_file"] = view.file_name
    return out


@dataclass(frozen=True)
class NewerVersion:
    """The version that replaced a report's archived original."""

    sha256: str

    @property
    def report_id(self) -> str:
        """The public id of the newer version: the first 16 hex digits of its SHA-256."""
        return self.sha256[:16]


def newer_version(catalog: Any, source: Mapping[str, Any]) -> NewerVersion | None:
    """The newer version of a report's original per the catalog (else its stored provenance)."""
    sha256 = source.get("sha256")
    entry = catalog.get_document(sha256) if (catalog is not None and sha256) else None
    newer = entry.superseded_by if entry is not None else source.get("superseded_by")
    return NewerVersion(str(newer)) if newer else None


@dataclass(frozen=True)
class VersionLine:
    """One archived version of a source location: its number, report id and fetch time."""

    version: int
    report_id: str
    fetched_at: str | None
    this: bool


@dataclass(frozen=True)
class SourceLine:
    """One place the original was found: a web URL or a local file name, when, and every version kept there."""

    source: SourceView
    fetched_at: str | None
    current: bool
    versions: tuple[VersionLine, ...]


@dataclass(frozen=True)
class ArchiveRecord:
    """What the archive knows of an original: when it was first archived, its size, type and sources."""

    archived_at: str | None
    size: int | None
    media_type: str | None
    sources: tuple[SourceLine, ...]


def _versions(catalog: Any, locations: list[str], sha256: str) -> dict[str, tuple[VersionLine, ...]]:
    """Every version archived at each location, oldest first (a read of the catalog's sources table)."""
    if not locations:
        return {}
    marks = ", ".join("?" * len(locations))
    rows = catalog.conn.execute(
        f"SELECT location, version, sha256, fetched_at FROM sources WHERE location IN ({marks})"
        " ORDER BY location, version", locations).fetchall()
    found: dict[str, tuple[VersionLine, ...]] = {}
    for row in rows:
        line = VersionLine(int(row["version"] or 0), str(row["sha256"])[:16], row["fetched_at"], row["sha256"] == sha256)
        found[row["location"]] = found.get(row["location"], ()) + (line,)
    return found


def archive_record(catalog: Any, sha256: str | None) -> ArchiveRecord | None:
    """The catalog's record of an original (None without a catalog or when it is not catalogued)."""
    entry = catalog.get_document(sha256) if (catalog is not None and sha256) else None
    if entry is None:
        return None
    locations = [s.url for s in entry.sources]
    versions = _versions(catalog, locations, entry.sha256)
    sources = tuple(SourceLine(source_view(s.url), s.fetched_at, s.current, versions.get(s.url, ()))
                    for s in entry.sources)
    return ArchiveRecord(entry.archived_at or None, entry.size, entry.media_type, sources)
