"""PDFs with a real text layer whose tables are ruled the ways sites rule them: a full
grid, column lines only between a rule above and below ('three-line' tables), inner lines
only (open outer sides), or no lines at all; built from a seed's blocks or the hand-made
report of variants.py."""

from __future__ import annotations

import io
from collections.abc import Callable

from analyzers.extract.blocks import Document, Paragraph, Table
from tests.parser.variants import SECTIONS, TABLE4, TABLE4_GROUPS, TABLE4_OUTCOMES
from tests.parser.variants_files import official_grid

RULES = ("grid", "three_line", "columns", "inner", "none")


def table_style(rules: str) -> list[tuple]:
    """The reportlab TableStyle commands of one way of ruling a table."""
    from reportlab.lib import colors

    black = colors.black
    if rules == "grid":
        return [("GRID", (0, 0), (-1, -1), 0.5, black)]
    if rules == "three_line":
        return [("LINEABOVE", (0, 0), (-1, 0), 1, black), ("LINEBELOW", (0, -1), (-1, -1), 1, black),
                ("LINEAFTER", (0, 0), (-2, -1), 0.5, black)]
    if rules == "columns":
        return [("LINEAFTER", (0, 0), (-2, -1), 0.5, black), ("BOX", (0, 0), (-1, -1), 0.5, black)]
    if rules == "inner":
        return [("INNERGRID", (0, 0), (-1, -1), 0.5, black)]
    if rules == "none":
        return []
    raise ValueError(f"unknown rules {rules!r}")


def _styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = ParagraphStyle("zh", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    return text, ParagraphStyle("cell", parent=text, fontSize=6, leading=7)


def _pdf(story: list, landscape_page: bool) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4) if landscape_page else A4).build(story)
    return buffer.getvalue()


def seed_pdf(document: Document, rules: str) -> bytes:
    """The seed's paragraphs and tables (padded to rectangles) with the given rules."""
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    text, cell = _styles()
    story = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            story.append(PdfParagraph(block.text, text))
            continue
        width = max(len(row) for row in block.rows)
        grid = [[PdfParagraph(c, cell) for c in row] + [""] * (width - len(row)) for row in block.rows]
        table = PdfTable(grid)
        table.setStyle(TableStyle(table_style(rules)))
        story.append(table)
    return _pdf(story, True)


def variant_pdf(template: str, rules: str, blank_zero: bool = False) -> bytes:
    """The hand-made report with the official table 三 (merged header and group cells,
    wrapped labels) and table 四 as a 3×5 grid, both ruled by `rules`; `blank_zero`
    prints zero cells of table 三 empty."""
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    text, cell = _styles()
    story = [PdfParagraph("某某街道办事处2023年政府信息公开工作年度报告", text)]
    for key, (heading, prose) in SECTIONS.items():
        story += [PdfParagraph(heading, text), PdfParagraph(prose, text)]
        if key == "requests":
            grid, spans = official_grid(template)
            rows = [[PdfParagraph("" if blank_zero and value == "0" else value, cell) for value in row]
                    for row in grid]
            table = PdfTable(rows, colWidths=[40, 40, 90] + [38] * 7)
            table.setStyle(TableStyle(table_style(rules) + [("SPAN", (c0, r0), (c1, r1))
                                                            for (r0, c0), (r1, c1) in spans]))
            story.append(table)
        if key == "review":
            grid = [["", *TABLE4_OUTCOMES]] + [[g, *map(str, TABLE4[i * 5:(i + 1) * 5])]
                                               for i, g in enumerate(TABLE4_GROUPS)]
            table = PdfTable([[PdfParagraph(value, cell) for value in row] for row in grid])
            table.setStyle(TableStyle(table_style(rules)))
            story.append(table)
    story += [PdfParagraph("某某街道办事处", text), PdfParagraph("2024年1月20日", text)]
    return _pdf(story, False)


def table_of(document: Document, index: int) -> Table:
    """The document's `index`-th table block."""
    return [block for block in document.blocks if isinstance(block, Table)][index]


def _picture(page) -> tuple[bytes, int, int]:
    """A rendered page cropped to its ink (plus a margin), as PNG bytes and its size in px."""
    import numpy as np

    pixels = np.asarray(page)
    ys, xs = np.nonzero(pixels < 200)
    box = (max(0, xs.min() - 20), max(0, ys.min() - 20), min(page.size[0], xs.max() + 20),
           min(page.size[1], ys.max() + 20))
    cropped = page.crop(box)
    buffer = io.BytesIO()
    cropped.save(buffer, format="PNG")
    return buffer.getvalue(), cropped.size[0], cropped.size[1]


def picture_pdf(document: Document, drawn: Callable[[Table], bool]) -> bytes:
    """A text PDF whose `drawn` tables are pictures (rendered at 200 dpi with a CJK font, as
    tests/formats/scans.py renders scans) and whose other tables are ruled text tables.
    The page is as wide as the widest picture, so pictures keep their resolution."""
    from reportlab.lib.pagesizes import A3
    from reportlab.platypus import Image as PdfImage
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus import SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as PdfTable

    from tests.formats.scans import render_pages

    text, cell = _styles()
    story, width = [], 0.0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            story.append(PdfParagraph(block.text, text))
        elif drawn(block):
            for page in render_pages(Document((block,), "txt")):
                png, w, h = _picture(page)
                width = max(width, w * 72 / 200)
                story.append(PdfImage(io.BytesIO(png), width=w * 72 / 200, height=h * 72 / 200))
        else:
            widest = max(len(row) for row in block.rows)
            table = PdfTable([[PdfParagraph(c, cell) for c in row] + [""] * (widest - len(row)) for row in block.rows])
            table.setStyle(TableStyle(table_style("grid")))
            story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=(max(width, 600) + 72, A3[1]), leftMargin=36, rightMargin=36).build(story)
    return buffer.getvalue()
