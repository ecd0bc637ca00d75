"""Legacy and scanned formats: OCR seconds per page, peak memory, .doc conversion per file.

Run: .venv/bin/python benchmarks/bench_formats.py [--pages 6] [--docs 5] [--tesseract]
         [--baseline DIR] [--rounds 2]
- OCR: seed reports rendered as scanned pages (tests/formats/scans.py: CJK font, turned,
  noisy), read page by page; then the whole scanned report as one PDF through
  extract_document. Prints wall and CPU seconds per page (median, p95) and the share of
  table number cells read right / left empty (never wrong: see the test).
- --baseline DIR: the scanned report is also read by the code of another checkout (e.g. a
  detached worktree of main), each in a fresh process, alternating `--rounds` times, so the
  ratios come from one run on the same (shared, loaded) machine; CPU seconds are printed
  beside wall seconds because the load of other processes changes wall time.
- .doc: DOCX built from each seed, written as .doc by LibreOffice, then parsed back: with
  one LibreOffice kept running (office.RESIDENT, python3-uno), with one LibreOffice start
  per file, and all files in one `soffice --convert-to` call; antiword and catdoc read the
  same files, and their text is parsed to see whether tables 三/四 survive.
- --tesseract: Tesseract chi_sim on the same table cells (cut by the same ruled grid).
- --accuracy 0,2,4: those seeds (by position), each rendered whole as a scanned PDF and parsed, against
  the TXT's report: table 三/四 cells equal, null (with a warning) and wrong; with
  --baseline, the other checkout's code reads the same PDFs (a fresh process per tree).
Peak memory: this process's maximum resident set size (ru_maxrss); a fresh process's own
high-water mark (VmHWM: ru_maxrss would carry this process's over the fork).
"""

from __future__ import annotations

import argparse
import os
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


def bench_ocr(pages_wanted: int, baseline: Path | None = None, rounds: int = 1) -> None:
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
    trees = [ROOT] + ([baseline.resolve()] if baseline else [])
    _scanned_report(scanned_pdf([_pil(page) for page in pages]), len(pages), trees, rounds)


def _scanned_report(pdf: bytes, pages: int, trees: list[Path], rounds: int) -> None:
    """The scanned PDF through extract_document in a fresh process per tree, alternating:
    wall and CPU seconds and peak memory of one ingest of a scanned report (model load included)."""
    import tempfile

    child = ("import resource, sys, time; start = time.perf_counter(); "
             "from analyzers.extract import extract_document; "
             "document = extract_document(open(sys.argv[1], 'rb').read(), 'scan.pdf'); "
             "usage = resource.getrusage(resource.RUSAGE_SELF); "
             "peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')); "
             "print(f'{time.perf_counter() - start:.2f} {usage.ru_utime + usage.ru_stime:.2f} "
             "{peak / 1024:.0f} {len(document.notes)}')")
    results: dict[Path, list[tuple[float, ...]]] = {tree: [] for tree in trees}
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        for _ in range(rounds):
            for tree in trees:
                result = subprocess.run([sys.executable, "-c", child, handle.name], capture_output=True, text=True,
                                        cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)}, timeout=3600,
                                        check=False)
                if result.returncode:
                    print(f"  {tree}: failed: {result.stderr.strip()[-300:]}")
                    continue
                results[tree].append(tuple(float(v) for v in result.stdout.split()[-4:]))
    for tree, runs in results.items():
        if runs:
            wall, cpu, peak = (statistics.median(run[i] for run in runs) for i in range(3))
            print(f"scanned {pages}-page PDF, fresh process, code of {tree}: wall {wall:.1f} s, CPU {cpu:.1f} s, "
                  f"peak {peak:.0f} MB, notes {runs[0][3]:.0f} (median of {len(runs)})")
    if len(trees) == 2 and all(results.values()):
        ours, base = (results[tree] for tree in trees)
        ratio = [statistics.median(b[i] for b in base) / statistics.median(o[i] for o in ours) for i in range(2)]
        print(f"  speed-up over {trees[1]}: wall {ratio[0]:.1f}x, CPU {ratio[1]:.1f}x")


def _pil(page: np.ndarray):
    from PIL import Image

    return Image.fromarray(page)


def bench_doc(count: int) -> None:
    """Per-file .doc parse (LibreOffice conversion included): with a resident LibreOffice, with
    one start per file, and all files in one soffice call; antiword/catdoc on the same files."""
    from analyzers.extract import office

    fidelity = {"antiword": 0, "catdoc": 0}
    times = {"antiword": [], "catdoc": []}
    seeds = _seeds(count)
    docs = []
    for name, data, document in seeds:
        expected = parse_report(data, name).to_dict()
        docs.append((legacy(build_docx(document), "docx", "doc"), expected))
        for tool in ("antiword", "catdoc"):
            if shutil.which(tool):
                text, seconds = _run_tool(tool, docs[-1][0])
                times[tool].append(seconds)
                fidelity[tool] += _same_tables(_parse_or_none(text), expected)
    office._drop_resident()
    for resident in (True, False):
        office.RESIDENT = resident
        start, mode_cpu = time.perf_counter(), _children_cpu()
        office.convert(docs[0][0], "doc")  # the start (resident) or the profile's first build (one-off)
        first = time.perf_counter() - start
        wall, equal = [], 0
        for doc, expected in docs:
            start = time.perf_counter()
            report = parse_report(doc, "r.doc").to_dict()
            wall.append(time.perf_counter() - start)
            equal += _same_tables(report, expected)
        office._drop_resident()  # its CPU is counted once it has exited
        label = "one LibreOffice kept running" if resident else "one LibreOffice start per file"
        print(f".doc files: {len(docs)}, {label}: parse s/file median {statistics.median(wall):.2f}, "
              f"max {max(wall):.2f} (first conversion {first:.2f} s); LibreOffice CPU s/file, its start "
              f"included: {(_children_cpu() - mode_cpu) / (len(docs) + 1):.2f}; "
              f"tables 三/四 equal to the TXT: {equal}/{len(docs)}")
    office.RESIDENT = True
    print(f"  all {len(docs)} files in one soffice call: {_one_call(docs):.2f} s/file (conversion only)")
    for tool, seconds in times.items():
        if seconds:
            print(f"  {tool}: s/file median {statistics.median(seconds):.3f}; tables equal: {fidelity[tool]}/{len(docs)}")


def _one_call(docs: list[tuple[bytes, dict]]) -> float:
    """Wall seconds per file when one `soffice --convert-to` call converts them all."""
    import tempfile

    from analyzers.extract.office import soffice_path

    with tempfile.TemporaryDirectory() as work:
        paths = []
        for index, (doc, _) in enumerate(docs):
            paths.append(Path(work) / f"r{index}.doc")
            paths[-1].write_bytes(doc)
        start = time.perf_counter()
        subprocess.run([soffice_path(), f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}", "--headless",
                        "--norestore", "--convert-to", "docx", "--outdir", str(Path(work) / "out"),
                        *map(str, paths)], capture_output=True, timeout=600, check=False)
        return (time.perf_counter() - start) / len(docs)


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


_ACCURACY_CHILD = """
import json, sys
from analyzers.report import parse_report
report = parse_report(open(sys.argv[1], 'rb').read(), 'scan.pdf').to_dict()
rows = report['requests']['rows']
review = report['review_litigation']
cells = [v for key in sorted(rows) for v in rows[key]] + [review[g][k] for g in sorted(review) for k in sorted(review[g])]
warned = any(w.startswith('ocr: page') and 'left empty' in w for w in report['warnings'])
print(json.dumps({'cells': cells, 'warned': warned}))
"""


def bench_accuracy(positions: list[int], baseline: Path | None = None) -> None:
    """Whole seeds as scanned PDFs, parsed by this tree's code (and the baseline's): table
    三/四 cells equal to the TXT's, null with a warning, wrong."""
    import json
    import tempfile

    trees = [ROOT] + ([baseline.resolve()] if baseline else [])
    totals = {tree: [0, 0, 0, 0] for tree in trees}  # equal, null, wrong, null without a warning
    chosen = [SEEDS[i] for i in positions]
    for name, data, document in ((p.name, p.read_bytes(), extract_document(p.read_bytes(), p.name)) for p in chosen):
        expected = parse_report(data, name).to_dict()
        pages = [scanned(page, (-0.5, 0.6)[i % 2], i) for i, page in enumerate(render_pages(document))]
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(scanned_pdf(pages))
            handle.flush()
            for tree in trees:
                result = subprocess.run([sys.executable, "-c", _ACCURACY_CHILD, handle.name], capture_output=True,
                                        text=True, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                                        timeout=3600, check=False)
                if result.returncode:
                    print(f"  {name}, {tree}: failed: {result.stderr.strip()[-300:]}")
                    continue
                got = json.loads(result.stdout.splitlines()[-1])
                cells = list(zip(_report_cells(expected), got["cells"]))
                counts = totals[tree]
                counts[0] += sum(e == g for e, g in cells)
                counts[1] += sum(e != g and g is None for e, g in cells)
                counts[2] += sum(e != g and g is not None for e, g in cells)
                counts[3] += sum(e != g and g is None for e, g in cells) if not got["warned"] else 0
    for tree, (equal, null, wrong, silent) in totals.items():
        print(f"accuracy, scanned seeds {','.join(p.name[:3] for p in chosen)}, code of {tree}: tables 三/四 cells equal {equal} of "
              f"{equal + null + wrong}, null {null} ({silent} without a warning), wrong {wrong}")


def _report_cells(report: dict) -> list:
    rows = report["requests"]["rows"]
    review = report["review_litigation"]
    return [v for key in sorted(rows) for v in rows[key]] + [review[g][k] for g in sorted(review) for k in sorted(review[g])]


def main() -> None:
    """Run the .doc and OCR benchmarks (and the Tesseract comparison when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--docs", type=int, default=5)
    parser.add_argument("--tesseract", action="store_true")
    parser.add_argument("--baseline", type=Path, help="another checkout whose OCR is measured side by side")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-doc", action="store_true", help="only the OCR part")
    parser.add_argument("--accuracy", default="", metavar="0,2,4",
                        help="only the accuracy of these seeds read whole as scans (with --baseline: both trees)")
    args = parser.parse_args()
    if args.accuracy:
        bench_accuracy([int(i) for i in args.accuracy.split(",")], args.baseline)
        return
    if not args.no_doc:
        bench_doc(args.docs)
    bench_ocr(args.pages, args.baseline, args.rounds)
    if args.tesseract:
        bench_tesseract()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")


if __name__ == "__main__":
    main()
