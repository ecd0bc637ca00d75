"""DOCX through python-docx: paragraphs and real Word tables with merged cells, byte-stable."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from indexer.synth.document import Block
from indexer.synth.template import Grid

FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def _add_table(document: Any, grid: Grid) -> None:
    """Append a table and merge its cells as the grid says."""
    width = sum(cell.colspan for cell in grid[0])
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    rows = [row.cells for row in table.rows]
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(grid):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            target = rows[r][c]
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(rows[r + cell.rowspan - 1][c + cell.colspan - 1])
            target.text = cell.text
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan


def _add_paragraph(document: Any, block: Block) -> None:
    """Append a title, heading, body or signature paragraph."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(block.text)
    if block.kind == "title":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run.bold = True
        run.font.size = Pt(18)
    elif block.kind == "heading":
        run.bold = True
    elif block.kind == "signature":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _stable_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member times: python-docx stamps the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def render_docx(truth: dict[str, Any], blocks: list[Block]) -> bytes:
    """The report as a .docx package."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "SimSun"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    for block in blocks:
        if block.kind == "table" and block.grid is not None:
            _add_table(document, block.grid)
        else:
            _add_paragraph(document, block)
    stamp = datetime.datetime.fromisoformat(truth["published_on"])
    properties = document.core_properties
    properties.title = truth["title"]
    properties.author = "Nianbao synthetic corpus"
    properties.created = properties.modified = stamp
    properties.last_modified_by = "Nianbao synthetic corpus"
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())
