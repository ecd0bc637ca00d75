"""A page titled as an annual report whose tables are missing is catalogued as a partial
report; pages that only mention reports (news, notices, listings) are still refused."""

from __future__ import annotations

import pytest

from analyzers.errors import NotAReport
from analyzers.report import parse_report
from analyzers.report.partial import TABLES_MISSING

IMAGE_ONLY = ("<html><head><title>淄博市张店区人民政府2022年政府信息公开工作年度报告</title></head><body>"
              "<h1>淄博市张店区人民政府2022年政府信息公开工作年度报告</h1><p>详见附件。</p>"
              "<img src='report-page-1.jpg'><img src='report-page-2.jpg'></body></html>")
CUT_OFF = ("张店区南定镇人民政府\n2021年政府信息公开工作年度报告\n一、总体情况\n"
           "2021年，南定镇坚持以公开为常态，全年主动公开政府信息363条。\n")


def test_a_report_page_whose_tables_are_images_is_a_partial_report():
    report = parse_report(IMAGE_ONLY.encode(), "page.html").to_dict()
    assert report["title"] == "淄博市张店区人民政府2022年政府信息公开工作年度报告"
    assert report["agency"] == "淄博市张店区人民政府" and report["year"] == 2022
    assert report["region"]["county"] == "张店区"
    assert report["format"] is None
    assert set(report["requests"]["rows"]["new"]) == {None}  # never a number it does not show
    assert any(w.startswith("partial: tables 二/三/四 are not in the text") for w in report["warnings"])


def test_a_report_cut_off_after_its_overview_names_the_missing_sections():
    report = parse_report(CUT_OFF.encode(), "report.txt").to_dict()
    assert report["year"] == 2021 and report["sections"]["overview"]
    missing = next(w for w in report["warnings"] if w.startswith("partial: sections not in the text"))
    assert "active" in missing and "overview" not in missing
    assert report["review_litigation"]["review"]["total"] is None


@pytest.mark.parametrize("text", [
    "我区发布2022年政府信息公开工作年度报告\n近日，我区发布了年度报告，欢迎查阅。\n",
    "关于做好2022年政府信息公开工作年度报告编制发布工作的通知\n各单位：请按时报送。\n",
    "政府信息公开年报\nA县2022年政府信息公开工作年度报告\nA县2021年政府信息公开工作年度报告\nA县2020年政府信息公开工作年度报告\n",
])
def test_news_notices_and_listings_that_mention_reports_are_still_refused(text):
    with pytest.raises(NotAReport):
        parse_report(text.encode(), "page.txt")


def _report_page(title: str, heading: str) -> bytes:
    """A CMS page around a report whose body is only pictures and an attachment link."""
    return (f"<html><head><title>{title}</title></head><body><div class='nav'>首页 政务公开 政府信息公开年报</div>"
            f"<div class='article'><h1>{heading}</h1><div class='info'>发布时间：2023-01-20 来源：区政府办</div>"
            "<p>详见附件：<a href='report.pdf'>年度报告.pdf</a></p><img src='p1.jpg'><img src='p2.jpg'></div>"
            "<div class='footer'>版权所有：淄博市张店区人民政府 网站标识码 3703030001</div></body></html>").encode()


@pytest.mark.parametrize(("title", "heading", "agency"), [
    # the year first, then the agency
    ("2022年度淄博市张店区政府信息公开工作年度报告", "2022年度淄博市张店区政府信息公开工作年度报告", "淄博市张店区"),
    # the site's column and name after the page title
    ("淄博市张店区人民政府2022年政府信息公开工作年度报告_年度报告_淄博市张店区人民政府", "", "淄博市张店区人民政府"),
    # a version named after the title
    ("张店区人民政府2022年政府信息公开工作年度报告（全文）", "张店区人民政府2022年政府信息公开工作年度报告（全文）",
     "张店区人民政府"),
])
def test_report_titles_as_sites_print_them_make_a_partial_report(title: str, heading: str, agency: str):
    report = parse_report(_report_page(title, heading), "page.html").to_dict()
    assert report["agency"] == agency and report["year"] == 2022
    assert "_" not in report["title"]
    assert TABLES_MISSING in report["warnings"]
    assert set(report["requests"]["rows"]["new"]) == {None}


@pytest.mark.parametrize("title", ["张店区2022年政府信息公开工作年度报告解读", "2022年度张店区政府信息公开工作年度报告发布",
                                   "图解：2022年度张店区政府信息公开工作年度报告"])
def test_pages_about_a_report_titled_year_first_are_still_refused(title: str):
    with pytest.raises(NotAReport):
        parse_report(_report_page(title, title), "page.html")


def _report_with_pictures(pictured: set[str]) -> bytes:
    """The hand-made report (every section's text) whose `pictured` tables are images."""
    from tests.parser.variants import SECTIONS, official_table3_html, table2_html, table4_html

    tables = {"active": table2_html(), "requests": official_table3_html(), "review": table4_html()}
    body = ["<h1>某某市生态环境局2023年政府信息公开工作年度报告</h1>"]
    for key, (heading, prose) in SECTIONS.items():
        body.append(f"<p><strong>{heading}</strong></p><p>{prose}</p>")
        if key in tables:
            body.append(f"<p><img src='{key}.png'></p>" if key in pictured else tables[key])
    return ("<html><head><title>某某市生态环境局2023年政府信息公开工作年度报告</title></head><body>"
            + "".join(body) + "</body></html>").encode()


def test_a_report_whose_tables_are_pictures_names_them_and_claims_no_template():
    report = parse_report(_report_with_pictures({"active", "requests", "review"}), "page.html").to_dict()
    assert report["format"] is None  # no visible table shows which template it follows
    assert TABLES_MISSING in report["warnings"]
    assert report["sections"]["overview"] and report["sections"]["problems"]
    assert all(set(cells) == {None} for cells in report["requests"]["rows"].values())


def test_a_report_whose_tables_3_and_4_are_pictures_takes_the_template_from_table_2():
    report = parse_report(_report_with_pictures({"requests", "review"}), "page.html").to_dict()
    assert report["format"] == "2021"
    assert report["active_disclosure"]["licensing"] == {"decisions": 1483}
    assert ("partial: tables 三/四 are not in the text (printed as images, cut off, or in an attachment that was "
            "not fetched); their numbers are left null") in report["warnings"]
    assert TABLES_MISSING not in report["warnings"]


def test_a_report_with_every_table_in_its_text_has_no_partial_warning():
    report = parse_report(_report_with_pictures(set()), "page.html").to_dict()
    assert report["format"] == "2021"
    assert not any(w.startswith("partial") for w in report["warnings"])
