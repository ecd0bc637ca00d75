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
