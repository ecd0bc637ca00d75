"""Reading pages: charset decoding and link discovery on real and local listing markup."""

from __future__ import annotations

from indexer.crawl.decode import decode_html
from indexer.crawl.links import classify_links, is_report_title, script_pages

from tests.conftest import SHARED_DIR, shared_folder


def real_listing() -> bytes:
    """The saved real Pingtan listing, from ../shared/sites beside the clone (public material)."""
    return (shared_folder(SHARED_DIR / "sites") / "pingtan-list" / "index.html").read_bytes()


def test_a_gbk_page_without_a_header_charset_is_decoded_from_its_meta_tag():
    body = '<html><head><meta charset="gb2312"></head><body>政府信息公开工作年度报告 𠀀</body></html>'
    assert "年度报告" in decode_html(body.encode("gb18030"), "text/html")


def test_the_header_charset_wins_over_detection():
    body = "<p>平潭综合实验区2019年度报告</p>".encode("gbk")
    assert decode_html(body, "text/html; charset=GBK") == "<p>平潭综合实验区2019年度报告</p>"


def test_an_undeclared_gbk_page_is_detected():
    body = ("<p>" + "平潭综合实验区二〇一九年度政府信息公开工作年度报告。本年度共收到申请二十件。" * 5 + "</p>").encode("gbk")
    assert "平潭综合实验区" in decode_html(body)


def test_report_titles_need_report_words_and_a_year():
    assert is_report_title("平潭综合实验区2025年度政府信息公开工作年度报告")
    assert is_report_title("2019年政务公开年报")
    assert not is_report_title("政府信息公开年报")
    assert not is_report_title("关于召开2024年工作会议的通知")


def test_the_real_pingtan_listing_yields_its_ten_reports_and_its_second_static_page():
    html = decode_html(real_listing())
    links = classify_links(html, "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/index.htm")
    assert len(links.reports) == 10
    assert links.reports[0] == "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm"
    assert links.pages == ("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/index_1.htm",)


def test_create_page_html_announces_every_page_of_a_listing():
    html = '<script>createPageHTML(3, 0, "index", "shtml");</script>'
    assert script_pages(html, "http://a.gov.cn/nb/index.shtml") == [
        "http://a.gov.cn/nb/index.shtml", "http://a.gov.cn/nb/index_1.shtml", "http://a.gov.cn/nb/index_2.shtml"]


def test_a_next_page_link_is_followed_and_attachments_on_report_pages_are_kept():
    listing = '<a href="list_2.html">下一页</a><a href="/a/report.pdf">附件</a>'
    links = classify_links(listing, "http://a.gov.cn/nb/list_1.html")
    assert links.pages == ("http://a.gov.cn/nb/list_2.html",)
    assert links.attachments == ()
    on_report = classify_links(listing, "http://a.gov.cn/nb/t1.html", on_report_page=True)
    assert on_report.attachments == ("http://a.gov.cn/a/report.pdf",)


def test_a_wrong_header_charset_falls_back_to_the_meta_tag():
    body = '<html><head><meta charset="gbk"></head><body>海坛片区2021年度报告</body></html>'.encode("gbk")
    assert "海坛片区" in decode_html(body, "text/html; charset=utf-8")


def test_a_listing_served_as_a_folder_pages_with_the_suffix_its_articles_use():
    html = decode_html(real_listing())
    links = classify_links(html, "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/")
    assert links.pages == ("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/index.htm",
                           "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/index_1.htm")


def test_a_server_default_latin_1_header_does_not_garble_a_gbk_page():
    body = '<html><head><meta charset="gb2312"></head><body>平潭综合实验区年度报告</body></html>'.encode("gbk")
    assert "平潭综合实验区" in decode_html(body, "text/html; charset=ISO-8859-1")
