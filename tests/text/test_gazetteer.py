"""The gazetteer data: levels, codes, short names, area codes, aliases, name scanning."""

from __future__ import annotations

from analyzers.gazetteer import glyphs_similar, load_gazetteer, variant_candidates


def test_gazetteer_holds_every_level_down_to_towns():
    gazetteer = load_gazetteer()
    counts = {}
    for place in gazetteer.places:
        counts[place.level] = counts.get(place.level, 0) + 1
    assert counts["province"] == 34
    assert counts["city"] > 300 and counts["county"] > 2800 and counts["town"] > 40000


def test_load_is_cached_per_process():
    assert load_gazetteer() is load_gazetteer()


def test_a_town_has_its_full_parent_chain_and_county_code():
    gazetteer = load_gazetteer()
    (town,) = gazetteer.lookup("南定镇")
    assert [p.name for p in gazetteer.chain(town)] == ["山东省", "淄博市", "张店区", "南定镇"]
    assert gazetteer.ancestor(town, "county").code == "370303"
    assert town.short == "南定"


def test_same_named_towns_are_all_listed():
    counties = {load_gazetteer().ancestor(p, "county").name for p in load_gazetteer().lookup("潘庄镇")}
    assert {"临清市", "卢龙县"} <= counties


def test_county_short_names_come_from_the_source():
    (county,) = [p for p in load_gazetteer().lookup("临清市") if p.level == "county"]
    assert county.short == "临清"


def test_phone_area_code_maps_to_its_city():
    assert load_gazetteer().city_for_area_code("0536").name == "潍坊市"
    assert load_gazetteer().city_for_area_code("024").name == "沈阳市"


def test_alias_table_maps_a_special_zone_to_its_county():
    (place,) = load_gazetteer().lookup("平潭综合实验区")
    assert place.name == "平潭县" and place.code == "350128"


def test_mentions_are_leftmost_longest_and_skip_two_character_names():
    names = [m.name for m in load_gazetteer().mentions("张店区南定镇人民政府，城区街道")]
    assert names[:2] == ["张店区", "南定镇"]
    assert "城区" not in names


def test_look_alike_characters_are_judged_by_their_components():
    assert glyphs_similar("沐", "沭")
    assert not glyphs_similar("沐", "泌")


def test_variant_candidates_find_homophones_and_look_alikes():
    gazetteer = load_gazetteer()
    homophones = {gazetteer.places[i].name: kind for i, kind in variant_candidates(gazetteer, "鄌郚镇").items()}
    assert homophones.get("唐吾镇") == "homophone"
    look_alikes = {gazetteer.places[i].name: kind for i, kind in variant_candidates(gazetteer, "沐阳县").items()}
    assert look_alikes == {"沭阳县": "glyph"}


def test_snapshot_is_built_once_rebuilt_when_corrupt_and_keyed_by_its_inputs(tmp_path, monkeypatch):
    import os
    import tempfile

    from analyzers.gazetteer import snapshot

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    builds = []

    def build():
        builds.append(1)
        return {"南定镇": [1, 2]}

    assert snapshot("test", ["a"], build) == {"南定镇": [1, 2]}
    assert snapshot("test", ["a"], build) == {"南定镇": [1, 2]}
    assert len(builds) == 1
    for path in (tmp_path / f"nianbao-{os.getuid()}").glob("test-*.marshal"):
        path.write_bytes(b"\x00not marshal")
    assert snapshot("test", ["a"], build) == {"南定镇": [1, 2]}
    assert len(builds) == 2
    snapshot("test", [b"other data"], build)
    assert len(builds) == 3
    assert len(list((tmp_path / f"nianbao-{os.getuid()}").glob("test-*.marshal"))) == 1  # stale one removed
