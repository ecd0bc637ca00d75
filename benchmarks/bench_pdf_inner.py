"""PDF tables ruled by inner lines only: rows kept and CPU, with and without closing their
open sides (analyzers/extract/pdfextent.py), side by side in one process.

For the hand-made report of tests/parser/variants.py (official tables 三 and 四) built as
PDFs in three rulings, it prints per file: the table rows extracted (the full grid is the
reference), whether the document's blocks equal the full grid's, and CPU ms per extraction.
"Before" replaces the closing step with the identity, so both runs share everything else.

    PYTHONPATH=$PWD flock /tmp/nianbao-bench.lock .venv/bin/python benchmarks/bench_pdf_inner.py
"""

from __future__ import annotations

import time

import analyzers.extract.pdf as pdf
from analyzers.extract import extract_document
from analyzers.extract.blocks import Table
from tests.parser.pdf_builders import variant_pdf

ROUNDS = 5


def _rows(document) -> int:
    return sum(len(block.rows) for block in document.blocks if isinstance(block, Table))


def _measure(data: bytes) -> tuple[object, float]:
    started = time.process_time()
    for _ in range(ROUNDS):
        document = extract_document(data, "report.pdf")
    return document, (time.process_time() - started) / ROUNDS * 1000


def main() -> None:
    closed = pdf._closed
    print(f"{'file':18} {'grid rows':>9} {'before rows':>11} {'after rows':>10} {'after = grid':>12} "
          f"{'before ms':>9} {'after ms':>8}")
    for template in ("2021", "2019"):
        grid = extract_document(variant_pdf(template, "grid"), "report.pdf")
        for rules in ("grid", "inner", "three_line"):
            data = variant_pdf(template, rules)
            pdf._closed = lambda page, table, edges: table
            before, before_ms = _measure(data)
            pdf._closed = closed
            after, after_ms = _measure(data)
            print(f"{template + '-' + rules:18} {_rows(grid):9} {_rows(before):11} {_rows(after):10} "
                  f"{str(after.blocks == grid.blocks):>12} {before_ms:9.1f} {after_ms:8.1f}")


if __name__ == "__main__":
    main()
