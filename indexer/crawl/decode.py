"""Decode fetched HTML to text: HTTP header charset, then <meta> charset, then detection."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)
# GB2312 and GBK pages routinely contain characters only GB18030 (their superset) defines.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
              "iso-8859-1": "cp1252", "latin-1": "cp1252"}


def _normalise(name: str) -> str:
    """Canonical codec name, widened to its superset where pages misdeclare."""
    lowered = name.strip().lower()
    return _SUPERSETS.get(lowered, lowered)


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """Charsets declared by the Content-Type header and the page's <meta>, in that order."""
    found = []
    header = _HEADER_CHARSET.search(content_type or "")
    # ISO-8859-1 in a header is usually a server default, not the page's real encoding.
    if header and _normalise(header.group(1)) != "cp1252":
        found.append(_normalise(header.group(1)))
    meta = _META_CHARSET.search(body[:8192])
    if meta:
        found.append(_normalise(meta.group(1).decode("ascii", "ignore")))
    return found


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """The text of an HTML body: the first declared charset that decodes cleanly, else detection."""
    for charset in declared_charsets(body, content_type):
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(body).best()
    if best is not None and best.encoding:
        return body.decode(_normalise(best.encoding), errors="replace")
    return body.decode("gb18030", errors="replace")
