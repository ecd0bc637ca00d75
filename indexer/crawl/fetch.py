"""HTTP fetching with the crawl's manners: allow-list, robots.txt, per-host delay, retries, limits, deadline."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from indexer.archive import utc_now
from indexer.crawl.errors import FetchError, RobotsDisallowed, TooManyRedirects
from indexer.crawl.safety import UrlPolicy, host_of
from indexer.crawl.transport import ACCEPT_ENCODING, Exchange, decoded_body, exchange, mount_deadline_adapter
from indexer.settings import Settings

_REDIRECTS = {301, 302, 303, 307, 308}


class ServerError(FetchError):
    """A 5xx answer: worth retrying."""

    reason = "server_error"


@dataclass(frozen=True)
class FetchResult:
    """One HTTP answer: final URL, status, the headers we keep, the body and when it came."""

    url: str
    status: int
    body: bytes
    fetched_at: str
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        """Whether a conditional GET answered 304."""
        return self.status == 304


@dataclass
class HostThrottle:
    """Keeps at least `delay` seconds between two requests to the same host."""

    delay: float
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str, delay: float | None = None) -> None:
        """Claim this host's next slot, then sleep until it comes (other hosts are not held up)."""
        gap = self.delay if delay is None else max(self.delay, delay)
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._last.get(host, float("-inf")) + gap)
            self._last[host] = slot
        if slot > now:
            time.sleep(slot - now)


class Fetcher:
    """Fetches URLs under a UrlPolicy, honouring robots.txt and the settings' limits.

    Several threads may fetch at once as long as each host is fetched by one thread at a
    time (the crawler's rule): the throttle and the robots.txt cache are per host, and the
    session's connection pool is thread-safe.
    """

    def __init__(self, settings: Settings, policy: UrlPolicy, session: requests.Session | None = None,
                 recorder: Callable[[Exchange], None] | None = None):
        self.settings = settings
        self.policy = policy
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent
        self.session.headers["Accept-Encoding"] = ACCEPT_ENCODING
        mount_deadline_adapter(self.session)
        # Called with every HTTP exchange, whatever its status (the crawl's WARC writer).
        self.recorder = recorder
        self.throttle = HostThrottle(settings.crawl_delay_seconds)
        self._robots: dict[str, Protego | None] = {}

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET a URL (conditionally when validators are given), following allowed redirects."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        hops: list[str] = []
        for _ in range(self.settings.crawl_max_redirects + 1):
            self.policy.check(url)
            self._check_robots(url)
            result = self._get(url, headers)
            location = result.redirect_to
            if result.status not in _REDIRECTS or not location:
                return FetchResult(url, result.status, result.body, utc_now(), result.content_type,
                                   result.etag, result.last_modified, tuple(hops))
            hops.append(url)
            url = urljoin(url, location).split("#")[0]
        raise TooManyRedirects(f"more than {self.settings.crawl_max_redirects} redirects from {hops[0]}")

    def _check_robots(self, url: str) -> None:
        """Raise RobotsDisallowed when the site's robots.txt forbids the URL."""
        parts = urlsplit(url)
        if parts.path == "/robots.txt":
            return
        robots = self._robots_for(f"{parts.scheme}://{parts.netloc}")
        if robots is not None and not robots.can_fetch(url, self.settings.user_agent):
            raise RobotsDisallowed(f"robots.txt disallows {url}")

    def _robots_for(self, origin: str) -> Protego | None:
        """The parsed robots.txt of an origin (None: no rules), fetched once per crawl."""
        if origin not in self._robots:
            try:
                answer = self._get(origin + "/robots.txt", {})
            except ServerError:
                # A failing robots.txt means "come back later": treat the whole site as off limits.
                self._robots[origin] = Protego.parse("User-agent: *\nDisallow: /")
                return self._robots[origin]
            text = answer.body.decode("utf-8", "replace") if answer.status == 200 else ""
            self._robots[origin] = Protego.parse(text) if text else None
        return self._robots[origin]

    def _delay_for(self, url: str) -> float | None:
        """A robots.txt Crawl-delay for this URL's site, if it asks for one."""
        parts = urlsplit(url)
        robots = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        return robots.crawl_delay(self.settings.user_agent) if robots is not None else None

    def _get(self, url: str, headers: dict[str, str]) -> "_RawAnswer":
        """One GET with retries and exponential backoff on timeouts, connection errors and 5xx."""
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.crawl_retries + 1),
            wait=wait_exponential(multiplier=self.settings.crawl_backoff_seconds, max=60),
            retry=retry_if_exception_type((requests.Timeout, requests.ConnectionError, ServerError)),
            reraise=True,
        )
        try:
            return retrying(self._get_once, url, headers)
        except requests.Timeout as error:
            raise FetchError(f"timed out: {url} ({error.__class__.__name__})", reason="timeout") from None
        except requests.ConnectionError as error:
            reason = "timeout" if "timed out" in str(error).lower() else "connection_failed"
            raise FetchError(f"cannot fetch {url}: {error.__class__.__name__}", reason=reason) from None
        except requests.RequestException as error:
            raise FetchError(f"cannot fetch {url}: {error}", reason="bad_request") from None

    def _get_once(self, url: str, headers: dict[str, str]) -> "_RawAnswer":
        """One GET attempt, after the host's delay, bounded by the per-fetch deadline and size limit."""
        self.throttle.wait(host_of(url), self._delay_for(url))
        limit = self.settings.crawl_max_bytes
        answer = exchange(self.session, url, headers, self.settings.crawl_timeout_seconds,
                          self.settings.crawl_fetch_deadline_seconds, limit)
        if self.recorder is not None:
            self.recorder(answer)
        if answer.status >= 500:
            raise ServerError(f"HTTP {answer.status} from {url}", reason=f"http_{answer.status}")
        return _RawAnswer(answer.status, decoded_body(answer, limit), answer.header("Content-Type"),
                          answer.header("ETag"), answer.header("Last-Modified"), answer.header("Location"))


@dataclass(frozen=True)
class _RawAnswer:
    """One HTTP answer before redirect handling."""

    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    redirect_to: str | None
