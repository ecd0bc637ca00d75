"""Numbers in table cells: placeholders, thousands separators, and fused digit runs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from itertools import combinations

Number = int | float | None
Validator = Callable[[list[int]], bool]

_PLACEHOLDER = re.compile(r"^[/／\\\-－—–_―~～]+$|^(无|空|/)$")
_INTEGER = re.compile(r"^\d+$")
_SIGNED = re.compile(r"^[+\-－＋]\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_NUMERIC = re.compile(r"^[+\-－＋]?\d+(\.\d+)?$")
_UNIT = re.compile(r"(件|条|个|项|次|元|万元|人次?)$")
_MAX_DIGITS = 7  # no table 三/四 cell of a single agency reaches ten million
_MAX_CANDIDATES = 64
# No count or amount of one agency has more digits; longer runs are junk (and Python's int()
# refuses strings of 4,301+ digits, while sums of huge ints and floats overflow).
MAX_NUMBER_DIGITS = 15
_CACHED_CELL_CHARS = 64  # longer cell texts are classified uncached: the cache must not hold documents
# Steps (cuts tried) of the fused-run search, ~6 µs each. Every run of corpus-dev and
# corpus-years takes at most 42; a random 21-digit table 三 row at most ~37,000. Hostile runs
# grow exponentially, so each run and each document get a fixed budget (~0.3 s and ~1.5 s),
# and a run left unread is null with a warning naming the reason.
_STEPS_PER_RUN = 50_000
_STEPS_PER_DOCUMENT = 250_000
_document_steps: ContextVar[list[int] | None] = ContextVar("fused_search_steps", default=None)


class NotANumber(ValueError):
    """A cell whose text is neither a number nor a blank placeholder."""


class NumberTooLong(NotANumber):
    """A digit run longer than MAX_NUMBER_DIGITS: no real count, so it is not read as one."""


class SearchExhausted(ValueError):
    """The fused-run search ran out of steps before it could list every reading."""


@contextmanager
def search_budget(steps: int = _STEPS_PER_DOCUMENT) -> Iterator[None]:
    """Share one step budget among every fused-run search inside the block (one document)."""
    token = _document_steps.set([steps])
    try:
        yield
    finally:
        _document_steps.reset(token)


def squeeze(text: str) -> str:
    """Remove every kind of whitespace (U+3000, U+2002, NBSP included) and thousands commas."""
    return "".join(text.split()).replace(",", "").replace("，", "")


def _classify(text: str) -> tuple[str, Number]:
    """('blank', None), ('number', value), ('too_long', None) or ('label', None)."""
    return _classify_short(text) if len(text) <= _CACHED_CELL_CHARS else _classify_text(text)


@lru_cache(maxsize=4096)
def _classify_short(text: str) -> tuple[str, Number]:
    """_classify_text, cached because short cells repeat."""
    return _classify_text(text)


def _classify_text(text: str) -> tuple[str, Number]:
    body = _UNIT.sub("", squeeze(text))
    if not body or _PLACEHOLDER.match(body):
        return "blank", None
    if sum(ch.isdigit() for ch in body) > MAX_NUMBER_DIGITS and _NUMERIC.match(body):
        return "too_long", None
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
        raise NotANumber(text[:80])
    if kind == "too_long":
        raise NumberTooLong(f"a number of more than {MAX_NUMBER_DIGITS} digits")
    return value


def is_numeric_cell(text: str) -> bool:
    """True when the cell holds a number (not a blank, not a label); too long ones count, and
    then fail to parse, so the row keeps its shape and is left null with a reason."""
    return _classify(text)[0] in ("number", "too_long")


class _Search:
    """Depth-first cutting of digit chunks into numbers, pruned by count and arithmetic."""

    def __init__(self, chunks: Sequence[str | None], count: int, validator: Validator | None, steps: int):
        self.chunks, self.count, self.validator = list(chunks), count, validator
        self.found: list[list] = []
        self.steps = steps
        # digits (or blank cells) in the chunks after each one: the most values they can yield
        self.after = [sum(len(c) if c else 1 for c in self.chunks[i + 1:]) for i in range(len(self.chunks))]

    def run(self, index: int = 0, offset: int = 0, prefix: list | None = None) -> list[list]:
        """Cut the rest of the chunks from (index, offset) on, after `prefix`; returns all readings."""
        prefix = prefix or []
        if len(self.found) >= _MAX_CANDIDATES:
            return self.found
        self.steps -= 1
        if self.steps < 0:
            raise SearchExhausted("the fused digit run has too many possible readings to try")
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
        if digits_left > (self.count - len(values)) * _MAX_DIGITS:
            return  # more digits left than the values still to come can hold
        if self.validator is not None and not self.validator(values):
            return
        self.run(index, offset, values)


def split_fused(chunks: Sequence[str | None], count: int,
                validator: Validator | None = None) -> list[list]:
    """All ways to read `chunks` (digit strings; None = blank cell) as `count` numbers.

    Chunk boundaries are hard cuts (they were whitespace or cell borders). `validator`
    sees every growing prefix and prunes the ones the template arithmetic rules out.
    Raises SearchExhausted when the run's or the document's step budget runs out.
    """
    document = _document_steps.get()
    allowance = _STEPS_PER_RUN if document is None else min(_STEPS_PER_RUN, document[0])
    search = _Search([c for c in chunks if c != ""], count, validator, allowance)
    try:
        return search.run()
    finally:
        if document is not None:
            document[0] -= allowance - max(search.steps, 0)


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
    try:
        readings = fused_readings(chunks, count, validator)
        if len(readings) == 1:
            return readings[0], None
        if not readings:
            return None, "no_consistent_split" if split_fused(chunks, count) else "no_split"
    except SearchExhausted:
        return None, "search_budget_exhausted"
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
    if sum(len(c or "") for c in cells) > MAX_NUMBER_DIGITS * count:
        return None, "number_too_long"
    readings = []
    for dropped in combinations(borders, extra):
        merged: list[str | None] = [cells[0]]
        for i in range(1, len(cells)):
            merged[-1:] = [merged[-1] + cells[i]] if i - 1 in dropped else [merged[-1], cells[i]]
        if any(c is not None and (len(c) > 1 and c[0] == "0" or len(c) > MAX_NUMBER_DIGITS) for c in merged):
            continue
        values = [None if c is None else int(c) for c in merged]
        if validator(values):
            readings.append(values)
    if len(readings) == 1:
        return readings[0], None
    return None, "ambiguous" if readings else "too_many_cells"
