"""The hand-made report of variants.py as real files: a DOCX with the template's merged
cells and a PDF (real text layer) with the official table, ruled or borderless."""

from __future__ import annotations

import io

from tests.parser.variants import APPLICANTS, SECTIONS, TABLE4, TABLE4_GROUPS, TABLE4_OUTCOMES, table3_rows


def docx_report(template: str = "2021") -> bytes:
    """A Word report whose table 三 has the merged two-row header and vertically merged
    group labels, as the official template file has them."""
    import docx

    out = docx.Document()
    out.add_paragraph("某某区人民政府办公室")
    out.add_paragraph("2023年政府信息公开工作年度报告")
    for key, (heading, prose) in SECTIONS.items():
        out.add_paragraph(heading)
        out.add_paragraph(prose)
        if key == "requests":
            _docx_table3(out, template)
        if key == "review":
            table = out.add_table(rows=4, cols=15)
            for c, value in enumerate(TABLE4):
                table.cell(3, c).text = str(value)
                table.cell(2, c).text = TABLE4_OUTCOMES[c % 5]
            table.cell(0, 0).merge(table.cell(0, 4)).text = "行政复议"
            table.cell(0, 5).merge(table.cell(0, 14)).text = "行政诉讼"
    out.add_paragraph("某某区人民政府办公室")
    out.add_paragraph("2024/1/20")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _docx_table3(out, template: str) -> None:
    rows = table3_rows(template)
    table = out.add_table(rows=len(rows) + 2, cols=9)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "申请人情况"
    table.cell(0, 2).merge(table.cell(1, 2)).text = "自然人"
    table.cell(0, 3).merge(table.cell(0, 7)).text = "法人或其他组织"
    table.cell(0, 8).merge(table.cell(1, 8)).text = "总计"
    for c, name in enumerate(APPLICANTS[1:6]):
        table.cell(1, 3 + c).text = name
    start: dict[str, int] = {}
    for r, (key, group, label, cells) in enumerate(rows, start=2):
        if group.startswith("（"):
            start.setdefault(group, r)
            table.cell(r, 1).text = label
        else:
            table.cell(r, 0).merge(table.cell(r, 1)).text = label
        for c, value in enumerate(cells):
            table.cell(r, 2 + c).text = str(value)
    for group, first in start.items():
        last = max(r for r, row in enumerate(rows, start=2) if row[1] == group)
        table.cell(first, 0).merge(table.cell(last, 0)).text = group


def official_grid(template: str = "2021") -> tuple[list[list[str]], list[tuple]]:
    """Table 三 as a 10-column grid plus its merged (span) cells: (row, col) to (row, col)."""
    grid = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"] + [""] * 6,
            ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "", ""] + APPLICANTS[1:6] + [""]]
    spans = [((0, 0), (2, 2)), ((0, 3), (0, 9)), ((1, 3), (2, 3)), ((1, 4), (1, 8)), ((1, 9), (2, 9))]
    for key, group, label, cells in table3_rows(template):
        r = len(grid)
        if group.startswith("（"):
            first = all(row[1] != group for row in grid)
            grid.append(["", group if first else "", label] + [str(c) for c in cells])
        else:
            grid.append([group if key == "granted" else label, label if group else "", ""] + [str(c) for c in cells])
            spans.append(((r, 1), (r, 2)) if group else ((r, 0), (r, 2)))
    return grid, spans


def pdf_report(template: str = "2021", ruled: bool = True) -> bytes:
    """A PDF (real text layer, CID font) with the official table 三: merged header cells,
    long labels wrapping inside their cells; `ruled=False` draws no borders (the table is
    then only text to the PDF reader), and table 四 is a ruled 3×5 grid or a text line."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=style, fontSize=6, leading=7)
    story = [Paragraph("某某街道办事处2023年政府信息公开工作年度报告", style)]
    for key, (heading, prose) in SECTIONS.items():
        story += [Paragraph(heading, style), Paragraph(prose, style)]
        if key == "requests":
            grid, spans = official_grid(template)
            table = Table([[Paragraph(text, cell) for text in row] for row in grid],
                          colWidths=[40, 40, 90] + [38] * 7)
            grid_style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if ruled else []
            table.setStyle(TableStyle(grid_style + [("SPAN", (c0, r0), (c1, r1)) for (r0, c0), (r1, c1) in spans]))
            story.append(table)
        if key == "review" and ruled:
            grid = [["", *TABLE4_OUTCOMES]] + [[g, *map(str, TABLE4[i * 5:(i + 1) * 5])]
                                               for i, g in enumerate(TABLE4_GROUPS)]
            table = Table([[Paragraph(text, cell) for text in row] for row in grid])
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(table)
        elif key == "review":
            story.append(Paragraph(" ".join(str(n) for n in TABLE4), style))
    story += [Paragraph("某某街道办事处", style), Paragraph("2024年1月20日", style)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()
