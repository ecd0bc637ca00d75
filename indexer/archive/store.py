"""Content-addressed archive of original bytes: one file per SHA-256, written once, atomically."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class ArchiveError(Exception):
    """The archive cannot serve a request (bad hash, missing or corrupt blob)."""


def sha256_hex(data: bytes) -> str:
    """The lowercase hex SHA-256 of `data`: the archive key of those bytes."""
    return hashlib.sha256(data).hexdigest()


class ArchiveStore:
    """Stores blobs under ROOT/ab/cd/<sha256>; paths come only from validated hashes."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        """The blob path of a hash; refuses anything that is not 64 lowercase hex digits."""
        if not isinstance(sha256, str) or not _SHA256.match(sha256):
            raise ArchiveError(f"not a SHA-256 hex digest: {sha256!r}")
        # Two levels of 256-way sharding keep directories small at millions of blobs.
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        """Whether the blob of this hash is stored."""
        return self.path_for(sha256).is_file()

    def put(self, data: bytes) -> str:
        """Store `data` (once; an existing blob is never rewritten) and return its SHA-256."""
        digest = sha256_hex(data)
        target = self.path_for(digest)
        if target.is_file():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target, fsync, then rename: a reader or a crash never sees half a blob.
        fd, temp_name = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        return digest

    def read(self, sha256: str) -> bytes:
        """The bytes stored under `sha256`, verified against the hash."""
        path = self.path_for(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ArchiveError(f"no archived blob {sha256}") from None
        if sha256_hex(data) != sha256:
            raise ArchiveError(f"archived blob {sha256} is corrupt")
        return data
