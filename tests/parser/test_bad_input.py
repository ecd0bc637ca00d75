"""Bad input gets its own typed error, and the CLI one line and an exit code, never a traceback."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzers.errors import EmptyDocument, NoTextLayer, NotAReport, ReportError, UnreadableDocument
from analyzers.extract import extract_document
from analyzers.report import parse_report
from portal.cli.main import cli
from tests.parser.documents import build_docx, build_pdf


def _scanned_pdf() -> bytes:
    """A PDF whose only page is a drawing (what a scan looks like to a text extractor)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(50, 50, 400, 600, fill=1)
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def seed_document(seeds_dir: Path):
    return extract_document((seeds_dir / "002_253929b1a926571e.txt").read_bytes())


@pytest.fixture(scope="module")
def bad_inputs(seed_document) -> dict[str, tuple[bytes, type[ReportError]]]:
    docx_bytes = build_docx(seed_document)
    pdf_bytes = build_pdf(seed_document)
    return {
        "empty": (b"", EmptyDocument),
        "whitespace": (b" \n\t\n", EmptyDocument),
        "binary": (bytes(range(256)) * 40, UnreadableDocument),
        "truncated_docx": (docx_bytes[: len(docx_bytes) // 2], UnreadableDocument),
        "truncated_pdf": (pdf_bytes[: len(pdf_bytes) // 3], UnreadableDocument),
        "scanned_pdf": (_scanned_pdf(), NoTextLayer),
        "not_a_report": ("今天天气很好，我们去公园散步。\n晚上吃饺子。\n".encode(), NotAReport),
        "other_document": ("关于印发2020年工作要点的通知\n一、总体要求\n坚持以人民为中心。\n".encode(), NotAReport),
    }


@pytest.mark.parametrize("case", ["empty", "whitespace", "binary", "truncated_docx", "truncated_pdf",
                                  "scanned_pdf", "not_a_report", "other_document"])
def test_each_bad_input_raises_its_typed_error(bad_inputs, case):
    data, error_type = bad_inputs[case]
    with pytest.raises(error_type):
        parse_report(data, f"{case}.bin")


@pytest.mark.parametrize("case", ["empty", "binary", "truncated_docx", "truncated_pdf", "scanned_pdf", "not_a_report"])
def test_the_cli_prints_one_line_reason_and_exits_with_the_error_code(bad_inputs, case, tmp_path):
    data, error_type = bad_inputs[case]
    path = tmp_path / f"{case}.bin"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == error_type.exit_code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {error_type.reason}: ")
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["missing.txt", "."])
def test_a_path_that_cannot_be_read_is_one_line_too(tmp_path, name):
    result = CliRunner().invoke(cli, ["parse", str(tmp_path / name)])
    assert result.exit_code == 4 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: unreadable: cannot read ")


def test_the_cli_prints_the_report_json_with_chinese_unescaped(seeds_dir: Path):
    result = CliRunner().invoke(cli, ["parse", str(seeds_dir / "002_253929b1a926571e.txt")])
    assert result.exit_code == 0
    assert '"agency": "鄌郚镇"' in result.stdout


def test_a_json_file_quoting_report_headings_is_not_a_report(corpus_dev_dir):
    data = (corpus_dev_dir / "17.gold.json").read_bytes()
    with pytest.raises(NotAReport, match="JSON"):
        parse_report(data, "17.gold.json")
