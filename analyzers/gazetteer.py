"""China's administrative divisions (province → city → county → town), loaded once from analyzers/data."""

from __future__ import annotations

import gzip
import hashlib
import logging
import marshal
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple

LEVEL_NAMES = {"p": "province", "c": "city", "d": "county", "t": "town"}
LEVEL_DEPTH = {"province": 0, "city": 1, "county": 2, "town": 3}
# Placeholder rows of the source data where a level is skipped (湖北省 → 仙桃市 has no
# city; 东莞市 → 虎门镇 has no county): not a place a report would name.
PLACEHOLDER_NAMES = frozenset({
    "省直辖行政区划", "自治区直辖县级行政区划", "市直辖行政区划", "区直辖行政区划", "县直辖行政区划", "市辖区", "县",
})
MIN_SCAN_LENGTH = 3  # two-character names (城区, 郊区) are ordinary words in running text


class Place(NamedTuple):
    """One division: its level, names, code (down to county), parent and area codes.

    A NamedTuple rather than a frozen dataclass: 46k of them are built at load time and
    tuple construction is several times faster.
    """

    index: int
    level: str
    name: str
    short: str
    code: str | None
    parent: int
    area_codes: tuple[str, ...] = ()

    @property
    def depth(self) -> int:
        """0 for a province down to 3 for a town."""
        return LEVEL_DEPTH[self.level]


@dataclass(frozen=True, slots=True)
class Mention:
    """A gazetteer name found in a text: where, which name, and the places it may denote."""

    start: int
    end: int
    name: str
    places: tuple[int, ...]


class Gazetteer:
    """Lookup of places by full name, short name, alias and landline area code."""

    def __init__(self, places: list[Place], by_name: dict[str, list[int]], by_short: dict[str, list[int]],
                 by_area_code: dict[str, int], aliases: dict[str, int]) -> None:
        self.places = tuple(places)
        self.by_name = by_name
        self.by_short = by_short
        self.by_area_code = by_area_code
        self.aliases = aliases
        self._first_char_lengths = _first_char_lengths(by_name)

    def __len__(self) -> int:
        return len(self.places)

    def lookup(self, name: str) -> list[Place]:
        """Every place with this full name or alias (several when towns share a name)."""
        return [self.places[i] for i in self.by_name.get(name, ())]

    def chain(self, place: Place) -> list[Place]:
        """The place and its ancestors, province first."""
        out = [place]
        while out[-1].parent >= 0:
            out.append(self.places[out[-1].parent])
        return out[::-1]

    def ancestor(self, place: Place, level: str) -> Place | None:
        """The place's ancestor (or itself) at a level, if any and not a placeholder."""
        for node in self.chain(place):
            if node.level == level and node.name not in PLACEHOLDER_NAMES:
                return node
        return None

    def city_for_area_code(self, code: str) -> Place | None:
        """The city whose landline area code this is (0536 → 潍坊市)."""
        index = self.by_area_code.get(code)
        return None if index is None else self.places[index]

    def mentions(self, text: str, min_length: int = MIN_SCAN_LENGTH) -> Iterator[Mention]:
        """Leftmost-longest, non-overlapping occurrences of gazetteer names in text."""
        lengths_for = self._first_char_lengths
        by_name = self.by_name
        position, end = 0, len(text)
        while position < end:
            step = 1
            for length in lengths_for.get(text[position], ()):
                if length < min_length:
                    break
                name = text[position:position + length]
                if name in by_name:
                    yield Mention(position, position + length, name, tuple(by_name[name]))
                    step = length
                    break
            position += step

    @cached_property
    def homophones(self) -> dict[str, tuple[int, ...]]:
        """Places keyed by the toneless pinyin of their full name (built on first use, snapshotted)."""
        return snapshot("homophones-v1", _variant_inputs(), self._build_homophones)

    def _build_homophones(self) -> dict[str, tuple[int, ...]]:
        """Group place indexes by the pinyin of their names."""
        table = load_char_table()
        out: dict[str, list[int]] = defaultdict(list)
        for place in self.places:
            out[table.pinyin_key(place.name)].append(place.index)
        return {key: tuple(ix) for key, ix in out.items()}

    @cached_property
    def one_char_wildcards(self) -> dict[str, tuple[int, ...]]:
        """Places keyed by their name with one non-final character masked (built on first use, snapshotted)."""
        return snapshot("wildcards-v1", _variant_inputs(), self._build_wildcards)

    def _build_wildcards(self) -> dict[str, tuple[int, ...]]:
        """Group place indexes by each one-character-masked form of their names."""
        out: dict[str, list[int]] = defaultdict(list)
        for place in self.places:
            name = place.name
            for k in range(len(name) - 1):
                out[name[:k] + "?" + name[k + 1:]].append(place.index)
        return {key: tuple(ix) for key, ix in out.items()}


def _variant_inputs() -> list[bytes]:
    """What the variant indexes are derived from (their snapshot key)."""
    return [data_bytes("gazetteer.tsv.gz"), data_bytes("chars.tsv.gz")]


def _first_char_lengths(names: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """For each first character, the name lengths starting with it, longest first."""
    lengths: dict[str, set[int]] = defaultdict(set)
    for name in names:
        lengths[name[0]].add(len(name))
    return {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}


class CharTable:
    """Toneless pinyin and wubi code of each character, to judge variant spellings."""

    def __init__(self, rows: dict[str, tuple[str, str]]) -> None:
        self.rows = rows

    def pinyin(self, char: str) -> str:
        """Toneless pinyin of the character's first reading, or the character itself."""
        row = self.rows.get(char)
        return row[0] if row and row[0] else char

    def pinyin_key(self, text: str) -> str:
        """Space-joined toneless pinyin of a string."""
        return " ".join(self.pinyin(ch) for ch in text)

    def wubi(self, char: str) -> str:
        """The character's wubi code (its components as keys), or '' if unknown."""
        row = self.rows.get(char)
        return row[1] if row else ""


def data_bytes(name: str) -> bytes:
    """Raw bytes of a file in analyzers/data."""
    return resources.files("analyzers").joinpath("data", name).read_bytes()


def snapshot(label: str, inputs: Iterable[str | bytes], build: Callable[[], Any]) -> Any:
    """`build()`, computed once and read back by later processes from a marshal file.

    The file sits in a per-user folder of the temp directory and its name hashes the
    inputs, so new data files or versions never read a stale snapshot. marshal (not
    pickle) cannot run code, and reading it back is far faster than re-deriving indexes.
    """
    digest = hashlib.sha256(label.encode())
    for part in inputs:
        digest.update(part if isinstance(part, bytes) else part.encode())
    folder = Path(tempfile.gettempdir()) / f"nianbao-{os.getuid()}"
    path = folder / f"{label}-{digest.hexdigest()[:16]}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            marshal.dump(value, out)
        os.replace(temp, path)
        for stale in folder.glob(f"{label}-*.marshal"):  # snapshots of older inputs
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        logging.getLogger(__name__).warning("could not write the %s snapshot in %s", label, folder)
    return value


def data_lines(name: str) -> Iterator[list[str]]:
    """Rows of a gzip TSV in analyzers/data, header skipped."""
    raw = data_bytes(name)
    lines = gzip.decompress(raw).decode("utf-8").split("\n")
    return (line.split("\t") for line in lines[1:] if line)


def _resolve_path(places: list[tuple], by_name: dict[str, list[int]], path: str) -> int:
    """The index of the place at a 省/市/县 path."""
    parent = -1
    for part in path.split("/"):
        parent = next(i for i in by_name[part] if places[i][5] == parent)
    return parent


def _read_aliases() -> dict[str, str]:
    """analyzers/data/aliases.tsv as alias -> 省/市/县 path."""
    text = data_bytes("aliases.tsv").decode("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {alias: path for alias, path in rows}


def _build_state() -> tuple:
    """Place rows and the name, short-name, area-code and alias indexes, from the data files."""
    rows = [
        (i, LEVEL_NAMES[level], name, short, code or None, int(parent), tuple(areas.split(",")) if areas else ())
        for i, (level, name, short, code, parent, areas) in enumerate(data_lines("gazetteer.tsv.gz"))
    ]
    by_name: dict[str, list[int]] = defaultdict(list)
    by_short: dict[str, list[int]] = defaultdict(list)
    for index, level, name, short, *_ in rows:
        by_name[name].append(index)
        if level != "town" and short != name:
            for part in short.split("/"):
                by_short[part].append(index)
    for name in PLACEHOLDER_NAMES:
        by_name.pop(name, None)
    aliases = {alias: _resolve_path(rows, by_name, path) for alias, path in _read_aliases().items()}
    for alias, index in aliases.items():
        by_name[alias].append(index)
    by_area_code = {code: row[0] for row in rows for code in row[6]}
    return rows, dict(by_name), dict(by_short), by_area_code, aliases


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, parsed once per process (and snapshotted across processes)."""
    inputs = [data_bytes("gazetteer.tsv.gz"), data_bytes("aliases.tsv"), ",".join(sorted(PLACEHOLDER_NAMES))]
    rows, by_name, by_short, by_area_code, aliases = snapshot("gazetteer-v1", inputs, _build_state)
    places = [Place._make(row) for row in rows]
    return Gazetteer(places, by_name, by_short, by_area_code, aliases)


@lru_cache(maxsize=1)
def load_char_table() -> CharTable:
    """Pinyin and wubi codes of 17k characters, parsed once per process."""
    return CharTable({char: (pinyin, wubi) for char, pinyin, wubi in data_lines("chars.tsv.gz")})


@dataclass(frozen=True)
class VariantMatch:
    """A name the gazetteer lacks, read as a known place spelled alike (homophone or glyph)."""

    index: int
    written: str
    name: str
    kind: str  # "homophone": same pinyin (rare characters swapped); "glyph": look-alike (OCR)

    @property
    def keep_written(self) -> bool:
        """Homophones keep the document's spelling: the gazetteer is what swapped rare characters."""
        return self.kind == "homophone"

    @property
    def warning(self) -> str:
        """A one-line note for the report's warnings."""
        reason = "same pronunciation" if self.kind == "homophone" else "look-alike character"
        return f"{self.written} is not in the gazetteer; read as {self.name} ({reason})"


def glyphs_similar(a: str, b: str) -> bool:
    """Whether two characters look alike: wubi codes (their components) one edit apart."""
    table = load_char_table()
    wa, wb = table.wubi(a), table.wubi(b)
    if len(wa) < 3 or len(wb) < 3 or wa[0] != wb[0]:
        return False
    return _edit_distance(wa, wb) <= 1


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def variant_candidates(gazetteer: Gazetteer, written: str) -> dict[int, str]:
    """Places whose name sounds like `written` or differs from it by one look-alike character."""
    out: dict[int, str] = {}
    places = gazetteer.places
    for index in gazetteer.homophones.get(load_char_table().pinyin_key(written), ()):
        name = places[index].name
        if name != written and name[-1] == written[-1]:
            out[index] = "homophone"
    for k in range(len(written) - 1):
        for index in gazetteer.one_char_wildcards.get(written[:k] + "?" + written[k + 1:], ()):
            if glyphs_similar(written[k], places[index].name[k]):
                out.setdefault(index, "glyph")
    return out


def find_variant(gazetteer: Gazetteer, written: str, score: Callable[[Place], int]) -> VariantMatch | None:
    """The one variant of `written` the context supports best, or None when none or a tie."""
    candidates = variant_candidates(gazetteer, written)
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda i: score(gazetteer.places[i]), reverse=True)
    if len(ranked) > 1 and score(gazetteer.places[ranked[0]]) == score(gazetteer.places[ranked[1]]):
        return None
    best = ranked[0]
    return VariantMatch(best, written, gazetteer.places[best].name, candidates[best])
