"""Pure builders of tantivy queries from the query AST and a SearchRequest.

Mirrors opensearch_queries clause for clause so both engines match the same reports.
"""

from __future__ import annotations

from typing import Collection

import tantivy

from indexer.search import query as Q
from indexer.search.facets import FACETS_BY_NAME, filter_value
from indexer.search.model import RangeFilter, SearchRequest
from indexer.search.ranking import (CLAUSE_SCORE, FIELD_BOOSTS, IDENTITY_BOOST, IDENTITY_FIELDS, OPTIONAL_BOOST,
                                    YEAR_BOOST)
from indexer.search.understand import Understood

Occur = tantivy.Occur
TEXT_FIELD = "text"
TITLE_FIELD = "title_text"
SUBWORDS_FIELD = "subwords"


def node_query(schema: tantivy.Schema, node: Q.Node) -> tantivy.Query:
    """The query of one AST node."""
    if isinstance(node, Q.Term) or (isinstance(node, Q.Phrase) and len(node.tokens) == 1):
        terms = [token_query(schema, token) for token in node.tokens]
        return terms[0] if len(terms) == 1 else tantivy.Query.boolean_query([(Occur.Must, t) for t in terms])
    if isinstance(node, Q.Phrase):
        return tantivy.Query.phrase_query(schema, TEXT_FIELD, list(node.tokens))
    if isinstance(node, Q.Range):
        return range_query(schema, node)
    if isinstance(node, Q.Not):
        return and_query(schema, Q.And((node,)))
    if isinstance(node, Q.Or):
        return tantivy.Query.boolean_query([(Occur.Should, node_query(schema, c)) for c in node.children])
    return and_query(schema, node)


def token_query(schema: tantivy.Schema, token: str) -> tantivy.Query:
    """One token: a whole token of the text, or a word inside a longer one (subwords)."""
    return tantivy.Query.disjunction_max_query(
        [tantivy.Query.term_query(schema, TEXT_FIELD, token), tantivy.Query.term_query(schema, SUBWORDS_FIELD, token)]
    )


def range_query(schema: tantivy.Schema, node: Q.Range) -> tantivy.Query:
    """A numeric comparison from the grammar (field>=n and friends)."""
    if node.op == "=":
        return tantivy.Query.term_query(schema, node.field, node.value)
    lower = node.value if node.op in (">=", ">") else None
    upper = node.value if node.op in ("<=", "<") else None
    return tantivy.Query.range_query(
        schema, node.field, tantivy.FieldType.Integer, lower, upper,
        include_lower=node.op != ">", include_upper=node.op != "<",
    )


def and_query(schema: tantivy.Schema, node: Q.And) -> tantivy.Query:
    """A conjunction; excluded clauses are MustNot, and an empty one matches everything."""
    clauses = [(Occur.Must, node_query(schema, c)) for c in node.children if not isinstance(c, Q.Not)]
    clauses += [(Occur.MustNot, node_query(schema, c.child)) for c in node.children if isinstance(c, Q.Not)]
    if not any(occur == Occur.Must for occur, _ in clauses):
        clauses.insert(0, (Occur.Must, tantivy.Query.all_query()))
    if len(clauses) == 1:
        return clauses[0][1]
    return tantivy.Query.boolean_query(clauses)


def rank_clauses(schema: tantivy.Schema, understood: Understood) -> list[tantivy.Query]:
    """Optional clauses of indexer.search.ranking; they never change which reports match."""
    boosts = [tantivy.Query.boost_query(tantivy.Query.term_query(schema, field, token), weight)
              for token in understood.rank_tokens for field, weight in FIELD_BOOSTS]
    boosts += [tantivy.Query.boost_query(token_query(schema, token), OPTIONAL_BOOST) for token in understood.optional_tokens]
    boosts += [tantivy.Query.const_score_query(tantivy.Query.term_query(schema, "year", year), YEAR_BOOST)
               for year in understood.years]
    identity = [q for q in (identity_query(schema, c.node) for c in understood.clauses) if q is not None]
    return boosts + [tantivy.Query.const_score_query(q, IDENTITY_BOOST) for q in identity]


def identity_query(schema: tantivy.Schema, node: Q.Node) -> tantivy.Query | None:
    """A clause matched in the title, agency or region names (None for numeric filters)."""
    if isinstance(node, (Q.Term, Q.Phrase)):
        return tantivy.Query.boolean_query([
            (Occur.Must, tantivy.Query.boolean_query([(Occur.Should, tantivy.Query.term_query(schema, f, t)) for f in IDENTITY_FIELDS]))
            for t in node.tokens
        ])
    if isinstance(node, Q.Or):
        children = [q for q in (identity_query(schema, c) for c in node.children) if q is not None]
        return tantivy.Query.boolean_query([(Occur.Should, q) for q in children]) if children else None
    return None


def text_query(schema: tantivy.Schema, understood: Understood, relaxed: bool = False) -> tantivy.Query:
    """What must match: every clause, or (relaxed) any clause, each one matched scoring CLAUSE_SCORE."""
    if not relaxed or not understood.partial_clauses():
        return and_query(schema, understood.ast)
    anyone = tantivy.Query.boolean_query(
        [(Occur.Should, tantivy.Query.const_score_query(node_query(schema, c.node), CLAUSE_SCORE)) for c in understood.partial_clauses()]
    )
    rest = [(Occur.Must, node_query(schema, f)) for f in understood.filters]
    rest += [(Occur.MustNot, node_query(schema, n)) for n in understood.excluded]
    return tantivy.Query.boolean_query([(Occur.Must, anyone), *rest])


def request_range(schema: tantivy.Schema, bound: RangeFilter) -> tantivy.Query:
    """A request's numeric filter (inclusive bounds)."""
    lower = None if bound.gte is None else int(bound.gte)
    upper = None if bound.lte is None else int(bound.lte)
    return tantivy.Query.range_query(schema, bound.field, tantivy.FieldType.Integer, lower, upper)


def facet_filters(schema: tantivy.Schema, filters: dict[str, tuple[str, ...]],
                  every: Collection[str] = ()) -> list[tantivy.Query]:
    """One term-set query per selected facet (values ORed, facets ANDed); one term query
    per value for the facets in `every` (all their values required)."""
    queries = []
    for name, values in sorted(filters.items()):
        facet = FACETS_BY_NAME[name]
        terms = [filter_value(facet, v) for v in values]
        if name in every:
            queries += [tantivy.Query.term_query(schema, facet.field, term) for term in terms]
        else:
            queries.append(tantivy.Query.term_set_query(schema, facet.field, terms))
    return queries


def base_query(schema: tantivy.Schema, request: SearchRequest, understood: Understood, scored: bool = True,
               relaxed: bool = False) -> list[tuple]:
    """Clauses of the text query plus numeric and superseded filters (no facet filters).

    `scored=False` leaves out the ranking clauses, which only rank: facet counts skip them, as
    does any order other than relevance.
    """
    clauses = [(Occur.Must, text_query(schema, understood, relaxed))]
    if scored and request.sort == "relevance":  # ranking clauses only cost time under another order
        clauses += [(Occur.Should, boost) for boost in rank_clauses(schema, understood)]
    clauses += [(Occur.Must, request_range(schema, bound)) for bound in request.ranges]
    if not request.include_superseded:
        clauses.append((Occur.MustNot, tantivy.Query.term_query(schema, "superseded", True)))
    return clauses


def filtered(schema: tantivy.Schema, base: list[tuple], filters: dict[str, tuple[str, ...]],
             every: Collection[str] = ()) -> tantivy.Query:
    """The base clauses narrowed by some facet filters (all values of those in `every`), as one query."""
    clauses = base + [(Occur.Must, q) for q in facet_filters(schema, filters, every)]
    return tantivy.Query.boolean_query(clauses)


def terms_aggregation(facet_field: str, size: int, include: list[str] | None = None) -> dict:
    """A terms aggregation; exact on a one-segment index (as a rebuild leaves it).

    With several segments, each offers its top 10 x size values (tantivy's default); only
    the tail of high-cardinality facets (agency, town) can then be undercounted. Asking
    every segment for every value cost 3x more on the agency facet.
    """
    terms: dict = {"field": facet_field, "size": size, "segment_size": 10 * size}
    if include:
        terms["include"] = include
    return {"terms": terms}
