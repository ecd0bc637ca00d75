"""Issue tags (a controlled vocabulary for facets) and top keywords of a report's section 五.

The vocabulary and its cue patterns are documented with examples in docs/issue-tags.md.
Tags are read from the problems part of section 五 only: the improvement measures that
follow restate every weakness as a plan (完善机制, 加强培训) and would tag everything.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from analyzers.segment import segment


@dataclass(frozen=True)
class IssueTag:
    """One problem category: id, Chinese label, and the cue pattern that signals it."""

    id: str
    label: str
    cues: re.Pattern[str]


def _tag(tag_id: str, label: str, *cues: str) -> IssueTag:
    """An IssueTag whose cue pattern matches any of the given regular expressions."""
    return IssueTag(tag_id, label, re.compile("|".join(cues)))


# Order is the facet's display order and the order issue_tags() returns.
VOCABULARY: tuple[IssueTag, ...] = (
    _tag("timeliness", "公开时效/及时性", r"不及时", r"不够及时", r"滞后", r"时效", r"及时性", r"更新(?:较|不够|)慢", r"未能及时"),
    _tag("completeness", "公开内容不全面", r"不(?:够|)全面", r"全面性", r"广度", r"深度", r"不够广", r"遗漏",
         r"不够完整", r"精细化不足", r"公开面", r"公开范围", r"内容不够"),
    _tag("awareness", "公开意识/主动性不足", r"意识", r"主动性", r"重视程度", r"松懈", r"积极性"),
    _tag("platform", "平台/网站建设", r"网站", r"平台", r"栏目", r"专栏", r"专区"),
    _tag("new_media", "政务新媒体", r"新媒体", r"公众号", r"微博", r"微信"),
    _tag("interpretation", "政策解读质量", r"解读"),
    _tag("requests", "依申请办理规范", r"依申请", r"申请(?:件|办理)", r"办件质量", r"答复"),
    _tag("quality", "信息质量/准确性", r"(?:信息|公开|发布|内容)质量", r"准确", r"错误", r"错别字", r"差错", r"不规范"),
    _tag("staff", "人员/队伍能力", r"专业(?:化|水平|能力|素质)", r"业务(?:水平|能力|知识|素质)", r"素养", r"技能",
         r"队伍", r"人员(?:力量|不足|配备|较少)", r"兼职", r"能力(?:不足|有待|不强|较弱)"),
    _tag("training", "培训不足", r"培训"),
    _tag("mechanism", "制度机制不健全", r"制度", r"机制", r"规范化", r"标准化", r"流程"),
    _tag("grassroots", "基层政务公开", r"基层", r"村务", r"村（居）", r"村\(居\)", r"镇级", r"乡镇", r"村级"),
    _tag("interaction", "政民互动/回应关切", r"互动", r"留言", r"回应", r"咨询", r"回复", r"关切"),
    _tag("open_data", "数据开放", r"数据开放", r"开放数据", r"公共数据", r"数据资源", r"数据共享"),
    _tag("supervision", "监督考核", r"考核", r"监督", r"督查", r"考评", r"评议"),
)
ISSUE_TAGS: Mapping[str, str] = MappingProxyType({tag.id: tag.label for tag in VOCABULARY})

# Where the problems end and the measures begin, when both share the section.
MEASURES_RE = re.compile(
    r"改进措施|改进情况|整改措施|整改情况|改进状况|下一步|下一?阶段|对此[，,]|针对(?:上述|以上|存在的)问题"
    r"|(?:\d{4}\s*年|今后|明年|新的一年)[，,]?\s*(?:我|本)[\u4e00-\u9fff]{0,3}将"
)
MIN_PROBLEMS_CHARS = 20  # a marker this early is the section's own heading, not the split
NUMBER_RE = re.compile(r"^[\d.%]+$")
WRAP_RE = re.compile(r"(?<=[\u4e00-\u9fff，。、；：])\s+(?=[\u4e00-\u9fff（(])")
# Sub-headings （一）… of section 五; the 2021 template often has （一）上年问题的整改情况,
# （二）本年存在的主要问题, so the problems are wherever a heading says so.
SUBSECTION_RE = re.compile(r"[（(][一二三四五六七八九十][)）]")
PROBLEM_HEADING_RE = re.compile(r"问题|不足")
MEASURE_HEADING_RE = re.compile(r"改进|整改|措施|举措|打算")
HEADING_RE = re.compile(r"[^。：:；;！!]{0,40}")


def _problem_subsections(text: str) -> str:
    """The sub-sections whose heading announces problems (not their remedies), joined."""
    starts = [m.start() for m in SUBSECTION_RE.finditer(text)]
    chosen = []
    for start, end in zip(starts, starts[1:] + [len(text)]):
        heading = HEADING_RE.match(text, start).group(0)
        if PROBLEM_HEADING_RE.search(heading) and not MEASURE_HEADING_RE.search(heading):
            chosen.append(text[start:end])
    return "".join(chosen)


def _join_wrapped(text: str) -> str:
    """Remove line breaks and spaces between Chinese characters (PDF lines wrap mid-word: 培\n训)."""
    return WRAP_RE.sub("", text)


def problems_part(text: str) -> str:
    """The problems of section 五: their sub-sections if headed so, cut before the measures."""
    text = _join_wrapped(text)
    text = _problem_subsections(text) or text
    for match in MEASURES_RE.finditer(text):
        if match.start() >= MIN_PROBLEMS_CHARS:
            return text[: match.start()]
    return text


def issue_tags(problems_text: str | None) -> list[str]:
    """Tag ids of the vocabulary whose cues occur in the problems part, in vocabulary order."""
    if not problems_text:
        return []
    part = problems_part(problems_text)
    return [tag.id for tag in VOCABULARY if tag.cues.search(part)]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Boilerplate words of section 五 (工作, 进一步, 加强 ...), from analyzers/data."""
    text = resources.files("analyzers").joinpath("data", "issue_stopwords.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float]:
    """jieba-next's IDF table (word -> idf) and its median, used for words it lacks."""
    from jieba_next.analyse.tfidf import DEFAULT_IDF, IDFLoader

    loader = IDFLoader(DEFAULT_IDF)
    return loader.idf_freq, loader.median_idf


def issue_keywords(problems_text: str | None, limit: int = 10) -> list[str]:
    """The top `limit` terms of section 五 by TF-IDF, boilerplate and single characters dropped."""
    if not problems_text or limit <= 0:
        return []
    drop = stopwords()
    words = [w for w in segment(_join_wrapped(problems_text))
             if len(w) > 1 and w not in drop and not NUMBER_RE.match(w)]
    if not words:
        return []
    idf, median = idf_table()
    counts = Counter(words)
    first_seen = {w: i for i, w in reversed(list(enumerate(words)))}
    # Ties (common in short sections) go to the word met first, so results are stable.
    ranked = sorted(counts, key=lambda w: (-counts[w] * idf.get(w, median), first_seen[w]))
    return ranked[:limit]


def tag_label(tag_id: str) -> str:
    """The Chinese label of a tag id (the id itself if unknown)."""
    return ISSUE_TAGS.get(tag_id, tag_id)


__all__ = ["ISSUE_TAGS", "VOCABULARY", "IssueTag", "issue_keywords", "issue_tags", "problems_part", "tag_label"]
