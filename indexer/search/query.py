"""The query grammar (docs/query-grammar.md): text -> a small, engine-neutral AST.

Words are ANDed (an explicit `AND` is allowed), `"…"` is a phrase, `OR` joins its two
neighbours (`and`/`or` in any case are operators too: the reports are Chinese), `-`
excludes, and `field>=n` filters a numeric field (spaces around the operator allowed). Parsing is pure; segmentation happens in `analyze`,
so both engines receive the same tokens. Broken syntax raises QuerySyntaxError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Union

from indexer.search.errors import QuerySyntaxError
from indexer.search.fields import SCALED_FIELDS, resolve_numeric_field

MAX_QUERY_LENGTH = 500
# opening quote -> the quotes that may close it (people mix “ with a plain ")
QUOTES = {'"': '"', "“": "”\"", "「": "」"}
WORD_STOPS = set(QUOTES) | set("”」")
RANGE_PATTERN = re.compile(r"^(?P<field>[\w\u4e00-\u9fff]+?)(?P<op>>=|<=|>|<|=|≥|≤)(?P<value>.*)$")
OPERATORS = {"≥": ">=", "≤": "<="}
RANGE_OPERATORS = (">=", "<=", ">", "<", "=", "≥", "≤")
SHARE_VALUE = re.compile(r"(?P<number>\d{1,3}(?:\.\d{1,4})?|\.\d{1,4})(?P<percent>%?)")


@dataclass(frozen=True)
class Term:
    """A word; after analysis its tokens must all occur (in any order)."""

    text: str
    position: int
    tokens: tuple[str, ...] = ()


@dataclass(frozen=True)
class Phrase:
    """Quoted words; after analysis its tokens must occur next to each other, in order."""

    text: str
    position: int
    tokens: tuple[str, ...] = ()


@dataclass(frozen=True)
class Range:
    """A numeric filter such as 新收>=10 on a field of NUMERIC_FIELDS."""

    field: str
    op: str  # one of >=, <=, >, <, =
    value: int
    position: int


@dataclass(frozen=True)
class Not:
    """Excludes reports matching `child`."""

    child: "Node"


@dataclass(frozen=True)
class Or:
    """Matches reports matching any child."""

    children: tuple["Node", ...]


@dataclass(frozen=True)
class And:
    """Matches reports matching every child; an empty And matches every report."""

    children: tuple["Node", ...] = ()


Node = Union[Term, Phrase, Range, Not, Or, And]


@dataclass(frozen=True)
class _Lexeme:
    """One item of the query text: a word, a phrase, OR, or a minus sign."""

    kind: str  # word | phrase | or | minus
    text: str
    position: int


def _closing_quote(text: str, start: int) -> int:
    """Index of the quote closing the one at `start`; a missing one is a syntax error."""
    closers = QUOTES.get(text[start], "")
    ends = [end for end in (text.find(closer, start + 1) for closer in closers) if end >= 0]
    if not ends:
        raise QuerySyntaxError(f"引号未闭合：第 {start + 1} 个字符处的引号没有对应的结束引号", start)
    return min(ends)


def _lex(text: str) -> Iterator[_Lexeme]:
    """Split the query text into lexemes, reporting unbalanced quotes."""
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char in WORD_STOPS:
            end = _closing_quote(text, i)
            yield _Lexeme("phrase", text[i + 1:end], i)
            i = end + 1
        elif char == "-" and (i == 0 or text[i - 1].isspace()):
            yield _Lexeme("minus", "-", i)
            i += 1
        else:
            end = i
            while end < len(text) and not text[end].isspace() and text[end] not in WORD_STOPS:
                end += 1
            word = text[i:end]
            if word.upper() != "AND":  # words are ANDed anyway
                yield _Lexeme("or" if word.upper() == "OR" else "word", word, i)
            i = end


def _join_spaced_ranges(lexemes: list[_Lexeme]) -> list[_Lexeme]:
    """Rejoin a numeric filter typed with spaces (新收 >= 10, 新收>= 10) into one word."""
    joined: list[_Lexeme] = []
    for lexeme in lexemes:
        previous = joined[-1] if joined else None
        if previous is not None and previous.kind == "word" == lexeme.kind and _continues_range(previous.text, lexeme.text):
            joined[-1] = _Lexeme("word", previous.text + lexeme.text, previous.position)
        else:
            joined.append(lexeme)
    return joined


def _continues_range(before: str, word: str) -> bool:
    """Whether `word` is the operator or value of a numeric filter `before` started."""
    if before.endswith(RANGE_OPERATORS):  # 新收>= then 10
        return RANGE_PATTERN.match(before) is not None and re.fullmatch(r"-?\d+|[\d.]+%?", word) is not None
    # 新收 then >= (or >=10)
    return word.startswith(RANGE_OPERATORS) and resolve_numeric_field(before) is not None


def _atom(lexeme: _Lexeme) -> Node:
    """A word, phrase or numeric filter from one lexeme."""
    if lexeme.kind == "phrase":
        if not lexeme.text.strip():
            raise QuerySyntaxError(f"第 {lexeme.position + 1} 个字符处的引号内没有内容", lexeme.position)
        return Phrase(lexeme.text, lexeme.position)
    match = RANGE_PATTERN.match(lexeme.text)
    if match is None:
        return Term(lexeme.text, lexeme.position)
    return _range(match, lexeme.position)


def _range(match: re.Match, position: int) -> Range:
    """A numeric filter, checking the field name and the number."""
    field = resolve_numeric_field(match["field"])
    if field is None:
        raise QuerySyntaxError(f"未知的数值字段“{match['field']}”（可用字段见查询语法说明）", position)
    op = OPERATORS.get(match["op"], match["op"])
    if field in SCALED_FIELDS:
        return Range(field, op, _share(match, SCALED_FIELDS[field], position), position)
    if not re.fullmatch(r"-?\d{1,12}", match["value"]):
        raise QuerySyntaxError(f"“{match.group(0)}”中的比较值必须是整数", position)
    return Range(field, op, int(match["value"]), position)


def _share(match: re.Match, scale: int, position: int) -> int:
    """A share typed as 0.5 or 50% (between 0 and 1) as the stored integer (0.5 -> 5000 of 10,000)."""
    found = SHARE_VALUE.fullmatch(match["value"])
    value = float(found["number"]) / (100 if found and found["percent"] else 1) if found else -1.0
    if not 0 <= value <= 1:
        raise QuerySyntaxError(f"“{match.group(0)}”中的比较值必须是 0 到 1 之间的比例（如 0.5）或百分数（如 50%）", position)
    return round(value * scale)


def _clause(lexemes: list[_Lexeme], i: int) -> tuple[Node, int]:
    """One clause starting at lexemes[i]: [-]atom or atom OR atom OR …; returns the next index."""
    first = lexemes[i]
    if first.kind == "or":
        raise QuerySyntaxError(f"第 {first.position + 1} 个字符处的 OR 前面缺少检索词", first.position)
    if first.kind == "minus":
        if i + 1 >= len(lexemes) or lexemes[i + 1].kind in ("or", "minus"):
            raise QuerySyntaxError(f"第 {first.position + 1} 个字符处的减号后面缺少要排除的词", first.position)
        return Not(_atom(lexemes[i + 1])), i + 2
    children = [_atom(first)]
    i += 1
    while i < len(lexemes) and lexemes[i].kind == "or":
        operator = lexemes[i]
        if i + 1 >= len(lexemes) or lexemes[i + 1].kind not in ("word", "phrase"):
            raise QuerySyntaxError(f"第 {operator.position + 1} 个字符处的 OR 后面缺少检索词", operator.position)
        children.append(_atom(lexemes[i + 1]))
        i += 2
    return (children[0] if len(children) == 1 else Or(tuple(children))), i


def parse_query(text: str) -> And:
    """Parse query text into an And of clauses; raises QuerySyntaxError with a position."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(f"检索式过长（最多 {MAX_QUERY_LENGTH} 个字符）", MAX_QUERY_LENGTH)
    lexemes = _join_spaced_ranges(list(_lex(text)))
    clauses: list[Node] = []
    i = 0
    while i < len(lexemes):
        clause, i = _clause(lexemes, i)
        clauses.append(clause)
    return And(tuple(clauses))


def analyze(node: Node, tokenize: Callable[[str], list[str]]) -> Node | None:
    """Segment every word and phrase with `tokenize`; words with no tokens drop out."""
    if isinstance(node, (Term, Phrase)):
        tokens = tuple(token.lower() for token in tokenize(node.text) if token.strip())
        return replace(node, tokens=tokens) if tokens else None
    if isinstance(node, Range):
        return node
    if isinstance(node, Not):
        child = analyze(node.child, tokenize)
        return Not(child) if child is not None else None
    children = tuple(c for c in (analyze(child, tokenize) for child in node.children) if c is not None)
    if isinstance(node, Or):
        return Or(children) if len(children) > 1 else (children[0] if children else None)
    return And(children)


def highlight_terms(node: Node) -> list[str]:
    """The strings to mark in snippets: tokens of words and phrases not excluded."""
    if isinstance(node, Term):
        return list(node.tokens)
    if isinstance(node, Phrase):
        return ["".join(node.tokens), *node.tokens] if len(node.tokens) > 1 else list(node.tokens)
    if isinstance(node, (Or, And)):
        return [term for child in node.children for term in highlight_terms(child)]
    return []


def default_tokenize(text: str) -> list[str]:
    """The project's query segmentation (analyzers.segment), imported when first needed."""
    from analyzers.segment import query_tokens

    return query_tokens(text)


def prepare(text: str, tokenize: Callable[[str], list[str]] | None = None) -> And:
    """Parse and analyze query text: the AST both engines' builders take."""
    analyzed = analyze(parse_query(text), tokenize or default_tokenize)
    return analyzed if isinstance(analyzed, And) else And()
