"""PDF with a text layer through reportlab: the built-in CID font STSong-Light, ruled tables."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from indexer.synth.document import Block
from indexer.synth.template import Grid

FONT = "STSong-Light"  # ships inside reportlab as a CID font: no font file needed, text extracts as Unicode
MARGIN = 50
USABLE_WIDTH = A4[0] - 2 * MARGIN
# Column widths (points) by table width in columns: table 二 (4), table 三 (10), table 四 (15).
COLUMN_WIDTHS = {
    4: [165, 110, 110, 110],
    10: [55, 55, 140] + [35] * 7,
    15: [USABLE_WIDTH / 15] * 15,
}


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles, after registering the CJK font once per process."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=17, wordWrap="CJK", firstLineIndent=21)
    return {
        "title": ParagraphStyle("title", parent=body, fontSize=15, leading=22, alignment=TA_CENTER, firstLineIndent=0),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=9, firstLineIndent=0),
        "heading": ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=6),
        "paragraph": body,
        "signature": ParagraphStyle("signature", parent=body, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=7.5, leading=9.5, wordWrap="CJK"),
    }


def _cell(text: str, style: ParagraphStyle) -> Any:
    """A table cell: wrapped paragraph for labels, plain string for numbers."""
    if not text or text.strip().replace(".", "").isdigit():
        return text.strip()
    return Paragraph(text.replace("\n", "<br/>"), style)


def grid_table(grid: Grid) -> Table:
    """A ruled reportlab table with the grid's merges as SPAN commands."""
    width = sum(cell.colspan for cell in grid[0])
    matrix = [[""] * width for _ in grid]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 7.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ]
    taken: set[tuple[int, int]] = set()
    cell_style = styles()["cell"]
    for r, cells in enumerate(grid):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            matrix[r][c] = _cell(cell.text, cell_style)
            if cell.rowspan > 1 or cell.colspan > 1:
                commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan
    table = Table(matrix, colWidths=COLUMN_WIDTHS.get(width), repeatRows=0)
    table.setStyle(TableStyle(commands))
    return table


def render_pdf(truth: dict[str, Any], blocks: list[Block]) -> bytes:
    """The report as a PDF whose text pdfplumber can extract."""
    sheet = styles()
    story: list[Any] = []
    for block in blocks:
        if block.kind == "table" and block.grid is not None:
            story.append(grid_table(block.grid))
        else:
            story.append(Paragraph(block.text, sheet[block.kind]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=truth["title"], author="Nianbao synthetic corpus", invariant=1,
    )
    document.build(story)
    return buffer.getvalue()
