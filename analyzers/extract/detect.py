"""Detect a document's type from its bytes and decode text with the right encoding."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from analyzers.errors import EmptyDocument, UnreadableDocument
from analyzers.extract.containers import ole_kind, zip_kind

_HTML_HINT = re.compile(rb"<\s*(!doctype\s+html|html|head|body|table|div|p|meta)[\s>/]", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# GB2312 and GBK are subsets of GB18030, so decoding with the superset never loses text.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn"}


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def detect_type(data: bytes, filename: str | None = None) -> str:
    """Return 'pdf', 'docx', 'xlsx', 'doc', 'wps', 'xls', 'image', 'html' or 'text' from the
    bytes (the name is only a tiebreak between HTML and text)."""
    if not data or not data.strip():
        raise EmptyDocument("the file is empty")
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return zip_kind(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return ole_kind(data)
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    if _HTML_HINT.search(data[:4096]):
        return "html"
    if filename and filename.lower().endswith((".html", ".htm", ".shtml")):
        return "html"
    return "text"


def _normalise_encoding(name: str | None) -> str | None:
    if not name:
        return None
    lowered = name.strip().lower()
    return "gb18030" if lowered in _GB_FAMILY else lowered


def _looks_binary(data: bytes) -> bool:
    """Control bytes (other than tab/newline/CR/formfeed) in quantity mean binary junk."""
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return b"\x00" in sample or controls > len(sample) * 0.02


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode bytes to str: a declared charset first, then <meta>, then UTF-8, then detection."""
    if _looks_binary(data):
        raise UnreadableDocument("binary data that is neither text, HTML, DOCX nor PDF")
    candidates = [_normalise_encoding(declared)]
    meta = _META_CHARSET.search(data[:4096])
    candidates.append(_normalise_encoding(meta.group(1).decode("ascii", "ignore")) if meta else None)
    candidates.append("utf-8")
    for encoding in candidates:
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument("the text encoding could not be determined")
    encoding = _normalise_encoding(best.encoding) or best.encoding
    return data.decode(encoding, errors="replace")
