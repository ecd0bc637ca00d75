"""PDF tables ruled by inner lines only (no border): pdfplumber closes no cell in their
first and last rows and columns, so without help the header row and the last row
('四、结转下年度继续办理', '复议后起诉') fall out of the table as loose text lines. Such a
table must come out exactly as the same table drawn with a full grid."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.extract import extract_document
from analyzers.extract.blocks import Document, Paragraph, Table
from analyzers.extract.pdfextent import open_sides, ruled_extent
from tests.parser.pdf_builders import seed_pdf, table_of, variant_pdf
from tests.parser.variants import TABLE4, TABLE4_GROUPS, TABLE4_OUTCOMES

SEEDS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "data" / "seeds").glob("*.txt"))
_TABLE4_ROWS = ((("", *TABLE4_OUTCOMES),)
                + tuple((g, *map(str, TABLE4[i * 5:(i + 1) * 5])) for i, g in enumerate(TABLE4_GROUPS)))


def _table4_document() -> Document:
    return Document((Paragraph("四、政府信息公开行政复议、行政诉讼情况"), Table(_TABLE4_ROWS),
                     Paragraph("五、存在的主要问题及改进情况")), "txt")


def test_a_table_ruled_by_inner_lines_keeps_its_header_and_last_row():
    document = extract_document(seed_pdf(_table4_document(), "inner"), "report.pdf")
    assert [type(block) for block in document.blocks] == [Paragraph, Table, Paragraph]
    assert table_of(document, 0).rows == _TABLE4_ROWS


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("blank_zero", [False, True])
def test_the_official_tables_ruled_by_inner_lines_read_as_the_full_grid(template: str, blank_zero: bool):
    inner = extract_document(variant_pdf(template, "inner", blank_zero), "report.pdf")
    grid = extract_document(variant_pdf(template, "grid", blank_zero), "report.pdf")
    assert table_of(inner, 0).rows[-1][0] == "四、结转下年度继续办理"
    assert table_of(inner, -1).rows[-1][0] == "复议后起诉"
    assert inner.blocks == grid.blocks


def _closable(document: Document) -> list[tuple]:
    """The rows of the tables inner lines can show: a cell closed on four sides needs three
    rows and three columns (a one-row table ruled inside has no row line at all)."""
    return [block.rows for block in document.blocks
            if isinstance(block, Table) and len(block.rows) >= 3 and len(block.rows[0]) >= 3]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_seed_ruled_by_inner_lines_reads_as_its_full_grid(seeds_dir: Path, seed: str):
    document = extract_document((seeds_dir / seed).read_bytes(), seed)
    inner = extract_document(seed_pdf(document, "inner"), "report.pdf")
    grid = extract_document(seed_pdf(document, "grid"), "report.pdf")
    assert _closable(grid)
    assert _closable(inner) == _closable(grid)


def _line(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"orientation": orientation, "x0": x0, "top": top, "x1": x1, "bottom": bottom}


def test_the_extent_of_a_table_reaches_the_ends_of_its_lines():
    found = (100.0, 120.0, 300.0, 160.0)  # the cells closed on four sides
    edges = [_line("v", 100, 100, 100, 180), _line("v", 300, 100, 300, 180),  # column lines
             _line("h", 50, 120, 350, 120), _line("h", 50, 160, 350, 160),  # row lines
             _line("v", 500, 0, 500, 800), _line("h", 0, 700, 600, 700)]  # elsewhere on the page
    extent = ruled_extent(found, edges)
    assert extent == (50, 100, 350, 180)
    assert open_sides(found, extent)


def test_a_table_with_a_border_is_not_grown():
    box = (100.0, 100.0, 300.0, 180.0)
    edges = [_line("v", 100, 100, 100, 180), _line("v", 200, 100, 200, 180), _line("v", 300, 100, 300, 180),
             _line("h", 100, 100, 300, 100), _line("h", 100, 140, 300, 140), _line("h", 100, 180, 300, 180)]
    assert ruled_extent(box, edges) == box
    assert not open_sides(box, box)
