"""Typed reasons a URL was not fetched; `reason` is the slug stored in the catalog."""

from __future__ import annotations


class FetchError(Exception):
    """A fetch that did not produce a response (refused, unreachable, too large, ...)."""

    reason = "fetch_failed"
    skipped = False

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        self.message = message
        if reason is not None:
            self.reason = reason


class RefusedURL(FetchError):
    """The URL is outside the allow-list, not http(s), or resolves to a private address."""

    reason = "refused"
    skipped = True


class RobotsDisallowed(FetchError):
    """robots.txt forbids the URL for our user agent."""

    reason = "robots_disallowed"
    skipped = True


class TooLarge(FetchError):
    """The body is longer than crawl_max_bytes."""

    reason = "too_large"


class TooManyRedirects(FetchError):
    """More redirects than crawl_max_redirects."""

    reason = "too_many_redirects"


class DeadlineExceeded(FetchError):
    """One fetch (connect, headers and body) took longer than crawl_fetch_deadline_seconds."""

    reason = "deadline_exceeded"
