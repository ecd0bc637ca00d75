"""Region resolution against the seeds, the corpus-dev agencies and small real snippets."""

from __future__ import annotations

import json

import pytest

from analyzers.region import Region, resolve_region

SEED_REGIONS = {
    "000_6b4221fc98080c61.txt": ("山东省", "聊城市", "临清市", "潘庄镇"),
    "001_ac6d54b2d072a72d.txt": ("辽宁省", "沈阳市", "辽中区", "潘家堡镇"),
    "002_253929b1a926571e.txt": ("山东省", "潍坊市", "昌乐县", "鄌郚镇"),
    "003_760930ac560b76d3.txt": ("河南省", "周口市", "项城市", "郑郭镇"),
    "004_dd49fe4a91b4c513.txt": ("山东省", "淄博市", "张店区", "南定镇"),
}
AGENCY_REGIONS = {
    "沐阳县人民政府": ("江苏省", "宿迁市", "沭阳县", None),
    "上海市人民政府办公厅": ("上海市", "上海市", None, None),
    "平潭综合实验区": ("福建省", "福州市", "平潭县", None),
    "平潭综合实验区财政金融局": ("福建省", "福州市", "平潭县", None),
    "平潭综合实验区公安局": ("福建省", "福州市", "平潭县", None),
    "沭阳县发展和改革局": ("江苏省", "宿迁市", "沭阳县", None),
    "平潭综合实验区海坛片区管理局": ("福建省", "福州市", "平潭县", None),
    "平潭综合实验区社会事业局": ("福建省", "福州市", "平潭县", None),
}


def levels(region: Region) -> tuple:
    return (region.province, region.city, region.county, region.town)


@pytest.mark.parametrize("name", sorted(SEED_REGIONS))
def test_each_seed_resolves_from_its_text_alone(seeds_dir, name):
    text = (seeds_dir / name).read_text(encoding="utf-8", errors="replace")
    assert levels(resolve_region(text)) == SEED_REGIONS[name]


def test_every_corpus_dev_agency_resolves_to_its_level(corpus_dev_dir):
    for gold_path in sorted(corpus_dev_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".src")).read_text(
            encoding="utf-8", errors="replace")
        region = resolve_region(text, agency=gold["agency"])
        assert levels(region) == AGENCY_REGIONS[gold["agency"]], gold_path.name


def test_agency_with_county_and_town_names_both_levels():
    region = resolve_region("", agency="张店区南定镇人民政府")
    assert levels(region) == ("山东省", "淄博市", "张店区", "南定镇")
    assert region.code == "370303"


def test_same_named_town_is_decided_by_the_county_the_text_names():
    region = resolve_region("2020年，潘庄镇在临清市委、市政府正确领导下。", agency="潘庄镇人民政府")
    assert levels(region) == ("山东省", "聊城市", "临清市", "潘庄镇")
    assert region.warnings == ()


def test_same_named_town_is_decided_by_a_phone_area_code():
    region = resolve_region("咨询电话：0335-7012345。", agency="潘庄镇人民政府")
    assert levels(region) == ("河北省", "秦皇岛市", "卢龙县", "潘庄镇")


def test_same_named_town_without_evidence_keeps_only_what_is_certain_and_warns():
    region = resolve_region("本镇主动公开政府信息25条。", agency="潘庄镇人民政府")
    assert levels(region) == (None, None, None, None)
    assert any("ambiguous" in warning for warning in region.warnings)


def test_department_resolves_to_its_county_with_no_town():
    region = resolve_region("", agency="沭阳县发展和改革局")
    assert levels(region) == ("江苏省", "宿迁市", "沭阳县", None)


def test_special_zone_alias_maps_to_its_county():
    region = resolve_region("", agency="平潭综合实验区财政金融局")
    assert levels(region) == ("福建省", "福州市", "平潭县", None)
    assert region.code == "350128"


def test_misread_county_is_read_as_the_look_alike_and_warned():
    region = resolve_region("", agency="沐阳县人民政府")
    assert region.county == "沭阳县"
    assert any("look-alike" in warning for warning in region.warnings)


def test_homophone_town_keeps_the_reports_spelling():
    region = resolve_region("地址：昌乐县鄌郚镇人民政府，电话：0536-6611106", title="鄌郚镇2020年政府信息公开工作年度报告")
    assert levels(region) == ("山东省", "潍坊市", "昌乐县", "鄌郚镇")
    assert any("same pronunciation" in warning for warning in region.warnings)


def test_text_without_place_names_gives_an_empty_region_with_a_warning():
    region = resolve_region("本单位全年未收到政府信息公开申请。")
    assert region.to_dict() == {"province": None, "city": None, "county": None, "town": None, "code": None}
    assert region.warnings


def test_region_is_frozen_and_serialises_its_five_fields():
    region = resolve_region("", agency="南定镇人民政府")
    with pytest.raises(AttributeError):
        region.town = "x"  # type: ignore[misc]
    assert list(region.to_dict()) == ["province", "city", "county", "town", "code"]


def test_two_character_county_starting_the_agency_is_found():
    assert levels(resolve_region("", agency="古县财政局")) == ("山西省", "临汾市", "古县", None)


def test_words_inside_a_department_name_are_not_read_as_places():
    region = resolve_region("", agency="息烽县住房和城乡建设局")
    assert levels(region) == ("贵州省", "贵阳市", "息烽县", None)
    assert region.warnings == ()


def test_a_towns_own_name_is_not_evidence_for_a_county_sharing_its_stem():
    region = resolve_region("光明街道办事处2025年政府信息公开工作年度报告。光明街道坚持……", agency="光明街道办事处")
    assert region.county is None or region.county != "光明区"
    assert any("ambiguous" in warning for warning in region.warnings)


def test_same_named_town_is_decided_by_the_province_of_a_postcode():
    region = resolve_region("邮编：066000。", agency="潘庄镇人民政府")
    assert region.province == "河北省" and region.town == "潘庄镇"


def test_a_town_of_a_city_without_counties_has_no_placeholder_county():
    region = resolve_region("", agency="广东省东莞市虎门镇人民政府")
    assert levels(region) == ("广东省", "东莞市", None, "虎门镇")


def test_a_county_governed_by_its_province_has_no_city():
    assert levels(resolve_region("", agency="仙桃市人民政府")) == ("湖北省", None, "仙桃市", None)


def test_synthetic_agencies_resolve_to_their_true_region_or_an_honest_tie():
    from indexer.synth import generate_reports

    resolved = 0
    for report in generate_reports(60, seed=3):
        truth = report.truth
        region = resolve_region(report.render("txt").decode("utf-8"), agency=truth["agency"], title=truth["title"])
        want = {key: truth["region"][key] for key in ("province", "city", "county", "town", "code")}
        if region.to_dict() == want:
            resolved += 1
        else:  # synthetic texts carry no county or phone evidence for same-named towns
            assert any("ambiguous" in warning for warning in region.warnings), truth["agency"]
    assert resolved >= 45


def test_a_department_named_like_a_town_belongs_to_the_place_before_it():
    # 林业局 is also the name of towns in 黑龙江; in 莲都区林业局 it is 莲都区's department.
    region = resolve_region("", agency="莲都区林业局", title="莲都区林业局2021年政府信息公开工作年度报告")
    assert (region.province, region.city, region.county, region.town) == ("浙江省", "丽水市", "莲都区", None)
