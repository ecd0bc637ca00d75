"""Tables drawn as pictures inside a PDF that has a text layer: the picture's region is
rendered and read by the OCR of scanned pages (analyzers/extract/scan.py), so its table
comes out like a scanned one, with the same confidence rule and notes.

Only a picture that may be a table is read: wide (a seal, a logo or a portrait is not),
with no text drawn over it (a text layer means there is nothing to read), and holding a
ruled grid once rendered (a photo of an event has none). The number read per document
is bounded like scanned pages are.
"""

from __future__ import annotations

import numpy as np

from analyzers.extract.blocks import Block

_MIN_WIDTH_SHARE = 0.4  # of the page's width: narrower pictures are seals, logos, photos
_MIN_HEIGHT = 40.0  # pt: a table of at least two rows
_EDGE = 1.0  # pt
_READ = "ocr: page "  # the note of each picture read
# The text detector scales an image up until its short side has 736 px: a wide, low picture
# (table 四 is one or two rows) would be read at triple size. Padded with white below to
# this height, it is read at its own size, as a scanned page is.
_MIN_SIDE = 800


def picture_regions(page) -> list[tuple[float, float, float, float]]:
    """The boxes (x0, top, x1, bottom) of the page's wide pictures without text on them."""
    x0, top, x1, bottom = page.bbox
    boxes = []
    for image in page.images:
        box = (max(image["x0"], x0), max(image["top"], top), min(image["x1"], x1), min(image["bottom"], bottom))
        if box[2] - box[0] < (x1 - x0) * _MIN_WIDTH_SHARE or box[3] - box[1] < _MIN_HEIGHT:
            continue
        if any(_inside(char, box) for char in page.chars):
            continue
        boxes.append(box)
    return sorted(boxes, key=lambda box: box[1])


def _inside(char: dict, box: tuple[float, float, float, float]) -> bool:
    return (box[0] - _EDGE <= char["x0"] and char["x1"] <= box[2] + _EDGE
            and box[1] - _EDGE <= char["top"] and char["bottom"] <= box[3] + _EDGE)


def _padded(image: np.ndarray) -> np.ndarray:
    """The picture with white added below (and right) until both sides reach _MIN_SIDE px."""
    height, width = image.shape[:2]
    if min(height, width) >= _MIN_SIDE:
        return image
    canvas = np.full((max(height, _MIN_SIDE), max(width, _MIN_SIDE), 3), 255, dtype=image.dtype)
    canvas[:height, :width] = image
    return canvas


def read_picture(page, box: tuple[float, float, float, float], notes: list[str]) -> list[Block]:
    """The blocks OCR reads from the picture in `box` (none when it holds no ruled table),
    with a note naming the page and the notes on every doubtful number."""
    import cv2

    from analyzers.extract.ruling import find_grids
    from analyzers.extract.scan import MAX_OCR_PAGES, OCR_MIN_CONFIDENCE, RENDER_DPI, ocr_page

    if sum(note.startswith(_READ) for note in notes) >= MAX_OCR_PAGES:
        return []  # bounded like scanned pages: the time one document can take
    image = np.array(page.crop(box).to_image(resolution=RENDER_DPI, antialias=True).original.convert("RGB"))
    if not find_grids(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)):
        return []
    blocks, doubtful = ocr_page(_padded(image), page.page_number)
    notes.append(f"{_READ}{page.page_number} holds a table drawn as a picture: read by OCR "
                 f"(numbers kept only at confidence >= {OCR_MIN_CONFIDENCE:.2f})")
    notes.extend(doubtful)
    return blocks
