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
# Lines are recognised one at a time (one ONNX thread each: batching crops of different
# widths only adds padding, measured slower per line at every width) on this many threads,
# which share one engine: ONNX Runtime's run() is thread-safe and releases the GIL.
OCR_THREADS = 2
_ENGINE = None
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


def _engine():
    """The RapidOCR engine, built once per process (0.3 s: the models load from the package);
    its sessions run with one thread each, as many at once as OCR_THREADS."""
    global _ENGINE, _POOL
    with _LOCK:
        if _ENGINE is None:
            from rapidocr_onnxruntime import RapidOCR

            _ENGINE = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
            _POOL = ThreadPoolExecutor(max_workers=OCR_THREADS, thread_name_prefix="ocr")
    return _ENGINE


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
    e.g. with its table rules erased)."""
    if not boxes:
        return []
    engine = _engine()
    recogniser = engine.text_rec
    characters = recogniser.postprocess_op.character
    tables = (characters, [characters.index(c) for c in _DIGITS if c in characters],
              {i for i, c in enumerate(characters) if c in _DIGITS or c in "oO〇。IlL|，,'·"})
    widest_first = sorted(range(len(boxes)), key=lambda i: boxes[i][0] - boxes[i][2])  # even finish
    readings = _POOL.map(lambda i: _read(recogniser, _crop(image, boxes[i]), tables), widest_first)
    out: dict[int, tuple] = dict(zip(widest_first, readings))
    return [Line(box, *out[i]) for i, box in enumerate(boxes)]


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


def _read(recogniser, crop: np.ndarray, tables: tuple) -> tuple:
    """(text, confidence, number, number_confidence) of one cleaned crop."""
    probs = recogniser.session(_tensor(crop))[0][0]
    return _decode(probs, *tables)


def _tensor(crop: np.ndarray) -> np.ndarray:
    """The crop scaled to REC_HEIGHT and normalised to [-1, 1], zero-padded (as the package
    pads) to at least REC_MIN_RATIO line heights wide."""
    height, width = crop.shape[:2]
    scaled = max(1, int(round(REC_HEIGHT * width / max(height, 1))))
    resized = cv2.resize(crop, (scaled, REC_HEIGHT)).astype(np.float32) / 127.5 - 1.0
    tensor = np.zeros((1, 3, REC_HEIGHT, max(scaled, int(REC_HEIGHT * REC_MIN_RATIO))), dtype=np.float32)
    tensor[0, :, :, :scaled] = resized.transpose(2, 0, 1)
    return tensor


def _decode(probs: np.ndarray, characters: list[str], digit_ids: list[int], confusable: set[int]) -> tuple:
    """CTC greedy decode; plus the digits-only decode when every character could be a digit."""
    best = probs.argmax(axis=1)
    text, scores, keep = [], [], []
    previous = 0
    for step, index in enumerate(best):
        if index != 0 and index != previous:
            text.append(characters[index])
            scores.append(float(probs[step, index]))
            keep.append(step)
        previous = index
    confidence = float(np.mean(scores)) if scores else 0.0
    if not keep or any(best[step] not in confusable for step in keep):
        return "".join(text), confidence, None, 0.0
    digit_probs = probs[keep][:, digit_ids]
    chosen = digit_probs.argmax(axis=1)
    shares = digit_probs.max(axis=1) / np.maximum(digit_probs.sum(axis=1), 1e-9)
    number = "".join(characters[digit_ids[i]] for i in chosen)
    return "".join(text), confidence, number, float(shares.min())
