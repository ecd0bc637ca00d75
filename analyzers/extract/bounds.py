"""Bounds on what opening a document may cost: zip-based files (DOCX and its kin) are unpacked
through reads that stop at a fixed size, and a PDF's compressed streams are measured before
pdfminer inflates them, so a bomb is refused instead of filling memory."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable

from analyzers.errors import UnreadableDocument

# A report's DOCX holds well under 5 MB of XML; 64 MB leaves room for odd producers while
# the XML tree built from it stays far below the 1 GB a document may use. Media (photos,
# embedded objects, fonts) is never read: text extraction does not need it.
MAX_UNPACKED_XML_BYTES = 64 << 20
MAX_ZIP_MEMBERS = 5_000  # Word writes a few dozen; a zip of a million empty members is hostile
_CHUNK = 1 << 20


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, room: int, kind: str) -> bytes:
    """One member's bytes, read in chunks; more than `room` bytes is an UnreadableDocument.

    Chunked reads matter: zipfile's read() inflates a member in one call whatever its header
    declares, and a 3 MB member can inflate to gigabytes.
    """
    parts: list[bytes] = []
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > room:
                raise UnreadableDocument(f"the {kind} file unpacks to more than "
                                         f"{MAX_UNPACKED_XML_BYTES >> 20} MB of XML (a zip bomb, not a report)")
            parts.append(chunk)
    return b"".join(parts)


def bounded_zip(data: bytes, kind: str, wanted: Callable[[str], bool]) -> bytes:
    """The zip repacked (stored, uncompressed) with the `wanted` members read under the size
    bound and every other member emptied; a corrupt or oversized zip is an UnreadableDocument."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise UnreadableDocument(f"the {kind} file holds {len(infos):,} parts, more than {MAX_ZIP_MEMBERS:,}")
            out = io.BytesIO()
            room = MAX_UNPACKED_XML_BYTES
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as repacked:
                for info in infos:
                    body = _read_member(archive, info, room, kind) if wanted(info.filename) else b""
                    room -= len(body)
                    repacked.writestr(info.filename, body)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError, OSError,
            ValueError) as error:
        # an unsupported compression method, a truncated member, a broken deflate stream
        raise UnreadableDocument(f"the {kind} file is truncated or corrupt ({error.__class__.__name__}: "
                                 f"{' '.join(str(error).split())[:120]})") from error
    return out.getvalue()


# pdfminer inflates each Flate stream in one call, so a 3 MB PDF can ask for gigabytes. The
# page contents and fonts of a report inflate to a few MB, rarely 30 with whole CJK fonts
# embedded; images are left out of the count because text extraction never inflates them.
MAX_PDF_INFLATED_BYTES = 100 << 20
_PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")


def check_pdf_streams(data: bytes) -> None:
    """Refuse a PDF whose non-image Flate streams would inflate past MAX_PDF_INFLATED_BYTES
    (a decompression bomb), inflating each in bounded chunks to find out."""
    room = MAX_PDF_INFLATED_BYTES
    for match in _PDF_STREAM.finditer(data):
        window = data[max(0, match.start() - 2048):match.start()]
        objects = list(_PDF_OBJECT.finditer(window))
        header = window[objects[-1].start():] if objects else window
        if b"FlateDecode" not in header or b"/Image" in header:
            continue
        room -= _inflated_size(data, match.end(), room)
        if room < 0:
            raise UnreadableDocument(f"the PDF's streams inflate to more than {MAX_PDF_INFLATED_BYTES >> 20} MB "
                                     "(a decompression bomb, not a report)")


def _inflated_size(data: bytes, start: int, room: int) -> int:
    """Bytes the zlib stream at `start` inflates to, counting no further than room + 1;
    a broken stream counts what inflated before the break (pdfminer reports the rest)."""
    inflater = zlib.decompressobj()
    size, at = 0, start
    try:
        while not inflater.eof and size <= room:
            piece = inflater.unconsumed_tail or data[at:at + _CHUNK]
            if not inflater.unconsumed_tail:
                at += _CHUNK
            if not piece:
                break
            size += len(inflater.decompress(piece, _CHUNK))
    except zlib.error:
        pass
    return size
