"""WARC/1.1 records of a crawl's HTTP exchanges (warcio), written beside the content-addressed archive.

Every exchange the fetcher completes (robots.txt, redirects, 304s, errors included) becomes a
request record and a response record holding the bytes as they came over the wire: the
transfer coding is undone by urllib3, the content coding (gzip) is kept, so replay tools
decode the body exactly as a browser would. Files are per crawl run and rotate by size;
every record is gzipped on its own, so a file cut short by a kill loses only its last record.
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from indexer.crawl.transport import Exchange
from indexer.settings import Settings

WARC_VERSION = "1.1"
# urllib3 hands over the body with its chunked framing removed, so the header that announced the
# framing would make replay tools look for chunks that are not there; it is kept under this name.
_DECHUNKED = "X-Crawler-Transfer-Encoding"


def new_writer(stream: BinaryIO) -> WARCWriter:
    """A WARC/1.1 writer gzipping each record on its own."""
    return WARCWriter(stream, gzip=True, warc_version=WARC_VERSION)


def warc_date(moment: datetime) -> str:
    """A WARC-Date with microseconds (WARC/1.1 allows them; fetches within a second stay ordered)."""
    return datetime_to_iso_date(moment.astimezone(timezone.utc).replace(tzinfo=None), use_micros=True)


def write_warcinfo(writer: WARCWriter, filename: str, info: dict[str, str]) -> None:
    """The warcinfo record that opens a file: what wrote it and why."""
    writer.write_record(writer.create_warcinfo_record(filename, {"software": "nianbao", "format": "WARC File Format 1.1",
                                                                 **info}))


def write_exchange(writer: WARCWriter, answer: Exchange) -> None:
    """Write one exchange as a request record and its concurrent response record."""
    headers = {"WARC-Date": warc_date(answer.started_at)}
    if answer.peer_ip:
        headers["WARC-IP-Address"] = answer.peer_ip
    parts = urlsplit(answer.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request_head = StatusAndHeaders(f"GET {target} {answer.http_version}", list(answer.request_headers),
                                    is_http_request=True)
    request = writer.create_warc_record(answer.url, "request", payload=BytesIO(b""), http_headers=request_head,
                                        warc_headers_dict=dict(headers))
    response_head = StatusAndHeaders(f"{answer.status} {answer.reason}".strip(), _response_headers(answer),
                                     protocol=answer.http_version)
    response = writer.create_warc_record(answer.url, "response", payload=BytesIO(answer.raw_body),
                                         http_headers=response_head, warc_headers_dict=headers)
    writer.write_request_response_pair(request, response)


def _response_headers(answer: Exchange) -> list[tuple[str, str]]:
    """The response headers as received, with a chunked Transfer-Encoding renamed (see _DECHUNKED)."""
    return [(_DECHUNKED if name.lower() == "transfer-encoding" else name, value) for name, value in answer.headers]


class CrawlWarcWriter:
    """Appends a crawl run's exchanges to WARC files DIR/BATCH/BATCH-RUN-STAMP-NNNNN.warc.gz.

    Fetch threads call `record` at once; a lock keeps records whole. A resumed run starts a
    new file (new stamp) rather than appending to one a kill may have cut short.
    """

    def __init__(self, settings: Settings, batch: str, run_id: int):
        self.folder = settings.warc_path / _safe(batch)
        self.prefix = f"{_safe(batch)}-{run_id:05d}-{datetime.now(timezone.utc):%Y%m%d%H%M%S}"
        self.rotate_bytes = settings.crawl_warc_rotate_bytes
        self.batch, self.run_id = batch, run_id
        self.files: list[Path] = []
        self._stream: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self._lock = threading.Lock()

    def record(self, answer: Exchange) -> None:
        """Write one exchange, opening or rotating the file as needed."""
        with self._lock:
            if self._stream is None or self._stream.tell() >= self.rotate_bytes:
                self._open_next()
            assert self._writer is not None and self._stream is not None
            write_exchange(self._writer, answer)
            self._stream.flush()

    def close(self) -> None:
        """Close the current file."""
        with self._lock:
            if self._stream is not None:
                self._stream.close()
                self._stream = self._writer = None

    def _open_next(self) -> None:
        """Close the current file and start the next one with its warcinfo record."""
        if self._stream is not None:
            self._stream.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        number = len(self.files)
        while True:
            # Never append to an older file (a resumed run may start within the same second).
            path = self.folder / f"{self.prefix}-{number:05d}.warc.gz"
            try:
                self._stream = open(path, "xb")
                break
            except FileExistsError:
                number += 1
        self._writer = new_writer(self._stream)
        self.files.append(path)
        write_warcinfo(self._writer, path.name, {"description": f"crawl run {self.run_id} of batch {self.batch}"})


def _safe(name: str) -> str:
    """A batch name made safe as one path segment."""
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip(".")
    return cleaned or "batch"
