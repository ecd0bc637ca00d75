"""Reporting bodies of every level, named after real places of the gazetteer."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from analyzers.gazetteer import PLACEHOLDER_NAMES, Gazetteer, Place, load_gazetteer

# Share of reports per level of reporting body.
LEVEL_SHARES = {"town": 0.45, "county_department": 0.27, "county": 0.12, "city_department": 0.11, "city": 0.05}
DEPARTMENTS = [
    "教育局", "财政局", "民政局", "司法局", "公安局", "自然资源局", "住房和城乡建设局", "交通运输局",
    "农业农村局", "水利局", "卫生健康委员会", "市场监督管理局", "人力资源和社会保障局", "应急管理局",
    "文化和旅游局", "退役军人事务局", "医疗保障局", "统计局", "审计局", "发展和改革局", "商务局", "林业局",
]
TOWN_SUFFIXES = ("镇", "乡", "街道")
# Regions outside the mainland's Regulations on Open Government Information publish no
# such reports: synthetic reporting bodies are never placed there.
OUTSIDE_REGULATIONS = frozenset({"台湾省", "香港特别行政区", "澳门特别行政区"})


@dataclass(frozen=True)
class Agency:
    """A reporting body: its name, level, how it calls itself, and the region it belongs to."""

    name: str
    level: str
    self_name: str
    region: dict[str, str | None]


@dataclass(frozen=True)
class PlacePool:
    """Gazetteer places usable as reporting bodies, grouped by level, in gazetteer order."""

    towns: tuple[Place, ...]
    counties: tuple[Place, ...]
    cities: tuple[Place, ...]
    gazetteer: Gazetteer


@lru_cache(maxsize=1)
def place_pool() -> PlacePool:
    """Towns named 镇/乡/街道, counties and cities of the gazetteer (placeholders and regions
    outside the Regulations left out)."""
    gazetteer = load_gazetteer()
    usable = [p for p in gazetteer.places if p.name not in PLACEHOLDER_NAMES
              and not any(node.name in OUTSIDE_REGULATIONS for node in gazetteer.chain(p))]
    return PlacePool(
        towns=tuple(p for p in usable if p.level == "town" and p.name.endswith(TOWN_SUFFIXES)),
        counties=tuple(p for p in usable if p.level == "county"),
        cities=tuple(p for p in usable if p.level == "city"),
        gazetteer=gazetteer,
    )


def region_of(place: Place, gazetteer: Gazetteer) -> dict[str, str | None]:
    """The region record of DESIGN §2 for a place: names per level and the deepest known code."""
    region: dict[str, str | None] = {"province": None, "city": None, "county": None, "town": None, "code": None}
    for node in gazetteer.chain(place):
        if node.name in PLACEHOLDER_NAMES:
            continue
        region[node.level] = node.name
        region["code"] = node.code or region["code"]
    return region


def draw_agency(rng: random.Random) -> Agency:
    """A reporting body of a level drawn by LEVEL_SHARES, on a uniformly drawn real place."""
    pool = place_pool()
    level = rng.choices(list(LEVEL_SHARES), list(LEVEL_SHARES.values()))[0]
    if level == "town":
        place = rng.choice(pool.towns)
        if place.name.endswith("街道"):
            name, self_name = place.name + "办事处", "本街道"
        else:
            name, self_name = place.name + "人民政府", "本" + place.name[-1]
    else:
        place = rng.choice(pool.counties if level.startswith("county") else pool.cities)
        if level.endswith("department"):
            department = rng.choice(DEPARTMENTS)
            name, self_name = place.name + department, "本" + ("委" if department.endswith("委员会") else "局")
        else:
            name, self_name = place.name + "人民政府", "本机关"
    return Agency(name, level, self_name, region_of(place, pool.gazetteer))
