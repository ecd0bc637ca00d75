"""Downloads of archived originals: a safe file name whatever the archived one held, and the
extension and Content-Type of the type read from the bytes."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import unquote

import pytest

from indexer.settings import load_settings
from portal.app import create_app
from portal.reports.downloads import download_name


def docx_bytes() -> bytes:
    """A minimal ZIP holding word/document.xml (what the archive sniffs as DOCX)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# (archived file name, bytes, expected Content-Type, expected download name)
ORIGINALS = {
    "crlf": ("年报\r\nSet-Cookie: a=1.exe", b"%PDF-1.4\n%fake\n", "application/pdf", "年报 Set-Cookie_ a=1.pdf"),
    "lying": ("report.pdf", docx_bytes(),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "report.docx"),
    "paths": ('..\\..//etc/"passwd";\u202etxt.exe', "二〇二一年度报告".encode(), "text/plain; charset=utf-8",
              "passwd__txt.txt"),
    "html": ("index.shtml", b"<html><body>report</body></html>", "text/html; charset=utf-8", "index.shtml"),
    "nameless": (None, b"<!doctype html><p>x</p>", "text/html; charset=utf-8", "{id}.html"),
}


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    """A portal whose reports' originals were archived under hostile names: (client, {key: id})."""
    from indexer.archive import open_archive
    from indexer.archive.media import sniff_media_type
    from indexer.archive.models import FetchMeta
    from indexer.backends import open_backend
    from indexer.documents import build_index_document
    from indexer.synth import make_report

    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("downloads") / "var"))
    catalog, store = open_archive(settings)
    catalog.ensure_batch("files", "files")
    ids, documents = {}, []
    for number, (key, (name, data, _type, _name)) in enumerate(ORIGINALS.items()):
        sha256 = store.put(data)
        meta = FetchMeta(f"/srv/in/{key}", "2026-01-01T00:00:00+00:00", filename=name)
        catalog.record_item("files", meta, sha256, len(data), sniff_media_type(data), "stored")
        truth = dict(make_report(11, number).truth)
        documents.append(build_index_document(sha256[:16], truth, {"url": f"/srv/in/{key}", "sha256": sha256}))
        ids[key] = sha256[:16]
    catalog.close()
    backend = open_backend(settings)
    backend.index_documents(documents)
    backend.close()
    return create_app({"TESTING": True, "SETTINGS": settings}).test_client(), ids


@pytest.mark.parametrize("key", list(ORIGINALS))
def test_an_original_downloads_with_a_safe_name_and_the_detected_type(downloads, key):
    client, ids = downloads
    _name, data, content_type, expected = ORIGINALS[key]
    response = client.get(f"/reports/{ids[key]}/original")
    assert response.status_code == 200 and response.data == data
    assert response.headers["Content-Type"] == content_type
    disposition = response.headers["Content-Disposition"]
    assert not re.search(r"[\x00-\x1f\x7f]", disposition)
    plain = re.search(r'filename="([^"]*)"', disposition).group(1)
    encoded = unquote(re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1))
    assert encoded == expected.format(id=ids[key])
    assert plain.isascii() and plain.endswith(expected.rsplit(".", 1)[1])


@pytest.mark.parametrize("name", ["", "...", "\u202e\u200b", "\x00\x01", " . / \\ "])
def test_a_name_with_nothing_usable_left_falls_back_to_the_report_id(name):
    assert download_name(name, "application/pdf", "0123456789abcdef") == "0123456789abcdef.pdf"


def test_a_very_long_name_is_cut_but_keeps_its_extension():
    name = download_name("年" * 400 + ".pdf", "application/pdf", "0123456789abcdef")
    assert len(name) <= 120 and name.endswith("年.pdf")


def test_unknown_bytes_download_as_octet_stream_with_a_bin_extension():
    assert download_name("x.exe", "application/octet-stream", "0123456789abcdef") == "x.bin"
