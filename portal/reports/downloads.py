"""How an archived original is handed out: a safe file name and the type read from its bytes.

The archived name comes from a crawled URL or a local file and may hold anything: CR/LF
(which broke the response header), quotes, path separators, bidi controls that disguise an
extension (年报\u202etxt.exe). The extension and Content-Type follow the bytes, never the
name: a DOCX archived as report.pdf downloads as report.docx.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from urllib.parse import quote

from indexer.archive import media

MAX_NAME_CHARS = 120
EXTENSIONS = {
    media.PDF: (".pdf",),
    media.DOCX: (".docx",),
    media.DOC: (".doc",),
    media.HTML: (".html", ".htm", ".shtml"),
    media.TEXT: (".txt",),
    media.BINARY: (".bin",),
}
# characters that separate paths or mean something in a header or on Windows
RESERVED = re.compile(r'[\\/"*:<>?|;]')
SPACES = re.compile(r"\s+")
# a final ".xyz" that names a type (replaced by the detected one), not part of the title
LAST_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def extension_for(media_type: str) -> str:
    """The file extension of a media type (.bin when none is known)."""
    known = EXTENSIONS.get(media_type)
    if known:
        return known[0]
    return mimetypes.guess_extension(media_type) or ".bin"


def _clean(name: str) -> str:
    """The name's last path component without controls, format characters or reserved characters."""
    last = re.split(r"[\\/]", name)[-1]
    kept = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in last if unicodedata.category(c) not in ("Cf", "Co", "Cs", "Cn")
    )
    return SPACES.sub(" ", RESERVED.sub("_", kept)).strip(" ._")


def download_name(archived: str | None, media_type: str, report_id: str) -> str:
    """A safe download name for an original: cleaned, cut, ending in the detected type's extension."""
    extension = extension_for(media_type)
    name = _clean(archived or "")
    if name.lower().endswith(EXTENSIONS.get(media_type, (extension,))):
        stem, extension = name[: name.rindex(".")], name[name.rindex("."):]
    else:
        stem = LAST_EXTENSION.sub("", name)
    stem = stem[: MAX_NAME_CHARS - len(extension)].strip(" ._") or report_id
    return stem + extension


def content_type(media_type: str, data: bytes) -> str:
    """The Content-Type of a download: the detected type, with a charset for UTF-8 text only.

    Text archived in GBK gets no charset rather than a wrong one: the browser then reads
    the page's own <meta charset> or guesses.
    """
    if media_type.startswith("text/"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return media_type
        return f"{media_type}; charset=utf-8"
    return media_type


def attachment(filename: str, report_id: str) -> str:
    """A Content-Disposition value carrying a Chinese name (RFC 6266) with an ASCII fallback.

    `filename` comes from download_name (clean, with an extension); the fallback keeps its
    extension and falls back to the report id when no ASCII is left of the rest.
    """
    stem, dot, extension = filename.rpartition(".")
    ascii_stem = stem.encode("ascii", "ignore").decode().strip(" ._") or report_id
    return f"attachment; filename=\"{ascii_stem}{dot}{extension}\"; filename*=UTF-8''{quote(filename, safe='')}"


# What a reader calls each type of original (the provenance block shows this, not the media type)
MEDIA_LABELS = {
    media.PDF: "PDF 文档",
    media.DOCX: "Word 文档（DOCX）",
    media.DOC: "Word 文档（DOC）",
    media.HTML: "网页（HTML）",
    media.TEXT: "纯文本（TXT）",
}


def media_label(media_type: str | None) -> str:
    """A type of original in plain Chinese: 纯文本（TXT）, not text/plain; unknown types by their extension."""
    if not media_type or media_type == media.BINARY:
        return "类型不明"
    known = MEDIA_LABELS.get(media_type.split(";")[0].strip())
    if known:
        return known
    extension = mimetypes.guess_extension(media_type)
    return f"{extension[1:].upper()} 文件" if extension else "类型不明"
