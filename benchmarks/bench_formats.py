"""Legacy and scanned formats: OCR seconds per page, peak memory, .doc conversion per file.

Run: .venv/bin/python benchmarks/bench_formats.py [--pages 6] [--docs 5] [--tesseract]
- OCR: seed reports rendered as scanned pages (tests/formats/scans.py: CJK font, turned,
  noisy), read page by page; then the whole scanned report as one PDF through
  extract_document. Prints wall and CPU seconds per page (median, p95) and the share of
  table number cells read right / left empty (never wrong: see the test).
- .doc: DOCX built from each seed, written as .doc by LibreOffice, then parsed back (one
  LibreOffice start per file); antiword and catdoc read the same files, and their text is
  parsed to see whether tables 三/四 survive.
- --tesseract: Tesseract chi_sim on the same table cells (cut by the same ruled grid).
Peak memory is this process's maximum resident set size (ru_maxrss).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzers.extract import extract_document  # noqa: E402
from analyzers.extract.blocks import Document, Table  # noqa: E402
from analyzers.extract.scan import ocr_page  # noqa: E402
from analyzers.report import parse_report  # noqa: E402
from tests.formats.inputs import legacy  # noqa: E402
from tests.formats.scans import render_pages, scanned, scanned_pdf  # noqa: E402
from tests.parser.documents import build_docx  # noqa: E402

SEEDS = sorted((ROOT.parent.parent / "shared" / "seeds").glob("*.txt")) or sorted((ROOT / "data" / "seeds").glob("*.txt"))


def _seeds(count: int) -> list[tuple[str, bytes, Document]]:
    chosen = [path for path in SEEDS if path.exists()][:count]
    return [(path.name, path.read_bytes(), extract_document(path.read_bytes(), path.name)) for path in chosen]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _number_cells(tables: list[Table]) -> list[str]:
    return [cell for table in tables for row in table.rows for cell in row if cell.replace(".", "").isdigit()]


def bench_ocr(pages_wanted: int) -> None:
    """Per-page OCR time and the 6-page scanned PDF end to end."""
    pages, truth = [], []
    for _, _, document in _seeds(4):
        for page in render_pages(document):
            pages.append(np.array(scanned(page, 0.6 if len(pages) % 2 else -0.5, len(pages)).convert("RGB")))
        truth.append(document)
        if len(pages) >= pages_wanted:
            break
    pages = pages[:pages_wanted]
    ocr_page(pages[0], 1)  # warm-up: model load
    wall, cpu, numbers, empty = [], [], 0, 0
    for number, page in enumerate(pages, 1):
        start, cpu_start = time.perf_counter(), time.process_time()
        blocks, notes = ocr_page(page, number)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
        numbers += len(_number_cells([b for b in blocks if isinstance(b, Table)]))
        empty += sum("left empty" in note for note in notes)
    print(f"OCR pages: {len(pages)}; wall s/page median {statistics.median(wall):.2f}, p95 {_p95(wall):.2f}; "
          f"CPU s/page median {statistics.median(cpu):.2f}, p95 {_p95(cpu):.2f}")
    print(f"  number cells read {numbers}, left empty with a warning {empty}")
    _scanned_report(scanned_pdf([_pil(page) for page in pages]), len(pages))


def _scanned_report(pdf: bytes, pages: int) -> None:
    """The scanned PDF through extract_document in a fresh process: its wall time and peak
    memory are what one ingest of a scanned report costs (model load included)."""
    import tempfile

    child = ("import resource, sys, time; start = time.perf_counter(); "
             "from analyzers.extract import extract_document; "
             "extract_document(open(sys.argv[1], 'rb').read(), 'scan.pdf'); "
             "print(f'{time.perf_counter() - start:.1f} s wall, "
             "peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB')")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run([sys.executable, "-c", child, handle.name], capture_output=True, text=True,
                                cwd=ROOT, timeout=3600, check=False)
    print(f"scanned {pages}-page PDF through extract_document (fresh process): {result.stdout.strip()}"
          f"{result.stderr.strip()[-300:]}")


def _pil(page: np.ndarray):
    from PIL import Image

    return Image.fromarray(page)


def bench_doc(count: int) -> None:
    """Per-file .doc parse (LibreOffice conversion included), and antiword/catdoc on the same files."""
    wall, child_cpu, fidelity = [], [], {"libreoffice": 0, "antiword": 0, "catdoc": 0}
    times = {"antiword": [], "catdoc": []}
    seeds = _seeds(count)
    for name, data, document in seeds:
        expected = parse_report(data, name).to_dict()
        doc = legacy(build_docx(document), "docx", "doc")
        start, children = time.perf_counter(), _children_cpu()
        report = parse_report(doc, "r.doc").to_dict()
        wall.append(time.perf_counter() - start)
        child_cpu.append(_children_cpu() - children)
        fidelity["libreoffice"] += _same_tables(report, expected)
        for tool in ("antiword", "catdoc"):
            if shutil.which(tool):
                text, seconds = _run_tool(tool, doc)
                times[tool].append(seconds)
                fidelity[tool] += _same_tables(_parse_or_none(text), expected)
    print(f".doc files: {len(seeds)}; LibreOffice parse s/file median {statistics.median(wall):.2f}, "
          f"max {max(wall):.2f}; LibreOffice CPU s/file median {statistics.median(child_cpu):.2f}; "
          f"tables 三/四 equal to the TXT: {fidelity['libreoffice']}/{len(seeds)}")
    for tool, seconds in times.items():
        if seconds:
            print(f"  {tool}: s/file median {statistics.median(seconds):.3f}; tables equal: {fidelity[tool]}/{len(seeds)}")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_tool(tool: str, doc: bytes) -> tuple[bytes, float]:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
        handle.write(doc)
        handle.flush()
        args = [tool, "-m", "UTF-8.txt", handle.name] if tool == "antiword" else [tool, "-d", "utf-8", handle.name]
        start = time.perf_counter()
        out = subprocess.run(args, capture_output=True, timeout=60, check=False).stdout
        return out, time.perf_counter() - start


def _parse_or_none(text: bytes) -> dict | None:
    try:
        return parse_report(text, "r.txt").to_dict()
    except Exception:  # noqa: BLE001 - a converter's output that is not a report counts as a miss
        return None


def _same_tables(report: dict | None, expected: dict) -> int:
    if report is None:
        return 0
    return int(report["requests"] == expected["requests"] and report["review_litigation"] == expected["review_litigation"])


def bench_tesseract() -> None:
    """Tesseract chi_sim (psm 7) against RapidOCR on the same number cells of table 三,
    each cut from the same deskewed page with its rules erased."""
    import cv2

    from analyzers.extract import ocr, scan

    if not shutil.which("tesseract"):
        print("tesseract: not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
        return
    from analyzers.extract.ruling import erase_lines, find_grids

    document = _seeds(1)[0][2]
    table = max((b for b in document.blocks if isinstance(b, Table)), key=lambda t: len(t.rows))
    truth = _grid_truth(table)
    page = scan.deskew(np.array(scanned(render_pages(Document((table,), "txt"))[0], 0.6, 3).convert("RGB")))
    gray = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    grid = max(find_grids(gray), key=lambda g: len(g.ys))
    boxes = ocr.detect(page)
    typical = sorted(b[3] - b[1] for b in boxes)[len(boxes) // 2]
    cleaned = erase_lines(page, gray, int(typical * 1.6))
    inked = scan._inked_cells(grid, cleaned, typical)
    slots = {grid.cells[r][c]: (r, c) for r in range(len(grid.ys) - 1) for c in range(len(grid.xs) - 1)}
    cells = [(cell, box) for cell, box in inked.items() if _is_number(truth, slots[cell])]
    start = time.perf_counter()
    rapid = ocr.recognise(cleaned, [box for _, box in cells])
    rapid_seconds = time.perf_counter() - start
    rapid_right = sum(line.number == truth[slots[cell][0]][slots[cell][1]] and line.number_confidence >= 0.9
                      for (cell, _), line in zip(cells, rapid))
    start = time.perf_counter()
    tess_right = sum(_tesseract(ocr._crop(cleaned, box)) == truth[slots[cell][0]][slots[cell][1]] for cell, box in cells)
    tess_seconds = time.perf_counter() - start
    print(f"table 三 number cells: {len(cells)}; RapidOCR right (confident) {rapid_right} in {rapid_seconds:.1f} s; "
          f"Tesseract chi_sim right {tess_right} in {tess_seconds:.1f} s")


def _grid_truth(table: Table) -> list[list[str]]:
    width = max(len(row) for row in table.rows)
    return [list(row) + [""] * (width - len(row)) for row in table.rows]


def _is_number(truth: list[list[str]], slot: tuple[int, int]) -> bool:
    r, c = slot
    return r < len(truth) and c < len(truth[r]) and truth[r][c].replace(".", "").isdigit()


def _tesseract(crop: np.ndarray) -> str:
    import cv2

    ok, png = cv2.imencode(".png", crop)
    out = subprocess.run(["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "7"], input=png.tobytes(),
                         capture_output=True, timeout=60, check=False).stdout
    return out.decode("utf-8", "replace").strip().replace(" ", "")


def main() -> None:
    """Run the .doc and OCR benchmarks (and the Tesseract comparison when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--docs", type=int, default=5)
    parser.add_argument("--tesseract", action="store_true")
    args = parser.parse_args()
    bench_doc(args.docs)
    bench_ocr(args.pages)
    if args.tesseract:
        bench_tesseract()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")


if __name__ == "__main__":
    main()
