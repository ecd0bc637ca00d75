"""Expand ingest arguments (files, folders, URL-list files, URLs) into an ordered list of items."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

_URL_PREFIXES = ("http://", "https://")


@dataclass(frozen=True)
class InputItem:
    """One thing to ingest: a local file path or a URL, with the filename to hand the parser."""

    location: str
    is_url: bool
    filename: str | None


def url_item(url: str) -> InputItem:
    """An item for a URL; its filename is the last path segment (kept as text, never a path)."""
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or None
    return InputItem(url, True, name)


def _file_item(path: Path) -> InputItem:
    """An item for a local file, located by its absolute path."""
    return InputItem(str(path.resolve()), False, path.name)


def read_url_list(path: Path) -> list[str] | None:
    """The URLs of a URL-list file (one per line, # comments), or None if it is not one."""
    if path.stat().st_size > 5 * 1024 * 1024:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (UnicodeDecodeError, OSError):
        return None
    entries = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if entries and all(entry.startswith(_URL_PREFIXES) and " " not in entry for entry in entries):
        return entries
    return None


def _walk(folder: Path) -> list[Path]:
    """Every regular file under a folder, recursively, sorted, skipping hidden files and folders."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / name for name in sorted(files) if not name.startswith("."))
    return found


def expand_inputs(arguments: list[str]) -> list[InputItem]:
    """Items for every argument in order: URLs, files, folders (recursive) and URL-list files."""
    items: list[InputItem] = []
    for argument in arguments:
        if argument.startswith(_URL_PREFIXES):
            items.append(url_item(argument))
            continue
        path = Path(argument)
        files = _walk(path) if path.is_dir() else [path]
        for file in files:
            urls = read_url_list(file) if file.is_file() else None
            if urls:
                items.extend(url_item(url) for url in urls)
            else:
                items.append(_file_item(file))
    return list(dict.fromkeys(items))
