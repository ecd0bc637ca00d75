"""Numbers in table cells: placeholders, thousands separators, and fused digit runs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

Number = int | float | None
Validator = Callable[[list[int]], bool]

_PLACEHOLDER = re.compile(r"^[/／\\\-－—–_―~～]+$|^(无|空|/)$")
_INTEGER = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_UNIT = re.compile(r"(件|条|个|项|次|元|万元|人次?)$")
_MAX_DIGITS = 7  # no table 三/四 cell of a single agency reaches ten million
_MAX_CANDIDATES = 64


class NotANumber(ValueError):
    """A cell whose text is neither a number nor a blank placeholder."""


def squeeze(text: str) -> str:
    """Remove every kind of whitespace (U+3000, U+2002, NBSP included) and thousands commas."""
    return "".join(text.split()).replace(",", "").replace("，", "")


def is_blank(text: str) -> bool:
    """True for an empty cell or a placeholder such as '/', '-' or '—'."""
    body = squeeze(text)
    return not body or bool(_PLACEHOLDER.match(body))


def parse_cell(text: str) -> Number:
    """A cell's number; None for blanks and placeholders; NotANumber for labels."""
    body = _UNIT.sub("", squeeze(text))
    if not body or _PLACEHOLDER.match(body):
        return None
    if _INTEGER.match(body):
        return int(body)
    if _DECIMAL.match(body):
        return float(body)
    raise NotANumber(text)


def is_numeric_cell(text: str) -> bool:
    """True when the cell holds a number (not a blank, not a label)."""
    try:
        return parse_cell(text) is not None
    except NotANumber:
        return False


def _chunk_splits(digits: str) -> Iterator[list[int]]:
    """Every way to cut one digit string into numbers without leading zeros."""
    if not digits:
        yield []
        return
    limit = 1 if digits[0] == "0" else min(_MAX_DIGITS, len(digits))
    for size in range(1, limit + 1):
        head = int(digits[:size])
        for rest in _chunk_splits(digits[size:]):
            yield [head, *rest]


def _search(chunks: Sequence[str | None], count: int, validator: Validator | None,
            prefix: list, found: list) -> None:
    if len(found) >= _MAX_CANDIDATES or len(prefix) > count:
        return
    if not chunks:
        if len(prefix) == count:
            found.append(list(prefix))
        return
    head, rest = chunks[0], chunks[1:]
    remaining_digits = sum(len(c) if c else 1 for c in rest)
    options = [[None]] if head is None else _chunk_splits(head)
    for option in options:
        values = prefix + option
        if len(values) + len(rest) > count or len(values) + remaining_digits < count:
            continue
        if validator is not None and not validator(values):
            continue
        _search(rest, count, validator, values, found)


def split_fused(chunks: Sequence[str | None], count: int,
                validator: Validator | None = None) -> list[list]:
    """All ways to read `chunks` (digit strings; None = blank cell) as `count` numbers.

    Chunk boundaries are hard cuts (they were whitespace or cell borders). `validator`
    sees every growing prefix and prunes the ones the template arithmetic rules out.
    """
    found: list[list] = []
    _search(list(chunks), count, validator, [], found)
    return found


def resolve_fused(chunks: Sequence[str | None], count: int,
                  validator: Validator) -> tuple[list | None, str | None]:
    """Pick the one reading of a fused run: the only possible split, else the only one
    the arithmetic supports. Returns (values, None) or (None, reason)."""
    plain = split_fused(chunks, count)
    if len(plain) == 1:
        return plain[0], None
    if not plain:
        return None, "no_split"
    checked = [values for values in plain if validator(values)] if len(plain) < _MAX_CANDIDATES \
        else split_fused(chunks, count, validator)
    if len(checked) == 1:
        return checked[0], None
    return None, "ambiguous" if checked else "no_consistent_split"
