"""One search as both engines run it: understand the query, search, and never end in a dead end.

An engine supplies three primitives (EngineRun); this module decides what to run:
1. the query as understood (indexer.search.understand), all words required;
2. nothing found: words matching nothing at all are replaced by the nearest known name
   (NameLookup.nearest, 潘家宝镇 -> 潘家堡镇) and the corrected query is run instead;
3. still nothing: the best partial matches (any word), each hit labelled with the words
   it lacks. Few results: the near names are offered as "did you mean" links only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Protocol

from indexer.search import query as Q
from indexer.search.model import QueryNotes, SearchRequest, SearchResult
from indexer.search.understand import LATIN_WORD, NameLookup, Understood, understand

FEW_RESULTS = 3  # at most this many hits: offer near names too
MIN_TAIL = 3  # characters of a misspelt name inside a longer word that may be corrected
HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,20}")  # the parts of a word a name lookup can correct


class EngineRun(Protocol):
    """What an engine offers the pipeline."""

    def run(self, request: SearchRequest, understood: Understood, relaxed: bool) -> SearchResult:
        """One page of hits and facet counts for an understood query (any clause when relaxed)."""

    def matching_ids(self, node: Q.Node, ids: list[str]) -> set[str]:
        """Which of `ids` match `node` (superseded reports included)."""

    def count_matching(self, node: Q.Node) -> int:
        """How many current reports match `node` alone."""


@dataclass(frozen=True)
class _Plan:
    """The query that was run and what was changed on the way."""

    understood: Understood
    corrected: str | None = None
    suggestions: tuple[tuple[str, str], ...] = ()


def run_search(engine: EngineRun, request: SearchRequest, names: NameLookup | None = None) -> SearchResult:
    """A page of results for a request, with the notes the page shows about the query."""
    understood = understand(request.query, names)
    result = engine.run(request, understood, relaxed=False)
    plan = _Plan(understood)
    if request.strict:  # a feed or an alert lists matches only, never a near miss
        return replace(result, notes=_notes(plan, False))
    if request.query and result.total <= FEW_RESULTS and names is not None:
        suggestions = _near_names(engine, understood, names)
        plan = _Plan(understood, suggestions=suggestions)
        if not result.total and suggestions:
            corrected_text = _apply(understood.text, suggestions)
            corrected = understand(corrected_text, names)
            retried = engine.run(request, corrected, relaxed=False)
            if retried.total:
                result, plan = retried, _Plan(corrected, corrected_text, suggestions)
    partial = not result.total and len(plan.understood.partial_clauses()) > 1
    if partial:
        result = _label_missing(engine, engine.run(request, plan.understood, relaxed=True), plan.understood)
    unsearchable = bool(request.query.strip()) and not _searchable(understood)
    return replace(result, notes=replace(_notes(plan, partial), unsearchable=unsearchable))


def _searchable(understood: Understood) -> bool:
    """Whether anything of the query reached the engine (words, filters, exclusions, ranking words)."""
    return bool(understood.clauses or understood.filters or understood.excluded or understood.optional_tokens)


def _near_names(engine: EngineRun, understood: Understood, names: NameLookup) -> tuple[tuple[str, str], ...]:
    """(word, nearest known name) for each name-like part of a word that matches no report at all.

    A part is a run of Chinese characters (潘家宝镇 of 潘家宝镇2021) or a whole latin word.
    """
    found = []
    for clause in understood.clauses:
        for part in HAN_RUN.findall(clause.label) or ([clause.label] if LATIN_WORD.fullmatch(clause.label) else []):
            if _matches(engine, part) is not False:  # (年报 alone never narrows: nothing to correct)
                continue
            near = _nearest(names, part)
            found.extend([(part, near)] if near else _near_tail(engine, part, names))
    return tuple(found)


def _near_tail(engine: EngineRun, part: str, names: NameLookup) -> list[tuple[str, str]]:
    """(tail, nearest name) for a misspelt name after a good word (公按局 of 平潭公按局), else nothing.

    The first cut whose head matches reports and whose tail (MIN_TAIL characters or more) is
    near a known name; shorter tails are too vague to correct."""
    for cut in range(1, len(part) - MIN_TAIL + 1):
        head, tail = part[:cut], part[cut:]
        near = _nearest(names, tail) if _matches(engine, head) else None
        if near:
            return [(tail, near)]
    return []


def _matches(engine: EngineRun, text: str) -> bool | None:
    """Whether the word matches any report (None: it does not narrow a search, as 年报 alone)."""
    parsed = understand(text).clauses
    return bool(engine.count_matching(parsed[0].node)) if parsed else None


def _nearest(names: NameLookup, word: str) -> str | None:
    """The known name with reports nearest to `word`, never the word itself."""
    return next((name for name in names.nearest(word, 1, with_reports=True) if name and name != word), None)


def _apply(text: str, suggestions: tuple[tuple[str, str], ...]) -> str:
    """The query text with each word replaced by its suggested name."""
    for word, name in suggestions:
        text = text.replace(word, name)
    return text


def _label_missing(engine: EngineRun, result: SearchResult, understood: Understood) -> SearchResult:
    """Hits of a partial search, each with the words (clause labels) it lacks."""
    ids = [hit.id for hit in result.hits]
    if not ids:
        return result
    parts = understood.partial_clauses()
    matched = [engine.matching_ids(clause.node, ids) for clause in parts]
    hits = tuple(
        replace(hit, missing=tuple(c.label for c, found in zip(parts, matched) if hit.id not in found))
        for hit in result.hits
    )
    return replace(result, hits=hits)


def _notes(plan: _Plan, partial: bool) -> QueryNotes:
    """What the page says about the query: expansions, year, correction, partial results."""
    understood = plan.understood
    return QueryNotes(
        expansions=tuple((e.word, e.alternatives, e.kind) for e in understood.expansions),
        years=understood.years,
        corrected_query=plan.corrected,
        suggestions=plan.suggestions,
        partial=partial,
        words=tuple(c.label for c in (understood.partial_clauses() if partial else understood.clauses)),
    )
