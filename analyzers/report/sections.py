"""Find the six section headings (一..六) of a report, tolerating variants and glued text."""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION_KEYS = ("overview", "active", "requests", "review", "problems", "other")

_NUMERALS = ("一1", "二2", "三3", "四4", "五5", "六6")
# What each heading says within its first few characters, after the ordinal.
_KEYWORDS = (
    r"([^。；\n]{0,16}?(总体情况|概述|概况|基本情况))",
    r"([^。；\n]{0,6}?主动公开)",
    r"([^。；\n]{0,8}?(收到和处理|依申请公开|公开申请))",
    r"([^。；\n]{0,20}?(复议|诉讼))",
    r"([^。；\n]{0,14}?(问题|不足|改进|整改))",
    r"([^。；\n]{0,4}?其他|(?=[^。；\n]{2}))",  # after 五, any 六、 heading closes the problems
)
# Headings that lost their ordinal (e.g. a line that is just '总体情况').
# Each must fill its whole line (bold-only headings in HTML/DOCX), so sentences never match.
_BARE = (r"(总体情况|概述)", r"主动公开政府信息(的)?情况[^。\n]{0,6}",
         r"收到和处理政府信息公开申请(的)?情况[^。\n]{0,6}",
         r"[^。\n]{0,10}行政复议[、和及]?行政诉讼(的)?情况[^。\n]{0,6}",
         r"[^。\n]{0,8}存在的主要问题及(其)?(改进|整改)[^。\n]{0,6}", r"其他需要?报告的事项")


def _heading_patterns(parenthesised: bool = False) -> list[re.Pattern]:
    """One pattern per section; `parenthesised` builds the （一） ordinal style instead."""
    patterns = []
    for numerals, keyword, bare in zip(_NUMERALS, _KEYWORDS, _BARE):
        ordinal = (rf"(?:(?<![（(])[{numerals[0]}]\s*[、.．]|(?<![（(\d]){numerals[1]}\s*、"
                   rf"|第{numerals[0]}部分\s*[、:：]?)\s*")
        if parenthesised:
            ordinal = rf"[（(]\s*{numerals[0]}\s*[)）]\s*[、.．]?\s*"
        alternatives = [ordinal + keyword]
        if bare:
            alternatives.append(rf"(?:^|(?<=\n))\s*{bare}\s*(?=\n|$)")
        patterns.append(re.compile("|".join(f"(?:{a})" for a in alternatives)))
    return patterns


_PATTERNS = _heading_patterns()
# Some reports number their six sections （一）..（六）; others use （一） for sub-headings
# under 一、, so that style is only tried when the plain one finds too few sections.
_PAREN_PATTERNS = _heading_patterns(parenthesised=True)
_MIN_PLAIN_SECTIONS = 3
_EMPTY_BODY_CHARS = 2  # a contents entry's 'body' is just the line break before the next
_HEADING_TAIL = re.compile(r"[^\n。：:]{0,30}?(情况|事项|措施|概述|概况|问题)[。：:]?")


@dataclass(frozen=True)
class SectionSpan:
    """Where one section's heading starts, and where its body starts and ends."""

    key: str
    heading_start: int
    body_start: int
    end: int


def find_sections(text: str, start: int = 0) -> dict[str, SectionSpan]:
    """Locate headings in order; a missing heading is skipped and the search goes on."""
    spans = _find(text, start, _PATTERNS)
    contents_end = _contents_end(spans)
    if contents_end is not None:
        spans = _find(text, contents_end, _PATTERNS)
    if len(spans) < _MIN_PLAIN_SECTIONS:
        parenthesised = _find(text, start, _PAREN_PATTERNS)
        if len(parenthesised) > len(spans):
            return parenthesised
    return spans


def _contents_end(spans: dict[str, SectionSpan]) -> int | None:
    """Where a table of contents (目录: the headings listed on consecutive lines, with
    nothing under them) ends, or None when the report has none."""
    empty = 0
    for span in spans.values():
        if span.end - span.body_start > _EMPTY_BODY_CHARS:
            break
        empty += 1
    if empty < _MIN_PLAIN_SECTIONS:
        return None
    return list(spans.values())[empty - 1].end


def _find(text: str, start: int, patterns: list[re.Pattern]) -> dict[str, SectionSpan]:
    """The sections whose headings `patterns` find, in order."""
    found: list[tuple[str, int, int]] = []
    position = start
    for key, pattern in zip(SECTION_KEYS, patterns):
        match = pattern.search(text, position)
        if match is None:
            continue
        body_start = _heading_end(text, match.start(), match.end())
        found.append((key, match.start(), body_start))
        position = body_start
    spans: dict[str, SectionSpan] = {}
    for index, (key, heading_start, body_start) in enumerate(found):
        end = found[index + 1][1] if index + 1 < len(found) else len(text)
        spans[key] = SectionSpan(key, heading_start, body_start, end)
    return spans


def _heading_end(text: str, heading_start: int, match_end: int) -> int:
    """A short line that starts with the heading is all heading; a heading glued to text
    (a crawler dump runs the whole report into one line) runs to its closing word."""
    line_end = text.find("\n", heading_start)
    line_end = len(text) if line_end < 0 else line_end
    starts_line = not text[text.rfind("\n", 0, heading_start) + 1:heading_start].strip()
    if line_end - heading_start <= 40 and starts_line:
        return line_end
    tail = _HEADING_TAIL.match(text, match_end)
    return tail.end() if tail else match_end
