"""The changes indexer/synth/years.py plants in generated reports: chains, breaks, renames, local text."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field

from analyzers.report.agency import ABBREVIATIONS
from indexer.synth.regions import Agency

CHAIN_ITEMS_2019 = ("licensing", "other_services", "punishment", "enforcement", "fees")
CHAIN_ITEMS_2021 = ("rules", "normative_documents")
SUMMED_ROWS = ("new", "carried_over", "granted", "processed_total")
# Words for a paragraph on the body's own work: with the place name, each clause is the body's own.
ACTIONS = ["推行", "试点", "完善", "建立", "升级", "探索", "优化", "开通", "整合", "落实", "编制", "设立"]
OBJECTS = ["涉企政策直达机制", "办事指南二维码查询", "政务公开专区", "惠民资金公示栏", "重大项目公开清单",
           "依申请公开网上受理", "政策解读直播", "基层公开标准目录", "政府开放日活动", "群众意见回访制度",
           "公开事项动态调整台账", "村务公开联审机制", "便民查阅预约服务", "公开信息纠错通道"]
RESULTS = ["受到群众好评", "覆盖全部行政村", "累计服务群众逾千人次", "办理时限明显缩短", "实现全流程留痕",
           "形成可推广经验", "公开质量稳步提升", "群众满意度持续提高", "问题整改按期完成", "信息更新更加及时"]
RENAME_STYLES = ("abbreviation", "space", "bare", "city_prefix", "alias")


@dataclass
class Renamed:
    """The name a unit prints in each year (missing years: its real name) and an alias row if needed."""

    names: dict[int, str] = field(default_factory=dict)
    alias_row: str | None = None
    style: str | None = None


def local_paragraph(rng: random.Random, agency: Agency) -> str:
    """One line on the body's own work, 4–7 clauses naming its place (distinctive text to copy or not)."""
    region = agency.region
    place = region.get("town") or region.get("county") or region.get("city") or agency.name
    clauses = [f"{place}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，{rng.choice(RESULTS)}" for _ in range(rng.randint(4, 7))]
    return "（六）特色做法：" + "；".join(clauses) + "。"


def _variant(rng: random.Random, agency: Agency, style: str) -> tuple[str, str | None] | None:
    """A name variant of one style, and the alias row it needs (None when the style does not apply)."""
    name, region = agency.name, agency.region
    place = next((p for p in (region.get("town"), region.get("county"), region.get("city")) if p and name.startswith(p)), None)
    if style == "abbreviation":
        long = next((lg for lg, sh in ABBREVIATIONS if lg in name and lg != sh), None)
        return (name.replace(long, dict(ABBREVIATIONS)[long]), None) if long else None
    if style == "space" and place and len(name) > len(place):
        return place + rng.choice([" ", "\u3000"]) + name[len(place):], None
    if style == "bare" and agency.level in ("county", "city") and name.endswith("人民政府"):
        return name[: -len("人民政府")], None
    if style == "city_prefix" and agency.level.startswith("county") and region.get("city"):
        return region["city"] + name, None
    if style == "alias" and agency.level.endswith("department") and name.endswith("局"):
        variant = name[:-1] + "服务中心"
        return variant, f"{variant}\t{name}\t{region.get('code') or ''}\tsynthetic rename"
    return None


def rename(rng: random.Random, agency: Agency, years: list[int], share: float) -> Renamed:
    """With probability `share`, a name variant used before (or, for a rename, from) a switch year."""
    if rng.random() >= share:
        return Renamed()
    for style in rng.sample(RENAME_STYLES, len(RENAME_STYLES)):
        found = _variant(rng, agency, style)
        if found:
            switch = rng.choice(years[1:])
            affected = [y for y in years if (y >= switch) == (style == "alias")]
            return Renamed({y: found[0] for y in affected}, found[1], style)
    return Renamed()


def _recompute_totals(rows: dict) -> None:
    for key in SUMMED_ROWS:
        rows[key][6] = sum(rows[key][:6])


def chain_carry_over(truth: dict, before: dict, rng: random.Random, plant_break: bool) -> bool:
    """Make 上年结转 equal last year's 结转下年度 (identity kept by adjusting 新收); optionally break one column."""
    rows, target = truth["requests"]["rows"], list(before["requests"]["rows"]["carried_forward"])
    if plant_break:
        target[rng.randrange(6)] += rng.randint(1, 3)
    for i in range(6):
        delta = target[i] - rows["carried_over"][i]
        rows["carried_over"][i] = target[i]
        rows["new"][i] -= delta
        if rows["new"][i] < 0:  # fewer new requests cannot absorb it: more were processed instead
            rows["granted"][i] -= rows["new"][i]
            rows["processed_total"][i] -= rows["new"][i]
            rows["new"][i] = 0
    _recompute_totals(rows)
    return plant_break


def _chain_2021(truth: dict, before: dict, rng: random.Random, plant_break: bool) -> None:
    for item in CHAIN_ITEMS_2021:
        now, prev = truth["active_disclosure"][item], before["active_disclosure"][item]
        now["repealed"] = min(now["repealed"], prev["in_force"] + now["issued"])
        now["in_force"] = prev["in_force"] + now["issued"] - now["repealed"]
    if plant_break:
        truth["active_disclosure"][rng.choice(CHAIN_ITEMS_2021)]["in_force"] += rng.randint(1, 3)


def _chain_2019(truth: dict, before: dict, rng: random.Random, plant_break: bool) -> None:
    for item in CHAIN_ITEMS_2019:
        now, prev = truth["active_disclosure"][item], before["active_disclosure"][item]
        prev["change"] = max(prev["change"], -prev["previous_count"])
        now["previous_count"] = prev["previous_count"] + prev["change"]
    if plant_break:
        truth["active_disclosure"][rng.choice(CHAIN_ITEMS_2019)]["previous_count"] += rng.randint(1, 3)


def chain_table2(truth: dict, before: dict, rng: random.Random, plant_break: bool) -> bool | None:
    """Chain table 二 where both years use one template; None when they do not (no relation to plant)."""
    if truth["format"] != before["format"]:
        return None
    (_chain_2021 if truth["format"] == "2021" else _chain_2019)(truth, before, rng, plant_break)
    return plant_break


def _distinct_figures(rows: dict) -> int:
    return len({cell for cells in rows.values() for cell in cells if cell})


def stale_copy(truth: dict, before: dict) -> bool:
    """Reprint last year's table 三 unchanged, where that keeps the carry-over chain (same template)."""
    rows = before["requests"]["rows"]
    if truth["format"] != before["format"] or rows["carried_over"] != rows["carried_forward"] or _distinct_figures(rows) < 3:
        return False
    truth["requests"] = copy.deepcopy(before["requests"])
    return True
