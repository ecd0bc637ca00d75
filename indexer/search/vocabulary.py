"""The query vocabulary (analyzers/data/synonyms.tsv): groups of words searched together.

Loaded once per process; words are normalised as queries are, so a traditional or
full-width spelling in the file or the query still meets its group.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analyzers.gazetteer import data_bytes
from analyzers.normalize import normalize

KINDS = ("report", "agency", "place", "term", "filler")
MAX_VARIANTS = 8  # a word with several short forms expands to at most this many spellings


@dataclass(frozen=True)
class Vocabulary:
    """Word -> the other words of its group, the words naming the report itself, and the
    filler words of a question (我想看, 哪些, 的) that never narrow a search."""

    groups: dict[str, tuple[str, ...]]
    report_words: frozenset[str]
    fillers: frozenset[str] = frozenset()

    def variants(self, word: str) -> tuple[str, ...]:
        """Other spellings of `word`: each known short form inside it replaced by its group's words.

        Names of the report (年报 …) are replaced only when they are the whole word: inside a
        longer word they only rank (understand.split_tokens), and spelling them out would
        crowd the other forms out of MAX_VARIANTS.
        """
        keys = [key for key in self._keys_in(word) if key == word or key not in self.report_words]
        found = [(key, word.find(key)) for key in keys]
        variants = [word]
        taken: list[tuple[int, int]] = []
        for key, start in found:
            if any(start < end and begin < start + len(key) for begin, end in taken):
                continue  # overlaps a longer key already used
            taken.append((start, start + len(key)))
            variants = [v.replace(key, other, 1) for v in variants for other in (key, *self.groups[key]) if key in v]
        return tuple(dict.fromkeys(v for v in variants if v != word))[:MAX_VARIANTS]

    def _keys_in(self, word: str) -> list[str]:
        """Vocabulary words inside `word`, longest first."""
        return sorted((key for key in self.groups if key in word), key=len, reverse=True)


def parse_vocabulary(text: str) -> Vocabulary:
    """A Vocabulary from the TSV text; a bad line raises ValueError naming it."""
    groups: dict[str, tuple[str, ...]] = {}
    report: set[str] = set()
    fillers: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, *words = [part.strip() for part in line.split("\t")]
        words = [normalize(w) for w in words if w]
        if kind == "filler" and words:
            fillers.update(words)
            continue
        if kind not in KINDS or len(words) < 2 or any(len(w) < 2 for w in words):
            raise ValueError(f"synonyms.tsv line {number}: expected a kind of {KINDS} and two or more words of 2+ characters")
        if kind == "report":
            report.update(words)
        for word in words:
            groups[word] = tuple(dict.fromkeys(groups.get(word, ()) + tuple(w for w in words if w != word)))
    return Vocabulary(groups, frozenset(report), frozenset(fillers))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The project's vocabulary, read once."""
    return parse_vocabulary(data_bytes("synonyms.tsv").decode("utf-8"))
