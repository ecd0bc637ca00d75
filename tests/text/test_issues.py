"""Issue tags from section 五 and its top keywords."""

from __future__ import annotations

from analyzers.issues import ISSUE_TAGS, VOCABULARY, issue_keywords, issue_tags, problems_part

# Section 五 of corpus-dev 17 (平潭综合实验区海坛片区管理局, 2025), as printed.
SECTION_17 = (
    "2025年，我局政府信息公开工作虽取得成效，但仍存在一些差距和不足，信息公开质量还不够高，"
    "工作人员的法律素养、业务知识、实践技能等还不能很好地满足新形势下政府信息公开工作要求。"
    "下一步，我局将紧密结合工作实际，持续规范政府信息公开工作流程，严格“三审三校”制度，"
    "完善读网纠错机制，切实保障公开的信息质量。结合干部教育培训工作，开展业务培训。"
)
# Section 五 of corpus-dev 22 (平潭综合实验区社会事业局, 2025).
SECTION_22 = (
    "（一）存在问题：重点领域信息公开精细化不足，政务新媒体互动性较弱，群众留言、咨询的回复效率和质量有待提升。"
    "（二）改进措施：1. 细化重点领域信息公开目录，针对群众关切事项，增加数据解读、办事指引等内容，"
    "2. 优化政务新媒体运营机制，提升互动服务效能。"
)


def test_vocabulary_has_unique_ids_with_chinese_labels_in_declared_order():
    assert list(ISSUE_TAGS) == [tag.id for tag in VOCABULARY]
    assert 10 <= len(ISSUE_TAGS) <= 15
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in ISSUE_TAGS.values())


def test_tags_come_from_the_problems_not_from_the_measures():
    assert issue_tags(SECTION_17) == ["quality", "staff"]  # 培训 and 机制 are only in the measures


def test_tags_are_returned_in_vocabulary_order():
    tags = issue_tags(SECTION_22)
    assert tags == ["completeness", "new_media", "interaction"]
    assert tags == sorted(tags, key=list(ISSUE_TAGS).index)


def test_problems_part_stops_at_the_measures_marker():
    assert problems_part(SECTION_22).endswith("有待提升。")


def test_a_section_without_a_measures_marker_is_read_whole():
    text = "一是政策解读多样性需进一步加强。二是依申请办件质量需进一步提升。"
    assert problems_part(text) == text
    assert issue_tags(text) == ["interpretation", "requests"]


def test_empty_or_missing_section_has_no_tags_or_keywords():
    assert issue_tags(None) == [] and issue_tags("") == []
    assert issue_keywords(None) == [] and issue_keywords("") == []


def test_keywords_drop_boilerplate_single_characters_and_numbers():
    keywords = issue_keywords(SECTION_17)
    assert "业务知识" in keywords and "素养" in keywords
    for boilerplate in ("工作", "进一步", "加强", "政府信息公开", "2025"):
        assert boilerplate not in keywords
    assert all(len(word) > 1 for word in keywords)


def test_keywords_respect_the_limit_and_are_stable():
    assert len(issue_keywords(SECTION_22, limit=3)) == 3
    assert issue_keywords(SECTION_22) == issue_keywords(SECTION_22)


def test_problems_are_found_under_their_own_sub_heading_after_last_years_fixes():
    text = (
        "（一）2019年问题整改情况。一是召开全镇政务公开暨政府信息培训会。"
        "（二）2020年存在的主要问题一是信息主动公开的广度、深度仍需进一步拓展。"
        "三是信息公开人员队伍建设需进一步加强。"
    )
    assert problems_part(text).startswith("（二）2020年存在的主要问题")
    assert issue_tags(text) == ["completeness", "staff"]  # 培训 is last year's remedy


def test_a_plan_for_next_year_ends_the_problems():
    text = (
        "2022年，我局政府信息公开工作取得一定成绩，但也存在一些不足之处，主要表现在：信息的公开面还不够广。"
        "2023年，我局将继续严格落实责任制，加强对基层的指导。"
    )
    assert issue_tags(text) == ["completeness"]


def test_words_wrapped_across_pdf_lines_still_tag_and_rank():
    text = "存在问题：一是工作人员缺乏系统培\n训，业务水平不高。\n二是政务新媒\n体更新慢。"
    assert issue_tags(text) == ["timeliness", "new_media", "staff", "training"]
    assert "培训" in issue_keywords(text)
