"""TXT in the shape of a Word document saved as text: one tab-indented line per cell, blank line per row."""

from __future__ import annotations

from indexer.synth.document import Block
from indexer.synth.render import layout
from indexer.synth.template import Grid


def grid_lines(grid: Grid) -> list[str]:
    """A table the way Word exports it: each cell on its own line after a tab, rows apart."""
    lines: list[str] = []
    for row in layout(grid):
        for _, cell, continued in row:
            lines.append("\t" + ("" if continued else cell.text))
        lines.append("")
    return lines


def render_txt(blocks: list[Block]) -> bytes:
    """The document as UTF-8 text."""
    lines: list[str] = []
    for block in blocks:
        if block.kind == "table" and block.grid is not None:
            lines.extend(grid_lines(block.grid))
            lines.append("")
        else:
            lines.append(block.text)
    return ("\n".join(lines) + "\n").encode("utf-8")
