"""Units: one reporting body over the years, a stable id, and why its name variants were merged.

A unit id is the region code (with the division's name where the gazetteer gives one code
to several divisions) plus the agency name reduced by the rules below (in this order); every rule that changed a name is recorded as a step, so a unit page can say why
沭阳县发改局 and 沭阳县发展和改革局 are one body.

1. `clean`: NFKC (full-width letters and digits), whitespace and middle dots removed.
2. `alias`: a row of analyzers/data/unit_aliases.tsv (renames, misspellings) replaces the name.
3. `abbreviation`: standard long forms contracted (发展和改革 -> 发改, 人民政府 -> 政府,
   管理委员会 -> 管委会, 委员会 -> 委), so the long and the short spelling meet.
4. `zone_committee`: a zone's 管委会 is the zone's government (平潭综合实验区管委会 -> …政府).
5. `bare_place`: a name that is only a place is that place's government (平潭综合实验区 ->
   平潭综合实验区政府; a 街道 -> its 街道办事处).
6. `region_prefix`: the names of the province, city and county the region code already
   stands for are dropped from the front (沭阳县发改局 -> 发改局 under 321322), never a
   town's name and never so that the rest starts with 镇/乡/区 (朝阳镇 stays whole).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

from analyzers.gazetteer import PLACEHOLDER_NAMES, data_bytes, load_gazetteer
from analyzers.report.agency import ABBREVIATIONS

# Applied after agency.ABBREVIATIONS, so 卫生健康委员会 -> 卫健委员会 -> 卫健委.
EXTRA_CONTRACTIONS = (("发展改革", "发改"), ("委员会", "委"))
ZONE_SUFFIXES = ("实验区", "新区", "开发区", "园区", "示范区", "合作区", "试验区")
PLACE_SUFFIXES = ("自治区", "自治州", "自治县", "省", "市", "州", "盟", "县", "旗", "区", "镇", "乡", "街道")
REST_MUST_NOT_START = tuple("镇乡区县市旗") + ("街道",)
UNKNOWN_REGION = "?"
SPACE_RE = re.compile(r"[\s·•・]+")


@dataclass(frozen=True)
class Step:
    """One rule that changed a name on its way to the unit key."""

    rule: str
    before: str
    after: str
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form for the unit page."""
        return {"rule": self.rule, "before": self.before, "after": self.after, "note": self.note}


@dataclass(frozen=True)
class UnitKey:
    """Where one report belongs: the unit id, its parts, and the steps that produced it."""

    unit_id: str
    code: str
    name_key: str
    full_key: str
    steps: tuple[Step, ...] = field(default=())


@dataclass(frozen=True)
class AliasRow:
    """One row of the alias table."""

    variant: str
    canonical: str
    region_code: str
    why: str


class AliasTable:
    """The alias rows, looked up by variant name (a dict: a large table costs no more per report)."""

    def __init__(self, rows: Iterable[AliasRow]) -> None:
        self.rows = tuple(rows)
        self._by_variant: dict[str, list[AliasRow]] = {}
        for row in self.rows:
            self._by_variant.setdefault(row.variant, []).append(row)

    def find(self, name: str, code: str) -> AliasRow | None:
        """The row for this name: one for its region code first, else one for any region."""
        rows = self._by_variant.get(name, [])
        return next((r for r in rows if r.region_code == code), None) or next((r for r in rows if not r.region_code), None)


def load_aliases(text: str | None = None) -> AliasTable:
    """The alias table (analyzers/data/unit_aliases.tsv, or the given TSV text)."""
    if text is None:
        text = data_bytes("unit_aliases.tsv").decode("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + ["", "", "", ""])[:4]
        rows.append(AliasRow(*(part.strip() for part in parts)))
    return AliasTable(rows)


@lru_cache(maxsize=1)
def _default_aliases() -> AliasTable:
    return load_aliases()


@lru_cache(maxsize=1)
def _shared_codes() -> frozenset[str]:
    """Codes the gazetteer gives to more than one division (平顶山's two development zones share 410471)."""
    names: dict[str, set[str]] = {}
    for place in load_gazetteer().places:
        if place.code and place.level != "town" and place.name not in PLACEHOLDER_NAMES:
            names.setdefault(place.code, set()).add(place.name)
    return frozenset(code for code, found in names.items() if len(found) > 1)


def _region_part(code: str, region: Mapping) -> str:
    """The region half of a unit id: the code, plus the division's name where the code is shared."""
    if code in _shared_codes():
        name = region.get("county") or region.get("city") or region.get("province")
        return f"{code}/{name}" if name else code
    return code


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    """Special zones of analyzers/data/aliases.tsv and the division each governs (its last part)."""
    text = data_bytes("aliases.tsv").decode("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {alias: path.split("/")[-1] for alias, path in rows}


def clean_name(name: str) -> str:
    """NFKC, without whitespace or middle dots."""
    return SPACE_RE.sub("", unicodedata.normalize("NFKC", name))


def _contract(name: str) -> str:
    for long, short in (*ABBREVIATIONS, *EXTRA_CONTRACTIONS):
        if long != short:
            name = name.replace(long, short)
    return name


def _is_bare_place(name: str) -> bool:
    return name.endswith(PLACE_SUFFIXES) and not name.endswith("办事处")


def _governed_form(name: str) -> str:
    """A bare place's government: X街道 -> X街道办事处, else X -> X政府."""
    return name + ("办事处" if name.endswith("街道") else "政府")


def _short(place: str) -> str:
    """A division's name without its suffix (福建省 -> 福建), when two characters remain."""
    for suffix in PLACE_SUFFIXES:
        if place.endswith(suffix) and len(place) - len(suffix) >= 2:
            return place[: -len(suffix)]
    return place


def _prefixes(region: Mapping) -> list[str]:
    """Names the region code stands for, longest first: levels down to county, their short forms, zones."""
    names = [region.get(level) for level in ("province", "city", "county")]
    found = {n for n in names if n} | {_short(n) for n in names if n}
    found |= {zone for zone, county in _zone_names().items() if county in names}
    return sorted(found, key=len, reverse=True)


def _strip_region(name: str, region: Mapping) -> str:
    """Drop leading names of the coded region while what remains is still a body's name."""
    prefixes = _prefixes(region)
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            rest = name[len(prefix):]
            # 朝阳镇 must not lose 朝阳 (leaving 镇…), but 安康市镇坪县 may lose 安康市: 镇坪县 is a name too.
            whole = not rest.startswith(REST_MUST_NOT_START) or any(rest.startswith(p) for p in prefixes)
            if name.startswith(prefix) and len(rest) >= 2 and whole:
                name, changed = rest, True
                break
    return name


def _apply(steps: list[Step], rule: str, before: str, after: str, note: str = "") -> str:
    if after != before:
        steps.append(Step(rule, before, after, note))
    return after


KEY_CACHE = 65536  # (agency, region) pairs whose unit key is remembered (a years run asks up to 3 times a report)
REGION_PARTS = ("code", "province", "city", "county")  # what a unit key reads of the region


def unit_key(agency: str | None, region: Mapping | None, aliases: AliasTable | None = None) -> UnitKey | None:
    """The unit one report belongs to, from its agency name and region; None without a name."""
    if aliases is not None or not isinstance(agency, str) or not isinstance(region, (Mapping, type(None))):
        return _unit_key(agency, region, aliases)
    parts = tuple((region or {}).get(part) for part in REGION_PARTS)
    if not all(isinstance(value, (str, type(None))) for value in parts):
        return _unit_key(agency, region, aliases)
    return _default_unit_key(agency, parts)


@lru_cache(maxsize=KEY_CACHE)
def _default_unit_key(agency: str, parts: tuple[str | None, ...]) -> UnitKey | None:
    """unit_key with the shipped alias table, remembered (UnitKey is immutable)."""
    return _unit_key(agency, {part: value for part, value in zip(REGION_PARTS, parts) if value is not None}, None)


def _unit_key(agency: str | None, region: Mapping | None, aliases: AliasTable | None) -> UnitKey | None:
    if not agency or not clean_name(agency):
        return None
    region = region or {}
    code = region.get("code") or UNKNOWN_REGION
    steps: list[Step] = []
    name = _apply(steps, "clean", agency, clean_name(agency))
    row = (_default_aliases() if aliases is None else aliases).find(name, code)
    if row:
        name = _apply(steps, "alias", name, clean_name(row.canonical), row.why)
    name = _apply(steps, "abbreviation", name, _contract(name))
    zone = next((s for s in ZONE_SUFFIXES if name.endswith(s + "管委会")), None)
    if zone:
        name = _apply(steps, "zone_committee", name, name[: -len("管委会")] + "政府")
    if _is_bare_place(name):
        name = _apply(steps, "bare_place", name, _governed_form(name))
    full_key = name
    if code != UNKNOWN_REGION:
        name = _apply(steps, "region_prefix", name, _strip_region(name, region))
    return UnitKey(f"{_region_part(code, region)}:{name}", code, name, full_key, tuple(steps))
