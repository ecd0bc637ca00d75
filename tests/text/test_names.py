"""Place and agency names by pinyin, initials and near spelling (analyzers/names.py)."""

from __future__ import annotations

import pytest

from analyzers.names import MAX_EXPANSIONS, agency_short, build_name_index, readings

# reporting bodies of the real reports (seeds and corpus-dev), as an index would list them
AGENCIES = (
    "潘家堡镇", "鄌郚镇", "潘庄镇", "郑郭镇", "张店区南定镇人民政府", "沭阳县发展和改革局", "沐阳县人民政府",
    "平潭综合实验区公安局", "平潭综合实验区财政金融局", "平潭综合实验区海坛片区管理局", "上海市人民政府办公厅",
)


@pytest.fixture(scope="module")
def names():
    return build_name_index(AGENCIES)


@pytest.fixture(scope="module")
def places_only():
    return build_name_index()


@pytest.mark.parametrize("token", ["panjiabao", "panjiabaozhen", "pjb", "pjbz", "PanJiaBao"])
def test_full_pinyin_or_initials_of_a_town_expand_to_it_first(names, token):
    assert names.expand_latin(token)[0] == "潘家堡镇"


def test_a_place_without_reports_is_found_by_its_pinyin_too(places_only):
    assert "潘家堡镇" in places_only.expand_latin("panjiabao")
    assert places_only.expand_latin("zhangdian")[0] == "张店区"  # a district before its namesake towns


def test_two_initials_expand_to_nothing_as_they_are_too_ambiguous(names):
    assert names.expand_latin("pz") == []
    assert names.expand_latin("pj") == []


def test_expansions_are_few_and_prefer_names_with_reports(names, places_only):
    assert names.expand_latin("pingtan") == ["平潭县"]
    assert len(places_only.expand_latin("pingtan")) <= MAX_EXPANSIONS
    assert names.expand_latin("tangwu") == ["鄌郚镇"]


def test_tokens_that_are_not_latin_letters_expand_to_nothing(names):
    assert names.expand_latin("2021") == []
    assert names.expand_latin("潘家堡") == []
    assert names.expand_latin("") == []


def test_another_reading_of_a_character_is_matched(names):
    assert "panjiabuzhen" in readings("潘家堡镇")
    assert names.expand_latin("panjiabu") == ["潘家堡镇"]


@pytest.mark.parametrize("word, expected", [
    ("潘家宝镇", "潘家堡镇"), ("唐吾", "鄌郚镇"), ("唐吾镇", "鄌郚镇"), ("潘家埠镇", "潘家堡镇"),
    ("郑国镇", "郑郭镇"), ("沐阳", "沭阳县"), ("平谭", "平潭县"), ("海滩片区", "平潭综合实验区海坛片区管理局"),
])
def test_did_you_mean_offers_the_nearest_known_name_first(names, word, expected):
    assert names.nearest(word)[0] == expected


def test_did_you_mean_never_offers_the_word_itself(names):
    for word in ("潘家堡镇", "潘家堡", "鄌郚镇", "沭阳县"):
        assert word not in names.nearest(word)
    assert "唐吾镇" not in names.nearest("唐吾")  # the word with only a suffix added


def test_a_known_word_is_only_offered_names_with_reports(names):
    assert names.nearest("北京") == []
    assert names.nearest("唐吾镇") == ["鄌郚镇"]


def test_did_you_mean_of_an_ordinary_word_or_nothing_is_empty(names):
    assert names.nearest("年报") == []
    assert names.nearest("") == []
    assert len(names.nearest("潘庄真", limit=2)) <= 2


@pytest.mark.parametrize("prefix", ["潘家", "pjb", "panj", "panjiab"])
def test_suggestions_as_you_type_put_the_name_with_reports_first(names, prefix):
    first = names.suggest(prefix)[0]
    assert first == {"name": "潘家堡镇", "kind": "agency", "region": ["辽宁省", "沈阳市", "辽中区"]}


def test_suggestions_give_the_region_path_of_a_place(names):
    counties = [item for item in names.suggest("沭阳") if item["name"] == "沭阳县"]
    assert counties == [{"name": "沭阳县", "kind": "place", "region": ["江苏省", "宿迁市"]}]


def test_an_agency_is_suggested_by_a_word_inside_its_name(names):
    assert names.suggest("公安")[0]["name"] == "平潭综合实验区公安局"


def test_suggestions_are_bounded_and_empty_for_blank_or_symbols(names):
    assert len(names.suggest("张", limit=8)) == 8
    assert names.suggest("   ") == []
    assert names.suggest("%%") == []


def test_an_agency_short_form_drops_its_government_ending_and_place_suffix():
    assert agency_short("鄌郚镇人民政府") == "鄌郚"
    assert agency_short("潘家堡镇") == "潘家堡"
    assert agency_short("沭阳县发展和改革局") == "沭阳县发展和改革局"


def test_a_did_you_mean_that_must_lead_to_results_offers_only_names_with_reports(names):
    assert names.nearest("郑国镇") == ["郑郭镇", "正果镇"]
    assert names.nearest("郑国镇", with_reports=True) == ["郑郭镇"]
    assert names.nearest("zhengguozhen", with_reports=True) == ["郑郭镇"]


def test_a_part_of_an_agency_name_with_one_look_alike_character_is_corrected(names):
    assert names.nearest("财政全融局", with_reports=True) == ["平潭综合实验区财政金融局"]
    assert names.nearest("财政金融局") == []  # the part as written: nothing to correct
