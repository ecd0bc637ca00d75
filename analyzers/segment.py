"""The one Chinese segmenter of the project: jieba with government terms and place names.

Documents are indexed with `index_text` and queries cut with `query_tokens`; both go
through `segment`, so a query word and the same word in a report become the same tokens.
HMM new-word discovery is off: it guesses unknown words differently depending on their
neighbours, so a word cut inside a report could be cut another way when typed alone
(benchmarks/bench_segment.py measures this and the speed).
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from functools import lru_cache
from importlib import resources

import jieba

from analyzers.gazetteer import PLACEHOLDER_NAMES, data_lines

TERM_FREQ = 20_000  # above any split of the term into dictionary words, so terms stay whole
PLACE_FREQ = 2_000  # place names stay whole (临清市) but do not swallow ordinary words
# A place name is recognised whole (so 临清市委 cuts as 临清市|委, not 临清|市委) and then
# emitted as stem + suffix, so a query for 临清 finds 临清市 and one for 临清市 still
# matches as the phrase 临清 市.
PLACE_SUFFIXES = ("自治区", "自治州", "自治县", "街道", "省", "市", "县", "区", "镇", "乡", "旗")
USE_HMM = False
_LOCK = threading.Lock()


def _gov_terms() -> list[str]:
    """The hand-kept government terms of analyzers/data/gov_terms.txt."""
    text = resources.files("analyzers").joinpath("data", "gov_terms.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _split_place(name: str) -> tuple[str, ...]:
    """A place name as stem and suffix (潘庄镇 -> 潘庄, 镇); other names whole."""
    for suffix in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return (name[: -len(suffix)], suffix)
    return (name,)


@lru_cache(maxsize=1)
def place_parts() -> dict[str, tuple[str, ...]]:
    """Every full place name of the gazetteer (3+ characters) with the tokens it is emitted as."""
    return {
        name: _split_place(name)
        for _, name, *_ in data_lines("gazetteer.tsv.gz")
        if name not in PLACEHOLDER_NAMES and len(name) >= 3
    }


def _add_word(instance: jieba.Tokenizer, word: str, freq: int, tag: str) -> None:
    """Add a word without lowering the frequency jieba already has for it (人民, 中心)."""
    instance.add_word(word, max(freq, instance.FREQ.get(word) or 0), tag)


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """The process's single jieba tokenizer, with the user dictionary loaded (built on first use)."""
    with _LOCK:
        jieba.setLogLevel(logging.WARNING)
        instance = jieba.Tokenizer()
        instance.initialize()
        for name in place_parts():
            _add_word(instance, name, PLACE_FREQ, "ns")
        for term in _gov_terms():
            _add_word(instance, term, TERM_FREQ, "n")
        return instance


def _is_word(token: str) -> bool:
    """Whether a token carries text (letters, digits or CJK), not whitespace or punctuation."""
    return any(ch.isalnum() for ch in token)


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII, U+3000 to a space) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def segment(text: str) -> list[str]:
    """The words of a text, in order, without whitespace and punctuation tokens."""
    parts = place_parts()
    out: list[str] = []
    for token in tokenizer().cut(normalize(text), HMM=USE_HMM):
        if token in parts:
            out.extend(parts[token])
        elif _is_word(token):
            out.append(token)
    return out


def index_text(text: str) -> str:
    """The space-joined tokens both search engines index with a whitespace analyzer."""
    return " ".join(segment(text))


def query_tokens(text: str) -> list[str]:
    """The tokens of a query, cut exactly as documents are, so they match the index."""
    return segment(text)
