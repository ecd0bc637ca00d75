"""The five seeds re-shaped the way crawlers and editors re-publish reports: the whole
report on one line (cells spaced or fused), GBK text with Windows line endings. Each must
parse to the same tables and metadata as the seed itself (pinned by test_seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.extract import extract_document
from analyzers.extract.blocks import Paragraph
from analyzers.report import parse_report

SEEDS = ["000_6b4221fc98080c61.txt", "001_ac6d54b2d072a72d.txt", "002_253929b1a926571e.txt",
         "003_760930ac560b76d3.txt", "004_dd49fe4a91b4c513.txt"]


def _summary(data: bytes) -> dict:
    report = parse_report(data, with_keywords=False).to_dict()
    return {key: report[key] for key in ("agency", "year", "format", "requests", "review_litigation")}


def _flatten(data: bytes, cell_separator: str, line_separator: str) -> bytes:
    """Every paragraph and table row on one line; a row's cells joined by `cell_separator`."""
    parts = []
    for block in extract_document(data).blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            parts.extend(cell_separator.join(c for c in row if c.strip()) for row in block.rows)
    return line_separator.join(parts).encode("utf-8")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("cells, lines", [(" ", "\n"), (" ", " "), ("", " ")])
def test_a_seed_dumped_as_crawler_text_reads_the_same(seeds_dir: Path, seed, cells, lines):
    data = (seeds_dir / seed).read_bytes()
    assert _summary(_flatten(data, cells, lines)) == _summary(data)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_seed_saved_as_gbk_text_with_windows_line_endings_reads_the_same(seeds_dir: Path, seed):
    data = (seeds_dir / seed).read_bytes()
    gbk = data.decode("utf-8").replace("\n", "\r\n").encode("gb18030")
    assert _summary(gbk) == _summary(data)


CORPUS = ["01", "03", "04", "07", "08", "11", "12", "17", "20", "22", "27"]


@pytest.mark.parametrize("number", CORPUS)
@pytest.mark.parametrize("kind", ["html", "docx"])
def test_a_dev_report_republished_as_html_or_docx_reads_the_same(corpus_dev_dir: Path, number, kind):
    from tests.parser.documents import build_docx, build_html

    data = (corpus_dev_dir / f"{number}.src").read_bytes()
    build = build_html if kind == "html" else build_docx
    # the crawler's '标题:' line becomes an ordinary paragraph: the label must not join the agency
    assert _summary(build(extract_document(data))) == _summary(data)


def test_a_pdf_whose_adjacent_tables_merge_into_one_misaligned_grid_reads_the_same(corpus_dev_dir: Path):
    from tests.parser.documents import build_pdf

    # 01's last pipe tables have other column widths: the PDF reader merges them into one
    # grid with empty slots between the numbers
    data = (corpus_dev_dir / "01.src").read_bytes()
    assert _summary(build_pdf(extract_document(data))) == _summary(data)
