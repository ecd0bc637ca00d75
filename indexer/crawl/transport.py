"""One HTTP exchange under an overall deadline, read raw so a WARC can hold the bytes as sent.

A read timeout bounds each socket read, not the fetch: a server trickling one byte a
second never trips it. `Deadline` bounds the whole exchange (connect, headers, body): when
it passes, a watchdog thread shuts the exchange's socket down, which wakes the blocked
read at once. The socket is found through connection classes that note themselves in the
fetching thread's current deadline when they send a request.
"""

from __future__ import annotations

import socket
import threading
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError, ReadTimeoutError

from indexer.crawl.errors import DeadlineExceeded, FetchError, TooLarge

_CHUNK = 64 * 1024
_REARM_SECONDS = 0.05
# Only encodings we can decode with the standard library (and bound while decoding).
ACCEPT_ENCODING = "gzip, deflate"
_current = threading.local()


class Deadline:
    """Shuts down the current thread's HTTP connection if the exchange outlives `seconds`."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self.connection: HTTPConnection | None = None
        self.peer_ip: str | None = None
        self._timer: threading.Timer | None = None
        self._done = False
        self._lock = threading.Lock()

    def __enter__(self) -> "Deadline":
        _current.deadline = self
        self._arm(self.seconds)
        return self

    def __exit__(self, *exc_info) -> None:
        _current.deadline = None
        with self._lock:
            self._done = True
            if self._timer is not None:
                self._timer.cancel()

    def _arm(self, seconds: float) -> None:
        """Start (or restart) the watchdog timer, unless the exchange is over."""
        with self._lock:
            if self._done:
                return
            self._timer = threading.Timer(seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        """Deadline passed: cut the socket; still connecting, so look again shortly."""
        with self._lock:
            if self._done:
                return
            self.expired = True
        sock = getattr(self.connection, "sock", None)
        if sock is None:
            self._arm(_REARM_SECONDS)
            return
        try:
            # socket.socket's own shutdown: TLS sockets would otherwise drop their state mid-read.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass


def _note_connection(connection: HTTPConnection) -> None:
    """Tell the fetching thread's deadline which connection carries its exchange."""
    deadline = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.connection = connection


def _note_peer(connection: HTTPConnection) -> None:
    """Remember the address the request went to (the socket may be closed by the time we ask)."""
    deadline = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.peer_ip = _peer_ip(connection)


class _Tracked:
    """Mixin for urllib3 connections: note the connection and its peer in the current deadline."""

    def request(self, *args, **kwargs):
        """Send the request, first telling the deadline which connection carries it."""
        _note_connection(self)  # type: ignore[arg-type]
        return super().request(*args, **kwargs)  # type: ignore[misc]

    def getresponse(self, *args, **kwargs):
        """Read the answer's head, first noting the server's address."""
        _note_peer(self)  # type: ignore[arg-type]
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _TrackedHTTPConnection(_Tracked, HTTPConnection):
    """An HTTP connection the current deadline can cut."""


class _TrackedHTTPSConnection(_Tracked, HTTPSConnection):
    """An HTTPS connection the current deadline can cut."""


class _TrackedHTTPPool(HTTPConnectionPool):
    """A pool of tracked HTTP connections."""

    ConnectionCls = _TrackedHTTPConnection


class _TrackedHTTPSPool(HTTPSConnectionPool):
    """A pool of tracked HTTPS connections."""

    ConnectionCls = _TrackedHTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """A requests adapter whose connections a `Deadline` can shut down."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        """The usual pool manager, building tracked connection pools."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _TrackedHTTPPool, "https": _TrackedHTTPSPool}


def mount_deadline_adapter(session: requests.Session) -> None:
    """Make every http(s) request of the session cuttable by a Deadline."""
    adapter = DeadlineAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its answer as they went over the wire (body not content-decoded)."""

    url: str
    started_at: datetime
    request_headers: tuple[tuple[str, str], ...]
    http_version: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    raw_body: bytes
    peer_ip: str | None

    def header(self, name: str) -> str | None:
        """The first value of a response header (case-insensitive)."""
        lowered = name.lower()
        return next((value for key, value in self.headers if key.lower() == lowered), None)


def exchange(session: requests.Session, url: str, headers: dict[str, str], timeout: float,
             deadline_seconds: float, max_bytes: int) -> Exchange:
    """GET `url` once (no redirects) and read the raw body, all within `deadline_seconds`."""
    started = datetime.now(timezone.utc)
    with Deadline(deadline_seconds) as deadline:
        try:
            with session.get(url, headers=headers, timeout=(timeout, timeout), stream=True,
                             allow_redirects=False) as response:
                body = _read_raw(response, url, max_bytes)
        except (requests.RequestException, OSError) as error:
            if deadline.expired:
                raise _late(url, deadline_seconds) from None
            raise error
        if deadline.expired:
            # A body without Content-Length simply ends when the socket is cut: never keep half of it.
            raise _late(url, deadline_seconds)
    sent = response.request.headers
    request_headers = (("Host", urlsplit(url).netloc),) + tuple(sent.items())
    return Exchange(url, started, request_headers, _version(response.raw.version), response.status_code,
                    response.reason or "", tuple(response.raw.headers.items()), body, deadline.peer_ip)


def _late(url: str, seconds: float) -> DeadlineExceeded:
    """The error of a fetch that ran past its deadline."""
    return DeadlineExceeded(f"{url} took longer than the {seconds:g} s allowed for one fetch")


def _version(number: int) -> str:
    """urllib3's protocol number (10, 11, 20) as an HTTP version string."""
    return {9: "HTTP/0.9", 10: "HTTP/1.0", 20: "HTTP/2"}.get(number, "HTTP/1.1")


def _peer_ip(connection: HTTPConnection | None) -> str | None:
    """The server address the exchange's socket is connected to, if still known."""
    try:
        return connection.sock.getpeername()[0] if connection is not None and connection.sock else None
    except OSError:
        return None


def _read_raw(response: requests.Response, url: str, limit: int) -> bytes:
    """The body as sent (transfer coding removed, content coding kept), refusing more than `limit`."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"{url} declares {declared} bytes, more than the {limit} allowed")
    chunks, total = [], 0
    try:
        for chunk in response.raw.stream(_CHUNK, decode_content=False):
            total += len(chunk)
            if total > limit:
                raise TooLarge(f"{url} is longer than the {limit} bytes allowed")
            chunks.append(chunk)
    # The same translation requests' iter_content makes, so callers see requests' errors only.
    except ReadTimeoutError as error:
        raise requests.ConnectionError(error) from None
    except HTTPError as error:
        raise requests.exceptions.ChunkedEncodingError(error) from None
    return b"".join(chunks)


def decoded_body(answer: Exchange, limit: int) -> bytes:
    """The body with its Content-Encoding undone, refusing a decoded size over `limit`."""
    coding = (answer.header("Content-Encoding") or "identity").strip().lower()
    if coding in ("identity", "") or not answer.raw_body:
        return answer.raw_body
    if coding in ("gzip", "x-gzip"):
        return _inflate(answer, zlib.decompressobj(16 + zlib.MAX_WBITS), limit)
    if coding == "deflate":
        # Servers send "deflate" both zlib-wrapped (as the RFC says) and raw.
        wrapped = answer.raw_body[:1] == b"\x78"
        return _inflate(answer, zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS), limit)
    raise FetchError(f"{answer.url} is sent with an encoding we did not ask for: {coding}",
                     reason="unsupported_encoding")


def _inflate(answer: Exchange, decompressor, limit: int) -> bytes:
    """Decompress at most limit + 1 bytes, so a compression bomb stops at the limit."""
    try:
        data = decompressor.decompress(answer.raw_body, limit + 1)
    except zlib.error as error:
        raise FetchError(f"{answer.url}: corrupt compressed body ({error})", reason="bad_encoding") from None
    if len(data) > limit or decompressor.unconsumed_tail:
        raise TooLarge(f"{answer.url} decompresses to more than the {limit} bytes allowed")
    return data
