"""The content-addressed archive: sharded, atomic, never overwritten, hash-checked."""

from __future__ import annotations

import hashlib

import pytest

from indexer.archive import ArchiveError, ArchiveStore


def test_put_returns_the_sha256_and_read_gives_the_bytes_back(tmp_path):
    store = ArchiveStore(tmp_path)
    digest = store.put("年度报告".encode())
    assert digest == hashlib.sha256("年度报告".encode()).hexdigest()
    assert store.read(digest) == "年度报告".encode()


def test_blobs_are_sharded_by_the_first_hash_digits(tmp_path):
    store = ArchiveStore(tmp_path)
    digest = store.put(b"x")
    assert store.path_for(digest) == tmp_path / digest[:2] / digest[2:4] / digest
    assert store.path_for(digest).is_file()


def test_an_existing_blob_is_never_rewritten(tmp_path):
    store = ArchiveStore(tmp_path)
    digest = store.put(b"same bytes")
    before = store.path_for(digest).stat().st_mtime_ns
    store.put(b"same bytes")
    assert store.path_for(digest).stat().st_mtime_ns == before


def test_no_temporary_files_are_left_after_a_put(tmp_path):
    store = ArchiveStore(tmp_path)
    digest = store.put(b"payload")
    assert [p.name for p in store.path_for(digest).parent.iterdir()] == [digest]


@pytest.mark.parametrize("bad", ["../../etc/passwd", "ABC", "g" * 64, "A" * 64, ""])
def test_paths_are_never_built_from_anything_but_a_hex_digest(tmp_path, bad):
    with pytest.raises(ArchiveError):
        ArchiveStore(tmp_path).read(bad)


def test_a_corrupted_blob_is_reported_not_returned(tmp_path):
    store = ArchiveStore(tmp_path)
    digest = store.put(b"original")
    store.path_for(digest).write_bytes(b"tampered")
    with pytest.raises(ArchiveError, match="corrupt"):
        store.read(digest)


def test_reading_a_missing_blob_is_a_typed_error(tmp_path):
    with pytest.raises(ArchiveError, match="no archived blob"):
        ArchiveStore(tmp_path).read("0" * 64)
