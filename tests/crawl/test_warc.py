"""WARC output: a crawl's fetches and `nianbao export-warc` replay to the archive's very bytes."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path
from urllib.parse import urljoin

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from crawl.conftest import fast_crawl_settings
from crawl.govsite import COLUMN, build_site
from crawl.test_crawl_site import crawl_once
from indexer.archive import open_archive
from indexer.ingest.inputs import expand_inputs
from indexer.ingest.runner import IngestRunner
from portal.cli.main import cli

GZIPPED = COLUMN + "202503/t20250310_3.htm"


def read_warcs(paths) -> list[dict]:
    """Every record of the WARC files: type, target, headers, raw payload and decoded content."""
    records = []
    for path in paths:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                raw = record.raw_stream.read()  # payload as stored (content coding kept)
                records.append({"type": record.rec_type, "uri": record.rec_headers.get_header("WARC-Target-URI"),
                                "warc": record.rec_headers, "http": record.http_headers, "raw": raw})
            stream.seek(0)
            decoded = [r.content_stream().read() for r in ArchiveIterator(stream)]
        for entry, content in zip(records[-len(decoded):], decoded):
            entry["content"] = content
    return records


@pytest.fixture(scope="module")
def crawled_with_warc(tmp_path_factory):
    """One crawl of the standard site (one report page served gzipped), with its WARC files."""
    site = build_site()
    page = site.routes[GZIPPED]
    page.body, page.headers = gzip.compress(page.body), {"Content-Encoding": "gzip"}
    site.start()
    settings = fast_crawl_settings(tmp_path_factory.mktemp("warc") / "var")
    plain = gzip.decompress(page.body)
    report = crawl_once(settings, site)
    yield settings, site, plain, report
    site.stop()


def replayed(records: list[dict], url: str) -> dict:
    """The 200 response a replay shows for a URL, following recorded redirects."""
    last = {r["uri"]: r for r in records if r["type"] == "response"}
    for _hop in range(6):
        record = last[url]
        if not record["http"].get_statuscode().startswith("3"):
            return record
        url = urljoin(url, record["http"].get_header("Location"))
    raise AssertionError(f"redirect loop at {url}")


def archived_by_url(settings) -> dict[str, bytes]:
    """URL -> archived bytes of every fetched source."""
    catalog, store = open_archive(settings)
    found = {s.url: store.read(d.sha256) for d in catalog.iter_documents() for s in d.sources}
    catalog.close()
    return found


def test_every_archived_fetch_replays_from_the_crawl_warc_with_the_same_bytes_and_hash(crawled_with_warc):
    settings, _site, _plain, report = crawled_with_warc
    files = sorted(settings.warc_path.rglob("*.warc.gz"))
    assert len(files) == 1 and files[0].parent.name == "sites"
    assert report.warc_files == (str(files[0]),)
    records = read_warcs(files)
    archived = archived_by_url(settings)
    assert len(archived) == 8
    for url, data in archived.items():
        record = replayed(records, url)
        assert record["http"].get_statuscode() == "200"
        assert hashlib.sha256(record["content"]).hexdigest() == hashlib.sha256(data).hexdigest()


def test_the_crawl_warc_holds_a_request_for_every_response_including_robots_and_failures(crawled_with_warc):
    settings, site, _plain, _report = crawled_with_warc
    records = read_warcs(sorted(settings.warc_path.rglob("*.warc.gz")))
    assert records[0]["type"] == "warcinfo" and all(r["warc"].protocol == "WARC/1.1" for r in records)
    responses = [r for r in records if r["type"] == "response"]
    requests = [r for r in records if r["type"] == "request"]
    assert len(requests) == len(responses)
    # Every answer the server sent in time is in the WARC (the slow page's answers come too late).
    answered = {(path, str(status)) for path, _, status in site.log if path != COLUMN + "201901/t20190110_8.htm"}
    assert {(r["uri"].split(site.base)[1], r["http"].get_statuscode()) for r in responses} == answered
    ids = {r["warc"].get_header("WARC-Record-ID") for r in responses}
    assert {r["warc"].get_header("WARC-Concurrent-To") for r in requests} == ids
    statuses = {(r["uri"].split(site.base)[1], r["http"].get_statuscode()) for r in responses}
    assert ("/robots.txt", "200") in statuses and (COLUMN + "201812/t20181201_7.htm", "404") in statuses
    assert (COLUMN + "202401/t20240115_9.htm", "503") in statuses
    assert all(r["warc"].get_header("WARC-IP-Address") == "127.0.0.1" for r in responses)


def test_a_gzipped_answer_is_kept_compressed_in_the_warc_and_decoded_in_the_archive(crawled_with_warc):
    settings, site, plain, _report = crawled_with_warc
    [record] = [r for r in read_warcs(sorted(settings.warc_path.rglob("*.warc.gz")))
                if r["type"] == "response" and r["uri"] == site.url(GZIPPED)]
    assert record["raw"] == site.routes[GZIPPED].body and record["raw"][:2] == b"\x1f\x8b"
    assert record["http"].get_header("Content-Encoding") == "gzip"
    assert record["content"] == plain == archived_by_url(settings)[site.url(GZIPPED)]


def test_export_warc_writes_a_batch_as_response_and_resource_records_that_replay_to_the_archive(
        crawled_with_warc, tmp_path):
    settings, _site, _plain, _report = crawled_with_warc
    local = tmp_path / "local.txt"
    local.write_text("某镇2023年度政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    catalog, store = open_archive(settings)
    IngestRunner(catalog, store, settings).run(expand_inputs([str(local)]), "sites")
    catalog.close()
    out = tmp_path / "sites.warc.gz"
    result = CliRunner().invoke(cli, ["export-warc", "--batch", "sites", "--out", str(out)],
                                env={"NIANBAO_DATA_DIR": settings.data_dir})
    assert result.exit_code == 0, result.output
    records = [r for r in read_warcs([out]) if r["type"] != "warcinfo"]
    archived = archived_by_url(settings)
    by_uri = {r["uri"]: r for r in records}
    assert set(by_uri) == {url if url.startswith("http") else Path(url).as_uri() for url in archived}
    for url, data in archived.items():
        record = by_uri[url if url.startswith("http") else Path(url).as_uri()]
        assert record["type"] == ("response" if url.startswith("http") else "resource")
        assert record["content"] == data
        assert hashlib.sha256(record["content"]).hexdigest() == hashlib.sha256(data).hexdigest()
    assert f"{len(archived) - 1} response, 1 resource records" in result.output


def test_export_warc_of_an_unknown_batch_is_a_plain_error(crawled_with_warc, tmp_path):
    settings, _site, _plain, _report = crawled_with_warc
    result = CliRunner().invoke(cli, ["export-warc", "--batch", "nope", "--out", str(tmp_path / "x.warc.gz")],
                                env={"NIANBAO_DATA_DIR": settings.data_dir})
    assert result.exit_code == 2 and "no batch named 'nope'" in result.output


def test_export_warc_names_an_unreadable_original_by_its_path_exits_1_and_writes_the_others(tmp_path):
    settings = fast_crawl_settings(tmp_path / "var")
    files = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for number, file in enumerate(files):
        file.write_text(f"第{number}份文件\n", encoding="utf-8")
    catalog, store = open_archive(settings)
    IngestRunner(catalog, store, settings).run(expand_inputs([str(f) for f in files]), "local")
    broken = hashlib.sha256(files[0].read_bytes()).hexdigest()
    store.path_for(broken).write_bytes(b"changed on disk")
    catalog.close()
    out = tmp_path / "local.warc.gz"
    result = CliRunner().invoke(cli, ["export-warc", "--batch", "local", "--out", str(out)],
                                env={"NIANBAO_DATA_DIR": settings.data_dir})
    assert result.exit_code == 1
    assert f"FAILED {files[0].resolve()}: unreadable_blob: archived blob {broken} is corrupt" in result.output
    [record] = [r for r in read_warcs([out]) if r["type"] == "resource"]
    assert record["uri"] == files[1].resolve().as_uri() and record["content"] == files[1].read_bytes()


def test_a_crawl_warc_rotates_by_size_and_every_file_opens_with_warcinfo(site, tmp_path):
    settings = fast_crawl_settings(tmp_path / "var", crawl_warc_rotate_bytes=1)
    report = crawl_once(settings, site, batch="rotating")
    files = [Path(name) for name in report.warc_files]
    per_file = [read_warcs([path]) for path in files]
    assert len(files) > 10 and all(path.is_file() for path in files)
    # warcio writes the response first, then the request that points to it (WARC-Concurrent-To).
    assert all([r["type"] for r in records] == ["warcinfo", "response", "request"] for records in per_file)
