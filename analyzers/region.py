"""Resolve a report's region (province/city/county/town) from its agency, title and text.

1. Names in the agency and title (else the report's opening, else its most frequent
   name) give the candidates: exact gazetteer names, the aliases of
   analyzers/data/aliases.tsv (平潭综合实验区), and spelling variants of unknown
   admin-suffixed words (homophones 鄌郚镇/唐吾镇, look-alikes 沐阳县/沭阳县).
2. The candidate whose chain holds most of those names wins; a department
   (沭阳县发展和改革局) so resolves to its county with town null.
3. Homonyms (潘庄镇 in three counties) are decided by the text: names of each one's
   county/city/province, phone area codes, postcode provinces. A tie keeps only the levels
   all tied places share and adds a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzers.gazetteer import Gazetteer, Mention, Place, VariantMatch, find_variant, load_gazetteer

BODY_LIMIT = 30_000  # the evidence a report gives about itself is in its first pages
HEAD_LIMIT = 200  # without agency and title, the report's opening names its author
PHONE_RE = re.compile(r"(?<!\d)[(（]?(0\d{2,3})[)）]?\s?[-－—–]?\s?\d{7,8}(?!\d)")
POSTCODE_RE = re.compile(r"(?:邮编|邮政编码)\s*[:：]?\s*(\d{6})(?!\d)")
UNKNOWN_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,9}?(?:省|市|县|区|旗|镇|乡|街道)")
LEADING_DATE_RE = re.compile(r"^[年度]+")
MAX_LISTED = 5  # places named in an ambiguity warning
# The first two digits of a postcode name the province (national postcode plan). Used
# only as supporting evidence: a postcode block can spill across a provincial border.
POSTCODE_PROVINCES = {
    "01": "内蒙古自治区", "02": "内蒙古自治区", "03": "山西省", "04": "山西省", "05": "河北省",
    "06": "河北省", "07": "河北省", "10": "北京市", "11": "辽宁省", "12": "辽宁省", "13": "吉林省",
    "15": "黑龙江省", "16": "黑龙江省", "20": "上海市", "21": "江苏省", "22": "江苏省",
    "23": "安徽省", "24": "安徽省", "25": "山东省", "26": "山东省", "27": "山东省", "30": "天津市",
    "31": "浙江省", "32": "浙江省", "33": "江西省", "34": "江西省", "35": "福建省", "36": "福建省",
    "40": "重庆市", "41": "湖南省", "42": "湖南省", "43": "湖北省", "44": "湖北省", "45": "河南省",
    "46": "河南省", "47": "河南省", "51": "广东省", "52": "广东省", "53": "广西壮族自治区",
    "54": "广西壮族自治区", "55": "贵州省", "56": "贵州省", "57": "海南省", "61": "四川省",
    "62": "四川省", "63": "四川省", "64": "四川省", "65": "云南省", "66": "云南省", "67": "云南省",
    "71": "陕西省", "72": "陕西省", "73": "甘肃省", "74": "甘肃省", "75": "宁夏回族自治区",
    "81": "青海省", "83": "新疆维吾尔自治区", "84": "新疆维吾尔自治区", "85": "西藏自治区",
}


@dataclass(frozen=True)
class Region:
    """Where a report comes from; levels are null where unknown or not applicable."""

    province: str | None = None
    city: str | None = None
    county: str | None = None
    town: str | None = None
    code: str | None = None
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, str | None]:
        """The five fields of the parsed report's `region` object."""
        return {"province": self.province, "city": self.city, "county": self.county,
                "town": self.town, "code": self.code}


@dataclass(frozen=True)
class Candidate:
    """A place a name in the agency, title or text may denote, with how it was found."""

    place: Place
    written: str  # the name as the document writes it
    variant: VariantMatch | None = None


class Evidence:
    """What the text says about its own location: names, phone area codes, postcodes."""

    def __init__(self, gazetteer: Gazetteer, text: str, head: str) -> None:
        self.gazetteer = gazetteer
        self.text = text
        self.head = head
        self.area_cities = {c.index for c in map(gazetteer.city_for_area_code,
                                                 PHONE_RE.findall(text)) if c is not None}
        self.postcode_provinces = {POSTCODE_PROVINCES.get(code[:2]) for code in POSTCODE_RE.findall(text)}

    def score(self, place: Place, written: str = "") -> int:
        """How strongly the text supports this place through its ancestors and contacts.

        Occurrences of the name being resolved are blanked first: in 光明街道 the 光明 is
        not a mention of 光明区.
        """
        text = self.text.replace(written, "\0") if written else self.text
        head = self.head.replace(written, "\0") if written else self.head
        total = 0
        for node in self.gazetteer.chain(place)[:-1]:
            total += 3 * head.count(node.name) + 2 * text.count(node.name)
            if node.short != node.name and len(node.short) >= 2:
                total += sum(text.count(short) for short in node.short.split("/"))
        city = self.gazetteer.ancestor(place, "city")
        if city is not None and city.index in self.area_cities:
            total += 3
        province = self.gazetteer.ancestor(place, "province")
        if province is not None and province.name in self.postcode_provinces:
            total += 1
        return total


def resolve_region(text: str, agency: str | None = None, title: str | None = None) -> Region:
    """The region of a report: agency and title first, then the text to choose among homonyms."""
    gazetteer = load_gazetteer()
    head = " ".join(part for part in (agency, title) if part)
    body = (text or "")[:BODY_LIMIT]
    evidence = Evidence(gazetteer, body, head)
    candidates = _candidates(gazetteer, head, evidence) if head else []
    if not candidates:
        candidates = _candidates(gazetteer, body[:HEAD_LIMIT], evidence) or _frequent(gazetteer, body)
    if not candidates:
        return Region(warnings=("no place name of the gazetteer found in agency, title or text",))
    return _choose(gazetteer, candidates, evidence, head)


def _candidates(gazetteer: Gazetteer, source: str, evidence: Evidence) -> list[Candidate]:
    """The places source names, best first by how many of its names each one's chain holds.

    张店区南定镇 keeps 南定镇 of 张店区 (both names in its chain); an exact name beats a
    spelling variant at equal support; then deeper beats shallower (上海市 the city).
    """
    found: dict[int, Candidate] = {}
    for mention in _head_mentions(gazetteer, source):
        for index in mention.places:
            found.setdefault(index, Candidate(gazetteer.places[index], mention.name))
    for token in _unknown_names(gazetteer, source):
        match = find_variant(gazetteer, token, lambda place, token=token: evidence.score(place, token))
        if match is not None:
            found.setdefault(match.index, Candidate(gazetteer.places[match.index], token, match))
    names = {c.written for c in found.values()}

    def key(candidate: Candidate) -> tuple[int, bool, int, int]:
        """Names of source in the candidate's chain, exact before variant, earlier, then depth.

        Among unrelated names of equal support the earlier one is the place: in 莲都区林业局
        the 林业局 (also a town name in 黑龙江) is the department of 莲都区.
        """
        support = sum(_in_chain(gazetteer, candidate, name) for name in names)
        position = source.find(candidate.written)
        return support, candidate.variant is None, -position, candidate.place.depth

    if not found:
        return []
    best = max(map(key, found.values()))
    return [c for c in found.values() if key(c) == best]


def _at_boundary(source: str, start: int, known_ends: set[int]) -> bool:
    """Whether a word starts the text, follows a known name, or follows a non-Chinese character."""
    return start == 0 or start in known_ends or not "\u4e00" <= source[start - 1] <= "\u9fff"


def _head_mentions(gazetteer: Gazetteer, source: str) -> list[Mention]:
    """Names in an agency or title, two-character ones (古县, 澳门) only at a word boundary."""
    mentions = list(gazetteer.mentions(source, min_length=2))
    ends = {m.end for m in mentions if m.end - m.start > 2}
    return [m for m in mentions if m.end - m.start > 2 or _at_boundary(source, m.start, ends)]


def _in_chain(gazetteer: Gazetteer, candidate: Candidate, name: str) -> bool:
    """Whether a name found beside the candidate is the candidate or one of its ancestors."""
    if name == candidate.written:
        return True
    chain = gazetteer.chain(candidate.place)
    if any(node.name == name for node in chain):
        return True
    return gazetteer.aliases.get(name) in {node.index for node in chain}


def _unknown_names(gazetteer: Gazetteer, source: str) -> list[str]:
    """Admin-suffixed words the gazetteer does not know (鄌郚镇, 沐阳县), at a word boundary.

    Only a word that starts the text, follows a known name or follows a non-Chinese
    character counts: inside 住房和城乡建设局, 和城乡 is not a place name.
    """
    chars = list(source)
    for mention in gazetteer.mentions(source):
        chars[mention.start:mention.end] = "\0" * (mention.end - mention.start)
    known = "".join(chars)
    out = []
    for match in UNKNOWN_NAME_RE.finditer(known):
        if not _at_boundary(known, match.start(), set()):
            continue
        word = LEADING_DATE_RE.sub("", match.group(0))  # 2025年沐阳县: the 年 belongs to the date
        if len(word) >= 3:
            out.append(word)
    return out


def _frequent(gazetteer: Gazetteer, body: str) -> list[Candidate]:
    """Places named by the most frequent (then deepest) name of the text."""
    counts: dict[str, int] = {}
    for mention in gazetteer.mentions(body):
        counts[mention.name] = counts.get(mention.name, 0) + 1
    if not counts:
        return []
    best = max(counts, key=lambda name: (counts[name], max(gazetteer.places[i].depth
                                                          for i in gazetteer.by_name[name])))
    return [Candidate(place, best) for place in gazetteer.lookup(best)]


def _choose(gazetteer: Gazetteer, candidates: list[Candidate], evidence: Evidence, head: str) -> Region:
    """The best-supported candidate; the common ancestors and a warning when it is a tie."""
    scored = sorted(((evidence.score(c.place, c.written), c.place.depth, c) for c in candidates),
                    key=lambda row: row[:2], reverse=True)
    best_score, best_depth, best = scored[0]
    rivals = [c for s, d, c in scored[1:] if (s, d) == (best_score, best_depth)
              and c.place.index != best.place.index]
    warnings = [best.variant.warning] if best.variant else []
    if rivals:
        tied = [best, *rivals]
        places = "; ".join("/".join(n.name for n in gazetteer.chain(c.place)) for c in tied[:MAX_LISTED])
        more = f" … ({len(tied)} places)" if len(tied) > MAX_LISTED else ""
        warnings.append(f"{best.written} is ambiguous and the text does not decide: {places}{more}")
        return _region(gazetteer, _common_ancestor(gazetteer, [best, *rivals]), None, warnings)
    return _region(gazetteer, best.place, best, warnings)


def _common_ancestor(gazetteer: Gazetteer, candidates: list[Candidate]) -> Place | None:
    """The deepest place every candidate lies in, if any."""
    chains = [gazetteer.chain(c.place) for c in candidates]
    common = None
    for nodes in zip(*chains):
        if len({n.index for n in nodes}) != 1:
            break
        common = nodes[0]
    return common


def _region(gazetteer: Gazetteer, place: Place | None, chosen: Candidate | None,
            warnings: list[str]) -> Region:
    """Fill the region levels from a place's chain (the text's spelling for homophones)."""
    if place is None:
        return Region(warnings=tuple(warnings))
    levels = {level: (node.name if node else None) for level, node in
              ((lv, gazetteer.ancestor(place, lv)) for lv in ("province", "city", "county", "town"))}
    if chosen is not None and chosen.variant is not None and chosen.variant.keep_written:
        levels[place.level] = chosen.written
    code = next((n.code for n in reversed(gazetteer.chain(place)) if n.code), None)
    return Region(**levels, code=code, warnings=tuple(warnings))
