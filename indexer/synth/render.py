"""Dispatch a report to the renderer of a format, building its blocks once per rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING

from indexer.synth.document import build_blocks, draw_style
from indexer.synth.template import Cell, Grid

if TYPE_CHECKING:
    from indexer.synth.report import SyntheticReport


def render(report: "SyntheticReport", fmt: str) -> bytes:
    """Bytes of the report in `fmt` (txt, html, docx or pdf)."""
    style = draw_style(report.style_rng(fmt), fmt)
    blocks = build_blocks(report.truth, style)
    if fmt == "txt":
        from indexer.synth.render_txt import render_txt
        return render_txt(blocks)
    if fmt == "html":
        from indexer.synth.render_html import render_html
        return render_html(report.truth, blocks, style)
    if fmt == "docx":
        from indexer.synth.render_docx import render_docx
        return render_docx(report.truth, blocks)
    from indexer.synth.render_pdf import render_pdf
    return render_pdf(report.truth, blocks)


def layout(grid: Grid) -> list[list[tuple[int, Cell, bool]]]:
    """Each grid row as (column, cell, continued) in column order.

    A cell appears at the column where it starts (continued False) and again, with
    continued True, in each later row it spans down into: Word exports such a vertically
    merged cell as an empty cell, and DOCX marks it as a merge continuation.
    """
    width = sum(cell.colspan for cell in grid[0])
    origin: dict[tuple[int, int], Cell] = {}
    rows: list[list[tuple[int, Cell, bool]]] = []
    for r, cells in enumerate(grid):
        out: list[tuple[int, Cell, bool]] = []
        pending = iter(cells)
        c = 0
        while c < width:
            above = origin.get((r, c))
            cell = above or next(pending)
            out.append((c, cell, above is not None))
            if above is None:
                for dr in range(1, cell.rowspan):
                    origin[(r + dr, c)] = cell
            c += cell.colspan
        rows.append(out)
    return rows
