"""Put table grids in the template's orientation before they are read row by row.

Real sites sometimes print table 三 transposed (applicants as rows, outcomes as columns),
with its columns in another order (总计 first), or table 四 with the outcomes as rows.
The header cells say which is which, so each grid is turned and its columns reordered
by what the headers mean, never by position.
"""

from __future__ import annotations

import re

from analyzers.extract.blocks import Document, Table
from analyzers.report.lines import Row
from analyzers.report.numbers import is_numeric_cell

# Applicant columns of table 三 in template order; '其他' only as a whole cell.
_APPLICANTS = (r"自然人", r"商业企业", r"科研机构", r"社会公益", r"法律服务", r"^其他(组织)?$", r"^(总计|合计)$")
_APPLICANT_PATTERNS = tuple(re.compile(p) for p in _APPLICANTS)
# Table 四 outcomes (per group) and the three groups.
_OUTCOMES = re.compile(r"结果维持|结果纠正|其他结果|尚未审结|^总计$")
_GROUPS = re.compile(r"行政复议$|直接起诉|复议后起诉")
_TABLE3_LABELS = re.compile(r"新收|上年结转|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|结转下年")
_MIN_LABELS = 4  # header cells needed before a grid is judged transposed


def orient_tables(document: Document) -> Document:
    """The document with every table grid in template orientation and column order."""
    blocks = tuple(Table(orient(block.rows)) if isinstance(block, Table) else block for block in document.blocks)
    if blocks == document.blocks:
        return document
    return Document(blocks, document.source_format, document.title_hint, document.date_hint)


def orient(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """One grid: transposed when its first column names applicants or table 四 outcomes,
    then its table 三 applicant columns put in template order."""
    if len({len(row) for row in rows}) != 1 or len(rows) < 2:
        return rows  # only rectangular grids (HTML/DOCX/PDF tables) have reliable columns
    if _is_transposed(rows):
        rows = tuple(zip(*rows))
    return _label_and_applicant_cells(_reorder_applicants(rows))


def _squeezed(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


def _applicant(cell: str) -> int | None:
    text = _squeezed(cell)
    for index, pattern in enumerate(_APPLICANT_PATTERNS):
        if pattern.search(text):
            return index
    return None


def _is_transposed(rows: tuple[tuple[str, ...], ...]) -> bool:
    """Applicant names (or table 四 outcomes) down the first column, row labels across the top
    (table 四's outcome rows holding their numbers: labels printed apart from their number
    rows are paired later, not turned)."""
    first_column = [_squeezed(row[0]) for row in rows]
    top = [_squeezed(cell) for row in rows[:3] for cell in row[1:]]
    applicants = sum(1 for cell in first_column if _applicant(cell) is not None)
    if applicants >= _MIN_LABELS and sum(1 for cell in top if _TABLE3_LABELS.search(cell)) >= _MIN_LABELS:
        return True
    outcomes = [row for row in rows if _OUTCOMES.search(_squeezed(row[0]))]
    return len(outcomes) >= _MIN_LABELS and sum(1 for cell in top if _GROUPS.search(cell)) >= 2 \
        and all(any(is_numeric_cell(cell) for cell in row[1:]) for row in outcomes)


def _header_rows(rows: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """The rows above the first one holding a number."""
    header = []
    for row in rows:
        if any(is_numeric_cell(cell) for cell in row):
            break
        header.append(row)
    return header


def _applicant_columns(rows: tuple[tuple[str, ...], ...]) -> dict[int, int]:
    """Applicant (template index) -> its column, read from the header rows."""
    header = _header_rows(rows)
    columns: dict[int, int] = {}
    for column in range(len(rows[0]) if header else 0):
        # the lowest header cell naming an applicant wins (法人或其他组织 spans its five)
        for row in reversed(header):
            applicant = _applicant(row[column])
            if applicant is not None:
                columns.setdefault(applicant, column)
                break
    return columns


def _with_total_column(rows: tuple[tuple[str, ...], ...], columns: dict[int, int]) -> tuple[tuple[str, ...], ...]:
    """A table 三 printed without its 总计 column (the six applicants only) gets an empty one
    after them: the total is not shown, so it reads as null, never as a shifted number."""
    header_count = len(_header_rows(rows))
    at = max(columns.values()) + 1
    return tuple(row[:at] + ("总计" if index < header_count else "",) + row[at:] for index, row in enumerate(rows))


def _reorder_applicants(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Move the applicant columns into template order when the header shows another order
    (adding the empty 总计 column first when the table has none)."""
    columns = _applicant_columns(rows)
    total = len(_APPLICANTS) - 1
    if len(columns) == total and total not in columns and len(set(columns.values())) == total:
        rows = _with_total_column(rows, columns)
        columns = _applicant_columns(rows)
    if len(columns) != len(_APPLICANTS) or len(set(columns.values())) != len(_APPLICANTS):
        return rows
    order = [columns[index] for index in range(len(_APPLICANTS))]
    if order == sorted(order):
        return rows
    slots = sorted(order)
    out = []
    for row in rows:
        cells = list(row)
        for slot, column in zip(slots, order):
            cells[slot] = row[column]
        out.append(tuple(cells))
    return tuple(out)


def _label_and_applicant_cells(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Table 三's rows below its header as their label (the text of the columns left of the
    applicants) and the seven applicant cells: empty cells of the label columns (a label
    merged across them, a group column) are not taken for blank counts, so a row whose
    last cells are blank keeps its numbers in their columns. A row with a number left of
    the applicant columns or text right of them (not aligned with the header, as after a
    page break) stays as it is."""
    columns = _applicant_columns(rows)
    if len(columns) != len(_APPLICANTS) or len(set(columns.values())) != len(_APPLICANTS):
        return rows
    order = [columns[index] for index in range(len(_APPLICANTS))]
    first = min(order)
    if order != list(range(first, first + len(order))) or first == 0:
        return rows  # the applicants are not the seven columns after the labels
    header = len(_header_rows(rows))
    end = first + len(order)
    body = tuple(row if any(is_numeric_cell(c) for c in row[:first]) or any(c.strip() for c in row[end:])
                 else (" ".join(_dedupe_cells(row[:first])),) + row[first:end] for row in rows[header:])
    return rows[:header] + body


def _dedupe_cells(cells: tuple[str, ...]) -> list[str]:
    """The non-empty cells, a merged cell's repeated text kept once."""
    out: list[str] = []
    for cell in cells:
        if cell.strip() and (not out or out[-1] != cell.strip()):
            out.append(cell.strip())
    return out


# The applicant names as they appear in running text ('其他' not inside 法人或其他组织 or 其他处理).
_TEXT_APPLICANTS = tuple(re.compile(p) for p in (r"自然人", r"商业企业", r"科研机构", r"社会公益", r"法律服务",
                                                 r"(?<!或)其他(?!组织|处理|法律)", r"总计|合计"))


def text_column_order(header: str) -> list[int] | None:
    """For a text dump whose header names 总计 before the applicants ('总计 自然人 商业企业 …'):
    the printed position of each column in template order. None otherwise, and whenever the
    six applicants are not in template order: text order is only trusted this far, since a
    two-row header (法人或其他组织 above its five columns) comes out of a PDF in any order."""
    text = re.sub(r"\s+", "", header)
    positions = []
    for pattern in _TEXT_APPLICANTS:
        match = pattern.search(text)
        if match is None:
            return None
        positions.append(match.start())
    applicants, total = positions[:6], positions[6]
    if applicants != sorted(applicants) or total > applicants[0]:
        return None
    return [1, 2, 3, 4, 5, 6, 0]


def transposed_text_rows(rows: list[Row], order: list[str]) -> list[Row] | None:
    """Table 三 printed transposed in text: one line per applicant ('自然人 1200 40 600 …')
    with as many numbers as the template has rows. Returns one row per template row (labelled
    by its key, cells in applicant order), or None when the rows are not laid out that way."""
    by_applicant: dict[int, Row] = {}
    for row in rows:
        tail = re.sub(r"\s+", "", row.label)[-8:]
        applicant = next((i for i, p in enumerate(_TEXT_APPLICANTS) if p.search(tail)), None)
        if applicant is not None and len(row.chunks) == len(order):
            by_applicant.setdefault(applicant, row)
    if len(by_applicant) != len(_TEXT_APPLICANTS):
        return None
    applicant_rows = [by_applicant[i] for i in range(len(_TEXT_APPLICANTS))]
    start = applicant_rows[0].start
    return [Row(key, tuple(row.chunks[index] for row in applicant_rows), False, start)
            for index, key in enumerate(order)]
