"""Place and agency names by pinyin, initials and near spelling: latin expansion, did-you-mean, as-you-type.

One NameIndex holds the gazetteer's places (46k; their pinyin computed once with pypinyin
and snapshotted like the gazetteer itself) and the agency names the caller passes (the
reporting bodies of the search index, computed at build time: a few thousand at most).

Rules a maintainer should know:
- A latin token is a name's full pinyin (`panjiabao`, `panjiabaozhen`: with or without the
  place's suffix) or its initials (`pjb`, `pjbz`). Initials need MIN_INITIALS letters:
  two letters are shared by about 70 places each (676 pairs over 46k names), so `pz`
  would expand to noise. Expansions are at most MAX_EXPANSIONS names: agencies (names
  with reports behind them) first, then full-pinyin matches before initials, then larger
  units (province, city, county) before towns.
- A character's other readings count too (堡 is bao, bu or pu), one substitution at a time,
  at most MAX_VARIANTS spellings per name, so a typed homophone of any reading is found.
- Did-you-mean candidates are names that sound the same (潘家宝镇 → 潘家堡镇, 唐吾 →
  鄌郚镇) or differ by one look-alike character (沐阳县 → 沭阳县); never the word itself,
  nor the word with only a place suffix added (唐吾 → 唐吾镇 is the same name).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from itertools import islice
from typing import Iterable, Iterator

from pypinyin import Style, lazy_pinyin, pinyin

from analyzers.gazetteer import (
    PLACEHOLDER_NAMES, Gazetteer, Place, data_bytes, glyphs_similar, load_gazetteer, snapshot,
)

MIN_INITIALS = 3
MAX_EXPANSIONS = 5
MAX_VARIANTS = 6
MAX_PREFIX_KEYS = 400  # keys read from one prefix range: bounds an as-you-type lookup
LEVEL_ORDER = {"province": 0, "city": 1, "county": 2, "town": 3, "agency": 0}
# Endings that make an agency name longer than the place it is named after.
AGENCY_ENDINGS = ("人民政府办公室", "人民政府办公厅", "人民政府", "办事处", "管委会", "政府")
PLACE_SUFFIXES = ("街道", "镇", "乡", "县", "区", "市", "省")


def readings(text: str) -> list[str]:
    """Toneless spellings of a name: the contextual one, then others of one heteronym each.

    Other readings are taken from the distinctive part only (not a trailing 镇/县 …), so
    the MAX_VARIANTS budget goes to the characters a user may read either way (堡: bao, bu).
    """
    chars = [ch for ch in text if "\u3400" <= ch <= "\u9fff"]
    if not chars:
        return []
    base = lazy_pinyin(chars)
    spellings = ["".join(base)]
    stem = len(chars) - next((len(s) for s in PLACE_SUFFIXES if "".join(chars).endswith(s)), 0)
    others = [[o for o in dict.fromkeys(options) if o != base[i]]
              for i, options in enumerate(pinyin(chars[:stem], style=Style.NORMAL, heteronym=True))]
    # round robin: every character's second reading before any character's third
    for rank in range(max((len(o) for o in others), default=0)):
        for position, options in enumerate(others):
            if rank < len(options) and len(spellings) < MAX_VARIANTS:
                spellings.append("".join(base[:position] + [options[rank]] + base[position + 1:]))
    return spellings


def initials(text: str) -> str:
    """First letters of the contextual pinyin of each Chinese character of a name."""
    return "".join(syllable[0] for syllable in lazy_pinyin([ch for ch in text if "\u3400" <= ch <= "\u9fff"]))


def name_keys(name: str, short: str) -> tuple[list[str], list[str]]:
    """The full-pinyin keys and the initials keys of a name and its short form."""
    forms = list(dict.fromkeys(form for form in (name, short) if form))
    full = list(dict.fromkeys(key for form in forms for key in readings(form)))
    heads = list(dict.fromkeys(key for key in (initials(form) for form in forms) if len(key) >= MIN_INITIALS))
    return full, heads


def agency_short(name: str) -> str:
    """An agency name without its government ending and place suffix (鄌郚镇人民政府 → 鄌郚)."""
    for ending in AGENCY_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 1:
            name = name[: -len(ending)]
            break
    for suffix in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@dataclass
class NameTable:
    """Names of one kind with their latin keys, in plain lists and dicts (marshal-able)."""

    kind: str
    names: list[str]
    shorts: list[str]
    levels: list[str]
    places: list[int]  # gazetteer index of each name (-1 when unknown)
    by_pinyin: dict[str, list[int]]
    by_initials: dict[str, list[int]]
    keys: list[str]  # every latin key, sorted, for prefix ranges
    sorted_names: list[tuple[str, int]]

    @classmethod
    def build(cls, kind: str, rows: Iterable[tuple[str, str, str, int]]) -> "NameTable":
        """A table from (name, short, level, gazetteer index) rows."""
        table = cls(kind, [], [], [], [], {}, {}, [], [])
        for entry, (name, short, level, place) in enumerate(rows):
            table.names.append(name), table.shorts.append(short), table.levels.append(level), table.places.append(place)
            full, heads = name_keys(name, short)
            for key in full:
                table.by_pinyin.setdefault(key, []).append(entry)
            for key in heads:
                table.by_initials.setdefault(key, []).append(entry)
        table.keys = sorted(set(table.by_pinyin) | set(table.by_initials))
        table.sorted_names = sorted((name, entry) for entry, name in enumerate(table.names))
        return table

    def to_state(self) -> tuple:
        """The table as plain values, for a snapshot."""
        return (self.kind, self.names, self.shorts, self.levels, self.places, self.by_pinyin,
                self.by_initials, self.keys, self.sorted_names)

    def with_prefix(self, prefix: str) -> Iterator[int]:
        """Entries having a latin key that starts with `prefix` (bounded, nearest keys first)."""
        start = bisect.bisect_left(self.keys, prefix)
        for key in islice(self.keys, start, start + MAX_PREFIX_KEYS):
            if not key.startswith(prefix):
                return
            yield from self.by_pinyin.get(key, ())
            yield from self.by_initials.get(key, ())

    def names_from(self, prefix: str) -> Iterator[int]:
        """Entries whose name starts with `prefix` (bounded)."""
        start = bisect.bisect_left(self.sorted_names, (prefix, -1))
        for name, entry in islice(self.sorted_names, start, start + MAX_PREFIX_KEYS):
            if not name.startswith(prefix):
                return
            yield entry


def _place_rows(gazetteer: Gazetteer) -> Iterator[tuple[str, str, str, int]]:
    """Every place of the gazetteer as a table row, entry number = place index.

    Placeholder rows (市辖区 …) are kept so the numbers line up; lookups never return them.
    """
    for place in gazetteer.places:
        short = place.short.split("/")[0] if place.short != place.name else ""
        yield place.name, "" if place.name in PLACEHOLDER_NAMES else short, place.level, place.index


def _build_place_state() -> tuple:
    """The place table's plain values (the snapshot's content)."""
    return NameTable.build("place", _place_rows(load_gazetteer())).to_state()


@lru_cache(maxsize=1)
def place_table() -> NameTable:
    """The gazetteer's places with their pinyin, built once per process and snapshotted across processes."""
    inputs = [data_bytes("gazetteer.tsv.gz"), data_bytes("aliases.tsv"), version("pypinyin"), "names-v1"]
    return NameTable(*snapshot("names-places-v1", inputs, _build_place_state))


def has_han(text: str) -> bool:
    """Whether the text holds a Chinese character."""
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def latin_key(text: str) -> str:
    """A latin token as a lookup key (lowercase letters only), or '' when it is not one."""
    key = "".join(text.split()).lower()
    return key if key.isascii() and key.isalpha() else ""


def region_chain(gazetteer: Gazetteer, place: Place) -> list[str]:
    """Names of the place's ancestors, province first (placeholder levels left out)."""
    return [node.name for node in gazetteer.chain(place)[:-1] if node.name not in PLACEHOLDER_NAMES]


def agency_place(gazetteer: Gazetteer, name: str) -> Place | None:
    """The place an agency name is about: its last gazetteer mention that resolves to one place."""
    chosen: Place | None = None
    for mention in gazetteer.mentions(name, min_length=2):
        options = [gazetteer.places[i] for i in mention.places]
        if chosen is not None:
            options = [p for p in options if chosen in gazetteer.chain(p)] or options
        chains = {tuple(gazetteer.chain(p)[:-1]) for p in options}
        if len(options) == 1 or (len(chains) == 1 and len({p.level for p in options}) == len(options)):
            chosen = max(options, key=lambda p: p.depth)
    return chosen


def same_name(word: str, name: str, short: str) -> bool:
    """Whether a known name is the word itself, or the word with only a suffix added or dropped."""
    if word in (name, short):
        return True
    longer, shorter = (name, word) if len(name) > len(word) else (word, name)
    return longer.startswith(shorter) and longer[len(shorter):] in PLACE_SUFFIXES + AGENCY_ENDINGS


class NameIndex:
    """Places and agencies by pinyin, initials, spelling and prefix (see the module notes)."""

    def __init__(self, places: NameTable, agencies: NameTable, gazetteer: Gazetteer) -> None:
        self.tables = (agencies, places)  # agencies first: they have reports behind them
        self.gazetteer = gazetteer
        self.agency_places = [agency_place(gazetteer, name) for name in agencies.names]
        # places with reports behind them: an agency's place and its ancestors
        self.agency_sounds = [f" {' '.join(lazy_pinyin(name))} " for name in agencies.names]
        self.backed = {node.index for place in self.agency_places if place for node in gazetteer.chain(place)}

    def _usable(self, table: NameTable, entry: int) -> bool:
        """Whether an entry may be returned (placeholder levels never are)."""
        return table.names[entry] not in PLACEHOLDER_NAMES

    def has_reports(self, table: NameTable, entry: int) -> bool:
        """Whether a name has reports behind it: an agency, or a place an agency belongs to."""
        return table.kind == "agency" or entry in self.backed

    def _rank(self, table: NameTable, entry: int, *first: int) -> tuple:
        """Sort key: names with reports first, the caller's criteria, agencies, larger units, shorter names."""
        name = table.names[entry]
        level = LEVEL_ORDER.get(table.levels[entry], 4)
        return (not self.has_reports(table, entry), *first, table.kind != "agency", level, len(name), name)

    def expand_latin(self, token: str) -> list[str]:
        """Names whose full pinyin or initials (MIN_INITIALS letters or more) the token is; at most MAX_EXPANSIONS."""
        key = latin_key(token)
        if not key:
            return []
        ranked = []
        for table in self.tables:
            ranked += [self._rank(table, e, 0) for e in table.by_pinyin.get(key, ())]
            if len(key) >= MIN_INITIALS:
                ranked += [self._rank(table, e, 1) for e in table.by_initials.get(key, ())]
        ranked = [rank for rank in sorted(ranked) if rank[-1] not in PLACEHOLDER_NAMES]
        if ranked and not ranked[0][0]:  # some names have reports: the others would find nothing
            ranked = [rank for rank in ranked if not rank[0]]
        return list(islice(dict.fromkeys(rank[-1] for rank in ranked), MAX_EXPANSIONS))

    def nearest(self, word: str, limit: int = 3) -> list[str]:
        """Known names nearest the word (same sound, then one look-alike character or a homophone part of an
        agency name), names with reports first; never the word itself, and for a known word only names with reports."""
        word = word.strip()
        if not has_han(word):
            return [name for name in self.expand_latin(word) if name != word][:limit]
        found: dict[tuple[int, int], int] = {}
        for key in readings(word):
            for number, table in enumerate(self.tables):
                for entry in table.by_pinyin.get(key, ()):
                    found.setdefault((number, entry), 0)
        for number, entry in self._look_alikes(word):
            found.setdefault((number, entry), 1)
        known = any(same_name(word, t.names[e], t.shorts[e]) for (n, e) in found for t in [self.tables[n]])
        known = known or bool(self.gazetteer.lookup(word))
        ranked = sorted(self._rank(self.tables[n], e, distance) for (n, e), distance in found.items()
                        if self._usable(self.tables[n], e) and not same_name(word, self.tables[n].names[e], self.tables[n].shorts[e])
                        and not (known and not self.has_reports(self.tables[n], e)))
        return list(islice(dict.fromkeys(rank[-1] for rank in ranked), limit))

    def _look_alikes(self, word: str) -> Iterator[tuple[int, int]]:
        """(table number, entry) of names one look-alike character away from the word (or word + suffix)."""
        forms = [word] + [word + suffix for suffix in PLACE_SUFFIXES if not word.endswith(suffix)]
        masks = self.gazetteer.one_char_wildcards
        agencies = self.tables[0]
        for form in forms:
            for k in range(len(form) - 1):
                for index in masks.get(form[:k] + "?" + form[k + 1:], ()):
                    if glyphs_similar(form[k], self.gazetteer.places[index].name[k]):
                        yield 1, index
        spoken = f" {' '.join(lazy_pinyin(word))} "
        for entry, name in enumerate(agencies.names):  # a few thousand: a scan is cheaper than an index
            if len(word) >= 2 and word not in name and spoken in self.agency_sounds[entry]:
                yield 0, entry  # 海滩片区 sounds like a part of 平潭综合实验区海坛片区管理局
            elif len(name) == len(word) and sum(a != b for a, b in zip(name, word)) == 1:
                k = next(i for i, (a, b) in enumerate(zip(name, word)) if a != b)
                if glyphs_similar(word[k], name[k]):
                    yield 0, entry

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        """As-you-type: names starting with the characters, pinyin or initials typed; agencies also by any part."""
        text = prefix.strip()
        key = latin_key(text)
        if not key and not has_han(text):
            return []
        ranked = []
        for number, table in enumerate(self.tables):
            entries = table.with_prefix(key) if key else table.names_from(text)
            ranked += [(self._rank(table, e, 0), number, e) for e in entries]
            if table.kind == "agency" and not key:  # 公安 → 平潭综合实验区公安局
                ranked += [(self._rank(table, e, 1), number, e) for e, name in enumerate(table.names) if text in name[1:]]
        out: dict[tuple, dict] = {}
        for _, number, entry in sorted(ranked):
            if len(out) >= limit:
                break
            if self._usable(self.tables[number], entry):
                item = self._describe(number, entry)
                out.setdefault((item["name"], tuple(item["region"])), item)
        return list(out.values())

    def _describe(self, number: int, entry: int) -> dict:
        """One suggestion: name, kind and region path (province first, the place itself included for agencies)."""
        table = self.tables[number]
        if table.kind == "place":
            region = region_chain(self.gazetteer, self.gazetteer.places[entry])
        else:
            place = self.agency_places[entry]
            region = [] if place is None else region_chain(self.gazetteer, place) + [place.name]
            region = [name for name in region if name != table.names[entry]]
        return {"name": table.names[entry], "kind": table.kind, "region": region}


def build_name_index(extra_names: Iterable[str] = ()) -> NameIndex:
    """A NameIndex of the gazetteer's places plus the given agency names (blank names ignored)."""
    names = list(dict.fromkeys(name.strip() for name in extra_names if name and name.strip()))
    agencies = NameTable.build("agency", ((name, agency_short(name), "agency", -1) for name in names))
    return NameIndex(place_table(), agencies, load_gazetteer())
