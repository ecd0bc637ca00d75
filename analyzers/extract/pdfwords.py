"""Table rows rebuilt from word coordinates, for PDF tables whose rows are not ruled.

A table drawn with column lines only (or a 'three-line' table: a rule above, a rule below,
column lines between) is one row to pdfplumber: every cell then holds a whole column, and
its text comes out column by column ('结果维持321'). The open sides of such a table (no
line left of the first column or right of the last) are not even inside the table found.
Here the words of the table's band are laid out again: columns from the drawn column
lines (plus the open outer columns and the gaps between columns of numbers), text lines
from the words' heights, and rows from the gaps between lines (a cell's wrapped lines sit
closer together than rows do), split where one group holds several lines of numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analyzers.extract.blocks import normalize_text
from analyzers.extract.pdfcolumns import header_gaps, text_lines

_NUMBER = re.compile(r"^[+\-－]?\d[\d,，]*(\.\d+)?[件条个项]?$")
_CELL_GAP = 0.6  # lines closer than this many line heights are one cell's wrapped text
_EDGE = 1.0  # pt: a word this far past a column line is outside the table


@dataclass
class _Line:
    """One text line of the table: its vertical extent and its text per column."""

    top: float
    bottom: float
    cells: dict[int, list[tuple[float, str]]] = field(default_factory=dict)  # column -> (x0, word)
    spans: list[tuple[float, float]] = field(default_factory=list)  # every word's (x0, x1)

    def text(self, column: int) -> str:
        """The column's words on this line, left to right."""
        return "".join(word for _, word in sorted(self.cells.get(column, [])))

    def has_number(self) -> bool:
        """Whether some cell of the line is a number: the line is (part of) a data row."""
        return any(_NUMBER.match(self.text(c)) for c in self.cells)


def stacked_rows(rows: list[list[str | None]]) -> bool:
    """Whether the table's rows are not ruled: cells of several lines holding two or more
    lines of numbers between them (a ruled cell holds one number)."""
    numeric = 0
    for row in rows:
        for cell in row:
            lines = [line.strip() for line in (cell or "").split("\n") if line.strip()]
            if len(lines) >= 2:
                numeric += sum(1 for line in lines if _numbers_only(line))
    return numeric >= 2


def _numbers_only(line: str) -> bool:
    return all(_NUMBER.match(token) for token in line.split())


def column_edges(cells: list[tuple[float, float, float, float]]) -> list[float]:
    """The x positions of a table's column lines, left to right."""
    return sorted({round(c[0], 1) for c in cells} | {round(c[2], 1) for c in cells})


def words_outside(words: list[dict], edges: list[float]) -> bool:
    """Whether some word of the table's band lies left or right of its outer column lines."""
    return any(w["text"].strip() and (w["x1"] <= edges[0] - _EDGE or w["x0"] >= edges[-1] + _EDGE) for w in words)


def rebuild_rows(words: list[dict], edges: list[float]) -> tuple[tuple[str, ...], ...]:
    """The table's rows from the words of its band and its column lines (open outer
    columns added when words lie beyond them)."""
    edges = _with_open_sides(words, edges)
    edges = _with_header_columns(words, edges)
    lines = _lines(words, edges)
    split = _split_columns(lines, edges)
    if split != edges:
        edges, lines = split, _lines(words, split)
    if not lines:
        return ()
    groups = _row_groups(lines)
    width = len(edges) - 1
    return tuple(tuple(normalize_text("".join(line.text(c) for line in group)).strip() for c in range(width))
                 for group in groups)


def _with_open_sides(words: list[dict], edges: list[float]) -> list[float]:
    """Column edges plus an outer column on each side that holds words."""
    left = [w["x0"] for w in words if w["x1"] <= edges[0] - _EDGE]
    right = [w["x1"] for w in words if w["x0"] >= edges[-1] + _EDGE]
    return ([min(left) - _EDGE] if left else []) + list(edges) + ([max(right) + _EDGE] if right else [])


def _with_header_columns(words: list[dict], edges: list[float]) -> list[float]:
    """Column edges plus one between every two leaf column names of the header that no
    drawn line separates (column lines left out under merged header cells): a column whose
    cells are blank on some rows is still one."""
    added = [(low + high) / 2 for low, high in header_gaps(words) if edges[0] < low and high < edges[-1]
             and not any(low - _EDGE <= edge <= high + _EDGE for edge in edges)]
    return sorted(edges + added)


def _split_columns(lines: list[_Line], edges: list[float]) -> list[float]:
    """Column edges plus one in every gap between the words of the numeric lines: several
    columns drawn without a line between them are told apart by where their numbers sit."""
    spans = sorted((x0, x1) for line in lines if line.has_number() for x0, x1 in line.spans)
    if not spans:
        return edges
    added: list[float] = []
    right = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > right + _EDGE and not any(right <= edge <= x0 for edge in edges):
            added.append((right + x0) / 2)
        right = max(right, x1)
    return sorted(edges + added)


def _column(x: float, edges: list[float]) -> int:
    """The column a word's centre falls in (edge columns take what lies beyond)."""
    for index in range(1, len(edges) - 1):
        if x < edges[index]:
            return index - 1
    return len(edges) - 2


def _lines(words: list[dict], edges: list[float]) -> list[_Line]:
    """Words grouped into text lines by vertical overlap, top to bottom, each word in its column."""
    lines = []
    for top, bottom, line_words in text_lines(words):
        line = _Line(top, bottom)
        for word in line_words:
            column = _column((word["x0"] + word["x1"]) / 2, edges)
            line.cells.setdefault(column, []).append((word["x0"], word["text"]))
            line.spans.append((word["x0"], word["x1"]))
        lines.append(line)
    return lines


def _row_groups(lines: list[_Line]) -> list[list[_Line]]:
    """Lines into rows: lines set close together are one row's wrapped cells, and a group
    with several numeric lines is split at them. A group without numbers stays a row of its
    own (a header, or a data row left blank): joined to a neighbour, its label would take
    that row's numbers."""
    return _split_numeric(_by_gaps(lines))


def _by_gaps(lines: list[_Line]) -> list[list[_Line]]:
    """Consecutive lines closer than _CELL_GAP line heights share a group."""
    heights = sorted(line.bottom - line.top for line in lines)
    typical = heights[len(heights) // 2]
    groups = [[lines[0]]]
    for previous, line in zip(lines, lines[1:]):
        if line.top - previous.bottom <= typical * _CELL_GAP:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _split_numeric(groups: list[list[_Line]]) -> list[list[_Line]]:
    """A group with several numeric lines is several rows: each other line goes with the
    nearest numeric line (the later one on a tie, as a wrapped label leads its numbers)."""
    out: list[list[_Line]] = []
    for group in groups:
        anchors = [i for i, line in enumerate(group) if line.has_number()]
        if len(anchors) < 2:
            out.append(group)
            continue
        rows: list[list[_Line]] = [[] for _ in anchors]
        for index, line in enumerate(group):
            nearest = min(range(len(anchors)), key=lambda a: (abs(anchors[a] - index), -a))
            rows[nearest].append(line)
        out.extend(rows)
    return out
