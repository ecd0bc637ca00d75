"""The report page for people: summary first, labelled chips, folded provenance, Beijing times, citations."""

from __future__ import annotations

import re

import pytest

from indexer.backends import open_backend
from indexer.search.model import SearchRequest


def first_id(settings, **filters) -> str:
    backend = open_backend(settings)
    try:
        found = backend.search(SearchRequest(filters={k: (v,) for k, v in filters.items()}, page_size=5, facets=()))
        return found.hits[0].id
    finally:
        backend.close()


@pytest.fixture(scope="module")
def seed_page(app, portal_settings):
    """(id, parsed report, page HTML) of a seed report."""
    client = app.test_client()
    report_id = first_id(portal_settings, origin="archive")
    report = client.get(f"/api/reports/{report_id}").get_json()["report"]
    return report_id, report, client.get(f"/reports/{report_id}").get_data(as_text=True)


def plain(html: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


def test_the_summary_comes_before_every_table_and_states_the_parsed_figures(seed_page):
    _id, report, html = seed_page
    assert html.index('id="summary"') < html.index("表二 主动公开") < html.index("表三 收到和处理")
    summary = plain(html[html.index('id="summary"'):html.index("</section>", html.index('id="summary"'))])
    rows = report["requests"]["rows"]
    new, processed = rows["new"][6], rows["processed_total"][6]
    assert f"本年度新收政府信息公开申请{new:,}件" in summary
    assert f"办理完毕{processed:,}件，其中予以公开{rows['granted'][6]:,}件" in summary
    review = report["review_litigation"]["review"]
    assert f"被申请行政复议{review['total']:,}件，其中结果被纠正{review['corrected']:,}件" in summary


def test_provenance_is_folded_and_times_are_beijing_time_in_a_human_format(seed_page):
    report_id, _report, html = seed_page
    fold = html[html.index('<details class="provenance"'):html.index("</details>", html.index('<details class="provenance"'))]
    assert "<summary><h2>来源与原件</h2>" in fold and report_id in fold and re.search(r'class="sha">[0-9a-f]{64}<', fold)
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d\+08:00">\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d</time>', fold)
    assert "+00:00" not in plain(html) and "首次存档" in fold
    header = html[:html.index('id="summary"')]
    assert "SHA-256" not in header and 'class="sha"' not in header


def test_chips_are_grouped_labelled_and_say_they_are_the_reports_own_words(client, portal_settings):
    for report_id in [first_id(portal_settings, origin="archive"), first_id(portal_settings, origin="synthetic")]:
        html = client.get(f"/reports/{report_id}").get_data(as_text=True)
        if 'class="keyword"' in html:
            break
    section = html[html.index('id="issues"'):html.index("</section>", html.index('id="issues"'))]
    assert "<dt>关键词</dt>" in section and "自动" in section and "不是本站对该机关的评价" in section
    assert section.index("<dt>") < section.index('class="keyword"')


def test_the_citation_block_has_three_styles_with_url_sha_and_access_date(seed_page):
    report_id, report, html = seed_page
    block = html[html.index('id="cite"'):html.index("</section>", html.index('id="cite"'))]
    sha = re.search(r'class="sha">([0-9a-f]{64})<', html).group(1)
    url = f"http://localhost/reports/{report_id}"
    texts = dict(re.findall(r'<pre class="citation-text" id="cite-(\w+)"[^>]*>(.*?)</pre>', block, re.S))
    assert set(texts) == {"gbt7714", "apa", "bibtex"}
    for text in texts.values():
        assert url in text and sha in text and report["agency"] in text
    assert re.search(r"\[EB/OL\]\. (\(\d{4}-\d\d-\d\d\))?\[\d{4}-\d\d-\d\d\]", texts["gbt7714"])
    assert "Retrieved " in texts["apa"] and f"@misc{{nianbao-{report_id}," in texts["bibtex"]
    assert re.search(r"urldate = \{\d{4}-\d\d-\d\d\}", texts["bibtex"])


def test_copy_buttons_come_from_a_static_script_and_are_hidden_without_it(client, seed_page):
    _id, _report, html = seed_page
    assert '<script src="/static/cite.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " on" not in re.sub(r'"[^"]*"', "", "".join(re.findall(r"<[a-z][^>]*>", html)))
    assert re.search(r'<button type="button" class="copy-button" data-copy="cite-apa" hidden>', html)
    script = client.get("/static/cite.js")
    assert script.status_code == 200 and "clipboard" in script.get_data(as_text=True)
    assert "script-src 'self'" in client.get("/reports/" + seed_page[0]).headers["Content-Security-Policy"]


def test_a_report_reached_by_several_urls_names_one_canonical_url(client, seed_page):
    report_id = seed_page[0]
    canonical = f'<link rel="canonical" href="http://localhost/reports/{report_id}">'
    for variant in (f"/reports/{report_id}", f"/reports/{report_id}?from=feed", f"/reports/{report_id}?utm_source=x"):
        assert canonical in client.get(variant).get_data(as_text=True)


def test_the_government_page_and_the_original_are_linked_from_the_header(client):
    html = client.get("/reports/" + "0a" * 8).get_data(as_text=True)
    header = html[:html.index('id="summary"')]
    assert 'id="government-page" href="https://example.gov.cn/' in header and "/original" in header


def test_long_check_lists_are_folded(seed_page):
    _id, report, html = seed_page
    passed = sum(1 for check in report["checks"] if check["ok"])
    assert passed > 10 and f"<summary>通过的校验（{passed} 项）</summary>" in html


def test_provenance_lists_every_version_archived_at_the_same_address(tmp_path):
    from indexer.archive import open_archive
    from indexer.archive.models import FetchMeta
    from indexer.documents import build_index_document
    from indexer.settings import load_settings
    from indexer.synth import make_report
    from portal.app import create_app

    location = "https://example.gov.cn/xxgk/2021-report.html"
    settings = load_settings(env={}, data_dir=str(tmp_path / "var"))
    catalog, store = open_archive(settings)
    catalog.ensure_batch("web", "crawl")
    documents = []
    for stamp, body in (("2022-01-10T02:00:00+00:00", b"first version"), ("2022-02-10T17:30:00+00:00", b"second version")):
        sha256 = store.put(body)
        catalog.record_item("web", FetchMeta(location, stamp, 200), sha256, len(body), "text/html", "stored")
        documents.append(build_index_document(sha256[:16], make_report(5, 3).truth,
                                              {"url": location, "sha256": sha256, "fetched_at": stamp}))
    catalog.close()
    backend = open_backend(settings)
    backend.index_documents(documents)
    backend.close()
    old, new = documents[0]["id"], documents[1]["id"]
    html = create_app({"TESTING": True, "SETTINGS": settings}).test_client().get(f"/reports/{new}").get_data(as_text=True)
    fold = html[html.index('<details class="provenance"'):html.index("</details>", html.index('<details class="provenance"'))]
    assert f'<a href="/reports/{old}">第 1 版</a>' in fold and "<strong>第 2 版（本页）</strong>" in fold
    assert "2022年2月11日 01:30" in fold  # 17:30 UTC is 01:30 the next day in Beijing
