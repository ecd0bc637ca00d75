"""Scanned pages (images, PDF pages without text) into blocks: deskew, OCR, ruled tables.

A PDF is read page by page: a page with a text layer goes through the PDF extractor, a page
without one is rendered and read by OCR. Every number read by OCR is kept only when its
digits-only confidence reaches OCR_MIN_CONFIDENCE; otherwise its cell is left empty (the
report gets null there) and a note names the cell, so nothing is guessed.
"""

from __future__ import annotations

import io
import math
import re
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager

import cv2
import numpy as np

from analyzers.errors import DocumentTooLarge, EncryptedDocument, NoTextLayer, ReportError, UnreadableDocument
from analyzers.extract.blocks import Block, Document, Table, normalize_text
from analyzers.extract.ocr import Line, detect, recognise
from analyzers.extract.pdf import MAX_PAGES
from analyzers.extract.ruling import Grid, erase_lines, find_grids
from analyzers.extract.text import extract_text

OCR_MIN_CONFIDENCE = 0.90  # digits-only probability below which a number is not trusted
MAX_OCR_PAGES = 40  # ~1-2 s each: bounds the time one document can take
MAX_PIXELS = 40_000_000  # per page image (an A4 page at 300 dpi is 8.7 M)
RENDER_DPI = 200
PAGE_THREADS = 2  # scanned pages read at once (their lines share ocr.py's OCR_THREADS)
MIN_RENDER_DPI = 50  # below this a page's digits are too small to read: the page is not a report page
_LOW_HEIGHT = 0.6  # a 'number' box this much smaller than the page's text is a speck
_NUMBER = re.compile(r"-?\d+(\.\d+)?$")
_NOISE = 0.5  # a text line read below this confidence is a stain or a picture, not text
_BOX_TO_INK = 31 / 24  # the thresholds here were set on full-resolution detector boxes: 31 px for 24 px of ink
_GLYPH_TO_RULE = 1.6  # a stroke this many text-line heights long is a rule, not a glyph


class _Page:
    """What OCR of one page produced: blocks, how many numbers were read, doubtful cells."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.numbers = 0
        self.doubtful: list[str] = []


def extract_image(data: bytes) -> Document:
    """A PNG/JPEG/TIFF scan (multi-page TIFF too) read by OCR."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_OCR_PAGES:
            raise DocumentTooLarge(f"the image has {frames} pages; at most {MAX_OCR_PAGES} are read by OCR")
        pages = []
        for index in range(frames):
            image.seek(index)
            pages.append(np.array(image.convert("RGB")))
    except Image.DecompressionBombError as error:
        raise DocumentTooLarge(f"the image is larger than {MAX_PIXELS} pixels") from error
    except (UnidentifiedImageError, OSError, ValueError, EOFError) as error:
        raise UnreadableDocument(f"the image is truncated or corrupt ({error.__class__.__name__})") from error
    with _Pages() as reader:
        for number, page in enumerate(pages, 1):
            reader.scan(number, page)
    return _finish(*reader.result(), "image", [n for n in range(1, len(pages) + 1)])


def extract_pdf_pages(data: bytes) -> Document:
    """A PDF page by page: text layer where there is one, OCR where there is none.

    A PDF whose every page has text goes through the text-layer extractor unchanged (with
    all of its bounds). A PDF with scanned pages is read once, page by page: the text-layer
    extractor would read each scanned page's picture by OCR too (as a picture of a table),
    and that reading was dropped for the page-by-page one, doubling the CPU of a scan."""
    from analyzers.extract.bounds import check_pdf_streams
    from analyzers.extract.pdf import extract_pdf

    scanned = _textless_pages(data)
    if len(scanned) > MAX_OCR_PAGES:
        raise DocumentTooLarge(f"the PDF has {len(scanned)} scanned pages; at most {MAX_OCR_PAGES} are read by OCR")
    with _password_errors():
        if not scanned:
            try:
                return extract_pdf(data)
            except NoTextLayer:
                pass  # characters that are all blank: read page by page, which says so in its own words
        check_pdf_streams(data)
        return _read_pages(data, set(scanned))


@contextmanager
def _password_errors():
    """An unreadable PDF whose cause is a password raised as EncryptedDocument."""
    try:
        yield
    except UnreadableDocument as error:
        if _password_error(error):
            raise EncryptedDocument("the PDF is password-protected") from error
        raise


def _textless_pages(data: bytes) -> list[int]:
    """The 1-based numbers of pages without a single character (pdfium counts them fast)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise EncryptedDocument("the PDF is password-protected") from error
        raise UnreadableDocument(f"the PDF file is truncated or corrupt ({error})") from error
    try:
        if len(pdf) > MAX_PAGES:
            raise DocumentTooLarge(f"the PDF has {len(pdf)} pages; a report has at most {MAX_PAGES}")
        return [number for number in range(1, len(pdf) + 1) if pdf[number - 1].get_textpage().count_chars() == 0]
    finally:
        pdf.close()


def _read_pages(data: bytes, scanned: set[int]) -> Document:
    """Text-layer pages through the PDF extractor's page reader, scanned pages through OCR."""
    import pdfplumber

    from analyzers.extract.pdf import _page_blocks  # noqa: PLC0415 - the text-layer path, unchanged

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf, _Pages() as reader:
            for number, page in enumerate(pdf.pages, 1):
                if number in scanned:
                    reader.scan(number, _render(page))
                else:
                    page_notes: list[str] = []
                    reader.add(number, _page_blocks(page, page_notes), page_notes)  # pictures of tables read by OCR add notes
                page.close()  # drop pdfplumber's per-page caches: peak memory stays one page's
        blocks, notes = reader.result()
    except ReportError:  # a bound of ours (a page too big to render), already in plain words
        raise
    except Exception as error:  # pdfminer raises many unrelated types on truncated files
        raise UnreadableDocument(f"the PDF file is truncated or corrupt ({error.__class__.__name__})") from error
    return _finish(blocks, notes, "pdf", sorted(scanned))


class _Pages:
    """A document's pages in order, scanned ones read by OCR PAGE_THREADS at a time: one
    page's serial steps (deskew, ruled grid, detection) run while another's lines are read."""

    def __init__(self) -> None:
        self.parts: dict[int, object] = {}

    def __enter__(self) -> "_Pages":
        self.pool = ThreadPoolExecutor(max_workers=PAGE_THREADS, thread_name_prefix="ocr-page")
        return self

    def __exit__(self, kind, *_) -> None:
        self.pool.shutdown(wait=True, cancel_futures=kind is not None)  # after an error, queued pages are dropped

    def scan(self, number: int, image: np.ndarray) -> None:
        """Read a page image by OCR; waits while PAGE_THREADS pages are being read (memory)."""
        running = [part for part in self.parts.values() if isinstance(part, Future) and not part.done()]
        if len(running) >= PAGE_THREADS:
            wait(running, return_when=FIRST_COMPLETED)
        self.parts[number] = self.pool.submit(ocr_page, image, number)

    def add(self, number: int, blocks: list[Block], notes: list[str]) -> None:
        """A page read from its text layer (with the notes of any picture on it read by OCR)."""
        self.parts[number] = (blocks, notes)

    def result(self) -> tuple[list[Block], list[str]]:
        """Every page's blocks and notes, in page order (an OCR error is raised here)."""
        blocks: list[Block] = []
        notes: list[str] = []
        for number in sorted(self.parts):
            part = self.parts[number]
            page_blocks, page_notes = part.result() if isinstance(part, Future) else part
            blocks.extend(page_blocks)
            notes.extend(page_notes)
        return blocks, notes


def _password_error(error: BaseException | None, depth: int = 0) -> bool:
    """Whether pdfminer's PDFPasswordIncorrect is anywhere in the chain (pdfplumber and the
    PDF extractor each wrap it in their own exception)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if error is None or depth > 4:
        return False
    if isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
        return True
    linked = [error.__cause__, error.__context__, *[a for a in error.args if isinstance(a, BaseException)]]
    return any(_password_error(item, depth + 1) for item in linked)


def _render(page) -> np.ndarray:
    """A PDF page as an RGB array at RENDER_DPI, or coarser so it stays within MAX_PIXELS.

    A page's size is whatever its MediaBox claims: a hostile 200-inch page at 200 dpi would
    be a 5 GB bitmap, so the resolution is lowered to fit, and a page too big to read even
    at MIN_RENDER_DPI is refused (DocumentTooLarge).
    """
    area = max(float(page.width), 1.0) * max(float(page.height), 1.0) / 72 ** 2  # square inches
    dpi = min(RENDER_DPI, (MAX_PIXELS / area) ** 0.5)
    if dpi < MIN_RENDER_DPI:
        raise DocumentTooLarge(f"a PDF page of {page.width:.0f} x {page.height:.0f} points is too big to read by OCR")
    image = page.to_image(resolution=dpi, antialias=True).original.convert("RGB")
    return np.array(image)


def _finish(blocks: list[Block], notes: list[str], source: str, scanned: list[int]) -> Document:
    if not any(isinstance(b, Table) or b.text.strip() for b in blocks):
        raise NoTextLayer("no text layer and no text found by OCR (a picture or a blank scan)")
    if scanned:
        pages = ", ".join(str(n) for n in scanned)
        notes.insert(0, f"ocr: page(s) {pages} are scans: their text and numbers were read by OCR "
                        f"(numbers kept only at confidence >= {OCR_MIN_CONFIDENCE:.2f})")
    return Document(tuple(blocks), source, notes=tuple(notes))


def ocr_page(image: np.ndarray, number: int) -> tuple[list[Block], list[str]]:
    """One page image into blocks, plus notes naming the numbers OCR was unsure of.

    The detector's boxes place the text outside tables and the lines of multi-line table
    cells; a table cell holding one line is read from its own ink box, which is exact
    whatever the detector's resolution. Every line of the page is read in one call, so the
    OCR threads share the page's work."""
    image = deskew(image)
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    grids = find_grids(gray)
    boxes = detect(image)
    typical = _typical_height(gray, boxes)
    if grids and typical:
        image = erase_lines(image, gray, int(typical * _GLYPH_TO_RULE))
    outside = [box for box in boxes if not any(_inside(box, grid) for grid in grids)]
    cells = [_cell_boxes(grid, [box for box in boxes if _inside(box, grid)], image, typical) for grid in grids]
    wanted = outside + [box for table in cells for _, box in table]
    read = iter(recognise(image, wanted))
    lines = [line for line in (next(read) for _ in outside) if _kept(line)]
    filled = [[(cell, line) for (cell, _), line in zip(table, read) if _kept(line)] for table in cells]
    page = _Page(number)
    items: list[tuple[float, object]] = [(grid.bbox[1], (grid, table)) for grid, table in zip(grids, filled)]
    items.extend(((line.box[1] + line.box[3]) / 2, line) for line in lines)
    blocks: list[Block] = []
    band: list[Line] = []
    for _, item in sorted(items, key=lambda pair: pair[0]):
        if isinstance(item, Line):
            band.append(item)
            continue
        blocks.extend(_text_blocks(band))
        band = []
        table = _table(*item, typical, page)
        if table.rows:
            blocks.append(table)
    blocks.extend(_text_blocks(band))
    return blocks, page.doubtful


def _typical_height(gray: np.ndarray, boxes: list[tuple[float, float, float, float]]) -> float:
    """The page's text-line height: the median over the detector's boxes of the height of
    the ink inside each (the boxes' own height grows as the detector's resolution drops)."""
    dark = cv2.medianBlur(gray, 3) < 128
    heights = []
    for x0, y0, x1, y1 in boxes:
        share = dark[int(y0):int(y1) + 1, int(x0):int(x1) + 1].mean(axis=1)
        rows = np.flatnonzero((share > 0) & (share < 0.8))  # a row dark all across is a table rule
        if len(rows):  # the tallest run of inked rows: a neighbour's ink caught by the box is apart
            runs = np.split(rows, np.flatnonzero(np.diff(rows) > 2) + 1)
            heights.append(float(max(run[-1] - run[0] + 1 for run in runs)))
    return float(np.median(heights)) * _BOX_TO_INK if heights else 0.0


def _kept(line: Line) -> bool:
    """Whether a line is text (or a number), not a stain or a picture."""
    return line.confidence >= _NOISE or line.number is not None


def deskew(image: np.ndarray) -> np.ndarray:
    """Turn the page so its long ruled lines (or text rows) are level; scans lean 0.5-3°."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)  # the angle, 4x cheaper
    edges = cv2.Canny(small, 50, 150)
    found = cv2.HoughLinesP(edges, 1, math.pi / 1800, threshold=100, minLineLength=small.shape[1] // 4, maxLineGap=3)
    width = gray.shape[1]
    if found is None:
        return image
    angles = [math.degrees(math.atan2(y2 - y1, x2 - x1)) for x1, y1, x2, y2 in np.asarray(found).reshape(-1, 4).tolist()]
    level = [a for a in angles if abs(a) < 5]
    if not level:
        return image
    angle = float(np.median(level))
    if abs(angle) < 0.05:
        return image
    height = gray.shape[0]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def _inside(box: tuple[float, float, float, float], grid: Grid) -> bool:
    x0, y0, x1, y1 = grid.bbox
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return x0 <= cx <= x1 and y0 <= cy <= y1


def _text_blocks(band: list[Line]) -> list[Block]:
    """Text lines outside tables, grouped into rows by their vertical centre."""
    if not band:
        return []
    rows: list[list[Line]] = []
    for line in sorted(band, key=lambda l: (l.box[1] + l.box[3]) / 2):
        centre = (line.box[1] + line.box[3]) / 2
        if rows and abs(centre - _centre(rows[-1][-1])) < (line.box[3] - line.box[1]) * 0.5:
            rows[-1].append(line)
        else:
            rows.append([line])
    text = "\n".join("".join(l.text for l in sorted(row, key=lambda l: l.box[0])) for row in rows)
    from analyzers.extract.pdf import unwrap_lines

    return list(extract_text(unwrap_lines(normalize_text(text)), "pdf").blocks)


def _centre(line: Line) -> float:
    return (line.box[1] + line.box[3]) / 2


def _cell_boxes(grid: Grid, boxes: list[tuple[float, float, float, float]], image: np.ndarray,
                typical: float) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(cell, box) for every line to read in a table: the detector's lines of a cell that
    holds several (or too little ink to box), else the cell's ink box (so a cell the
    detector missed is read too)."""
    found: dict[int, list[tuple[float, float, float, float]]] = {}
    for box in boxes:
        slot = grid.slot_at((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        if slot is not None:
            found.setdefault(grid.cells[slot[0]][slot[1]], []).append(box)
    inked = _inked_cells(grid, image, typical)
    out = [(cell, box) for cell, cell_boxes in found.items() if len(cell_boxes) > 1 or cell not in inked
           for box in cell_boxes]
    return out + [(cell, box) for cell, box in inked.items() if len(found.get(cell, ())) <= 1]


def _table(grid: Grid, lines: list[tuple[int, Line]], typical: float, page: _Page) -> Table:
    """The grid's cells filled with their lines' text; merged cells repeat in every slot."""
    texts: dict[int, list[Line]] = {}
    for cell, line in lines:
        texts.setdefault(cell, []).append(line)
    values = {cell: _cell_value(cell_lines, typical, page, grid, cell) for cell, cell_lines in texts.items()}
    return Table(tuple(tuple(values.get(cell, "") for cell in row) for row in grid.cells))


def _inked_cells(grid: Grid, image: np.ndarray, typical: float) -> dict[int, tuple[float, float, float, float]]:
    """Cells (rules already erased) with more dark pixels than a speck: the box around them."""
    gray = cv2.medianBlur(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), 3)
    least = max(4.0, (typical * 0.25) ** 2)
    found = {}
    for cell, (x0, y0, x1, y1) in grid.cell_bounds().items():
        inner = gray[y0 + 4:y1 - 3, x0 + 4:x1 - 3]
        ys, xs = np.nonzero(inner < 128) if inner.size else ((), ())
        if len(ys) >= least:
            found[cell] = (x0 + 4 + xs.min(), y0 + 4 + ys.min(), x0 + 5 + xs.max(), y0 + 5 + ys.max())
    return found


def _cell_value(lines: list[Line], typical: float, page: _Page, grid: Grid, cell: int) -> str:
    """A cell's text; a number only when OCR is confident, else empty plus a note."""
    ordered = sorted(lines, key=lambda l: (round(_centre(l) / max(typical, 1)), l.box[0]))
    if len(ordered) == 1 and ordered[0].number is not None:
        line = ordered[0]
        if line.text.isdigit() or (line.box[3] - line.box[1]) >= typical * _LOW_HEIGHT:
            page.numbers += 1
            if line.number_confidence >= OCR_MIN_CONFIDENCE and _NUMBER.match(line.number):
                return line.number
            row, column = grid.slot_of(cell)
            page.doubtful.append(f"ocr: page {page.number}, table cell row {row + 1} column {column + 1}: "
                                 f"read '{line.number}' at confidence {line.number_confidence:.2f}; left empty")
            return ""
    return normalize_text("".join(line.text for line in ordered)).strip()
