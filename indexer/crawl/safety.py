"""Which URLs the crawler may fetch: allow-listed domains, public addresses only, http(s) only."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from indexer.crawl.errors import RefusedURL


def host_of(url: str) -> str:
    """The lowercase host name of a URL ('' if it has none)."""
    return (urlsplit(url).hostname or "").lower()


def _resolve(host: str, port: int) -> list[str]:
    """Every address the host resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise RefusedURL(f"cannot resolve {host}: {error}", reason="dns_failed") from None
    return sorted({info[4][0] for info in infos})


@dataclass(frozen=True)
class UrlPolicy:
    """The crawl's safety rules: domain allow-list and refusal of non-public addresses."""

    allowed_domains: frozenset[str]
    allow_private: bool = False

    @classmethod
    def for_seeds(cls, seeds: list[str], extra_domains: str = "", allow_private: bool = False) -> "UrlPolicy":
        """A policy allowing the seeds' hosts plus a comma-separated list of extra domains."""
        domains = {host_of(seed) for seed in seeds} | {d.strip().lower() for d in extra_domains.split(",")}
        return cls(frozenset(d for d in domains if d), allow_private)

    def domain_allowed(self, url: str) -> bool:
        """Whether the URL is http(s) on an allowed domain or one of its subdomains."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host:
            return False
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def check(self, url: str) -> None:
        """Raise RefusedURL unless the URL may be fetched; resolves the host and checks every address."""
        if not self.domain_allowed(url):
            raise RefusedURL(f"not an allowed domain or scheme: {url}", reason="domain_not_allowed")
        if self.allow_private:
            return
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        for address in _resolve(parts.hostname or "", port):
            ip = ipaddress.ip_address(address.split("%")[0])
            # is_global is False for loopback, RFC 1918, link-local, CGNAT, reserved ranges.
            if not ip.is_global or ip.is_multicast:
                raise RefusedURL(f"{parts.hostname} resolves to non-public address {ip}", reason="private_address")
