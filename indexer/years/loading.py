"""Filings from the catalog: each document's latest successful parse with its provenance."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable

from analyzers.years import copies
from analyzers.years.series import Filing, narrative_summary
from analyzers.years.timeliness import timeliness
from analyzers.years.units import unit_key
from indexer.years.figures import key_figures
from indexer.archive import Catalog, CatalogDocument
from indexer.documents import SAMPLE_BATCH, is_sample
from indexer.ingest.parsing import NOT_A_REPORT
from indexer.years.store import chunks, marks

LATEST_FLAG_SQL = ("SELECT json_extract(report_json, '$.synthetic') FROM parses WHERE sha256 = ?"
                   " AND report_json IS NOT NULL ORDER BY parsed_at DESC, rowid DESC LIMIT 1")


@dataclass
class Loaded:
    """Filings by report id (full parses kept for passages), documents by report id, and what was left out."""

    filings: dict[str, Filing] = field(default_factory=dict)
    sha: dict[str, str] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    dropped: set[str] = field(default_factory=set)  # report ids without a usable parse: stale rows to remove
    prints: dict[str, copies.Fingerprint] = field(default_factory=dict)  # made while checking; reused, never redone
    samples: set[str] = field(default_factory=set)  # report ids of synthetic samples (is_sample)


def sample_flags(catalog: Catalog, sha256s: Iterable[str]) -> dict[str, bool]:
    """`is_sample` of stored documents by hash, read in SQL (the flag of rows written before the column)."""
    sha256s = set(sha256s)
    in_batch: set[str] = set()
    for part in chunks(sha256s):
        in_batch.update(row[0] for row in catalog.conn.execute(
            f"SELECT sha256 FROM batch_items WHERE batch = ? AND sha256 IN ({marks(part)})", [SAMPLE_BATCH, *part]))
    flags = {}
    for sha in sha256s:
        row = catalog.conn.execute(LATEST_FLAG_SQL, (sha,)).fetchone()
        flags[sha] = sha in in_batch or bool(row and row[0])
    return flags


def _location(document: CatalogDocument) -> str | None:
    """The latest source still holding the document, else the latest source (as the report page names it)."""
    holding = [source for source in document.sources if source.current] or list(document.sources)
    return holding[-1].url if holding else None


def latest_ok_parse(catalog: Catalog, sha256: str) -> tuple[dict | None, tuple[str, str] | None]:
    """The most recent parse that gave a report; else (None, the latest error's reason and message)."""
    row = catalog.conn.execute(
        "SELECT report_json FROM parses WHERE sha256 = ? AND report_json IS NOT NULL"
        " ORDER BY parsed_at DESC, rowid DESC LIMIT 1", (sha256,)).fetchone()
    if row is not None:
        return json.loads(row[0]), None
    error = catalog.conn.execute(
        "SELECT error_reason, error_message FROM parses WHERE sha256 = ? ORDER BY parsed_at DESC, rowid DESC LIMIT 1",
        (sha256,)).fetchone()
    return None, (error[0], error[1] or "") if error else ("not_parsed", "the document has no parse yet")


def unusable(parse: object) -> str | None:
    """Why a stored parse cannot take part (a shape the analyses cannot read), or None.

    Checked per document so that one odd parse fails alone instead of stopping the batch.
    """
    return checked(parse)[0]


def checked(parse: object) -> tuple[str | None, copies.Fingerprint | None]:
    """(why the parse cannot take part or None, its fingerprint when it can)."""
    if not isinstance(parse, dict):
        return "not a JSON object", None
    try:
        unit_key(parse.get("agency"), parse.get("region"))
        timeliness(parse)
        narrative_summary(parse)
        fp = copies.fingerprint(parse)
        key_figures(parse)
    except (AttributeError, TypeError, ValueError, KeyError, IndexError) as error:
        return f"{type(error).__name__}: {error}"[:300], None
    return None, fp


def load(catalog: Catalog, documents: Iterable[CatalogDocument], loaded: Loaded | None = None) -> Loaded:
    """Filings of documents; a document without a report is skipped (not a report) or failed, never stops the rest."""
    loaded = loaded or Loaded()
    for document in documents:
        where = _location(document) or f"archived document {document.sha256}"
        try:
            parse, error = latest_ok_parse(catalog, document.sha256)
        except (json.JSONDecodeError, TypeError) as problem:
            loaded.dropped.add(document.report_id)
            loaded.failed.append((where, f"stored parse unreadable: {problem}"))
            continue
        if parse is None:
            loaded.dropped.add(document.report_id)
            (loaded.skipped if error[0] == NOT_A_REPORT else loaded.failed).append((where, f"{error[0]}: {error[1]}"))
            continue
        problem, fp = checked(parse)
        if problem or fp is None:
            loaded.dropped.add(document.report_id)
            loaded.failed.append((where, f"stored parse unusable for the across-years analysis: {problem}"))
            continue
        report_id = document.report_id
        loaded.filings[report_id] = Filing(report_id, parse, _location(document))
        loaded.sha[report_id] = document.sha256
        loaded.prints[report_id] = fp
        if is_sample(parse, document.batches):
            loaded.samples.add(report_id)
    return loaded


def load_ids(catalog: Catalog, report_ids: Iterable[str], loaded: Loaded) -> Loaded:
    """Add the filings of stored report ids (the rest of the units a batch touches)."""
    documents = [catalog.find_by_report_id(rid) for rid in sorted(set(report_ids) - loaded.filings.keys())]
    return load(catalog, [d for d in documents if d is not None], loaded)
