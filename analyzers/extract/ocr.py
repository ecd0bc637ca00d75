"""OCR with RapidOCR (PP-OCRv4 models shipped inside the `rapidocr-onnxruntime` package).

The package's detector finds text lines; recognition is run here on the same model so that
each line also gets a digits-only reading: a table cell of the report holds a number, and
PP-OCR reads a lone '0' as 'o' or '。' with a low score. The digits-only reading restricts
the model's choice per character to 0-9 (and . -), and its confidence is the model's
probability of that digit among the digits, so '0' vs '8' doubt still shows as a low score.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import cv2
import numpy as np

_DIGITS = "0123456789.-"
# Detection runs on the page shrunk to this side. Its boxes only say where the text lines
# are: table cells are read from their own ink box (scan.py), so a coarse box costs nothing
# there, and the detector's time grows with the square of the side (an A4 page at 200 dpi,
# 2339 px: 1.8 s of CPU; at 1200 px: 0.4 s).
DETECT_MAX_SIDE = 1200
# Recognition input height, the model's own: at 40 px its time drops by a third but 3-8 %
# of the characters of a paragraph are lost (at 32 px, 30-55 %).
REC_HEIGHT = 48
# Narrowest recognition input, in line heights, as the package pads: a lone digit padded
# less (4, 2.5, 1.5) costs less (13, 9.5, 7 ms instead of 21) but is read with confidence
# below 0.90 five to ten times as often (measured on 215 table cells).
REC_MIN_RATIO = 320 / 48
# Short lines (a table cell's lone number, a short label) are read several to a strip: a
# line narrower than REC_MIN_RATIO line heights costs as much as a full 320 px input, so up
# to STRIP_WIDTH px of them, each with STRIP_GAP px of the package's grey padding on either
# side, go through the model in one call and each line's share of the output is decoded on
# its own (half the CPU of one call per line, measured on 807 table cells). A grey gap reads
# as nothing; a white one (or a wider grey one) made the model read across the gap.
STRIP_WIDTH = 480
STRIP_GAP = 48
# A line read in a strip whose reading is below this confidence (its text, or its digits when
# it looks like a number), or whose plain reading differs from its digits, is read again
# alone: on 807 cells the strip left 17 numbers below the 0.90 bar that a line read alone
# passes, and read some '0' as 'o'; re-read, every number equals the lone reading.
REREAD_BELOW = 0.95
# Lines (or strips) are recognised one at a time (one ONNX thread each: batching inputs
# only adds padding and was measured slower per line at every width) on this many threads,
# which share one engine: ONNX Runtime's run() is thread-safe and releases the GIL.
OCR_THREADS = 2
_ENGINE: "_Engine | None" = None
_POOL: ThreadPoolExecutor | None = None
_LOCK = threading.Lock()  # builds the engine and the pool once


@dataclass(frozen=True)
class Line:
    """One recognised text line: its box (x0, y0, x1, y1), text and confidence (0-1), and
    the digits-only reading when the line looks like a number."""

    box: tuple[float, float, float, float]
    text: str
    confidence: float
    number: str | None = None
    number_confidence: float = 0.0


class _Engine:
    """The package's text detector and recogniser (its angle classifier is never run: pages
    are deskewed first, so its model is not loaded)."""

    def __init__(self) -> None:
        from rapidocr_onnxruntime.ch_ppocr_det import TextDetector
        from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
        from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
        from rapidocr_onnxruntime.utils import read_yaml, update_model_path

        config = update_model_path(read_yaml(str(DEFAULT_CFG_PATH)))
        with _sessions_tuned():
            self.text_det = TextDetector(config["Det"])
            self.text_rec = TextRecognizer(config["Rec"])


def _engine() -> _Engine:
    """The OCR engine, built once per process (0.2 CPU s: each model is loaded once, from the
    package); its sessions run with one thread each, as many at once as OCR_THREADS."""
    global _ENGINE, _POOL
    with _LOCK:
        if _ENGINE is None:
            _ENGINE = _Engine()
            _POOL = ThreadPoolExecutor(max_workers=OCR_THREADS, thread_name_prefix="ocr")
    return _ENGINE


@contextmanager
def _sessions_tuned():
    """While the engine is built, the package's ONNX Runtime sessions get one thread each and
    their memory arena on: the package turns the arena off, so every run would allocate its
    buffers afresh (10-20 % more CPU per line and per page, measured). The package builds its
    session options in one place; it is changed here, under _LOCK, and put back."""
    from rapidocr_onnxruntime.utils.infer_engine import OrtInferSession

    package = OrtInferSession.__dict__["_init_sess_opts"]

    def tuned(config):
        options = package.__func__(config)
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = True
        return options

    OrtInferSession._init_sess_opts = staticmethod(tuned)
    try:
        yield
    finally:
        OrtInferSession._init_sess_opts = package


def detect(image: np.ndarray) -> list[tuple[float, float, float, float]]:
    """The boxes (x0, y0, x1, y1) of every text line of an RGB page image, top to bottom."""
    scale = min(1.0, DETECT_MAX_SIDE / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    quads, _ = _engine().text_det(small)
    if quads is None or len(quads) == 0:
        return []
    return sorted(tuple(v / scale for v in _bounds(quad)) for quad in quads)


def recognise(image: np.ndarray, boxes: list[tuple[float, float, float, float]]) -> list[Line]:
    """Read the text in each box of `image` (which may differ from the one detected on,
    e.g. with its table rules erased). Short lines are read several to a strip (STRIP_WIDTH),
    and any of them read with doubt is read again alone."""
    if not boxes:
        return []
    recogniser = _engine().text_rec
    characters = recogniser.postprocess_op.character
    tables = (characters, [characters.index(c) for c in _DIGITS if c in characters],
              {i for i, c in enumerate(characters) if c in _DIGITS or c in "oO〇。IlL|，,'·"})
    scaled = [_scaled(_crop(image, box)) for box in boxes]
    groups = _strips([line.shape[2] for line in scaled])
    groups.sort(key=lambda group: -sum(scaled[i].shape[2] for i in group))  # widest first: an even finish
    out: dict[int, tuple] = {}
    for group, readings in zip(groups, _POOL.map(lambda g: _read(recogniser, [scaled[i] for i in g], tables), groups)):
        out.update(zip(group, readings))
    again = [i for group in groups if len(group) > 1 for i in group if _doubtful(out[i])]
    for i, reading in zip(again, _POOL.map(lambda i: _read(recogniser, [scaled[i]], tables)[0], again)):
        out[i] = reading
    return [Line(box, *out[i]) for i, box in enumerate(boxes)]


def _strips(widths: list[int]) -> list[list[int]]:
    """The lines (indexes) read together: each line as wide as REC_MIN_RATIO line heights or
    wider alone, narrower ones in order, as many as fit in STRIP_WIDTH with their gaps."""
    groups: list[list[int]] = []
    current: list[int] = []
    used = STRIP_GAP
    for index, width in enumerate(widths):
        if width >= REC_HEIGHT * REC_MIN_RATIO:
            groups.append([index])
            continue
        if current and used + width + STRIP_GAP > STRIP_WIDTH:
            groups.append(current)
            current, used = [], STRIP_GAP
        current.append(index)
        used += width + STRIP_GAP
    return groups + ([current] if current else [])


def _doubtful(reading: tuple) -> bool:
    """Whether a reading from a strip is to be read again alone: read below REREAD_BELOW, or
    a number whose plain reading is not its digits (a '0' read 'o' in a strip is read '0'
    alone, and a cell of several lines keeps the plain text)."""
    text, confidence, number, number_confidence = reading
    if number is None:
        return confidence < REREAD_BELOW
    return number_confidence < REREAD_BELOW or text != number


def _bounds(quad) -> tuple[float, float, float, float]:
    xs, ys = [float(p[0]) for p in quad], [float(p[1]) for p in quad]
    return min(xs), min(ys), max(xs), max(ys)


def _crop(image: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The box as drawn, a little padded: pages are deskewed first, so no perspective warp,
    and a lone digit's tall box is never turned on its side as vertical text would be."""
    x0, y0, x1, y1 = box
    pad = max(2, int((y1 - y0) * 0.15))
    height, width = image.shape[:2]
    crop = image[max(0, int(y0) - pad):min(height, int(y1) + pad), max(0, int(x0) - pad):min(width, int(x1) + pad)]
    return _clean(crop)


def _clean(crop: np.ndarray) -> np.ndarray:
    """Scanner noise off (median filter), then black on white (Otsu): a lone noisy '0' is
    otherwise read as 'o' or '。' with a low score."""
    gray = cv2.medianBlur(cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY), 3)
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return cv2.cvtColor(binary, cv2.COLOR_GRAY2RGB)


def _read(recogniser, lines: list[np.ndarray], tables: tuple) -> list[tuple]:
    """(text, confidence, number, number_confidence) of each scaled line, read in one call:
    one line padded (as the package pads) to REC_MIN_RATIO line heights, or several in a
    strip, STRIP_GAP apart, each decoded from the output steps over its own stretch."""
    if len(lines) == 1:
        width = max(lines[0].shape[2], int(REC_HEIGHT * REC_MIN_RATIO))
        starts = [0]
    else:
        starts = list(np.cumsum([STRIP_GAP] + [line.shape[2] + STRIP_GAP for line in lines[:-1]]))
        width = max(starts[-1] + lines[-1].shape[2] + STRIP_GAP, int(REC_HEIGHT * REC_MIN_RATIO))
    tensor = np.zeros((1, 3, REC_HEIGHT, width), dtype=np.float32)
    for start, line in zip(starts, lines):
        tensor[0, :, :, start:start + line.shape[2]] = line
    probs = recogniser.session(tensor)[0][0]
    if len(lines) == 1:
        return [_decode(probs, *tables)]
    step = width / probs.shape[0]  # pixels per output step (8)
    cuts = [0] + [int(round((start - STRIP_GAP / 2) / step)) for start in starts[1:]] + [probs.shape[0]]
    return [_decode(probs[a:b], *tables, trim=True) for a, b in zip(cuts, cuts[1:])]


def _scaled(crop: np.ndarray) -> np.ndarray:
    """The crop scaled to REC_HEIGHT, normalised to [-1, 1], channels first."""
    height, width = crop.shape[:2]
    scaled = max(1, int(round(REC_HEIGHT * width / max(height, 1))))
    return (cv2.resize(crop, (scaled, REC_HEIGHT)).astype(np.float32) / 127.5 - 1.0).transpose(2, 0, 1)


def _decode(probs: np.ndarray, characters: list[str], digit_ids: list[int], confusable: set[int],
            trim: bool = False) -> tuple:
    """CTC greedy decode; plus the digits-only decode when every character could be a digit.
    `trim`: spaces read at either end are dropped (a line's share of a strip: the grey gap
    beside a line is sometimes read as a space)."""
    best = probs.argmax(axis=1)
    text, scores, keep = [], [], []
    previous = 0
    for step, index in enumerate(best):
        if index != 0 and index != previous:
            text.append(characters[index])
            scores.append(float(probs[step, index]))
            keep.append(step)
        previous = index
    while trim and text and text[-1] == " ":
        text, scores, keep = text[:-1], scores[:-1], keep[:-1]
    while trim and text and text[0] == " ":
        text, scores, keep = text[1:], scores[1:], keep[1:]
    confidence = float(np.mean(scores)) if scores else 0.0
    if not keep or any(best[step] not in confusable for step in keep):
        return "".join(text), confidence, None, 0.0
    digit_probs = probs[keep][:, digit_ids]
    chosen = digit_probs.argmax(axis=1)
    shares = digit_probs.max(axis=1) / np.maximum(digit_probs.sum(axis=1), 1e-9)
    number = "".join(characters[digit_ids[i]] for i in chosen)
    return "".join(text), confidence, number, float(shares.min())
