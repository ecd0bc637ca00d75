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
from analyzers.report.table4 import GROUPS, OUTCOMES
from tests.conftest import CORPUS_DEV_DIR
from tests.parser.pdf_builders import _pdf, _styles, seed_pdf, table_style, variant_pdf
from tests.parser.variants import SECTIONS, TABLE4_OUTCOMES, expected_rows, parse, table3_rows
from tests.parser.variants_files import official_grid

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


# The official tables without lines, zeros printed empty: when no row of table 三 fills
# every column, and for table 四's one row of 15 numbers, the columns come from the header
# (its leaf column names: 法人或其他组织 heads five of them).
def _official_pdf(rows: dict[str, list], table4: list, template: str, rules: str = "none") -> bytes:
    """The hand-made report's text with the official table 三 (merged header cells, wrapped
    labels) and table 四 (three header rows over one row of 15), ruled by `rules` (none by
    default)."""
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    text, cell = _styles()
    blank = "\u00a0"  # an empty cell as Word leaves it (an empty Paragraph collapses the column)

    def printed(value) -> str:
        return blank if value is None else str(value)

    story = [PdfParagraph("某某街道办事处2023年政府信息公开工作年度报告", text)]
    for key, (heading, prose) in SECTIONS.items():
        story += [PdfParagraph(heading, text), PdfParagraph(prose, text)]
        if key == "requests":
            grid, spans = official_grid(template)
            values = iter(rows[row_key] for row_key, _, _, _ in table3_rows(template))
            grid = grid[:3] + [row[:3] + [printed(v) for v in next(values)] for row in grid[3:]]
            table = PdfTable([[PdfParagraph(c or blank, cell) for c in row] for row in grid],
                             colWidths=[40, 40, 90] + [38] * 7)
            table.setStyle(TableStyle(table_style(rules) + [("SPAN", (c0, r0), (c1, r1)) for (r0, c0), (r1, c1) in spans]))
            story.append(table)
        if key == "review":
            head = [["行政复议"] + [blank] * 4 + ["行政诉讼"] + [blank] * 9,
                    list(TABLE4_OUTCOMES) + ["未经复议直接起诉"] + [blank] * 4 + ["复议后起诉"] + [blank] * 4,
                    [blank] * 5 + list(TABLE4_OUTCOMES) * 2]
            grid = head + [[printed(v) for v in table4]]
            spans = [((0, 0), (0, 4)), ((0, 5), (0, 14)), ((1, 5), (1, 9)), ((1, 10), (1, 14))] + \
                [((1, c), (2, c)) for c in range(5)]
            table = PdfTable([[PdfParagraph(c, cell) for c in row] for row in grid], colWidths=[30] * 15)
            table.setStyle(TableStyle(table_style(rules) + [("SPAN", (c0, r0), (c1, r1)) for (r0, c0), (r1, c1) in spans]))
            story.append(table)
    story += [PdfParagraph("某某街道办事处", text), PdfParagraph("2024年1月20日", text)]
    return _pdf(story, False)


def _table4_values(report: dict) -> list:
    return [report["review_litigation"][g][o] for g in GROUPS for o in OUTCOMES]


@pytest.mark.parametrize("seed", SEEDS)
def test_official_unruled_tables_with_blank_zeros_place_a_seeds_numbers_by_the_header(seeds_dir: Path, seed: str):
    data = (seeds_dir / seed).read_bytes()
    expected = parse_report(data, seed, with_keywords=False).to_dict()
    template = expected["format"]
    rows = expected["requests"]["rows"]
    pdf = _official_pdf({key: [_blank_zero(v) for v in cells] for key, cells in rows.items()},
                        [_blank_zero(v) for v in _table4_values(expected)], template)
    report = parse_report(pdf, "report.pdf", with_keywords=False).to_dict()
    printed = [key for key, _, _, _ in table3_rows(template)]
    want = {key: [_blank_zero(v) for v in cells] if key in printed else [None] * 7 for key, cells in rows.items()}
    got = report["requests"]["rows"]
    if template == "2021":  # other_total is derived from sub-rows, here unprinted (blank): null
        want["other_total"] = got["other_total"] = None
    assert got == want
    assert _table4_values(report) == [_blank_zero(v) for v in _table4_values(expected)]
    assert report["format"] == template


def test_the_official_unruled_tables_with_blank_zeros_read_every_printed_cell():
    rows = {key: [_blank_zero(v) for v in cells] for key, cells in expected_rows().items()}
    table4 = [_blank_zero(v) for v in (3, 1, 0, 2, 6, 2, 0, 1, 1, 4, 0, 0, 0, 0, 0)]
    report = parse(_official_pdf(rows, table4, "2021"))
    got = report["requests"]["rows"]
    assert got.pop("other_total") == [None] * 7  # 逾期未按收费通知 prints no number: its sum is unknown
    assert got == {key: cells for key, cells in rows.items() if key != "other_total"}
    assert _table4_values(report) == table4


def _corpus_names() -> list[str]:
    """The development corpus's reports (none when ../shared is absent: the test is skipped)."""
    return sorted(p.name[:-len(".src")] for p in CORPUS_DEV_DIR.glob("*.src"))


@pytest.mark.parametrize("name", _corpus_names())
@pytest.mark.parametrize("rules", ["none", "grid", "three_line", "columns"])
def test_a_real_reports_tables_printed_with_blank_zeros_read_back(corpus_dev_dir: Path, name: str, rules: str):
    # the tables of a real report (its own numbers, read from its text) printed as the
    # official tables, without lines or ruled, with zeros left empty, as many sites print them
    parsed = parse_report((corpus_dev_dir / f"{name}.src").read_bytes(), name, with_keywords=False).to_dict()
    if parsed["format"] is None:
        pytest.skip("a report before the 2019 template has other tables")
    rows = {key: [_blank_zero(v) for v in cells] for key, cells in parsed["requests"]["rows"].items()}
    table4 = [_blank_zero(v) for v in _table4_values(parsed)]
    report = parse_report(_official_pdf(rows, table4, parsed["format"], rules), "report.pdf",
                          with_keywords=False).to_dict()
    for key, _, _, _ in table3_rows(parsed["format"]):
        assert report["requests"]["rows"][key] == rows[key], key
    if rules == "columns":  # table 四's one row in a box of column lines: read, or null with a warning
        assert _table4_values(report) in (table4, [None] * 15)
        assert _table4_values(report) == table4 or any(w.startswith("table4:") for w in report["warnings"])
    else:
        assert _table4_values(report) == table4
