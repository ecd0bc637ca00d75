"""Spreadsheets (.xlsx with openpyxl; .xls and WPS .et with xlrd) into paragraphs and tables.

Each sheet is read as a grid with merged ranges unrolled; a row holding one text (a title
or a section heading, often merged across the sheet) becomes a paragraph, runs of other
rows become one table, so a workbook reads like the same report typed in Word.
"""

from __future__ import annotations

import io
import zipfile

from analyzers.errors import DocumentTooLarge, EncryptedDocument, UnreadableDocument
from analyzers.extract.blocks import Block, Document, Paragraph, Table, normalize_text

MAX_CELLS = 200_000  # per workbook; a report's tables have a few hundred cells
Grid = list[list[str]]


def _cell_text(value: object) -> str:
    """A cell value as the report prints it: 3.0 -> '3', None -> ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalize_text(str(value)).replace("\n", "").strip()


def _check_size(rows: int, columns: int, seen: int) -> int:
    total = seen + rows * columns
    if total > MAX_CELLS:
        raise DocumentTooLarge(f"the workbook has more than {MAX_CELLS} cells; no report is that large")
    return total


def _xlsx_grids(data: bytes) -> list[Grid]:
    import openpyxl

    try:
        # not read-only: merged ranges are only known to the full reader
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise UnreadableDocument(f"the XLSX workbook is truncated or corrupt ({error.__class__.__name__})") from error
    grids, seen = [], 0
    for sheet in book.worksheets:
        seen = _check_size(sheet.max_row, sheet.max_column, seen)
        grid = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            _fill(grid, merged.min_row - 1, merged.max_row, merged.min_col - 1, merged.max_col)
        grids.append(grid)
    return grids


def _xls_grids(data: bytes) -> list[Grid]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise EncryptedDocument("the workbook is password-protected") from error
        raise UnreadableDocument(f"the XLS workbook could not be read ({error})") from error
    except (ValueError, IndexError, KeyError, AssertionError, OSError) as error:
        raise UnreadableDocument(f"the XLS workbook is truncated or corrupt ({error.__class__.__name__})") from error
    grids, seen = [], 0
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        seen = _check_size(sheet.nrows, sheet.ncols, seen)
        grid = [[_cell_text(sheet.cell_value(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
        for row_lo, row_hi, col_lo, col_hi in sheet.merged_cells:
            _fill(grid, row_lo, row_hi, col_lo, col_hi)
        grids.append(grid)
    return grids


def _fill(grid: Grid, row_lo: int, row_hi: int, col_lo: int, col_hi: int) -> None:
    """Copy a merged range's top-left text into every slot it covers (as HTML rowspans unroll)."""
    if row_lo >= len(grid) or col_lo >= len(grid[row_lo]):
        return
    text = grid[row_lo][col_lo]
    for r in range(row_lo, min(row_hi, len(grid))):
        for c in range(col_lo, min(col_hi, len(grid[r]))):
            grid[r][c] = text


def _trim(grid: Grid) -> Grid:
    """Drop empty rows and the empty columns around the used area."""
    rows = [row for row in grid if any(row)]
    used = [c for c in range(max((len(r) for r in rows), default=0)) if any(c < len(r) and r[c] for r in rows)]
    if not used:
        return []
    return [list(row[used[0]:used[-1] + 1]) + [""] * (used[-1] + 1 - len(row)) for row in rows]


def _grid_blocks(grid: Grid) -> list[Block]:
    """Rows holding one text become paragraphs; the rows between them become a table."""
    blocks: list[Block] = []
    pending: list[tuple[str, ...]] = []
    for row in _trim(grid):
        texts = {cell for cell in row if cell}
        # a heading merged across the sheet, or text before any table (a label row inside
        # a table, numbers left blank, stays a table row)
        if len(texts) == 1 and (all(row) or not pending):
            if pending:
                blocks.append(_table(pending))
                pending = []
            blocks.append(Paragraph(texts.pop()))
        else:
            pending.append(tuple(row))
    if pending:
        blocks.append(_table(pending))
    return blocks


def _table(rows: list[tuple[str, ...]]) -> Table:
    """A run of rows without the columns that are empty in all of them (a sheet is as wide
    as its widest table; the narrower ones should not carry its blank columns)."""
    used = [c for c in range(len(rows[0])) if any(row[c] for row in rows)]
    last = used[-1] + 1 if used else 0
    return Table(tuple(row[:last] for row in rows))


def extract_sheets(data: bytes, kind: str, label: str | None = None) -> Document:
    """A workbook's sheets as blocks; `kind` is 'xlsx' or 'xls' (WPS .et files are BIFF
    too, reported as `label` 'et').

    An OLE workbook xlrd cannot read is converted to XLSX by LibreOffice and read again."""
    notes: tuple[str, ...] = ()
    if kind == "xlsx":
        grids = _xlsx_grids(data)
    else:
        try:
            grids = _xls_grids(data)
        except EncryptedDocument:
            raise
        except UnreadableDocument:
            from analyzers.extract.office import convert

            grids = _xlsx_grids(convert(data, "xls"))
            notes = ("source: workbook converted to XLSX by LibreOffice before parsing",)
    blocks = [block for grid in grids for block in _grid_blocks(grid)]
    return Document(tuple(blocks), label or kind, notes=notes)
