"""The one Chinese segmenter of the project: jieba-next with government terms and place names.

Documents are indexed with `index_text` and queries cut with `query_tokens`; both go
through `segment`, so a query word and the same word in a report become the same tokens.

Choices, measured by benchmarks/bench_segment.py and pinned by tests/text:
- jieba-next, not jieba: with HMM off it cuts exactly like jieba (every seed and
  corpus-dev text) and runs about three times faster. jieba_fast_dat was rejected: it
  splits 行政诉讼 into 行政诉/讼.
- HMM new-word discovery off: it guesses unknown words from their neighbours, so a word
  cut one way inside a report could be cut another way when typed alone as a query
  (it glued 年鄌郚镇 into one token), and it is slower.
- Start-up: jieba reloads its 500k-entry dictionary with a slow streaming `marshal.load`
  and we add 45k words on top. The finished dictionary is snapshotted once
  (`analyzers.gazetteer.snapshot`, keyed by the jieba-next version and our data files)
  and read back in one go.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from functools import lru_cache

import jieba_next

from analyzers.gazetteer import PLACEHOLDER_NAMES, data_bytes, data_lines, snapshot
from analyzers.normalize import normalize

TERM_FREQ = 20_000  # above any split of the term into dictionary words, so terms stay whole
PLACE_FREQ = 2_000  # place names stay whole (临清市) but do not swallow ordinary words
# A place's stem alone (潘家堡 of 潘家堡镇) is a word too, so a query typed without the
# suffix is one token like the stem in documents; low, so it only beats single characters.
STEM_FREQ = 200
USE_HMM = False
# A place name is recognised whole (so 临清市委 cuts as 临清市|委, not 临清|市委) and then
# emitted as stem + suffix, so a query for 临清 finds 临清市 and one for 临清市 still
# matches as the phrase 临清 市.
PLACE_SUFFIXES = ("自治区", "自治州", "自治县", "街道", "省", "市", "县", "区", "镇", "乡", "旗")
_LOCK = threading.Lock()
_STATE: tuple[jieba_next.Tokenizer, dict[str, tuple[str, ...]]] | None = None


def gov_terms() -> list[str]:
    """The hand-kept government terms of analyzers/data/gov_terms.txt."""
    text = data_bytes("gov_terms.txt").decode("utf-8")
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


def _add_word(instance: jieba_next.Tokenizer, word: str, freq: int, tag: str) -> None:
    """Add a word without lowering the frequency jieba already has for it (人民, 中心)."""
    instance.add_word(word, max(freq, instance.FREQ.get(word) or 0), tag)


def add_project_words(instance: jieba_next.Tokenizer) -> None:
    """Add place names, their stems and government terms to an initialized jieba tokenizer."""
    for name, parts in place_parts().items():
        _add_word(instance, name, PLACE_FREQ, "ns")
        if len(parts) == 2:
            _add_word(instance, parts[0], STEM_FREQ, "ns")
    for term in gov_terms():
        _add_word(instance, term, TERM_FREQ, "n")


def build_tokenizer() -> jieba_next.Tokenizer:
    """A fresh tokenizer: jieba-next's dictionary plus place names and government terms."""
    instance = jieba_next.Tokenizer()
    instance.initialize()
    add_project_words(instance)
    return instance


def _build_state() -> tuple[dict[str, int], int, dict[str, tuple[str, ...]]]:
    """The finished dictionary (FREQ, total) and the place table, for the snapshot."""
    instance = build_tokenizer()
    return instance.FREQ, instance.total, place_parts()


def _state() -> tuple[jieba_next.Tokenizer, dict[str, tuple[str, ...]]]:
    """The tokenizer and place table, built once per process or read from the snapshot."""
    global _STATE
    if _STATE is None:
        # Double-checked under a lock (not lru_cache): threads that ask while the first
        # load runs wait for it instead of loading a second copy.
        with _LOCK:
            if _STATE is None:
                jieba_next.set_log_level(logging.WARNING)
                inputs = [jieba_next.__version__, f"{TERM_FREQ} {PLACE_FREQ} {STEM_FREQ} {PLACE_SUFFIXES}",
                          data_bytes("gov_terms.txt"), data_bytes("gazetteer.tsv.gz"), ",".join(sorted(PLACEHOLDER_NAMES))]
                freq, total, parts = snapshot("segment-v1", inputs, _build_state)
                instance = jieba_next.Tokenizer()
                # FREQ/total/initialized are jieba's long-standing public state: setting
                # them is how its own cache loader initializes a tokenizer.
                instance.FREQ, instance.total, instance.initialized = freq, total, True
                _STATE = instance, parts
    return _STATE


def tokenizer() -> jieba_next.Tokenizer:
    """The process's single tokenizer (built or read from its snapshot on first use)."""
    return _state()[0]


def warm_up() -> threading.Thread:
    """Load the tokenizer in a background thread (a server calls this at start-up)."""
    thread = threading.Thread(target=segment, args=("政府信息公开",), name="segment-warm-up", daemon=True)
    thread.start()
    return thread


# A token carries text when it has a letter, digit or CJK character (not only whitespace
# or punctuation); a compiled search is several times faster than a per-character test.
_HAS_WORD_CHAR = re.compile(r"[^\W_]").search


def segment(text: str) -> list[str]:
    """The words of a text, in order, without whitespace and punctuation tokens."""
    instance, parts = _state()
    out: list[str] = []
    append, extend, has_word = out.append, out.extend, _HAS_WORD_CHAR  # hot loop: bound once
    for token in instance.cut(normalize(text), HMM=USE_HMM):
        split = parts.get(token)
        if split is not None:
            extend(split)
        elif has_word(token):
            append(token)
    return out


def index_text(text: str) -> str:
    """The space-joined tokens both search engines index with a whitespace analyzer."""
    return " ".join(segment(text))


def query_tokens(text: str) -> list[str]:
    """The tokens of a query, cut exactly as documents are, so they match the index."""
    return segment(text)


@lru_cache(maxsize=1)
def place_stems() -> frozenset[str]:
    """Stems of place names emitted as stem + suffix (潘家堡 of 潘家堡镇)."""
    return frozenset(parts[0] for parts in place_parts().values() if len(parts) == 2)


def _best_split(word: str) -> list[str]:
    """The most probable cut of `word` into dictionary words, never `word` itself.

    jieba's own choice (maximum product of word probabilities over the DAG) with the whole
    word left out, so the parts are the words the long word is made of: 公开工作 is
    公开|工作, and 开工, which straddles that boundary, is not among them.
    """
    frequencies = tokenizer().FREQ
    log_total = math.log(tokenizer().total)
    size = len(word)
    # best[i]: (log probability, end of the first word) of the best cut of word[i:]
    best: list[tuple[float, int]] = [(0.0, size)] * (size + 1)
    for start in range(size - 1, -1, -1):
        options = []
        for end in range(start + 1, size + 1):
            if end - start == size:
                continue
            piece = word[start:end]
            frequency = frequencies.get(piece) or (1 if end - start == 1 else 0)
            if frequency:
                options.append((math.log(frequency) - log_total + best[end][0], end))
        best[start] = max(options)
    parts, start = [], 0
    while start < size:
        end = best[start][1]
        parts.append(word[start:end])
        start = end
    return parts


@lru_cache(maxsize=200_000)
def subwords(token: str) -> tuple[str, ...]:
    """The dictionary words a long token is made of, at every level (jieba search-mode style).

    政府信息公开工作年度报告 -> 政府信息公开, 工作, 年度报告, 政府, 信息公开, 信息, 公开, 年度,
    报告. Each part of the best cut is cut again, so a query word matches the words a
    report is built from, but never a string across their boundary (开工 in 公开工作, 山东
    in 中山东路), as character n-grams or every substring would.
    """
    if len(token) < 3 or not _HAS_CJK(token):
        return ()
    found: list[str] = []
    for part in _best_split(token):
        if len(part) >= 2:
            found.append(part)
            found.extend(subwords(part))
    return tuple(dict.fromkeys(found))


def subwords_text(text: str) -> str:
    """The distinct subwords of every token of segmented text (a field matched, never phrased)."""
    return " ".join(dict.fromkeys(word for token in text.split() for word in subwords(token)))


_HAS_CJK = re.compile(r"[\u4e00-\u9fff]").search
