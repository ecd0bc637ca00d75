"""Headings, titles, agencies, years and dates in the forms real reports print them
(hand-made reports of variants.py)."""

from __future__ import annotations

import pytest

from tests.parser import variants as v
from tests.parser.variants import assert_tables as _assert_tables
from tests.parser.variants import parse as _parse


@pytest.mark.parametrize("style", [
    lambda h: h.replace("、", ". ", 1),
    lambda h: h.replace("、", "．", 1),
    lambda h: "第" + h[0] + "部分 " + h[2:],
    lambda h: "第" + h[0] + "部分：" + h[2:],
    lambda h: h[2:],
    lambda h: "（" + h[0] + "）" + h[2:],
    lambda h: h + "（数据）" if "主动" in h or "收到" in h else h,
])
def test_section_heading_styles_are_recognised(style):
    headings = {key: style(heading) for key, (heading, _) in v.SECTIONS.items()}
    report = _parse(v.html_page(v.official_table3_html(), v.table4_html(), headings=headings))
    _assert_tables(report)
    assert report["sections"]["problems"].startswith("政策解读形式较为单一")
    assert report["sections"]["other"] == "本年度未收取信息处理费。"


@pytest.mark.parametrize("head, agency, year", [
    ("某某街道办事处二〇二三年政府信息公开工作年度报告", "某某街道办事处", 2023),
    ("某某市生态环境局某某分局\n2023年政府信息公开工作年度报告", "某某市生态环境局某某分局", 2023),
    ("某某区人民政府办公室2023年度\n政府信息公开工作年度报告", "某某区人民政府办公室", 2023),
    ("某某市生态环境局某某分局\n2023年政府信息公开\n工作年度报告", "某某市生态环境局某某分局", 2023),
    ("某某县人民政府\n2023年政府信息\n公开工作年度报告", "某某县人民政府", 2023),
    ("某某镇人民政府政府信息公开工作年度报告\n本报告统计期限为2023年1月1日至2023年12月31日。", "某某镇人民政府", 2023),
])
def test_titles_split_or_with_chinese_year_give_the_agency_and_year(head, agency, year):
    report = _parse(v.text_report(v.text_rows(), [" ".join(map(str, v.TABLE4))], head=head))
    assert (report["agency"], report["year"]) == (agency, year)


@pytest.mark.parametrize("signature, iso", [
    ("2024年1月20日", "2024-01-20"), ("2024-01-20", "2024-01-20"), ("2024/1/20", "2024-01-20"),
    ("二〇二四年一月二十日", "2024-01-20"), ("2024年01月20日", "2024-01-20"), ("2024.1.20", "2024-01-20"),
])
def test_publication_dates_in_every_common_form_are_read_and_left_out_of_section_six(signature, iso):
    data = v.text_report(v.text_rows(), [" ".join(map(str, v.TABLE4))],
                         head="某某镇人民政府2023年政府信息公开工作年度报告", tail=f"某某镇人民政府\n{signature}")
    report = _parse(data)
    assert report["published_on"] == iso
    assert report["sections"]["other"] == "本年度未收取信息处理费。"  # the signature is not section 六


def test_headings_with_extra_words_around_the_keyword_are_recognised():
    headings = {"overview": "一、2023年度政府信息公开工作总体情况",
                "active": "二、主动公开政府信息情况（数据）",
                "requests": "三、2023年度收到和处理政府信息公开申请情况",
                "review": "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                "problems": "五、政府信息公开工作存在的主要问题及改进情况",
                "other": "六、其他需要报告的事项"}
    report = _parse(v.html_page(v.official_table3_html(), v.table4_html(), headings=headings))
    _assert_tables(report)
    assert report["sections"]["overview"].startswith("2023年，本机关")
    assert report["sections"]["problems"].startswith("政策解读形式较为单一")


@pytest.mark.parametrize("period", [
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
    "本报告所列数据的统计时间为2023年1月1日至2023年12月31日。",
    "报告期为2023年1月1日至12月31日。",
])
def test_the_year_comes_from_the_date_range_when_the_title_has_none(period):
    data = v.text_report(v.text_rows(), [" ".join(map(str, v.TABLE4))],
                         head=f"某某乡人民政府政府信息公开工作年度报告\n"
                              f"本报告根据2019年修订的《中华人民共和国政府信息公开条例》编制。{period}")
    assert _parse(data)["year"] == 2023


def test_a_title_without_the_body_takes_the_agency_from_the_signature():
    data = v.text_report(v.text_rows(), [" ".join(map(str, v.TABLE4))], head="2023年政府信息公开工作年度报告",
                         tail="某某县自然资源局\n2024年1月20日").replace("2023年，本机关".encode(), "本机关".encode())
    report = _parse(data)
    assert (report["agency"], report["year"]) == ("某某县自然资源局", 2023)


def test_a_title_ending_in_the_report_of_the_work_gives_the_agency():
    data = v.text_report(v.text_rows(), [" ".join(map(str, v.TABLE4))],
                         head="某某县人民政府关于2023年度政府信息公开工作的报告")
    assert (_parse(data)["agency"], _parse(data)["year"]) == ("某某县人民政府", 2023)


def test_a_table_of_contents_listing_the_headings_is_not_taken_for_the_sections():
    contents = "目录\n" + "\n".join(heading for heading, _ in v.SECTIONS.values())
    data = v.text_report(v.text_rows(), [" ".join(map(str, v.TABLE4))],
                         head="某某县财政局2023年政府信息公开工作年度报告\n" + contents)
    report = _parse(data)
    _assert_tables(report)
    assert report["sections"]["overview"].startswith("2023年，本机关")
    assert report["sections"]["other"] == "本年度未收取信息处理费。"


def test_a_web_page_footer_after_the_signature_is_not_section_six_nor_the_date():
    footer = ("<div class='bottom'><p>主办单位：某某市人民政府办公室 承办单位：某某市大数据发展管理局</p>"
              "<p>版权所有：某某市人民政府 网站标识码：3301000001 浙ICP备05011111号 浙公网安备 33010002000001号</p>"
              "<p>网站地图 | 联系我们 | 更新时间：2025-03-01</p>" + "<p>地址：某某市某某路1号 邮编：310000</p>" * 6
              + "</div>")
    page = v.html_page(v.official_table3_html(), v.table4_html()).replace(b"<div class='footer'>", footer.encode()
                                                                           + b"<div class='footer'>")
    report = _parse(page)
    assert report["published_on"] == "2024-01-20"
    assert report["sections"]["other"] == "本年度未收取信息处理费。"


def test_the_article_title_and_pubdate_meta_tags_of_government_sites_are_used():
    meta = ("<meta name='SiteName' content='某某市人民政府'><meta name='ArticleTitle' "
            "content='某某市生态环境局2023年政府信息公开工作年度报告'><meta name='PubDate' content='2024-01-22 09:30'>")
    page = v.html_page(v.official_table3_html(), v.table4_html(), title="某某市人民政府门户网站", extra_head=meta)
    report = _parse(page.replace("<h1>某某市人民政府门户网站</h1>".encode(), b""))
    assert (report["title"], report["agency"]) == ("某某市生态环境局2023年政府信息公开工作年度报告", "某某市生态环境局")
    assert report["published_on"] == "2024-01-22"


def test_other_reports_listed_above_the_article_are_not_its_title():
    sidebar = ("<div class='list'><ul><li>某某市生态环境局2022年政府信息公开工作年度报告</li>"
               "<li>某某市生态环境局2021年政府信息公开工作年度报告</li></ul></div>")
    page = v.html_page(v.official_table3_html(), v.table4_html(), title="某某市人民政府门户网站")
    page = page.replace(b"<div class='article'>", sidebar.encode() + b"<div class='article'>")
    page = page.replace("<h1>某某市人民政府门户网站</h1>".encode(), "<h1>某某市生态环境局2023年政府信息公开工作年度报告</h1>".encode())
    report = _parse(page)
    assert (report["title"], report["year"]) == ("某某市生态环境局2023年政府信息公开工作年度报告", 2023)
