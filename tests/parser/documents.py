"""Build DOCX, PDF and HTML files from a seed's extracted content, for round-trip tests."""

from __future__ import annotations

import io

from analyzers.extract.blocks import Document, Paragraph, Table


def _grid(table: Table) -> list[list[str]]:
    width = max(len(row) for row in table.rows)
    return [list(row) + [""] * (width - len(row)) for row in table.rows]


def build_docx(document: Document, merge_label_cells: bool = True) -> bytes:
    """A Word file with the same paragraphs and tables; empty leading cells are merged
    into the cell above, the way Word exports a vertically merged label column."""
    import docx

    out = docx.Document()
    for block in document.blocks:
        if isinstance(block, Paragraph):
            out.add_paragraph(block.text)
            continue
        grid = _grid(block)
        table = out.add_table(rows=len(grid), cols=len(grid[0]))
        for row, texts in zip(table.rows, grid):
            for cell, text in zip(row.cells, texts):
                cell.text = text
        if merge_label_cells:
            for r in range(1, len(grid)):
                if grid[r][0] == "" and grid[r - 1][0] and any(grid[r][1:]):
                    table.cell(r - 1, 0).merge(table.cell(r, 0))
                    grid[r][0] = grid[r - 1][0]
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def build_pdf(document: Document) -> bytes:
    """A PDF with a real text layer (CID font STSong-Light) and ruled tables."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus import SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as PdfTable

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    cell_style = ParagraphStyle("cell", parent=style, fontSize=6, leading=7)
    story = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            story.append(PdfParagraph(block.text, style))
            continue
        grid = [[PdfParagraph(text, cell_style) for text in row] for row in _grid(block)]
        table = PdfTable(grid, repeatRows=0)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("FONTNAME", (0, 0), (-1, -1), "STSong-Light")]))
        story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build(story)
    return buffer.getvalue()


def build_html(document: Document, encoding: str = "gbk", declare: bool = True) -> bytes:
    """An HTML page (nav and footer chrome around the report) in the given encoding."""
    from html import escape

    parts = ["<html><head>"]
    if declare:
        parts.append(f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">')
    parts.append("<title>年报</title></head><body><div class='nav'>首页 | 政务公开 | 2099年</div>")
    for block in document.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{escape(block.text)}</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            parts.append(f"<table>{rows}</table>")
    parts.append("<div class='footer'>版权所有 2099年1月1日</div></body></html>")
    return "".join(parts).encode(encoding, errors="xmlcharrefreplace")
