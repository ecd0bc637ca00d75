"""PDF tables printed without any lines whose rows leave empty cells blank: each printed
number is placed in its column by its x position (the columns being where the table's
numbers line up), so the row reads as its TXT with those cells null."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.extract import extract_document
from analyzers.extract.blocks import Document, Table
from analyzers.extract.pdfcolumns import unruled_tables
from analyzers.report import parse_report
from analyzers.report.table3 import match_label
from tests.parser.pdf_builders import seed_pdf, variant_pdf
from tests.parser.variants import expected_rows, parse

SEEDS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "data" / "seeds").glob("*.txt"))


def _blank_zero(value: int | None) -> int | None:
    return None if value == 0 else value


def test_an_unruled_pdf_with_empty_cells_reads_every_printed_cell_in_its_column():
    report = parse(variant_pdf("2021", "none", blank_zero=True))
    rows = report["requests"]["rows"]
    expected = {key: [_blank_zero(v) for v in cells] for key, cells in expected_rows().items()}
    # other_total is derived from its three sub-rows; 逾期未按收费通知 prints no number at
    # all, so it is not a row and the sum is unknown (null), never a guess
    assert rows.pop("other_total") == [None] * 7
    assert rows == {key: cells for key, cells in expected.items() if key != "other_total"}
    assert not any(w.startswith(("table3.", "check failed")) for w in report["warnings"])


def _blanked_seed(document: Document) -> Document:
    """The seed with table 三's rows that hold a count printed without their zeros (an
    empty cell for each: a no-break space, as Word leaves an empty cell); rows of zeros
    stay printed, so the table still has rows with every column filled."""
    blocks = []
    for block in document.blocks:
        if isinstance(block, Table) and any("本年新收" in cell for row in block.rows for cell in row):
            width = max(len(row) for row in block.rows)
            block = Table(tuple(_aligned(tuple(_EMPTY if c == "0" else c for c in row) if _counts(row) else row, width)
                                for row in block.rows))
        blocks.append(block)
    return Document(tuple(blocks), document.source_format)


_EMPTY = "\u00a0"


def _aligned(row: tuple[str, ...], width: int) -> tuple[str, ...]:
    """A data row with its 7 count cells in the last 7 columns, as the printed table has
    them (the TXT's rows start their counts wherever their merged label cells end)."""
    if not any(c.isdigit() for c in row):
        return row
    return row[:-7] + (_EMPTY,) * (width - len(row)) + row[-7:]


def _counts(row: tuple[str, ...]) -> bool:
    return any(match_label(c) for c in row if c) and any(c.isdigit() and c != "0" for c in row)


def _seeds_with_counts() -> list[str]:
    """The seeds whose table 三 has a row holding a count besides zeros."""
    found = []
    for seed in SEEDS:
        data = (Path(__file__).resolve().parents[2] / "data" / "seeds" / seed).read_bytes()
        rows = parse_report(data, seed, with_keywords=False).requests["rows"].values()
        found += [seed] if any(any(cells) and 0 in cells for cells in rows) else []
    return found


@pytest.mark.parametrize("seed", _seeds_with_counts())
def test_a_seed_pdf_without_lines_and_with_blank_zeros_reads_the_txt_tables(seeds_dir: Path, seed: str):
    data = (seeds_dir / seed).read_bytes()
    expected = parse_report(data, seed, with_keywords=False).to_dict()
    pdf = seed_pdf(_blanked_seed(extract_document(data, seed)), "none")
    report = parse_report(pdf, "report.pdf", with_keywords=False).to_dict()
    blanked = {key: [_blank_zero(v) for v in cells] if any(cells) else cells
               for key, cells in expected["requests"]["rows"].items()}
    assert any(None in cells for cells in blanked.values())
    assert report["requests"]["rows"] == blanked
    assert report["review_litigation"] == expected["review_litigation"]
    assert report["format"] == expected["format"]


def _word(text: str, x0: float, top: float) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 4 * len(text), "top": top, "bottom": top + 8}


def _band(rows: list[list[tuple[str, float]]]) -> list[dict]:
    return [_word(text, x, 20.0 * index) for index, row in enumerate(rows) for text, x in row]


_COLUMNS = [100, 140, 180, 220, 260, 300, 340]


def test_numbers_off_the_columns_leave_the_block_as_text():
    full = [("一、本年新收", 10)] + [(str(v), x) for v, x in zip([1, 2, 3, 4, 5, 6, 21], _COLUMNS)]
    short = [("二、上年结转", 10), ("4", 100), ("4", 340)]
    # '12' and '3' printed so close that they read as one word between two columns
    fused = [("（一）予以公开", 10), ("123", 150), ("15", 340)]
    assert len(unruled_tables(_band([full, short, full]))) == 1
    assert unruled_tables(_band([full, short, fused, full])) == []


def test_a_block_with_every_row_full_is_left_to_the_text_reader():
    full = [("一、本年新收", 10)] + [(str(v), x) for v, x in zip([1, 2, 3, 4, 5, 6, 21], _COLUMNS)]
    assert unruled_tables(_band([full, full, full])) == []


def test_prose_between_two_tables_ends_the_first():
    full = [("一、本年新收", 10)] + [(str(v), x) for v, x in zip([1, 2, 3, 4, 5, 6, 21], _COLUMNS)]
    short = [("二、上年结转", 10), ("4", 100), ("4", 340)]
    prose = [("本年度行政复议、行政诉讼情况如下。", 10)]
    blocks = unruled_tables(_band([full, short, full, prose, full, short, full]))
    assert [len(block.table.rows) for block in blocks] == [3, 3]
    assert blocks[1].table.rows[1] == ("二、上年结转", "4", "", "", "", "", "", "4")
