"""Numbers in table cells: placeholders, thousands separators, and fused digit runs."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations
from collections.abc import Callable, Sequence

Number = int | float | None
Validator = Callable[[list[int]], bool]

_PLACEHOLDER = re.compile(r"^[/／\\\-－—–_―~～]+$|^(无|空|/)$")
_INTEGER = re.compile(r"^\d+$")
_SIGNED = re.compile(r"^[+\-－＋]\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_UNIT = re.compile(r"(件|条|个|项|次|元|万元|人次?)$")
_MAX_DIGITS = 7  # no table 三/四 cell of a single agency reaches ten million
_MAX_CANDIDATES = 64


class NotANumber(ValueError):
    """A cell whose text is neither a number nor a blank placeholder."""


def squeeze(text: str) -> str:
    """Remove every kind of whitespace (U+3000, U+2002, NBSP included) and thousands commas."""
    return "".join(text.split()).replace(",", "").replace("，", "")


@lru_cache(maxsize=4096)
def _classify(text: str) -> tuple[str, Number]:
    """('blank', None), ('number', value) or ('label', None); cached because cells repeat."""
    body = _UNIT.sub("", squeeze(text))
    if not body or _PLACEHOLDER.match(body):
        return "blank", None
    if _INTEGER.match(body):
        return "number", int(body)
    if _SIGNED.match(body):  # table 二's 本年增/减 column: '-3', '+2'
        return "number", int(body.replace("－", "-").replace("＋", "+"))
    if _DECIMAL.match(body):
        return "number", float(body)
    return "label", None


def is_blank(text: str) -> bool:
    """True for an empty cell or a placeholder such as '/', '-' or '—'."""
    return _classify(text)[0] == "blank"


def parse_cell(text: str) -> Number:
    """A cell's number; None for blanks and placeholders; NotANumber for labels."""
    kind, value = _classify(text)
    if kind == "label":
        raise NotANumber(text)
    return value


def is_numeric_cell(text: str) -> bool:
    """True when the cell holds a number (not a blank, not a label)."""
    return _classify(text)[0] == "number"


class _Search:
    """Depth-first cutting of digit chunks into numbers, pruned by count and arithmetic."""

    def __init__(self, chunks: Sequence[str | None], count: int, validator: Validator | None):
        self.chunks, self.count, self.validator = list(chunks), count, validator
        self.found: list[list] = []
        # digits (or blank cells) in the chunks after each one: the most values they can yield
        self.after = [sum(len(c) if c else 1 for c in self.chunks[i + 1:]) for i in range(len(self.chunks))]

    def run(self, index: int = 0, offset: int = 0, prefix: list | None = None) -> list[list]:
        """Cut the rest of the chunks from (index, offset) on, after `prefix`; returns all readings."""
        prefix = prefix or []
        if len(self.found) >= _MAX_CANDIDATES:
            return self.found
        if index == len(self.chunks):
            if len(prefix) == self.count:
                self.found.append(list(prefix))
            return self.found
        chunk = self.chunks[index]
        if chunk is None:
            self._extend(index + 1, 0, prefix + [None])
            return self.found
        limit = 1 if chunk[offset] == "0" else min(_MAX_DIGITS, len(chunk) - offset)
        for size in range(1, limit + 1):
            end = offset + size
            values = prefix + [int(chunk[offset:end])]
            self._extend(index + 1, 0, values) if end == len(chunk) else self._extend(index, end, values)
        return self.found

    def _extend(self, index: int, offset: int, values: list) -> None:
        """Go deeper only if the rest can still make exactly `count` values that add up."""
        if index < len(self.chunks):
            chunks_left = len(self.chunks) - index  # each needs at least one more value
            digits_left = len(self.chunks[index] or "x") - offset + self.after[index]
        else:
            chunks_left = digits_left = 0
        if len(values) + chunks_left > self.count or len(values) + digits_left < self.count:
            return
        if self.validator is not None and not self.validator(values):
            return
        self.run(index, offset, values)


def split_fused(chunks: Sequence[str | None], count: int,
                validator: Validator | None = None) -> list[list]:
    """All ways to read `chunks` (digit strings; None = blank cell) as `count` numbers.

    Chunk boundaries are hard cuts (they were whitespace or cell borders). `validator`
    sees every growing prefix and prunes the ones the template arithmetic rules out.
    """
    return _Search([c for c in chunks if c != ""], count, validator).run()


def fused_readings(chunks: Sequence[str | None], count: int, validator: Validator) -> list[list]:
    """The readings worth keeping: the only possible split, else those the arithmetic supports."""
    plain = split_fused(chunks, count)
    if len(plain) <= 1:
        return plain
    if len(plain) < _MAX_CANDIDATES:
        return [values for values in plain if validator(values)]
    return split_fused(chunks, count, validator)


def resolve_fused(chunks: Sequence[str | None], count: int,
                  validator: Validator) -> tuple[list | None, str | None]:
    """Pick the one reading of a fused run. Returns (values, None) or (None, reason)."""
    readings = fused_readings(chunks, count, validator)
    if len(readings) == 1:
        return readings[0], None
    if not readings:
        return None, "no_consistent_split" if split_fused(chunks, count) else "no_split"
    return None, "ambiguous"


def merge_split_cells(cells: Sequence[str | None], count: int,
                      validator: Validator) -> tuple[list | None, str | None]:
    """Read more cells than expected as numbers split across cell borders ('1' | '23').

    Joins adjacent digit cells in every way that leaves `count` numbers and keeps the one
    reading the arithmetic supports; None with a reason when none or several fit.
    """
    extra = len(cells) - count
    borders = [i for i in range(len(cells) - 1) if cells[i] and cells[i + 1]]
    if extra <= 0 or extra > 3 or len(borders) < extra:
        return None, "too_many_cells"
    readings = []
    for dropped in combinations(borders, extra):
        merged: list[str | None] = [cells[0]]
        for i in range(1, len(cells)):
            merged[-1:] = [merged[-1] + cells[i]] if i - 1 in dropped else [merged[-1], cells[i]]
        if any(c is not None and (len(c) > 1 and c[0] == "0") for c in merged):
            continue
        values = [None if c is None else int(c) for c in merged]
        if validator(values):
            readings.append(values)
    if len(readings) == 1:
        return readings[0], None
    return None, "ambiguous" if readings else "too_many_cells"
