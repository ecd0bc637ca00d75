"""A report's content as an ordered list of blocks (title, headings, paragraphs, tables).

Every renderer walks the same blocks; a per-report style (drawn from its own random
stream) adds the small variations real documents show, such as full-width padding in
number cells or header labels broken over two lines.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable

from indexer.synth.text import PROBLEMS_LABEL
from indexer.synth.template import (
    OUTCOME_LABELS, SECTION_HEADINGS, SECTION_KEYS, Grid, active_grid, requests_grid, review_grid,
)

# Ways Word exports pad a number cell (seen in real TXT dumps).
PADDINGS: list[Callable[[str], str] | None] = [
    None,
    lambda text: " " + text,
    lambda text: text + "\u3000",
    lambda text: "\u3000\u3000" + text,
]
# Section 五's heading as the template words it, and two variants reports use.
PROBLEMS_HEADINGS = ["五、存在的主要问题及改进情况", "五、存在的主要问题及整改措施", "五、存在的主要问题及改进措施"]
PROBLEMS_HEADING_WEIGHTS = [0.8, 0.1, 0.1]
HTML_ENCODINGS = ["utf-8", "gbk", "gb18030"]
HTML_ENCODING_WEIGHTS = [0.7, 0.2, 0.1]
# Shown under the title of every rendering, so no reader mistakes a sample for a real report.
SYNTHETIC_NOTICE = "【合成样例】本报告由年报检索系统的合成语料生成器生成，机构名称取自真实地名，数据与文字均为虚构。"


@dataclass(frozen=True)
class Block:
    """One piece of a document: kind is title, subtitle, heading, paragraph, table or signature."""

    kind: str
    text: str = ""
    grid: Grid | None = None


def draw_style(rng: random.Random, fmt_kind: str) -> dict[str, Any]:
    """Cosmetic choices for one rendering; line breaks inside labels only where Word would keep them."""
    multiline = fmt_kind in ("txt", "docx") and rng.random() < 0.4
    style: dict[str, Any] = {
        "pad": rng.choice(PADDINGS) if fmt_kind in ("txt", "docx") else None,
        "commercial_label": "商业\n企业" if multiline else "商业企业",
        "outcome_labels": [label[:2] + "\n" + label[2:] for label in OUTCOME_LABELS] if multiline else OUTCOME_LABELS,
        "encoding": rng.choices(HTML_ENCODINGS, HTML_ENCODING_WEIGHTS)[0] if fmt_kind == "html" else "utf-8",
        # Pages pasted from Word wrap every cell in <p><span> and split labels over several spans.
        "word_spans": fmt_kind == "html" and rng.random() < 0.25,
        "headings": dict(SECTION_HEADINGS, problems=rng.choices(PROBLEMS_HEADINGS, PROBLEMS_HEADING_WEIGHTS)[0]),
    }
    return style


def build_blocks(truth: dict[str, Any], style: dict[str, Any]) -> list[Block]:
    """The document of a report: title, sections 一..六 with tables 二..四, and the signature."""
    fmt = truth["format"]
    tables = {
        "active": active_grid(fmt, truth["active_disclosure"], style),
        "requests": requests_grid(fmt, truth["requests"]["rows"], style),
        "review": review_grid(truth["review_litigation"], style),
    }
    blocks = [Block("title", truth["title"]), Block("subtitle", SYNTHETIC_NOTICE)]
    for key in SECTION_KEYS:
        blocks.append(Block("heading", style["headings"][key]))
        text = truth["sections"][key]
        if key == "problems":
            blocks.append(Block("paragraph", PROBLEMS_LABEL))
        if text:
            blocks.extend(Block("paragraph", line) for line in text.split("\n"))
        if key in tables:
            blocks.append(Block("table", grid=tables[key]))
    published = truth["published_on"]
    year, month, day = (int(part) for part in published.split("-"))
    blocks.append(Block("signature", truth["agency"]))
    blocks.append(Block("signature", f"{year}年{month}月{day}日"))
    return blocks

