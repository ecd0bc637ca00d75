"""Compose the narrative sections 一..六 from the phrase templates, consistent with the tables."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from analyzers.issues import ISSUE_TAGS
from indexer.synth import phrases
from indexer.synth.regions import Agency

# Tags listed in vocabulary order, as the parser's issue_tags() lists them.
TAG_ORDER = {tag: position for position, tag in enumerate(ISSUE_TAGS)}

ORDINALS = "一二三四五六七八九十"
# Printed above the problems; not part of the section text, as parsers drop such a leading label.
PROBLEMS_LABEL = "（一）存在的主要问题"


@dataclass(frozen=True)
class Narrative:
    """The text of sections 一..六 and the problem categories section 五 was drawn from."""

    sections: dict[str, str | None]
    categories: tuple[str, ...]
    keywords: tuple[str, ...]


def compose(rng: random.Random, agency: Agency, year: int,
            requests: dict[str, list[Any]], active_count: int) -> Narrative:
    """Sections for one report; figures quoted in the text match the tables."""
    slots = {
        "agency": agency.name, "self": agency.self_name, "year": year,
        "published": active_count, "key_items": active_count // 3, "guides": rng.randint(3, 60),
        "media": rng.randint(0, active_count), "trainings": rng.randint(1, 6),
        "new": requests["new"][6], "carried": requests["carried_over"][6],
        "processed": requests["processed_total"][6], "forward": requests["carried_forward"][6],
        "natural": requests["new"][0],
    }
    slots["leadership"] = _leadership(rng, agency)
    drawn = rng.sample(sorted(phrases.PROBLEMS), rng.choice((1, 2, 2, 3, 3, 4)))
    categories = tuple(sorted(drawn, key=TAG_ORDER.__getitem__))
    keywords = tuple(word for category in categories for word in phrases.PROBLEMS[category][0])
    sections: dict[str, str | None] = {
        "overview": _overview(rng, slots),
        "active": None,
        "requests": None,
        "review": None,
        "problems": _problems(rng, categories),
        "other": rng.choice(phrases.OTHERS).format(**slots),
    }
    return Narrative(sections, categories, keywords)


def _leadership(rng: random.Random, agency: Agency) -> str:
    """A sentence naming the party committee and government the body works under."""
    region = agency.region
    home_level = "city" if agency.level.startswith("city") else "county"
    home = region[home_level] or region["city"] or region["province"]
    upper = region["province"] if home_level == "city" else (region["city"] or region["province"])
    party = "中共" + ("" if upper in (None, home) else upper) + str(home) + "委"
    government = agency.level in ("county", "city")
    pool = phrases.LEADERSHIP_GOVERNMENT if government else phrases.LEADERSHIP_LOWER
    return rng.choice(pool).format(party=party, home=home, agency=agency.name)


def _overview(rng: random.Random, slots: dict[str, Any]) -> str:
    """Section 一: an opening paragraph, then the five customary sub-headings."""
    requests = phrases.REQUESTS_SOME if slots["new"] or slots["carried"] else phrases.REQUESTS_NONE
    parts = [
        ("主动公开", phrases.ACTIVE),
        ("依申请公开", requests),
        ("政府信息管理", phrases.MANAGEMENT),
        ("平台建设", phrases.PLATFORM),
        ("监督保障", phrases.OVERSIGHT),
    ]
    lines = [slots["leadership"] + rng.choice(phrases.OPENINGS).format(**slots)]
    for index, (heading, pool) in enumerate(parts):
        lines.append(f"（{ORDINALS[index]}）{heading}")
        count = 1 if pool is requests or pool is phrases.ACTIVE else rng.randint(1, 2)
        lines.append("".join(template.format(**slots) for template in rng.sample(pool, count)))
    return "\n".join(lines)


def _enumerate(items: list[str]) -> str:
    """'一是…；二是…。' the way reports list their points."""
    return "；".join(f"{ORDINALS[i]}是{item}" for i, item in enumerate(items)) + "。"


def _problems(rng: random.Random, categories: tuple[str, ...]) -> str:
    """Section 五 after its leading label: the problems, then the measures, one point per category."""
    problems = [rng.choice(phrases.PROBLEMS[c][1]) for c in categories]
    remedies = [rng.choice(phrases.PROBLEMS[c][2]) for c in categories]
    return "\n".join([_enumerate(problems), "（二）改进措施", _enumerate(remedies)])
