"""Frozen value objects for extracted text: paragraphs and tables of cells."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Full-width digits become ASCII so numbers parse the same in every source.
_FULL_WIDTH_DIGIT = re.compile("[０-９]")


def normalize_text(text: str) -> str:
    """Map full-width digits to ASCII and drop BOM / zero-width characters; keep everything else."""
    text = _FULL_WIDTH_DIGIT.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    return text.replace("\ufeff", "").replace("\u200b", "")


@dataclass(frozen=True)
class Paragraph:
    """A run of text outside any table."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table as a grid of cell texts (merged cells already unrolled)."""

    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    """The blocks of one document plus what was learned while extracting it."""

    blocks: tuple[Block, ...]
    source_format: str
    title_hint: str | None = None
    date_hint: str | None = None
    # What the parser should pass on as warnings: the converter used, values read by OCR.
    notes: tuple[str, ...] = ()

    def text(self) -> str:
        """All text, paragraphs as lines and table rows as tab-joined lines."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines.extend("\t".join(row) for row in block.rows)
        return "\n".join(lines)
