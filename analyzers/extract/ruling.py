"""Ruled tables on a page image: rows, columns and merged cells from the drawn lines.

Long horizontal and vertical strokes are kept by morphological opening (OpenCV); each
connected group of them is a table; the line positions give a grid of slots, and two
neighbouring slots with no line between them belong to one merged cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

_MIN_TABLE_SIDE = 40  # px: smaller line groups are underlines or boxes, not tables
_SLACK = 6  # px a line may stray from its mean position (a page deskewed to within ~0.2°)
_SEPARATOR_SHARE = 0.9  # share of a slot's edge a line must cover to separate two slots


@dataclass(frozen=True)
class Grid:
    """One table: line positions and, for every slot (row, column), the id of its cell."""

    bbox: tuple[int, int, int, int]
    ys: tuple[int, ...]
    xs: tuple[int, ...]
    cells: tuple[tuple[int, ...], ...]

    def slot_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The (row, column) slot holding a point, or None outside the table."""
        row = int(np.searchsorted(self.ys, y)) - 1
        column = int(np.searchsorted(self.xs, x)) - 1
        if 0 <= row < len(self.ys) - 1 and 0 <= column < len(self.xs) - 1:
            return row, column
        return None

    def slot_of(self, cell: int) -> tuple[int, int]:
        """The top-left (row, column) slot of a cell."""
        for r, row in enumerate(self.cells):
            if cell in row:
                return r, row.index(cell)
        return 0, 0

    def cell_bounds(self) -> dict[int, tuple[int, int, int, int]]:
        """Each cell's rectangle (x0, y0, x1, y1): the union of its slots."""
        bounds: dict[int, tuple[int, int, int, int]] = {}
        for r, row in enumerate(self.cells):
            for c, cell in enumerate(row):
                box = (int(self.xs[c]), int(self.ys[r]), int(self.xs[c + 1]), int(self.ys[r + 1]))
                if cell in bounds:
                    old = bounds[cell]
                    box = (min(box[0], old[0]), min(box[1], old[1]), max(box[2], old[2]), max(box[3], old[3]))
                bounds[cell] = box
        return bounds


def line_masks(gray: np.ndarray, stroke: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical stroke masks of a grayscale page; only strokes longer than
    `stroke` px are kept (default: a fraction of the page)."""
    binary = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    height, width = gray.shape
    across = stroke or max(20, width // 40)
    down = stroke or max(12, height // 100)
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (across, 1)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, down)))
    # close one-pixel gaps left by noise so a line stays one line
    horizontal = cv2.dilate(horizontal, np.ones((3, 3), np.uint8))
    vertical = cv2.dilate(vertical, np.ones((3, 3), np.uint8))
    return horizontal, vertical


def erase_lines(image: np.ndarray, gray: np.ndarray, stroke: int) -> np.ndarray:
    """The page with its ruled lines painted white: a rule beside a lone digit is read
    as '1', 'l' or '[' otherwise. `stroke` (px) is longer than any glyph's stroke."""
    horizontal, vertical = line_masks(gray, stroke)
    mask = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8)) > 0
    cleaned = image.copy()
    cleaned[mask] = 255
    return cleaned


def find_grids(gray: np.ndarray) -> list[Grid]:
    """Every ruled table of the page, top to bottom."""
    horizontal, vertical = line_masks(gray)
    count, _, stats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_or(horizontal, vertical))
    grids = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < _MIN_TABLE_SIDE or h < _MIN_TABLE_SIDE:
            continue
        grid = _grid(horizontal[y:y + h, x:x + w], vertical[y:y + h, x:x + w], (x, y))
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.bbox[1])


def _positions(profile: np.ndarray, minimum: float) -> list[int]:
    """Centres of the runs where a projection profile reaches `minimum`."""
    positions, start = [], None
    for index, value in enumerate(np.append(profile, 0)):
        if value >= minimum and start is None:
            start = index
        elif value < minimum and start is not None:
            positions.append((start + index - 1) // 2)
            start = None
    return positions


def _grid(horizontal: np.ndarray, vertical: np.ndarray, origin: tuple[int, int]) -> Grid | None:
    height, width = horizontal.shape
    ys = _positions((horizontal > 0).sum(axis=1), width * 0.05)
    xs = _positions((vertical > 0).sum(axis=0), min(height * 0.5, 40))
    if len(ys) < 2:
        return None
    # a column line runs the full height of at least one row (a glyph's stroke never does)
    xs = [x for x in xs if any(_covered(vertical, x, a + 3, b - 3, False) for a, b in zip(ys, ys[1:]))]
    if len(xs) < 2 or (len(xs) - 1) * (len(ys) - 1) < 2:
        return None  # one slot is a frame or a filled box, not a table
    cells = _merge_slots(horizontal, vertical, ys, xs)
    ox, oy = origin
    return Grid((ox, oy, ox + width, oy + height), tuple(y + oy for y in ys), tuple(x + ox for x in xs), cells)


def _covered(mask: np.ndarray, fixed: int, lo: int, hi: int, along_x: bool) -> bool:
    """Whether a line runs along row/column `fixed` over most of [lo, hi)."""
    if hi <= lo:
        return True
    near = slice(max(0, fixed - _SLACK), fixed + _SLACK + 1)
    band = mask[near, lo:hi] if along_x else mask[lo:hi, near]
    hits = band.any(axis=0) if along_x else band.any(axis=1)
    return hits.mean() >= _SEPARATOR_SHARE


def _merge_slots(horizontal: np.ndarray, vertical: np.ndarray, ys: list[int], xs: list[int]) -> tuple:
    """Union the slots that no line separates; returns a cell id per slot."""
    rows, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * columns))

    def find(i: int) -> int:
        """The root slot of `i`'s merged cell (path halving)."""
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(columns):
            here = r * columns + c
            if c + 1 < columns and not _covered(vertical, xs[c + 1], ys[r] + 3, ys[r + 1] - 3, False):
                parent[find(here)] = find(here + 1)
            if r + 1 < rows and not _covered(horizontal, ys[r + 1], xs[c] + 3, xs[c + 1] - 3, True):
                parent[find(here)] = find(here + columns)
    return tuple(tuple(find(r * columns + c) for c in range(columns)) for r in range(rows))
