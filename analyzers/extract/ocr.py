"""OCR with RapidOCR (PP-OCRv4 models shipped inside the `rapidocr-onnxruntime` package).

The package's detector finds text lines; recognition is run here on the same model so that
each line also gets a digits-only reading: a table cell of the report holds a number, and
PP-OCR reads a lone '0' as 'o' or '。' with a low score. The digits-only reading restricts
the model's choice per character to 0-9 (and . -), and its confidence is the model's
probability of that digit among the digits, so '0' vs '8' doubt still shows as a low score.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np

_DIGITS = "0123456789.-"
# Detection runs on the page shrunk to this side: an A4 page at 200 dpi (2339 px) as it is,
# a 300-400 dpi scan shrunk (its text is still >= 20 px). Shrinking a 200 dpi page further
# costs box precision: lone digits are then read with less confidence.
DETECT_MAX_SIDE = 2400
_BATCH = 8
_ENGINE = None
_LOCK = threading.Lock()  # the ONNX sessions are shared: one page at a time per process


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
    """The RapidOCR engine, built once per process (0.3 s: the models load from the package)."""
    global _ENGINE
    if _ENGINE is None:
        from rapidocr_onnxruntime import RapidOCR

        _ENGINE = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
    return _ENGINE


def detect(image: np.ndarray) -> list[tuple[float, float, float, float]]:
    """The boxes (x0, y0, x1, y1) of every text line of an RGB page image, top to bottom."""
    scale = min(1.0, DETECT_MAX_SIDE / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    with _LOCK:
        quads, _ = _engine().text_det(small)
    if quads is None or len(quads) == 0:
        return []
    return sorted(tuple(v / scale for v in _bounds(quad)) for quad in quads)


def recognise(image: np.ndarray, boxes: list[tuple[float, float, float, float]]) -> list[Line]:
    """Read the text in each box of `image` (which may differ from the one detected on,
    e.g. with its table rules erased)."""
    if not boxes:
        return []
    with _LOCK:
        readings = _recognise(_engine().text_rec, [_crop(image, box) for box in boxes])
    return [Line(box, *reading) for box, reading in zip(boxes, readings)]


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


def _recognise(recogniser, crops: list[np.ndarray]) -> list[tuple]:
    """(text, confidence, number, number_confidence) per crop, batched like the package does:
    crops of similar width together, so a long line does not pad a batch of lone digits."""
    characters = recogniser.postprocess_op.character
    digit_ids = [characters.index(c) for c in _DIGITS if c in characters]
    confusable = {i for i, c in enumerate(characters) if c in _DIGITS or c in "oO〇。IlL|，,'·"}
    ratios = [c.shape[1] / max(c.shape[0], 1) for c in crops]
    order = sorted(range(len(crops)), key=ratios.__getitem__)
    out: list[tuple] = [()] * len(crops)
    _, height, width = recogniser.rec_image_shape
    for start in range(0, len(order), _BATCH):
        batch = order[start:start + _BATCH]
        ratio = max([width / height] + [ratios[i] for i in batch])
        tensor = np.stack([recogniser.resize_norm_img(crops[i], ratio) for i in batch]).astype(np.float32)
        for index, probs in zip(batch, recogniser.session(tensor)[0]):
            out[index] = _decode(probs, characters, digit_ids, confusable)
    return out


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
