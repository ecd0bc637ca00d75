"""scripts/build_gazetteer.py on small inputs in jionlp's formats."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

TREE = (
    "山东省\t370000\t山东\r\n"
    "\t潍坊市\t370700\t潍坊\r\n"
    "\t\t昌乐县\t370725\t昌乐\r\n"
    "\t\t\t唐吾镇\r\n"
    "\t\t\t\t鄌郚村\r\n"
    "\t\t\t宝城街道\r\n"
    "\t\t中山区\r\n"
)
AREA_CODES = "0536 山东/潍坊\n0431 吉林/吉林\n0432 吉林/吉林\n0433 吉林/吉林\n0531 山东/济南\n0555 辽宁/鞍山\n0551 安徽/合肥\n0552 安徽/蚌埠\n"


def test_tree_keeps_four_levels_with_parents_and_drops_villages(tmp_path):
    path = tmp_path / "china_location.txt"
    path.write_text(TREE, encoding="utf-8")
    rows = build.read_tree(path)
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        ("p", "山东省", "山东", "370000", "-1"),
        ("c", "潍坊市", "潍坊", "370700", "0"),
        ("d", "昌乐县", "昌乐", "370725", "1"),
        ("t", "唐吾镇", "唐吾", "", "2"),
        ("t", "宝城街道", "宝城", "", "2"),
        ("d", "中山区", "中山区", "", "1"),
    ]


def test_area_codes_drop_placeholders_and_strays(tmp_path):
    path = tmp_path / "landline_phone_area_code.txt"
    path.write_text(AREA_CODES, encoding="utf-8")
    kept = build.read_area_codes(path)
    assert ("0536", "山东", "潍坊") in kept and ("0551", "安徽", "合肥") in kept
    assert not any(city == "吉林" for _, _, city in kept)  # 0431.. all 吉林/吉林
    assert ("0555", "辽宁", "鞍山") not in kept  # inside Anhui's 055x block


def test_pinyin_loses_its_tones():
    assert build.plain_pinyin("táng") == "tang"
    assert build.plain_pinyin("lǜ") == "lv"


def test_town_short_names_strip_one_suffix_but_never_to_one_character():
    assert build.town_short("南定镇") == "南定"
    assert build.town_short("城关街道办事处") == "城关"
    assert build.town_short("东乡") == "东乡"


def test_output_is_byte_identical_across_builds(tmp_path):
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    build.write_gz(first, "h", ["一\t二"])
    build.write_gz(second, "h", ["一\t二"])
    assert first.read_bytes() == second.read_bytes()
    assert gzip.decompress(first.read_bytes()).decode("utf-8") == "h\n一\t二\n"
