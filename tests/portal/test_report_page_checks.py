"""The report page's check list on real reports: cross-year checks, repeated passages, OCR marks, folds."""

from __future__ import annotations

import hashlib
import re

import pytest

from portal.app import create_app


@pytest.fixture(scope="module")
def years_client(tmp_path_factory, corpus_dev_dir, corpus_years_dir):
    """A portal over corpus-dev and corpus-years (real Pingtan reports over several years), analysed and indexed."""
    from indexer.archive import open_archive
    from indexer.backends import open_backend
    from indexer.ingest.inputs import expand_inputs
    from indexer.ingest.runner import IngestRunner
    from indexer.reindex import index_catalog
    from indexer.settings import load_settings
    from indexer.years.runner import run_years
    from indexer.years.store import YearsStore, years_file

    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("years-report") / "var"))
    catalog, store = open_archive(settings)
    years, backend = YearsStore(years_file(settings)), open_backend(settings)
    try:
        IngestRunner(catalog, store, settings).run(expand_inputs([str(corpus_dev_dir), str(corpus_years_dir)]), "real")
        run_years(catalog, years, None)
        index_catalog(catalog, store, backend)
    finally:
        backend.close()
        years.close()
        catalog.close()
    return create_app({"TESTING": True, "SETTINGS": settings}).test_client()


def report_id(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start:html.index("</section>", start)]


def test_cross_year_checks_name_and_link_the_previous_years_report(years_client, corpus_years_dir):
    html = years_client.get(f"/reports/{report_id(corpus_years_dir / 'czj-2023.txt')}").get_data(as_text=True)
    checks = section(html, "checks")
    previous = report_id(corpus_years_dir / "czj-2022.txt")
    assert f'对照报告：<a href="/reports/{previous}">2022年度报告</a>' in checks
    assert re.search(r"跨年度校验全部通过（\d+ 项）|跨年度校验 \d+ 项未通过", checks)


def test_repeated_passages_are_listed_folded_with_a_link_to_the_report_they_repeat(years_client, corpus_years_dir):
    html = years_client.get(f"/reports/{report_id(corpus_years_dir / 'czj-2023.txt')}").get_data(as_text=True)
    copied = section(html, "checks")[section(html, "checks").index('id="copied-text"'):]
    previous = report_id(corpus_years_dir / "czj-2022.txt")
    assert re.search(rf'正文中约 <strong>\d+\.\d%</strong> 与<a href="/reports/{previous}">上一年度报告</a>相同', copied)
    assert "大段沿用上年文字" in copied and "逐句对比" in copied and f"b={report_id(corpus_years_dir / 'czj-2023.txt')}" in copied
    fold = re.search(r'<details class="check-fold"><summary>重复的段落（(\d+) 段）</summary><ol class="passages">(.*?)</ol>', copied, re.S)
    assert fold and int(fold.group(1)) == fold.group(2).count("<li>") > 0


def test_a_report_without_a_previous_year_says_there_is_nothing_to_compare(years_client, corpus_years_dir):
    html = years_client.get(f"/reports/{report_id(corpus_years_dir / 'czj-2019.txt')}").get_data(as_text=True)
    assert "未见该单位上一年度的报告，没有可对照的数字。" in section(html, "checks")


def test_a_report_the_years_run_has_not_seen_says_so(client):
    html = client.get("/reports/" + "0a" * 8).get_data(as_text=True)  # hand-made, indexed after the demo's years run
    assert "本报告尚未纳入跨年度分析" in section(html, "checks")


def test_without_the_years_tables_the_page_says_the_analysis_has_not_run(tmp_path):
    from indexer.backends import open_backend
    from indexer.documents import build_index_document
    from indexer.settings import load_settings
    from indexer.synth import make_report

    settings = load_settings(env={}, data_dir=str(tmp_path / "var"))
    backend = open_backend(settings)
    backend.index_documents([build_index_document("1c" * 8, make_report(3, 1).truth, {"url": "https://example.gov.cn/a.html"})])
    backend.close()
    html = create_app({"TESTING": True, "SETTINGS": settings}).test_client().get("/reports/" + "1c" * 8).get_data(as_text=True)
    assert "尚未做跨年度分析（运行 <code>nianbao years</code> 后显示）" in section(html, "checks")


@pytest.mark.slow  # OCR of the scanned pages: a few seconds a page
def test_values_read_by_ocr_are_marked_on_the_tables_and_explained(tmp_path, seeds_dir):
    from analyzers.extract import extract_document
    from analyzers.report import parse_report
    from indexer.backends import open_backend
    from indexer.documents import build_index_document
    from indexer.settings import load_settings
    from tests.formats.test_scans import SEED, _mixed_pdf

    data = _mixed_pdf(extract_document((seeds_dir / SEED).read_bytes(), SEED))
    report = parse_report(data, "scan.pdf").to_dict()
    settings = load_settings(env={}, data_dir=str(tmp_path / "var"))
    backend = open_backend(settings)
    report_id = hashlib.sha256(data).hexdigest()[:16]
    backend.index_documents([build_index_document(report_id, report, {"url": "https://example.gov.cn/scan.pdf"})])
    backend.close()
    html = create_app({"TESTING": True, "SETTINGS": settings}).test_client().get(f"/reports/{report_id}").get_data(as_text=True)
    pages = [w for w in report["warnings"] if w.startswith("ocr: page(s) ")][0]
    first_page = re.search(r"page\(s\) (\d+)", pages).group(1)
    assert f"原件第 {first_page}" in section(html, "summary") and "由文字识别（OCR）读出" in section(html, "summary")
    assert '<table class="data-table requests-table read-by-ocr">' in html and "数值可能经 OCR 识别" in html
    assert "only at confidence" not in html and 'id="ocr"' in section(html, "checks")
