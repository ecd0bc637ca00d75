"""Dispatch a report to the renderer of a format, building its blocks once per rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING

from indexer.synth.document import build_blocks, draw_style
from indexer.synth.template import Grid

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
        return render_html(report.truth, blocks, style["encoding"])
    if fmt == "docx":
        from indexer.synth.render_docx import render_docx
        return render_docx(report.truth, blocks)
    from indexer.synth.render_pdf import render_pdf
    return render_pdf(report.truth, blocks)


def layout(grid: Grid) -> list[list[tuple[int, object]]]:
    """Each grid row as (column, cell-or-None) pairs in column order.

    A cell appears at the column where it starts; a None marks the first column of a cell
    continued from a row above (a vertical merge), which Word exports as an empty cell.
    """
    width = sum(cell.colspan for cell in grid[0])
    covered: dict[tuple[int, int], bool] = {}
    rows: list[list[tuple[int, object]]] = []
    for r, cells in enumerate(grid):
        out: list[tuple[int, object]] = []
        pending = iter(cells)
        c = 0
        while c < width:
            if (r, c) in covered:
                if covered[(r, c)]:
                    out.append((c, None))
                c += 1
                continue
            cell = next(pending)
            out.append((c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if dr:
                        covered[(r + dr, c + dc)] = dc == 0
            c += cell.colspan
        rows.append(out)
    return rows
