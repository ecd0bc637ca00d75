"""The embedded engine's files: schema, index directories and the atomic CURRENT pointer.

Layout under settings.index_path: one directory per build (`idx-<stamp>`, holding the
tantivy files and the DocumentStore of whole documents) and a file CURRENT naming the live
one. A rebuild writes a new directory, then replaces CURRENT with
os.replace (atomic on POSIX); readers notice the change and re-open. A build that went
live holds a COMPLETE file (when); clean-up keeps only such builds as previous ones.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Mapping, Sequence

import tantivy

from indexer.backends.base import EXPORT_DROPPED, HIT_FIELDS, hit_summary
from indexer.backends.docstore import DocumentStore
from indexer.backends.tantivy_masks import ALL_COLUMNS, MaskLayout
from indexer.search.errors import EngineUnavailable
from indexer.search.facets import FACETS
from indexer.search.fields import NUMERIC_FIELDS, SORT_FIELDS

POINTER = "CURRENT"
COMPLETE = "COMPLETE"  # in a build directory: it went live (holds when it did)
TEXT_FIELDS = ("text", "title_text", "agency_text", "problems_text", "region_text", "place_text")
KEYWORD_FIELDS = tuple(sorted({f.field for f in FACETS if not f.numeric} | {"id"}))
# every sort key of SORT_FIELDS is an integer column (always present: -1 when unknown)
INTEGER_FIELDS = tuple(dict.fromkeys([*NUMERIC_FIELDS, "sort_year", "sort_new_requests", "sort_added",
                                      *(field for field, _order in SORT_FIELDS.values())]))
BOOLEAN_FIELDS = ("synthetic", "superseded")
MASK_FIELDS = ALL_COLUMNS
KEEP_PREVIOUS = 1  # directories kept besides the live one, for readers still on it
# Stored with every summary since it carries all SUMMARY_FIELDS; older builds lack it, and
# their summaries are not trusted to answer a scan (region_code joined SUMMARY_FIELDS later).
SUMMARY_VERSION_KEY = "summary_version"
SUMMARY_VERSION = 3  # 3: the across-years fields (HIT_FIELDS) joined the summary


def build_schema() -> tantivy.Schema:
    """The tantivy schema: segmented text, keyword facets, numbers, flags, the stored summary."""
    builder = tantivy.SchemaBuilder()
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="segmented", index_option="position")
    # subwords only match (never phrase): frequencies suffice
    builder.add_text_field("subwords", tokenizer_name="segmented", index_option="freq")
    for name in KEYWORD_FIELDS:  # the id is stored too: scans read it without decoding the summary
        builder.add_text_field(name, tokenizer_name="raw", fast=True, stored=name == "id")
    for name in INTEGER_FIELDS:
        builder.add_integer_field(name, indexed=True, fast=True)
    for name in BOOLEAN_FIELDS:
        builder.add_boolean_field(name, indexed=True, fast=True)
    for name in MASK_FIELDS:  # counted only, never searched (tantivy_masks)
        builder.add_integer_field(name, indexed=False, fast=True)
    # only what a result list needs is stored here; whole documents live in the DocumentStore
    builder.add_bytes_field("summary", stored=True)
    return builder.build()


SCHEMA = build_schema()
SCHEMA_FIELDS = frozenset(TEXT_FIELDS + KEYWORD_FIELDS + INTEGER_FIELDS + BOOLEAN_FIELDS + ("subwords",))


def open_index(path: Path, create: bool = False) -> tantivy.Index:
    """Open one index directory (creating it only when asked) with its analyzer registered."""
    if create:
        path.mkdir(parents=True, exist_ok=True)
    elif not (path / "meta.json").exists():
        raise EngineUnavailable(f"the search index {path} is missing")
    try:
        index = tantivy.Index(SCHEMA, path=str(path), reuse=True)
    except ValueError as error:
        if "schema does not match" not in str(error):
            raise
        # an index built by an older release (fields were added since): only a rebuild helps
        raise EngineUnavailable(f"the search index {path} was built with an older schema: run `nianbao reindex --all`") from error
    # Text arrives segmented and lowercased; split on spaces only, as OpenSearch's whitespace analyzer does.
    analyzer = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
    index.register_tokenizer("segmented", analyzer)
    return index


def _json_bytes(value: Mapping) -> bytes:
    """Compact UTF-8 JSON."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# The type each field's values must have (every other field holds text): one dict lookup a field.
_EXPECTED_TYPES: dict[str, type] = {**{name: int for name in INTEGER_FIELDS}, **{name: bool for name in BOOLEAN_FIELDS}}


def _check_types(values: Mapping) -> None:
    """Raise ValueError for a value of the wrong type (tantivy would only fail at commit)."""
    for name, value in values.items():
        expected = _EXPECTED_TYPES.get(name, str)
        if type(value) is expected:  # the common case, decided without a scan (a bool is never an int here)
            continue
        items = value if isinstance(value, list) else [value]
        if any(not isinstance(v, expected) or (expected is int and isinstance(v, bool)) for v in items):
            raise ValueError(f"field {name!r} must hold {expected.__name__} values, not {value!r}"[:200])


def to_tantivy(document: Mapping, masks: MaskLayout | None = None) -> tantivy.Document:
    """The tantivy document of one index document, storing its summary as JSON."""
    values = {name: value for name, value in document.items() if name in SCHEMA_FIELDS and value is not None}
    _check_types(values)
    if masks is not None:
        values.update(masks.encode(document))
    values["summary"] = _json_bytes({**hit_summary(document), "content": document.get("content", ""),
                                     SUMMARY_VERSION_KEY: SUMMARY_VERSION})
    return tantivy.Document(**values)


class IndexRoot:
    """The directory holding every build and the CURRENT pointer."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def current(self) -> Path:
        """The live index directory; EngineUnavailable when none was built yet."""
        try:
            name = (self.root / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise EngineUnavailable(f"no search index under {self.root}: run `nianbao index`") from None
        path = self.root / name
        if not (path / "meta.json").exists():
            raise EngineUnavailable(f"the live search index {path} is missing")
        return path

    def pointer_stamp(self) -> tuple[int, int] | None:
        """A cheap change marker of CURRENT (inode, mtime); None when absent."""
        try:
            stat = (self.root / POINTER).stat()
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_mtime_ns

    def new_directory(self) -> Path:
        """A fresh directory for a build, never the live one."""
        path = self.root / f"idx-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
        path.mkdir(parents=True)
        return path

    def switch(self, path: Path) -> None:
        """Point CURRENT at `path` atomically (write a temp file, then os.replace).

        Both `path` and the build it replaces are marked complete first: only builds that
        were live are ever kept as "previous"; a directory left by a killed run never is.
        """
        previous = self._pointed()
        for build in (path, previous):
            if build is not None and not (build / COMPLETE).exists():
                (build / COMPLETE).write_text(datetime.now(timezone.utc).isoformat(timespec="seconds"), encoding="utf-8")
        temporary = self.root / f"{POINTER}.{uuid.uuid4().hex}.tmp"
        temporary.write_text(path.name, encoding="utf-8")
        os.replace(temporary, self.root / POINTER)

    def _pointed(self) -> Path | None:
        """The directory CURRENT names, if it exists."""
        try:
            path = self.root / (self.root / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return path if path.is_dir() else None

    def cleanup(self) -> list[Path]:
        """Delete old builds, keeping the live one and the newest complete previous ones.

        A build without the COMPLETE mark never went live: a partial load of a killed run.
        """
        live = self.current().name
        builds = sorted((p for p in self.root.glob("idx-*") if p.is_dir() and p.name != live), reverse=True)
        # newest first by when each went live (names share a stamp within one second)
        complete = sorted((p for p in builds if (p / COMPLETE).exists()),
                          key=lambda p: ((p / COMPLETE).stat().st_mtime_ns, p.name), reverse=True)
        removed = complete[KEEP_PREVIOUS:] + [p for p in builds if p not in complete]
        for path in removed:
            shutil.rmtree(path, ignore_errors=True)
        return removed


def scan_rows(searcher: tantivy.Searcher, store: DocumentStore, addresses: list, fields: Sequence[str]) -> Iterator[dict]:
    """Rows holding `fields` for a batch of hits, reading as little as the fields need.

    Numbers alone come from fast columns (no stored document is read at all); fields the
    small stored summary has, from it (numbers still from the columns); others from the
    store's lean copy (~6 KB) or, for the report or texts, the whole document (~26 KB,
    ~0.5 ms a hit to decode), one store query per batch.
    """
    others = [f for f in fields if f not in INTEGER_FIELDS]
    summaries = []
    if others and set(others) <= set(HIT_FIELDS):
        summaries = [json.loads(searcher.doc(address)["summary"][0]) for address in addresses]
    if others and (not summaries or any(values.get(SUMMARY_VERSION_KEY, 0) < SUMMARY_VERSION for values in summaries)):
        lean = not set(fields) & EXPORT_DROPPED  # the lean copy lacks only those
        for document in store.get_many(stored_ids(searcher, addresses), lean=lean):
            yield {f: document[f] for f in fields if f in document}
        return
    columns = {f: searcher.fast_field_values(f, addresses) for f in fields if f in INTEGER_FIELDS}
    for position in range(len(addresses)):
        values = summaries[position] if others else {}
        row = {f: values[f] for f in others if f in values}
        row.update({f: column[position] for f, column in columns.items() if column[position] is not None})
        yield row


def stored_ids(searcher: tantivy.Searcher, addresses: list) -> list[str]:
    """The report ids of hits, read from the stored id field."""
    return [searcher.doc(address)["id"][0] for address in addresses]
