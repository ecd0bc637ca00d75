"""How far a ruled PDF table really reaches when its outer sides are open.

pdfplumber finds a table from the cells its lines close on all four sides. A table ruled
by inner lines only (no border: a line between every two rows and columns, none around)
closes no cell in its first or last row or column, so the table found stops short of its
header row and its last row, and those come out as loose text lines ('复议后起诉 1 0 0 0 1')
after the table. The lines themselves still show the whole table: its column lines run
from the top of the first row to the bottom of the last, and its row lines from the left
of the first column to the right of the last.
"""

from __future__ import annotations

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_TOUCH = 3.0  # pt: a line this close to the table is one of its lines (pdfplumber's snap)
_GROWN = _TOUCH  # pt: lines reaching further past the table than a snap are open sides (a row is taller)
_PASSES = 2  # the lines of the grown sides may reach further once


def ruled_extent(box: Box, edges: list[dict]) -> Box:
    """The table's box grown to the ends of the lines that cross or touch it: column lines
    within its width, row lines within its height."""
    for _ in range(_PASSES):
        grown = _grow(box, edges)
        if grown == box:
            break
        box = grown
    return box


def _grow(box: Box, edges: list[dict]) -> Box:
    x0, top, x1, bottom = box
    new = list(box)
    for edge in edges:
        if edge["orientation"] == "v" and _within(edge["x0"], x0, x1) and _overlap(edge["top"], edge["bottom"], top, bottom):
            new[1], new[3] = min(new[1], edge["top"]), max(new[3], edge["bottom"])
        elif edge["orientation"] == "h" and _within(edge["top"], top, bottom) and _overlap(edge["x0"], edge["x1"], x0, x1):
            new[0], new[2] = min(new[0], edge["x0"]), max(new[2], edge["x1"])
    return (new[0], new[1], new[2], new[3])


def _within(value: float, low: float, high: float) -> bool:
    return low - _TOUCH <= value <= high + _TOUCH


def _overlap(low: float, high: float, box_low: float, box_high: float) -> bool:
    return low <= box_high + _TOUCH and high >= box_low - _TOUCH


def open_sides(box: Box, extent: Box) -> bool:
    """Whether the table's lines reach past the table found (its outer sides are open)."""
    return (extent[0] < box[0] - _GROWN or extent[1] < box[1] - _GROWN
            or extent[2] > box[2] + _GROWN or extent[3] > box[3] + _GROWN)
