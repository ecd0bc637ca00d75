"""Unruled PDF tables whose rows leave some cells empty, laid out by the numbers' columns.

A table printed without any lines comes out of the PDF as text lines; a row whose empty
cells print nothing then shows fewer numbers than the table has columns ('40 2 1 43' for
seven), and text alone cannot tell which columns they fill. The page still can: every
number sits at its column's x position. Here the number lines of a band are found and a
block holding such short rows becomes a table whose rows keep every column, blank where
nothing is printed. The columns are the header's leaf column names above the block when
there are five or more of them (a name heading several columns left out), else the
clusters of the numbers' own positions (centres, right or left edges, whichever the table
aligns on) when there are as many as the widest row has numbers. A block whose numbers do
not fall clearly into such columns is left as text (the parser's arithmetic or a warning
then decides), so no number is placed by guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzers.extract.blocks import Table, normalize_text

_NUMBER = re.compile(r"^[+\-－]?\d[\d,，]*(\.\d+)?[件条个项]?$|^[—–/／-]$")
_MIN_COLUMNS = 5  # table 三 has 7 columns, 四 5 or 15; table 二's 1 to 4 are left as text
_MIN_LINES = 3  # number lines in a block: fewer are not a table
_MAX_GAP_LINES = 40  # label-only lines (wrapped labels, blank rows, group titles) between two number lines
_SENTENCE = re.compile(r"[。；;]|[：:]$")  # a label line with these is prose: it ends a table
_SAME_LINE = 0.5  # share of a word's height that must overlap a line's for the word to join it
_ALIGN_TOLERANCE = 0.6  # of the median word height: numbers of one column lie this close
_MAX_HEADER_LINES = 8  # lines above a table's first number line that may name its columns


@dataclass
class _Line:
    """A text line of the band: its words left to right, and its trailing numbers."""

    top: float
    bottom: float
    words: list[dict]

    @property
    def numbers(self) -> list[dict]:
        """The words from the last non-number on: the row's printed cells."""
        tail: list[dict] = []
        for word in reversed(self.words):
            if not _NUMBER.match(word["text"]):
                break
            tail.insert(0, word)
        return tail

    @property
    def label(self) -> str:
        """The words before the numbers."""
        return " ".join(w["text"] for w in self.words[:len(self.words) - len(self.numbers)])


@dataclass(frozen=True)
class UnruledTable:
    """An unruled table found in a band: its vertical extent and its rows."""

    top: float
    bottom: float
    table: Table


def unruled_tables(words: list[dict]) -> list[UnruledTable]:
    """The unruled tables among a band's words whose short rows the columns place."""
    lines = _lines(words)
    blocks = []
    for run in _number_runs(lines):
        for first, last in _segments(lines, run):
            table = _placed(lines[first:last + 1], _header_columns(lines, first, last))
            if table is not None:
                blocks.append(UnruledTable(lines[first].top, lines[last].bottom, table))
    return blocks


def header_gaps(words: list[dict]) -> list[tuple[float, float]]:
    """The gaps between the leaf column names of a table's header, above its first line of
    numbers: (right end of one name, left end of the next); none when it names fewer than
    _MIN_COLUMNS columns."""
    lines = _lines(words)
    numbered = [index for index, line in enumerate(lines) if _is_number_line(line)]
    if not numbered:
        return []
    extents = _header_columns(lines, numbered[0], numbered[-1]) or []
    if len(extents) < _MIN_COLUMNS:
        return []
    return [(left[1], right[0]) for left, right in zip(extents, extents[1:])]


def _lines(words: list[dict]) -> list[_Line]:
    """Words grouped into text lines by vertical overlap, top to bottom."""
    return [_Line(top, bottom, line) for top, bottom, line in text_lines(words)]


def text_lines(words: list[dict]) -> list[tuple[float, float, list[dict]]]:
    """Words grouped into text lines by vertical overlap, top to bottom: (top, bottom, words left to right)."""
    lines: list[list] = []  # [top, bottom, words]; a word may join one of the last three lines
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = max(word["bottom"] - word["top"], 0.1)
        line = next((line for line in reversed(lines[-3:])
                     if min(line[1], word["bottom"]) - max(line[0], word["top"]) >= height * _SAME_LINE), None)
        if line is None:
            lines.append([word["top"], word["bottom"], [word]])
            continue
        line[0], line[1] = min(line[0], word["top"]), max(line[1], word["bottom"])
        line[2].append(word)
    return [(top, bottom, sorted(line_words, key=lambda w: w["x0"])) for top, bottom, line_words in lines]


def _is_number_line(line: _Line) -> bool:
    """Whether the line ends in numbers (placeholders such as '—' alone do not count)."""
    return any(w["text"][0].isdigit() for w in line.numbers)


def _number_runs(lines: list[_Line]) -> list[list[int]]:
    """Indexes of the number lines of each run: at most _MAX_GAP_LINES label lines apart,
    and no sentence between them (prose ends a table)."""
    runs: list[list[int]] = []
    broken = True
    for index, line in enumerate(lines):
        if not _is_number_line(line):
            broken = broken or bool(_SENTENCE.search(line.label))
            continue
        if runs and not broken and index - runs[-1][-1] - 1 <= _MAX_GAP_LINES:
            runs[-1].append(index)
        else:
            runs.append([index])
        broken = False
    return runs


def _segments(lines: list[_Line], run: list[int]) -> list[tuple[int, int]]:
    """(first, last) line indexes of the run's stretches of number lines that share one set
    of columns (a table whose numbers sit elsewhere starts a new stretch)."""
    segments: list[list[int]] = []
    for index in run:
        if segments and _columns([lines[i].numbers for i in segments[-1] + [index]]) is not None:
            segments[-1].append(index)
        else:
            segments.append([index])
    return [(segment[0], segment[-1]) for segment in segments]


def _columns(rows: list[list[dict]]) -> tuple[list[tuple[float, float]], object] | None:
    """The columns of these number rows and the anchor they align on (centre, right or left
    edge): as many clusters of positions as the widest row has numbers, each row's numbers
    in distinct columns left to right; None when no anchor gives that."""
    width = max(len(numbers) for numbers in rows)
    heights = sorted(w["bottom"] - w["top"] for numbers in rows for w in numbers)
    tolerance = heights[len(heights) // 2] * _ALIGN_TOLERANCE
    for anchor in (_centre, _right, _left):
        columns = _clusters([anchor(w) for numbers in rows for w in numbers], tolerance)
        if len(columns) == width and all(_slots(numbers, columns, anchor) is not None for numbers in rows):
            return columns, anchor
    return None


def _placed(lines: list[_Line], header: list[tuple[float, float]] | None) -> Table | None:
    """The block as a table with every column when some row is short and the columns place
    each of its numbers: the header's columns when it names them (a column no row fills is
    still one), else where the numbers line up (_MIN_LINES rows at least); None when no
    row is short or a number is unplaceable."""
    rows = [line.numbers for line in lines if _is_number_line(line)]
    width = max(len(numbers) for numbers in rows)
    if header is not None and len(header) >= max(width, _MIN_COLUMNS) and any(len(n) < len(header) for n in rows):
        slots = [_nearest(numbers, header) for numbers in rows]
        if all(slot is not None for slot in slots):
            return _table(lines, slots, len(header))
    if len(rows) < _MIN_LINES or width < _MIN_COLUMNS or all(len(numbers) == width for numbers in rows):
        return None
    found = _columns(rows)
    if found is None:
        return None
    columns, anchor = found
    return _table(lines, [_slots(numbers, columns, anchor) for numbers in rows], width)


def _header_columns(lines: list[_Line], first: int, last: int) -> list[tuple[float, float]] | None:
    """The extents of the leaf columns named by the header lines above the table's lines
    `first`..`last` (up to a sentence or another number line), right of its row labels:
    words spanning several columns (法人或其他组织 over its five) left out, the wrapped
    lines of one column's name joined; None without them."""
    header: list[dict] = []
    for line in reversed(lines[max(0, first - _MAX_HEADER_LINES):first]):
        if _is_number_line(line) or _SENTENCE.search(line.label):
            break
        header.extend(line.words)
    if not header:
        return None
    labels = [w for line in lines[first:last + 1] for w in line.words[:len(line.words) - len(line.numbers)]]
    left = max((w["x1"] for w in labels), default=float("-inf"))
    named = [w for w in header if _centre(w) > left]
    leaves = [w for w in named if not _spans_several(w, named)]
    extents = sorted((w["x0"], w["x1"]) for w in leaves)
    merged: list[list[float]] = []
    for x0, x1 in extents:  # one column's name wrapped over lines: overlapping extents
        if merged and x0 < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(x0, x1) for x0, x1 in merged] or None


def _spans_several(word: dict, words: list[dict]) -> bool:
    """Whether the word reaches over two or more words of other lines that lie side by side
    (a name heading several columns, centred or not; a column name wrapped onto several
    lines lies over one column only)."""
    under = sorted((w["x0"], w["x1"]) for w in words if w["top"] != word["top"]
                   and w["x0"] < word["x1"] and word["x0"] < w["x1"])
    apart = 0
    right = float("-inf")
    for x0, x1 in under:
        if x0 >= right:
            apart += 1
        right = max(right, x1)
    return apart >= 2


def _nearest(numbers: list[dict], extents: list[tuple[float, float]]) -> list[int] | None:
    """Each number's column by the header column nearest it, on the edge or centre both
    align on: left to right in distinct columns, each within a third of the way to the
    neighbouring column; else None."""
    for anchor in (_centre, _left, _right):
        centres = [anchor({"x0": x0, "x1": x1}) for x0, x1 in extents]
        slots = []
        for word in numbers:
            x = anchor(word)
            slot = min(range(len(centres)), key=lambda i: abs(centres[i] - x))
            gaps = [abs(centres[j] - centres[slot]) for j in (slot - 1, slot + 1) if 0 <= j < len(centres)]
            if abs(centres[slot] - x) > min(gaps, default=float("inf")) / 3 or (slots and slot <= slots[-1]):
                break
            slots.append(slot)
        else:
            return slots
    return None


def _centre(word: dict) -> float:
    return (word["x0"] + word["x1"]) / 2


def _right(word: dict) -> float:
    return word["x1"]


def _left(word: dict) -> float:
    return word["x0"]


def _clusters(values: list[float], tolerance: float) -> list[tuple[float, float]]:
    """(low, high) of each run of sorted values whose neighbours lie within `tolerance`."""
    values = sorted(values)
    clusters = [[values[0], values[0]]]
    for value in values[1:]:
        if value - clusters[-1][1] <= tolerance:
            clusters[-1][1] = value
        else:
            clusters.append([value, value])
    return [(low, high) for low, high in clusters]


def _slots(numbers: list[dict], columns: list[tuple[float, float]], anchor) -> list[int] | None:
    """The column of each number, left to right in distinct columns, or None."""
    slots = []
    for word in numbers:
        slot = next((i for i, (low, high) in enumerate(columns) if low <= anchor(word) <= high), None)
        if slot is None or (slots and slot <= slots[-1]):
            return None
        slots.append(slot)
    return slots


def _table(lines: list[_Line], slots: list[list[int]], width: int) -> Table:
    """One row per number line: the label words since the previous number line, in reading
    order, then the number cells in their columns (blank where the row prints nothing)."""
    rows: list[tuple[str, ...]] = []
    pending: list[dict] = []
    number_rows = iter(slots)
    for line in lines:
        pending += line.words[:len(line.words) - len(line.numbers)]
        if not _is_number_line(line):
            continue
        cells = [""] * width
        for slot, word in zip(next(number_rows), line.numbers):
            cells[slot] = normalize_text(word["text"])
        rows.append((normalize_text(" ".join(w["text"] for w in _reading_order(pending))), *cells))
        pending = []
    if not any(row[0] for row in rows):
        rows = [row[1:] for row in rows]  # no row labels (table 四's one row): no label column
    return Table(tuple(rows))


def _reading_order(words: list[dict]) -> list[dict]:
    """A row's label words column by column (words overlapping horizontally share one),
    each column top to bottom, the column reaching lowest last (then left to right): a
    title wrapped in its own column ('（六）其' / '他处理') no longer cuts into the row label
    beside it ('…逾期不补' / '正、…'), and the row's own label, on or nearest above its
    numbers, still ends the text."""
    columns: list[list[dict]] = []
    for word in sorted(words, key=lambda w: w["x0"]):
        if columns and word["x0"] < max(w["x1"] for w in columns[-1]):
            columns[-1].append(word)
        else:
            columns.append([word])
    columns.sort(key=lambda column: (max(w["top"] for w in column), min(w["x0"] for w in column)))
    return [word for column in columns for word in sorted(column, key=lambda w: (w["top"], w["x0"]))]
