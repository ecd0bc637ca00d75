"""Table 二 run into section 二's prose: where its header and figures lie in the text.

A crawler's text dump of a report page keeps the whole page on one line, so table 二
(第二十条第（一）项 信息内容 本年制发件数 … 规章 0 0 0 行政规范性文件 3 0 3 …) sits between two
sentences of section 二. The tables are read from the same text; the section's prose must
leave those stretches out. A stretch starts at a column heading (第二十条第（x）项 or
信息内容) and takes label-and-figures pairs while the labels are short and have no sentence
punctuation or sub-heading ordinal: the first one that does is the prose going on.
"""

from __future__ import annotations

import re

from analyzers.report.lines import run_spans
from analyzers.report.table2 import ITEMS

# The header cell that opens each part of table 二 in both templates.
_OPENING = re.compile(r"第\s*二十\s*条\s*第?\s*[（(]\s*[一二三四五六七八九十]{1,2}\s*[)）]\s*项|信息内容")
# Text that is the report's prose again, never a table label: sentence punctuation, or a
# sub-heading ordinal such as （二） or (二) that is not part of 第二十条第（五）项.
_PROSE = re.compile(r"[。！？；，;!?]|(?<!第)[（(]\s*[一二三四五六七八九十\d]{1,2}\s*[)）](?!\s*项)")
_MAX_LABEL_CHARS = 80  # the longest table 二 label run ('第二十条第（八）项信息内容本年收费金额…') is ~40
_MIN_RUNS = 2  # every table 二 has several rows; one labelled number is a sentence's ('信息内容涉及行政许可12条')
_ITEM = re.compile("|".join(pattern for pattern, _, _ in ITEMS.values()))


def table2_stretches(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """The [start, end) stretches of table 二 header and figures within text[begin:end]."""
    stretches: list[tuple[int, int]] = []
    position = begin
    while (opening := _OPENING.search(text, position, end)) is not None:
        stretch_end = _stretch_end(text, opening.start(), end)
        if stretch_end is None:
            position = opening.end()
            continue
        stretches.append((opening.start(), stretch_end))
        position = stretch_end
    return stretches


def _stretch_end(text: str, start: int, end: int) -> int | None:
    """Where the figures that follow a table 二 heading at `start` end, or None when no
    item of table 二 with its figures follows."""
    label_from, last_end, items, runs = start, None, False, 0
    for run_start, run_end in run_spans(text[start:end]):
        run_start, run_end = start + run_start, start + run_end
        label = text[label_from:run_start]
        if len(label.strip()) > _MAX_LABEL_CHARS or _PROSE.search(label):
            break
        items = items or bool(_ITEM.search(label))
        last_end = label_from = run_end
        runs += 1
    return last_end if items and runs >= _MIN_RUNS else None
