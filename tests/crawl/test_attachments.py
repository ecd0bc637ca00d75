"""Report pages that only point to an attachment: the report comes from the file, with the page as provenance."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawl.conftest import fast_crawl_settings
from crawl.govsite import COLUMN, LocalGovSite, Response, listing_html
from indexer.archive import open_archive
from indexer.crawl.attachments import SourcePage, page_facts, with_source_page
from indexer.crawl.crawler import Crawler
from indexer.ingest.inputs import expand_inputs
from indexer.ingest.runner import IngestRunner
from indexer.backends import open_backend
from indexer.reindex import RunTally, catalog_documents, index_catalog
from indexer.synth import make_report
from portal.app import create_app

PDF_REPORT, DOCX_REPORT = make_report(14, 3), make_report(14, 4)


def page_html(title: str, body: str, links: list[tuple[str, str]], date: str = "2026-01-15") -> bytes:
    """A report page as a CMS renders it: title, 发布日期, a line of text and attachment links."""
    anchors = "".join(f'<p>附件：<a href="{href}">{text}</a></p>' for href, text in links)
    return (f'<html><head><meta charset="utf-8"><title>{title}_某县人民政府</title></head><body>'
            f'<div class="article"><h1>{title}</h1><div class="info">发布日期：{date} 来源：县政府办</div>'
            f"<p>{body}</p>{anchors}</div></body></html>").encode("utf-8")


def _site() -> LocalGovSite:
    """A listing with two report pages: one saying only 详见附件 (PDF), one a short summary (DOCX)."""
    site = LocalGovSite()
    pdf_title, docx_title = PDF_REPORT.truth["title"], DOCX_REPORT.truth["title"]
    site.routes[COLUMN + "202601/t20260115_1.htm"] = Response(200, page_html(
        pdf_title, "详见附件。", [("./P020260115_1.pdf", pdf_title + ".pdf")]))
    site.routes[COLUMN + "202601/P020260115_1.pdf"] = Response(200, PDF_REPORT.render("pdf"), "application/pdf")
    site.routes[COLUMN + "202601/t20260120_2.htm"] = Response(200, page_html(
        docx_title, "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，全文见附件。",
        [("./W020260120_2.docx", "全文"), ("./W020260120_2.zip", "打包下载")], date="2026-01-20"))
    site.routes[COLUMN + "202601/W020260120_2.docx"] = Response(
        200, DOCX_REPORT.render("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    entries = [("./202601/t20260115_1.htm", pdf_title), ("./202601/t20260120_2.htm", docx_title)]
    site.routes[COLUMN + "index.html"] = Response(200, listing_html(entries).replace(b"recordCount", b"records"))
    return site


def indexed(settings) -> dict[str, dict]:
    """The index documents the catalog yields, by the path of the URL or file they came from."""
    catalog, store = open_archive(settings)
    try:
        documents = list(catalog_documents(catalog, store, catalog.iter_documents(), lambda d: False, RunTally()))
    finally:
        catalog.close()
    return {urlsplit(d["source"]["url"]).path: d for d in documents}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """The attachment site crawled once."""
    site = _site().start()
    settings = fast_crawl_settings(tmp_path_factory.mktemp("attachments") / "var")
    catalog, store = open_archive(settings)
    Crawler(catalog, store, settings, [site.url(COLUMN + "index.html")]).run("attached")
    catalog.close()
    yield site, settings
    site.stop()


def test_a_page_that_only_links_its_report_is_indexed_as_the_attachment_with_the_page_as_provenance(crawled):
    site, settings = crawled
    documents = indexed(settings)
    assert set(documents) == {COLUMN + "202601/P020260115_1.pdf", COLUMN + "202601/W020260120_2.docx"}
    pdf = documents[COLUMN + "202601/P020260115_1.pdf"]
    page = {"url": site.url(COLUMN + "202601/t20260115_1.htm"), "title": PDF_REPORT.truth["title"],
            "published_on": "2026-01-15"}
    assert pdf["report"]["source_page"] == page and pdf["source"]["source_page"] == page
    assert pdf["report"]["requests"] == PDF_REPORT.truth["requests"]
    assert pdf["year"] == PDF_REPORT.truth["year"]


def test_a_summary_page_hands_its_report_to_its_docx_attachment_and_archives_both(crawled):
    site, settings = crawled
    docx = indexed(settings)[COLUMN + "202601/W020260120_2.docx"]
    assert docx["report"]["source_page"]["url"] == site.url(COLUMN + "202601/t20260120_2.htm")
    assert docx["report"]["source_page"]["published_on"] == "2026-01-20"
    assert docx["report"]["review_litigation"] == DOCX_REPORT.truth["review_litigation"]
    catalog, _ = open_archive(settings)
    archived = {urlsplit(s.url).path for d in catalog.iter_documents() for s in d.sources}
    catalog.close()
    assert {COLUMN + "202601/t20260115_1.htm", COLUMN + "202601/t20260120_2.htm"} <= archived
    assert site.requests_to(COLUMN + "202601/W020260120_2.zip") == []  # archives of files are not followed


def test_ingesting_a_page_and_its_attachment_from_disk_pairs_them_the_same_way(tmp_path):
    folder = tmp_path / "site"
    (folder / "files").mkdir(parents=True)
    (folder / "files" / "report.docx").write_bytes(DOCX_REPORT.render("docx"))
    (tmp_path / "outside.pdf").write_bytes(PDF_REPORT.render("pdf"))
    title = DOCX_REPORT.truth["title"]
    page = folder / "page.html"
    page.write_bytes(page_html(title, "详见附件。", [("files/report.docx", "全文"), ("../outside.pdf", "别处")]))
    settings = fast_crawl_settings(tmp_path / "var")
    catalog, store = open_archive(settings)
    IngestRunner(catalog, store, settings).run(expand_inputs([str(folder)]), "local")
    catalog.close()
    documents = indexed(settings)
    assert set(documents) == {str((folder / "files" / "report.docx").resolve())}
    [document] = documents.values()
    # A server path never reaches the public report: the page is named by its file name.
    assert document["report"]["source_page"] == {"url": None, "file_name": "page.html", "title": title,
                                                 "published_on": "2026-01-15"}
    assert str(tmp_path) not in repr(document["report"]) + repr(document["source"]["source_page"])
    assert document["report"]["requests"] == DOCX_REPORT.truth["requests"]


def test_the_page_date_fills_in_only_a_missing_publication_date():
    page_only = {"title": "某镇2023年度报告", "published_on": None}
    page = page_facts('<html><head><meta name="PubDate" content="2024-01-31 09:00"></head>'
                      "<body><h1>某镇2023年度报告</h1></body></html>", "")
    assert page == ("某镇2023年度报告", "2024-01-31")
    source = SourcePage("http://x.gov.cn/t.htm", *page)
    assert with_source_page(page_only, source)["published_on"] == "2024-01-31"
    assert with_source_page({**page_only, "published_on": "2024-01-20"}, source)["published_on"] == "2024-01-20"


def test_a_page_date_comes_from_its_url_when_the_page_shows_none():
    assert page_facts("<html><body><p>详见附件</p></body></html>",
                      "http://x.gov.cn/zfxxgknb/202202/t20220208_4.htm") == (None, "2022-02-08")


def test_nianbao_index_puts_the_attachments_with_their_pages_into_the_embedded_engine(crawled):
    site, settings = crawled
    catalog, store = open_archive(settings)
    backend = open_backend(settings, "embedded")
    try:
        summary = index_catalog(catalog, store, backend)
        pdf = next(d for d in catalog.iter_documents() if d.filename == "P020260115_1.pdf")
        stored = backend.get(pdf.report_id)
        assert (summary.indexed, backend.count()) == (2, 2)
    finally:
        backend.close()
        catalog.close()
    assert stored["report"]["source_page"]["url"] == site.url(COLUMN + "202601/t20260115_1.htm")
    page = create_app({"TESTING": True, "SETTINGS": settings}).test_client().get(f"/reports/{pdf.report_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="source-page"' in html
    assert site.url(COLUMN + "202601/t20260115_1.htm") in html and "2026-01-15" in html and "取自该页附件" in html
