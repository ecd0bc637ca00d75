"""Tell apart what hides inside OLE2 compound files and zip packages, without unpacking them."""

from __future__ import annotations

import io
import struct
import zipfile

import olefile

from analyzers.errors import DocumentTooLarge, EncryptedDocument, UnreadableDocument

# A zip whose parts would unpack to more than this, or shrink more than this ratio, is a
# bomb (no report workbook or document comes near: the largest seen is a few MB).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
_WORD_ENCRYPTED = 0x0100  # FIB flag fEncrypted (MS-DOC 2.5.2, offset 0x0A of WordDocument)
_BIFF_FILEPASS = 0x002F  # the record an encrypted Excel workbook starts with after BOF


def ole_kind(data: bytes) -> str:
    """'doc' (Word, also WPS Writer files), 'wps' (Works/old WPS), or 'xls' (Excel, also WPS .et)."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, IndexError, struct.error) as error:
        raise UnreadableDocument(f"the OLE2 compound file is corrupt ({error.__class__.__name__})") from error
    with ole:
        streams = {"/".join(path).lower() for path in ole.listdir()}
        if "encryptedpackage" in streams or "encryptioninfo" in streams:
            raise EncryptedDocument("the document is password-protected (encrypted Office package)")
        if "worddocument" in streams:
            _refuse_encrypted_word(_stream_head(ole, "WordDocument", 16))
            return "doc"
        for name in ("Workbook", "Book"):
            if name.lower() in streams:
                _refuse_encrypted_workbook(_stream_head(ole, name, 4096))
                return "xls"
        if "contents" in streams or "matost" in streams:
            return "wps"
    raise UnreadableDocument("an OLE2 compound file holding neither a Word, WPS nor Excel document")


def _stream_head(ole: olefile.OleFileIO, name: str, size: int) -> bytes:
    try:
        with ole.openstream(name) as stream:
            return stream.read(size)
    except (OSError, ValueError, IndexError, struct.error) as error:
        raise UnreadableDocument(f"the OLE2 stream {name} is corrupt ({error.__class__.__name__})") from error


def _refuse_encrypted_word(fib: bytes) -> None:
    if len(fib) < 12:
        raise UnreadableDocument("the Word document's header (FIB) is truncated")
    if struct.unpack_from("<H", fib, 0x0A)[0] & _WORD_ENCRYPTED:
        raise EncryptedDocument("the Word document is password-protected")


def _refuse_encrypted_workbook(head: bytes) -> None:
    """Walk the first BIFF records: FILEPASS before any sheet data means encryption."""
    offset = 0
    while offset + 4 <= len(head):
        record, length = struct.unpack_from("<HH", head, offset)
        if record == _BIFF_FILEPASS:
            raise EncryptedDocument("the Excel workbook is password-protected")
        if record == 0x0085:  # BOUNDSHEET: sheet list reached, no FILEPASS came first
            return
        offset += 4 + length


def zip_kind(data: bytes) -> str:
    """'docx' or 'xlsx' from the package's part names; a zip bomb or other zip is refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableDocument(f"the zip package is truncated or corrupt ({error.__class__.__name__})") from error
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
        raise DocumentTooLarge(f"the zip package would unpack to {unpacked // 1024 // 1024} MB "
                                 f"({unpacked // packed}x its size): refused as a zip bomb")
    names = {info.filename for info in infos}
    if any(name.startswith("word/") for name in names):
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    raise UnreadableDocument("a zip file that is neither a DOCX nor an XLSX document")
