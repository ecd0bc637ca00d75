"""`nianbao export-warc`: a batch's archived originals as one WARC/1.1 file.

Each place a document came from becomes one record: a fetched URL a `response` record (the
original URL and time, the status and the headers the catalog kept: Content-Type, ETag,
Last-Modified), a local import a `resource` record under its file:// URI. The payload is
the archived bytes, and WARC-Payload-Digest is their SHA-256 (base32, as WARC labels it).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from indexer.archive import ArchiveError, ArchiveStore, Catalog, CatalogDocument, SourceRecord
from indexer.crawl.warc import new_writer, warc_date, write_warcinfo


class UnknownBatch(ValueError):
    """The batch to export is not in the catalog."""


@dataclass
class ExportSummary:
    """What an export wrote: records per type, and (by URL or path) the documents it could not read."""

    documents: int = 0
    records: dict[str, int] = field(default_factory=lambda: {"response": 0, "resource": 0})
    failures: list[tuple[str, str]] = field(default_factory=list)


def payload_digest(data: bytes) -> str:
    """The WARC-Payload-Digest of bytes: sha256 in base32, the form WARC readers expect."""
    return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")


def export_batch(catalog: Catalog, store: ArchiveStore, batch: str, out: Path) -> ExportSummary:
    """Write every document of the batch (each of its sources) to a gzipped WARC at `out`."""
    known = catalog.conn.execute("SELECT 1 FROM batches WHERE name = ?", (batch,)).fetchone()
    if known is None:
        raise UnknownBatch(f"no batch named {batch!r} in the catalog")
    summary = ExportSummary()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as stream:
        writer = new_writer(stream)
        write_warcinfo(writer, out.name, {"description": f"archived originals of batch {batch}"})
        for document in catalog.iter_documents(batch):
            summary.documents += 1
            try:
                data = store.read(document.sha256)
            except ArchiveError as error:
                where = document.sources[-1].url if document.sources else document.sha256
                summary.failures.append((where, str(error)))
                continue
            for source in document.sources:
                kind = _write_source(writer, document, source, data)
                summary.records[kind] += 1
    return summary


def _write_source(writer: WARCWriter, document: CatalogDocument, source: SourceRecord, data: bytes) -> str:
    """One record for one source of a document; returns its WARC type."""
    headers = {"WARC-Date": warc_date(datetime.fromisoformat(source.fetched_at)),
               "WARC-Payload-Digest": payload_digest(data)}
    content_type = source.content_type or document.media_type
    if source.url.startswith(("http://", "https://")) and source.http_status:
        record = writer.create_warc_record(source.url, "response", payload=BytesIO(data),
                                           http_headers=_http_head(source, content_type, len(data)),
                                           warc_headers_dict=headers)
    else:
        record = writer.create_warc_record(Path(source.url).as_uri(), "resource", payload=BytesIO(data),
                                           warc_content_type=content_type, warc_headers_dict=headers)
    writer.write_record(record)
    return record.rec_type


def _http_head(source: SourceRecord, content_type: str, length: int) -> StatusAndHeaders:
    """The HTTP status line and the headers the catalog kept for a fetched source."""
    try:
        phrase = HTTPStatus(source.http_status).phrase
    except ValueError:
        phrase = ""
    headers = [("Content-Type", content_type), ("Content-Length", str(length))]
    headers += [(name, value) for name, value in (("ETag", source.etag), ("Last-Modified", source.last_modified))
                if value]
    return StatusAndHeaders(f"{source.http_status} {phrase}".strip(), headers, protocol="HTTP/1.1")
