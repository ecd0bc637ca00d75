"""Legacy Word/WPS files and spreadsheets made from a seed parse to the same tables as its TXT."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.errors import DocumentTooLarge, EncryptedDocument, UnreadableDocument
from analyzers.extract import detect_type, extract_document
from analyzers.extract.blocks import Table
from analyzers.report import parse_report
from tests.formats.inputs import build_xlsx, corrupt_ole, legacy, with_word_encryption_flag, zip_bomb_xlsx
from tests.parser.documents import build_docx

SEED = "004_dd49fe4a91b4c513.txt"
SAME = ("requests", "review_litigation", "active_disclosure", "format", "year", "agency", "title")
pytestmark = pytest.mark.slow  # LibreOffice starts (~2-3 s), once per process where python3-uno is installed


@pytest.fixture(scope="module")
def seed(seeds_dir: Path):
    data = (seeds_dir / SEED).read_bytes()
    return extract_document(data, SEED), parse_report(data, SEED).to_dict()


@pytest.fixture(scope="module")
def doc_bytes(seed) -> bytes:
    return legacy(build_docx(seed[0]), "docx", "doc")


@pytest.fixture(scope="module")
def xlsx_bytes(seed) -> bytes:
    return build_xlsx(seed[0])


def _assert_same(report: dict, expected: dict) -> None:
    for key in SAME:
        assert report[key] == expected[key], key


def test_a_doc_converted_from_the_seed_docx_parses_to_the_txt_tables(doc_bytes, seed):
    assert detect_type(doc_bytes, "upload.bin") == "doc"
    report = parse_report(doc_bytes, "report.doc").to_dict()
    assert report["source_format"] == "doc"
    _assert_same(report, seed[1])
    assert any("converted to DOCX by LibreOffice" in w for w in report["warnings"])


def test_a_wps_writer_file_in_word_binary_format_is_reported_as_wps(doc_bytes, seed):
    # LibreOffice cannot write WPS's own format; WPS Writer saves .wps as Word binary, as here.
    report = parse_report(doc_bytes, "报告.wps").to_dict()
    assert report["source_format"] == "wps"
    _assert_same(report, seed[1])


def test_merged_label_cells_of_a_doc_repeat_in_every_row_they_span(doc_bytes):
    tables = [b for b in extract_document(doc_bytes, "r.doc").blocks if isinstance(b, Table)]
    labels = [row[0] for table in tables for row in table.rows]
    assert labels.count("三、本年度办理结果") > 1


def test_an_xlsx_workbook_with_merged_cells_parses_to_the_txt_tables(xlsx_bytes, seed):
    assert detect_type(xlsx_bytes, None) == "xlsx"
    report = parse_report(xlsx_bytes, "report.xlsx").to_dict()
    assert report["source_format"] == "xlsx"
    _assert_same(report, seed[1])


def test_an_xls_and_an_et_workbook_parse_to_the_txt_tables(xlsx_bytes, seed):
    xls_bytes = legacy(xlsx_bytes, "xlsx", "xls")
    assert detect_type(xls_bytes, None) == "xls"
    _assert_same(parse_report(xls_bytes, "report.xls").to_dict(), seed[1])
    report = parse_report(xls_bytes, "report.et").to_dict()
    assert report["source_format"] == "et"
    _assert_same(report, seed[1])


def test_a_password_protected_doc_is_refused_as_encrypted(doc_bytes):
    with pytest.raises(EncryptedDocument) as error:
        extract_document(with_word_encryption_flag(doc_bytes), "secret.doc")
    assert error.value.reason == "encrypted" and "\n" not in str(error.value)


def test_a_corrupt_ole_file_is_unreadable_in_one_line():
    with pytest.raises(UnreadableDocument) as error:
        extract_document(corrupt_ole(), "broken.doc")
    assert "OLE2" in str(error.value) and "\n" not in str(error.value)


def test_a_zip_bomb_named_xlsx_is_refused_before_unpacking():
    with pytest.raises(DocumentTooLarge) as error:
        extract_document(zip_bomb_xlsx(), "bomb.xlsx")
    assert "zip bomb" in str(error.value)


def test_one_resident_libreoffice_converts_file_after_file_and_is_restarted_after_a_timeout(doc_bytes, seed):
    from analyzers.extract import office

    if office._resident(office.soffice_path()) is None:
        pytest.skip("LibreOffice's python3-uno is not installed: each conversion starts its own soffice")
    first = office._RESIDENT.process.pid
    _assert_same(parse_report(doc_bytes, "one.doc").to_dict(), seed[1])
    _assert_same(parse_report(doc_bytes, "two.doc").to_dict(), seed[1])
    assert office._RESIDENT.process.pid == first  # the same LibreOffice converted both
    with pytest.raises(UnreadableDocument) as error:
        office.convert(doc_bytes, "doc", timeout=0.001)
    assert "longer than" in str(error.value) and office._RESIDENT is None
    _assert_same(parse_report(doc_bytes, "three.doc").to_dict(), seed[1])  # a new one took over
    assert office._RESIDENT.process.pid != first
