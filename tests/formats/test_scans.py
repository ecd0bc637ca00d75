"""Scanned pages (rendered from a seed with a CJK font, turned and noisy) read by OCR give the
TXT's tables: each number equal, or null with a warning; never a wrong number."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from analyzers.errors import DocumentTooLarge, EncryptedDocument, NoTextLayer
from analyzers.extract import extract_document
from analyzers.extract.blocks import Document, Paragraph, Table
from analyzers.extract.ocr import Line
from analyzers.extract.ruling import Grid
from analyzers.extract.scan import _cell_value, _Page
from analyzers.report import parse_report
from tests.formats.inputs import encrypted_pdf, many_pages_pdf
from tests.formats.scans import render_pages, scanned, scanned_pdf
from tests.parser.documents import build_pdf

SEED = "004_dd49fe4a91b4c513.txt"
pytestmark = pytest.mark.slow  # OCR: a few seconds a page on 2 free cores


@pytest.fixture(scope="module")
def seed(seeds_dir: Path):
    data = (seeds_dir / SEED).read_bytes()
    return extract_document(data, SEED), parse_report(data, SEED).to_dict()


def _mixed_pdf(document: Document) -> bytes:
    """Text-layer pages up to section 三, then scanned pages holding tables 三 and 四."""
    import pypdfium2 as pdfium

    cut = next(i for i, b in enumerate(document.blocks) if isinstance(b, Paragraph) and b.text.startswith("三、"))
    text_part = pdfium.PdfDocument(build_pdf(Document(document.blocks[:cut], "txt")))
    pages = render_pages(Document(document.blocks[cut:], "txt"))
    scans = pdfium.PdfDocument(scanned_pdf([scanned(p, (-0.6, 0.8)[i % 2], i) for i, p in enumerate(pages)]))
    text_part.import_pages(scans)
    buffer = io.BytesIO()
    text_part.save(buffer)
    return buffer.getvalue()


def _cells(report: dict) -> list:
    rows = report["requests"]["rows"]
    review = report["review_litigation"]
    return [v for key in sorted(rows) for v in rows[key]] + [review[g][k] for g in sorted(review) for k in sorted(review[g])]


def test_a_pdf_with_text_pages_and_scanned_pages_reads_tables_three_and_four_by_ocr(seed):
    report = parse_report(_mixed_pdf(seed[0]), "scan.pdf").to_dict()
    expected, got = _cells(seed[1]), _cells(report)
    wrong = [(e, g) for e, g in zip(expected, got) if e != g]
    assert len(wrong) <= len(expected) * 0.01
    assert all(g is None for _, g in wrong), "a number read wrong without a warning"
    if wrong:
        assert any(w.startswith("ocr: page") and "left empty" in w for w in report["warnings"])
    assert any(w.startswith("ocr: page(s) ") for w in report["warnings"])  # the page marks OCR values
    assert report["active_disclosure"] == seed[1]["active_disclosure"]  # from the text-layer pages
    assert report["source_format"] == "pdf"


def test_a_png_of_table_four_comes_out_as_its_grid(seed):
    table = [b for b in seed[0].blocks if isinstance(b, Table)][-1]
    page = render_pages(Document((table,), "txt"))[0].crop((0, 0, 2339, 420))
    buffer = io.BytesIO()
    scanned(page, 0.5, 7).save(buffer, format="PNG")
    document = extract_document(buffer.getvalue(), "table.png")
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert document.source_format == "image" and len(tables) == 1
    numbers = tables[0].rows[-1]
    for column, (got, expected) in enumerate(zip(numbers, table.rows[-1]), 1):
        named = any(f"row 4 column {column}:" in note and "left empty" in note for note in document.notes)
        assert got == expected or (got == "" and named), column
    assert sum(got == expected for got, expected in zip(numbers, table.rows[-1])) >= 12
    assert tables[0].rows[2][5:10] == ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def test_a_number_read_with_low_confidence_becomes_empty_with_a_warning():
    grid = Grid((0, 0, 100, 40), (0, 40), (0, 100), ((0,),))
    page = _Page(3)
    doubtful = Line((10, 5, 30, 35), "8", 0.7, "8", 0.55)
    assert _cell_value([doubtful], 30.0, page, grid, 0) == ""
    assert page.doubtful == ["ocr: page 3, table cell row 1 column 1: read '8' at confidence 0.55; left empty"]
    sure = Line((10, 5, 30, 35), "o", 0.6, "0", 0.99)
    assert _cell_value([sure], 30.0, page, grid, 0) == "0"


def test_an_image_without_text_is_refused_in_one_line():
    from PIL import Image, ImageDraw

    cat = Image.new("RGB", (640, 480), (200, 180, 150))
    draw = ImageDraw.Draw(cat)
    draw.ellipse((200, 160, 440, 400), fill=(120, 90, 60))  # a body, a head and two ears
    draw.ellipse((260, 60, 380, 180), fill=(120, 90, 60))
    draw.polygon([(265, 90), (285, 20), (310, 75)], fill=(120, 90, 60))
    draw.polygon([(335, 75), (360, 20), (375, 90)], fill=(120, 90, 60))
    buffer = io.BytesIO()
    cat.save(buffer, format="JPEG")
    with pytest.raises(NoTextLayer) as error:
        parse_report(buffer.getvalue(), "cat.jpg")
    assert "\n" not in str(error.value)


def test_a_password_protected_pdf_is_refused_as_encrypted():
    with pytest.raises(EncryptedDocument):
        extract_document(encrypted_pdf(), "secret.pdf")


def test_a_500_page_pdf_is_refused_before_reading_its_pages():
    with pytest.raises(DocumentTooLarge) as error:
        extract_document(many_pages_pdf(500), "book.pdf")
    assert "500 pages" in str(error.value)


def test_a_scanned_page_claiming_a_huge_size_is_refused_without_rendering_it():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(14000, 14000))  # 194 inches a side, no text layer
    page.rect(10, 10, 100, 100)
    page.showPage()
    page.save()
    # at 200 dpi this page would be a 4.5 GB bitmap (the unbounded renderer peaked at 5.8 GB)
    with pytest.raises(DocumentTooLarge) as error:
        extract_document(buffer.getvalue(), "poster.pdf")
    assert "too big to read by OCR" in str(error.value)


def test_each_scanned_page_of_a_pdf_is_read_by_ocr_once(monkeypatch):
    """The text-layer extractor would read a scanned page's picture (it holds a ruled table)
    by OCR as well, only for that reading to be dropped: twice the CPU of every scan."""
    from analyzers.extract import scan

    read: list[int] = []

    def counted(image, number):
        read.append(number)
        return [Paragraph("一、总体情况")], []

    monkeypatch.setattr(scan, "ocr_page", counted)
    table = Table((("项目", "数量"), ("收到申请", "12"), ("办结", "11")))
    pages = render_pages(Document((table, Paragraph("说明"), table), "txt")) * 2
    document = extract_document(scanned_pdf([scanned(page, 0.5, i) for i, page in enumerate(pages)]), "scan.pdf")
    assert sorted(read) == [1, 2]
    assert document.notes[0].startswith("ocr: page(s) 1, 2 are scans")
