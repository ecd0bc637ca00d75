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
- Names with reports behind them (the agencies, and the places they belong to) come first
  everywhere; when a latin token matches some of them, the others are dropped.
- Did-you-mean candidates are, in this order, names that sound the same (潘家宝镇 → 潘家堡镇,
  唐吾 → 鄌郚镇), names one look-alike character away (沐阳县 → 沭阳县), and agency names
  holding the word with one character changed or a part that sounds like it (财政全融局,
  海滩片区); never the word itself, nor the word with only a suffix added or dropped (唐吾 →
  唐吾镇 is the same name). A word that is itself a known name gets only names with reports.
- Agency names' places are read from the names (沭阳县发展和改革局 → 江苏省 宿迁市 沭阳县);
  a name whose place is ambiguous (潘庄镇: three provinces) has no region.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from itertools import accumulate, islice
from typing import Iterable, Iterator, Sequence

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


def han(text: str) -> str:
    """The Chinese characters of a text (pypinyin reads them in context, as one string)."""
    return "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff")


def spellings(text: str) -> list[list[str]]:
    """Toneless syllables of a name: the contextual reading, then others of one heteronym each.

    Other readings come from the distinctive part only (not a trailing 镇/县 …), round
    robin (every character's second reading before any third), so the MAX_VARIANTS budget
    goes to the characters a user may read either way (堡: bao, bu).
    """
    chars = han(text)
    if not chars:
        return []
    # one call: with heteronym=True the first reading of each character is the contextual one
    readings_of = pinyin(chars, style=Style.NORMAL, heteronym=True, errors="ignore")
    base = [options[0] for options in readings_of]
    stem = len(chars) - next((len(s) for s in PLACE_SUFFIXES if chars.endswith(s)), 0)
    others = [[o for o in dict.fromkeys(options) if o != base[i]] for i, options in enumerate(readings_of[:stem])]
    out = [base]
    for rank in range(max((len(o) for o in others), default=0)):
        for position, options in enumerate(others):
            if rank < len(options) and len(out) < MAX_VARIANTS:
                out.append(base[:position] + [options[rank]] + base[position + 1:])
    return out


def readings(text: str) -> list[str]:
    """Toneless spellings of a name as latin keys (潘家堡镇 → panjiabaozhen, panjiabuzhen …)."""
    return ["".join(syllables) for syllables in spellings(text)]


def name_keys(name: str, short: str) -> tuple[list[str], list[str]]:
    """The full-pinyin keys and the initials keys (MIN_INITIALS letters or more) of a name and its short form."""
    variants = spellings(name)
    if not variants:
        return [], []
    lengths = [len(variants[0])]
    if short and name.startswith(short):  # the short form's syllables are the name's first ones
        lengths.append(len(han(short)))
    full = ["".join(syllables[:n]) for n in lengths for syllables in variants]
    heads = ["".join(s[0] for s in variants[0][:n]) for n in lengths if n >= MIN_INITIALS]
    if short and not name.startswith(short):
        full += readings(short)
        heads += [h for h in ["".join(s[0] for s in lazy_pinyin(han(short)))] if len(h) >= MIN_INITIALS]
    return list(dict.fromkeys(full)), list(dict.fromkeys(heads))


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
    """Names of one kind and their latin keys as sorted strings: compact, and quick to snapshot.

    `keys` holds "<key>\t<p|i><entry>" (p: full pinyin, i: initials) and `sorted_names`
    "<name>\t<entry>"; a tab sorts before any letter, so one bisect finds a key or a prefix.
    """

    kind: str
    names: Sequence[str]
    shorts: Sequence[str]
    levels: Sequence[str]
    keys: list[str]
    sorted_names: list[str]

    @classmethod
    def build(cls, kind: str, rows: Iterable[tuple[str, str, str]]) -> "NameTable":
        """A table from (name, short, level) rows; entry numbers follow the rows."""
        names, shorts, levels, keys = [], [], [], []
        for entry, (name, short, level) in enumerate(rows):
            names.append(name), shorts.append(short), levels.append(level)
            full, heads = name_keys(name, short)
            keys += [f"{key}\tp{entry}" for key in full] + [f"{key}\ti{entry}" for key in heads]
        sorted_names = sorted(f"{name}\t{entry}" for entry, name in enumerate(names))
        return cls(kind, names, shorts, levels, sorted(keys), sorted_names)

    def lookup(self, key: str, how: str = "p") -> Iterator[int]:
        """Entries whose full pinyin (how="p") or initials (how="i") are exactly `key`."""
        for item in self._range(self.keys, key + "\t"):
            if item[len(key) + 1] == how:
                yield int(item[len(key) + 2:])

    def with_prefix(self, prefix: str) -> Iterator[int]:
        """Entries having a latin key that starts with `prefix` (bounded, nearest keys first)."""
        return (int(item.rsplit("\t", 1)[1][1:]) for item in self._range(self.keys, prefix))

    def names_from(self, prefix: str) -> Iterator[int]:
        """Entries whose name starts with `prefix` (bounded)."""
        return (int(item.rsplit("\t", 1)[1]) for item in self._range(self.sorted_names, prefix))

    @staticmethod
    def _range(items: list[str], prefix: str) -> Iterator[str]:
        """The sorted items that start with `prefix`, at most MAX_PREFIX_KEYS of them."""
        start = bisect.bisect_left(items, prefix)
        for item in items[start:start + MAX_PREFIX_KEYS]:  # a slice seeks; islice would walk from 0
            if not item.startswith(prefix):
                return
            yield item


def _place_rows(gazetteer: Gazetteer) -> Iterator[tuple[str, str, str]]:
    """Every place of the gazetteer as a table row, entry number = place index.

    Placeholder rows (市辖区 …) are kept so the numbers line up; lookups never return them.
    """
    for place in gazetteer.places:
        short = place.short.split("/")[0] if place.short != place.name else ""
        yield place.name, "" if place.name in PLACEHOLDER_NAMES else short, place.level


def _build_place_keys() -> tuple[list[str], list[str]]:
    """The place table's sorted key and name strings (the snapshot's content)."""
    table = NameTable.build("place", _place_rows(load_gazetteer()))
    return table.keys, table.sorted_names


@lru_cache(maxsize=1)
def place_table() -> NameTable:
    """The gazetteer's places with their pinyin: computed once per machine (snapshotted), loaded once per process."""
    inputs = [data_bytes("gazetteer.tsv.gz"), data_bytes("aliases.tsv"), version("pypinyin"), "names-v3"]
    keys, sorted_names = snapshot("names-places-v3", inputs, _build_place_keys)
    places = load_gazetteer().places
    shorts = [row[1] for row in _place_rows(load_gazetteer())]
    return NameTable("place", [p.name for p in places], shorts, [p.level for p in places], keys, sorted_names)


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


@lru_cache(maxsize=65536)
def look_alike(a: str, b: str) -> bool:
    """glyphs_similar, remembered: the same pairs come back with every lookup of a word."""
    return glyphs_similar(a, b)


@lru_cache(maxsize=65536)
def char_sound(char: str) -> str:
    """Toneless contextless pinyin of one character."""
    return "".join(lazy_pinyin(char))


def same_name(word: str, name: str, short: str) -> bool:
    """Whether a known name is the word itself, or the word with only a suffix added or dropped."""
    if word in (name, short):
        return True
    longer, shorter = (name, word) if len(name) > len(word) else (word, name)
    return longer.startswith(shorter) and longer[len(shorter):] in PLACE_SUFFIXES + AGENCY_ENDINGS


class NameIndex:
    """Places and agencies by pinyin, initials, spelling and prefix (see the module notes)."""

    def __init__(self, places: NameTable, agencies: NameTable, gazetteer: Gazetteer) -> None:
        """Index the agencies' places, sounds and text beside the (shared) place table."""
        self.tables = (agencies, places)  # agencies first: they have reports behind them
        self.gazetteer = gazetteer
        self.agency_places = [agency_place(gazetteer, name) for name in agencies.names]
        self.agency_sounds = [f" {' '.join(lazy_pinyin(han(name)))} " for name in agencies.names]
        # every agency name on one line of one string: a regular expression scans them all in C
        self.agency_text = "\n".join(agencies.names)
        self.agency_starts = list(accumulate((len(name) + 1 for name in agencies.names[:-1]), initial=0))
        # places with reports behind them: an agency's place and its ancestors
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
        return list(islice(dict.fromkeys(rank[-1] for rank in self._latin_ranks(token)), MAX_EXPANSIONS))

    def _latin_ranks(self, token: str) -> list[tuple]:
        """Ranked matches of a latin token; only those with reports when any has reports."""
        key = latin_key(token)
        if not key:
            return []
        ranked = []
        for table in self.tables:
            ranked += [self._rank(table, e, 0) for e in table.lookup(key)]
            if len(key) >= MIN_INITIALS:
                ranked += [self._rank(table, e, 1) for e in table.lookup(key, "i")]
        ranked = [rank for rank in sorted(ranked) if rank[-1] not in PLACEHOLDER_NAMES]
        if ranked and not ranked[0][0]:  # some names have reports: the others would find nothing
            ranked = [rank for rank in ranked if not rank[0]]
        return ranked

    def nearest(self, word: str, limit: int = 3, with_reports: bool = False) -> list[str]:
        """Known names nearest the word (same sound, then one look-alike character or a homophone part of an
        agency name), names with reports first; never the word itself. Only names with reports when the word
        is itself a known name, or when `with_reports` (a did-you-mean that must lead to results)."""
        word = word.strip()
        if not has_han(word):
            ranks = [rank for rank in self._latin_ranks(word) if not (with_reports and rank[0])]
            return list(islice(dict.fromkeys(rank[-1] for rank in ranks), limit))
        found: dict[tuple[int, int], int] = {}
        for key in readings(word):
            for number, table in enumerate(self.tables):
                for entry in table.lookup(key):
                    found.setdefault((number, entry), 0)
        for number, entry in self._look_alikes(word):
            found.setdefault((number, entry), 1)
        for number, entry in self._agency_parts(word):  # a part of a name: after whole names
            found.setdefault((number, entry), 2)
        itself = {(n, e) for n, e in found if same_name(word, self.tables[n].names[e], self.tables[n].shorts[e])}
        only_backed = with_reports or bool(itself) or bool(self.gazetteer.lookup(word))
        ranked = sorted(self._rank(self.tables[n], e, distance) for (n, e), distance in found.items()
                        if (n, e) not in itself and self._usable(self.tables[n], e)
                        and (self.has_reports(self.tables[n], e) or not only_backed))
        return list(islice(dict.fromkeys(rank[-1] for rank in ranked), limit))

    def _look_alikes(self, word: str) -> Iterator[tuple[int, int]]:
        """(table number, entry) of names one look-alike character away from the word (or word + suffix)."""
        forms = [word] + [word + suffix for suffix in PLACE_SUFFIXES if not word.endswith(suffix)]
        masks = self.gazetteer.one_char_wildcards
        for form in forms:
            for k in range(min(len(word), len(form) - 1)):  # the word's characters, not the suffix added
                for index in masks.get(form[:k] + "?" + form[k + 1:], ()):
                    if look_alike(form[k], self.gazetteer.places[index].name[k]):
                        yield 1, index

    def _agency_parts(self, word: str) -> Iterator[tuple[int, int]]:
        """Agencies holding the word with one character swapped (a look-alike or homophone in words under four
        characters), or a part that sounds like it."""
        if len(word) < 2:
            return
        spoken = f" {' '.join(lazy_pinyin(han(word)))} "
        names = self.tables[0].names
        for entry, sound in enumerate(self.agency_sounds):  # a few thousand `in` tests: cheaper than an index
            if spoken in sound and word not in names[entry]:
                yield 0, entry  # 海滩片区 sounds like a part of 平潭综合实验区海坛片区管理局
        for k in range(len(word)):  # 财政全融局 inside 平潭综合实验区财政金融局 (全 for 金)
            pattern = re.compile(re.escape(word[:k]) + "[^\n]" + re.escape(word[k + 1:]))
            for match in pattern.finditer(self.agency_text):
                swapped = match.group()[k]
                # one character in four or more is a small edit whatever it is; in a shorter word it must look or sound alike
                alike = len(word) >= 4 or look_alike(word[k], swapped) or char_sound(swapped) == char_sound(word[k])
                if swapped != word[k] and alike:
                    yield 0, bisect.bisect_right(self.agency_starts, match.start()) - 1

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
    agencies = NameTable.build("agency", ((name, agency_short(name), "agency") for name in names))
    gazetteer = load_gazetteer()
    gazetteer.one_char_wildcards  # noqa: B018 -- loaded now (0.4 s, 12 MB), not on the first did-you-mean
    return NameIndex(place_table(), agencies, gazetteer)
