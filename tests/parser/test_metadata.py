"""Title, agency, year and date from the forms they take in real reports."""

from __future__ import annotations

import pytest

from analyzers.report.metadata import agency_from_text, agency_from_title, find_published_on, find_year


@pytest.mark.parametrize("title, agency", [
    ("平潭综合实验区公安局2022年政府信息公开工作年度报告", "平潭综合实验区公安局"),
    ("沐阳县人民政府 2025 年 政府信息公开工作年度报告", "沐阳县人民政府"),
    ("2025 年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅"),
    ("郑郭镇政府信息公开工作年度报告", "郑郭镇"),
    ("关于某某镇2023年政府信息公开工作年度报告的公告", "某某镇"),
    ("某县教育局二〇二二年度政府信息公开工作年度报告", "某县教育局"),
    ("2020年政府信息公开工作年度报告", None),
])
def test_the_agency_is_the_title_text_before_the_year_or_the_report_words(title, agency):
    assert agency_from_title(title) == agency


def test_without_a_title_the_overview_names_the_agency():
    assert agency_from_text("一、总体情况\n2020年，潘庄镇在临清市委、市政府正确领导下，深入学习") == "潘庄镇"


def test_the_year_comes_from_the_statistics_period_when_the_title_has_none():
    assert find_year("某镇政府信息公开工作年度报告", "本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。") == 2019


@pytest.mark.parametrize("text, hint, expected", [
    ("……无。\n鄌郚镇人民政府\n2021年1月23日", None, "2021-01-23"),
    ("发布机构\t某局\t公开日期\t2024-01-17\n……", None, "2024-01-17"),
    ("……", "2020-01-20 15:22", "2020-01-20"),
    ("统计期限自2020年1月1日起至2020年12月31日止。", None, None),
])
def test_the_publication_date_is_the_page_date_or_the_signature(text, hint, expected):
    assert find_published_on(text, hint, 2020) == expected
