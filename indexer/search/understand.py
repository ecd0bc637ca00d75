"""Query understanding, one pipeline for both engines: normalise -> parse -> segment -> expand.

The query text is normalised as documents are (analyzers.normalize), parsed by the
grammar (indexer.search.query), each word cut by the one segmenter, then expanded:
synonyms and short forms of the vocabulary, pinyin of a known name (through an optional
NameLookup), a year written any way. What comes out is an engine-neutral `Understood`:
the clauses every hit must match, and what only ranks (words naming the report itself,
place suffixes, years, title/agency/region matches). Both engines translate it clause for
clause, so they match the same reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from analyzers.normalize import normalize
from analyzers.segment import PLACE_SUFFIXES, place_stems, query_tokens
from indexer.search import query as Q
from indexer.search.vocabulary import Vocabulary, vocabulary

YEAR = re.compile(r"19[5-9]\d|20\d\d")
YEAR_SUFFIXES = frozenset({"年", "年度"})
LATIN_WORD = re.compile(r"[a-z]{2,40}")
MAX_NAMES = 5  # names a pinyin spelling may stand for
LATIN_PIECE = re.compile(r"[a-z]{1,40}")
MAX_JOINED = 6  # latin words one spaced pinyin spelling may come in (pan jia bao zhen)
MAX_RANK_TOKENS = 16  # optional ranking clauses per query: enough for every word, bounded in cost


class NameLookup(Protocol):
    """Known place and agency names by pinyin and near spelling (analyzers.names implements it)."""

    def expand_latin(self, token: str) -> list[str]:
        """Names whose pinyin or initials are `token` (panjiabao, pjb -> 潘家堡镇)."""

    def nearest(self, word: str, limit: int = 3, with_reports: bool = False) -> list[str]:
        """Known names nearest to `word` by pinyin and edit distance (潘家宝镇 -> 潘家堡镇); with_reports:
        only names that have reports behind them."""


@dataclass(frozen=True)
class Expansion:
    """A word that was also searched in other forms (shown as 同时搜索了：…)."""

    word: str
    alternatives: tuple[str, ...]
    kind: str  # synonym | pinyin


@dataclass(frozen=True)
class Clause:
    """One required part of a query with the words a reader typed for it."""

    label: str
    node: Q.Node


@dataclass(frozen=True)
class Understood:
    """A query ready for the engines: required clauses, exclusions, filters and what ranks."""

    text: str
    clauses: tuple[Clause, ...] = ()
    excluded: tuple[Q.Node, ...] = ()
    filters: tuple[Q.Range, ...] = ()
    rank_tokens: tuple[str, ...] = ()
    optional_tokens: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    expansions: tuple[Expansion, ...] = ()

    @property
    def ast(self) -> Q.And:
        """Everything a hit must match: every clause and filter, no excluded word."""
        return Q.And(tuple(c.node for c in self.clauses) + self.filters + tuple(Q.Not(n) for n in self.excluded))

    def partial_clauses(self) -> tuple[Clause, ...]:
        """The parts a partial match may lack: the clauses, or the tokens of a lone word (平潭财政全融局)."""
        if len(self.clauses) == 1 and isinstance(self.clauses[0].node, Q.Term) and len(self.clauses[0].node.tokens) > 1:
            term = self.clauses[0].node
            return tuple(Clause(token, Q.Term(token, term.position, (token,))) for token in term.tokens)
        return self.clauses

    def highlight_terms(self) -> list[str]:
        """The strings to mark in snippets."""
        marked = Q.highlight_terms(Q.And(tuple(c.node for c in self.clauses)))
        return list(dict.fromkeys(marked + list(self.optional_tokens)))


@dataclass
class _Draft:
    """The parts of an Understood while words are read one by one."""

    clauses: list[Clause]
    excluded: list[Q.Node]
    filters: list[Q.Range]
    rank: list[str]
    optional: list[str]
    years: list[int]
    expansions: list[Expansion]


def understand(text: str, names: NameLookup | None = None, words: Vocabulary | None = None) -> Understood:
    """The engine-neutral form of query text (raises QuerySyntaxError for broken syntax)."""
    normalized = normalize(text)
    draft = _Draft([], [], [], [], [], [], [])
    for node in _joined_latin(Q.parse_query(normalized).children, names):
        _read(node, draft, names, words or vocabulary())
    if not draft.clauses and draft.years:
        # a year alone is the only thing to go by: then it filters (the report's year or the word)
        draft.clauses.append(Clause(" ".join(map(str, draft.years)), _year_node(draft.years)))
    return Understood(
        text=normalized, clauses=tuple(draft.clauses), excluded=tuple(draft.excluded), filters=tuple(draft.filters),
        rank_tokens=tuple(dict.fromkeys(draft.rank))[:MAX_RANK_TOKENS],
        optional_tokens=tuple(dict.fromkeys(t for t in draft.optional if len(t) > 1 and not YEAR.fullmatch(t)))[:MAX_RANK_TOKENS],
        years=tuple(dict.fromkeys(draft.years)), expansions=tuple(draft.expansions),
    )


def _joined_latin(children: tuple[Q.Node, ...], names: NameLookup | None) -> list[Q.Node]:
    """Runs of latin words that together spell a known name become one word (shu yang -> shuyang).

    People type pinyin a syllable at a time; the longest run that names a place or agency wins,
    and words that spell nothing together are read one by one as before."""
    if names is None:
        return list(children)
    nodes, start = list(children), 0
    joined: list[Q.Node] = []
    while start < len(nodes):
        end = start
        while end < len(nodes) and end - start < MAX_JOINED and _latin_piece(nodes[end]):
            end += 1
        stop = next((stop for stop in range(end, start + 1, -1) if _latin_names(_spelt(nodes[start:stop]), names)), None)
        if stop is None:
            joined.append(nodes[start])
            start += 1
        else:
            joined.append(Q.Term(_spelt(nodes[start:stop]), nodes[start].position))
            start = stop
    return joined


def _latin_piece(node: Q.Node) -> bool:
    """Whether a top-level node is one bare latin word (a pinyin syllable or more)."""
    return isinstance(node, Q.Term) and bool(LATIN_PIECE.fullmatch(node.text))


def _spelt(nodes: list[Q.Node]) -> str:
    """The word latin words spell together."""
    return "".join(node.text for node in nodes)


def _read(node: Q.Node, draft: _Draft, names: NameLookup | None, words: Vocabulary) -> None:
    """Add one top-level node of the parsed query to the draft."""
    if isinstance(node, Q.Term):
        _read_word(node, draft, names, words)
    elif isinstance(node, Q.Range):
        draft.filters.append(node)
    elif isinstance(node, Q.Not):
        child = Q.analyze(node.child, query_tokens)
        if child is not None:
            draft.excluded.append(child)
    else:  # a phrase or an OR of words: searched as written
        analyzed = Q.analyze(node, query_tokens)
        if analyzed is not None:
            draft.clauses.append(Clause(_label(node), analyzed))
            draft.rank.extend(Q.highlight_terms(Q.And((analyzed,))))


def _label(node: Q.Node) -> str:
    """How a reader wrote a clause."""
    if isinstance(node, Q.Phrase):
        return f"“{node.text}”"
    if isinstance(node, Q.Or):
        return " OR ".join(_label(child) for child in node.children)
    return getattr(node, "text", "")


def _read_word(term: Q.Term, draft: _Draft, names: NameLookup | None, words: Vocabulary) -> None:
    """One typed word: its spellings, what of it is required and what only ranks."""
    spellings = [term.text]
    synonyms = words.variants(term.text)
    if synonyms:
        draft.expansions.append(Expansion(term.text, synonyms, "synonym"))
    latin = _latin_names(term.text, names)
    if latin:
        draft.expansions.append(Expansion(term.text, latin, "pinyin"))
    spellings += [*synonyms, *latin]
    alternatives: dict[tuple[str, ...], str] = {}
    for position, spelling in enumerate(spellings):
        required, optional, years = split_tokens(query_tokens(spelling), words)
        draft.optional.extend(optional)
        draft.rank.extend(required)
        if position == 0:
            draft.years.extend(years)
            if not required and not latin:  # the word only ranks (年报, 2020, 镇)
                return
        if required:
            alternatives.setdefault(tuple(required), spelling)
    nodes = [Q.Term(spelling, term.position, tokens) for tokens, spelling in alternatives.items()]
    if nodes:
        draft.clauses.append(Clause(term.text, nodes[0] if len(nodes) == 1 else Q.Or(tuple(nodes))))


def _latin_names(word: str, names: NameLookup | None) -> tuple[str, ...]:
    """Known names a latin word is the pinyin or initials of (none without a lookup)."""
    if names is None or not LATIN_WORD.fullmatch(word):
        return ()
    return tuple(dict.fromkeys(n for n in names.expand_latin(word) if n))[:MAX_NAMES]


def split_tokens(tokens: list[str], words: Vocabulary) -> tuple[list[str], list[str], list[int]]:
    """A word's tokens as (required, ranking only, years).

    Ranking only: names of the report itself (年报), a year's 年/年度, a place suffix after a
    known stem (镇 of 潘家堡镇: 潘家堡乡 or 潘家堡 still finds it). Years are pulled out; a
    question's filler words (我想看, 哪些, 多少) are dropped.
    """
    required: list[str] = []
    optional: list[str] = []
    years: list[int] = []
    stems = place_stems()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        span = _report_span(tokens, i, words)
        if span:
            optional.extend(tokens[i:i + span])
            i += span
            continue
        if token in words.fillers:
            pass  # a question's filler (我想看 … 的): neither required nor ranking
        elif YEAR.fullmatch(token):
            years.append(int(token))
            optional.append(token)
        elif (token in YEAR_SUFFIXES and i and YEAR.fullmatch(tokens[i - 1])) or \
                (token in PLACE_SUFFIXES and i and tokens[i - 1] in stems):
            optional.append(token)
        else:
            required.append(token)
        i += 1
    return required, optional, years


def _report_span(tokens: list[str], start: int, words: Vocabulary) -> int:
    """How many tokens from `start` spell a name of the report itself (0 when none do)."""
    for end in range(len(tokens), start, -1):
        if "".join(tokens[start:end]) in words.report_words:
            return end - start
    return 0


def _year_node(years: list[int]) -> Q.Node:
    """A report of one of the years, or one mentioning it."""
    nodes: list[Q.Node] = []
    for year in dict.fromkeys(years):
        nodes += [Q.Range("year", "=", year, 0), Q.Term(str(year), 0, (str(year),))]
    return Q.Or(tuple(nodes))
