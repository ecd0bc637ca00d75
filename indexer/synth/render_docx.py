"""DOCX through python-docx: paragraphs and real Word tables with merged cells, byte-stable."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from indexer.synth.document import Block
from indexer.synth.render import layout
from indexer.synth.template import Cell, Grid

FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def _cell_xml(cell: Cell, continued: bool) -> str:
    """One <w:tc>: gridSpan for a horizontal merge, vMerge restart/continue for a vertical one."""
    props = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    if cell.rowspan > 1:
        props += "<w:vMerge/>" if continued else '<w:vMerge w:val="restart"/>'
    if continued:
        return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p/></w:tc>"
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(part)}</w:t>' for part in cell.text.split("\n"))
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r>{runs}</w:r></w:p></w:tc>"


def table_xml(grid: Grid) -> str:
    """A Word table as WordprocessingML, written directly: python-docx's cell merging is
    quadratic in the table size and took most of a rendering."""
    width = sum(cell.colspan for cell in grid[0])
    rows = "".join(
        "<w:tr>" + "".join(_cell_xml(cell, continued) for _, cell, continued in row) + "</w:tr>"
        for row in layout(grid)
    )
    return (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:tblLook w:val="04A0"/></w:tblPr>'
        f'<w:tblGrid>{"<w:gridCol/>" * width}</w:tblGrid>{rows}</w:tbl>'
    )


def _add_table(document: Any, grid: Grid) -> None:
    """Append a table before the section properties that close the body."""
    body = document.element.body
    body.find(qn("w:sectPr")).addprevious(parse_xml(table_xml(grid)))


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
