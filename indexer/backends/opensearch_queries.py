"""Pure builders of OpenSearch request bodies (plain dicts, tested by comparing dicts).

User text never reaches `query_string`: the query AST becomes term, match_phrase and
range clauses over pre-segmented tokens. Multi-select facets use a post_filter for the
hits and one filter aggregation per selected facet (warehouse/aleph style). A search is
two bodies sent in one _msearch: the page of hits (search_body) and the facet counts
(facets_body), which the node runs in parallel.
"""

from __future__ import annotations

import json
from typing import Any, Collection, Mapping

from indexer.backends.base import HIT_FIELDS
from indexer.search import query as Q
from indexer.search.facets import FACETS_BY_NAME, Facet, count_groups, fetch_size, filter_value, other_filters, selected_values
from indexer.search.model import RangeFilter, SearchRequest, sort_spec
from indexer.search.ranking import (CLAUSE_SCORE, FIELD_BOOSTS, IDENTITY_BOOST, IDENTITY_FIELDS, OPTIONAL_BOOST,
                                    YEAR_BOOST)
from indexer.search.understand import Understood

TEXT_FIELD = "text"
TITLE_FIELD = "title_text"
SUBWORDS_FIELD = "subwords"
RANGE_OPS = {">=": "gte", "<=": "lte", ">": "gt", "<": "lt"}
MATCH_ALL: dict = {"match_all": {}}


def node_query(node: Q.Node) -> dict:
    """The query clause of one AST node."""
    if isinstance(node, Q.Term) or (isinstance(node, Q.Phrase) and len(node.tokens) == 1):
        clauses = [token_query(token) for token in node.tokens]
        return clauses[0] if len(clauses) == 1 else {"bool": {"must": clauses}}
    if isinstance(node, Q.Phrase):
        return {"match_phrase": {TEXT_FIELD: {"query": " ".join(node.tokens)}}}
    if isinstance(node, Q.Range):
        if node.op == "=":
            return {"term": {node.field: node.value}}
        return {"range": {node.field: {RANGE_OPS[node.op]: node.value}}}
    if isinstance(node, Q.Not):
        return {"bool": {"must_not": [node_query(node.child)]}}
    if isinstance(node, Q.Or):
        return {"bool": {"should": [node_query(c) for c in node.children], "minimum_should_match": 1}}
    return and_query(node)


def token_query(token: str) -> dict:
    """One token: a whole token of the text, or a word inside a longer one (subwords)."""
    return {"dis_max": {"queries": [{"term": {TEXT_FIELD: token}}, {"term": {SUBWORDS_FIELD: token}}]}}


def and_query(node: Q.And) -> dict:
    """A conjunction; excluded clauses go to must_not, an empty one matches everything."""
    must = [node_query(c) for c in node.children if not isinstance(c, Q.Not)]
    must_not = [node_query(c.child) for c in node.children if isinstance(c, Q.Not)]
    if not must_not and len(must) == 1:
        return must[0]
    if not must and not must_not:
        return MATCH_ALL
    body: dict[str, Any] = {"must": must or [MATCH_ALL]}
    if must_not:
        body["must_not"] = must_not
    return {"bool": body}


def rank_clauses(understood: Understood) -> list[dict]:
    """Should clauses of indexer.search.ranking; they never change which reports match."""
    boosts: list[dict] = [{"term": {field: {"value": token, "boost": weight}}}
                          for token in understood.rank_tokens for field, weight in FIELD_BOOSTS]
    boosts += [{"dis_max": {**token_query(token)["dis_max"], "boost": OPTIONAL_BOOST}} for token in understood.optional_tokens]
    boosts += [{"constant_score": {"filter": {"term": {"year": year}}, "boost": YEAR_BOOST}} for year in understood.years]
    identity = [q for q in (identity_query(c.node) for c in understood.clauses) if q is not None]
    return boosts + [{"constant_score": {"filter": q, "boost": IDENTITY_BOOST}} for q in identity]


def identity_query(node: Q.Node) -> dict | None:
    """A clause matched in the title, agency or region names (None for numeric filters)."""
    if isinstance(node, (Q.Term, Q.Phrase)):
        return {"bool": {"must": [{"bool": {"should": [{"term": {f: t}} for f in IDENTITY_FIELDS], "minimum_should_match": 1}}
                                  for t in node.tokens]}}
    if isinstance(node, Q.Or):
        children = [q for q in (identity_query(c) for c in node.children) if q is not None]
        return {"bool": {"should": children, "minimum_should_match": 1}} if children else None
    return None


def text_query(understood: Understood, relaxed: bool = False) -> dict:
    """What must match: every clause, or (relaxed) any clause, each one matched scoring CLAUSE_SCORE."""
    if not relaxed or not understood.partial_clauses():
        return and_query(understood.ast)
    anyone = [{"constant_score": {"filter": node_query(c.node), "boost": CLAUSE_SCORE}} for c in understood.partial_clauses()]
    body: dict[str, Any] = {"should": anyone, "minimum_should_match": 1}
    if understood.filters:
        body["filter"] = [node_query(f) for f in understood.filters]
    if understood.excluded:
        body["must_not"] = [node_query(n) for n in understood.excluded]
    return {"bool": body}


def range_filter(bound: RangeFilter) -> dict:
    """A range clause from a request's numeric filter."""
    limits = {key: value for key, value in (("gte", bound.gte), ("lte", bound.lte)) if value is not None}
    return {"range": {bound.field: limits}}


def facet_filters(filters: dict[str, tuple[str, ...]], every: Collection[str] = ()) -> list[dict]:
    """One terms clause per selected facet (values ORed, facets ANDed); one term clause per
    value for the facets in `every` (all their values required)."""
    clauses = []
    for name, values in sorted(filters.items()):
        facet = FACETS_BY_NAME[name]
        terms = [filter_value(facet, v) for v in values]
        if name in every:
            clauses += [{"term": {facet.field: term}} for term in terms]
        else:
            clauses.append({"terms": {facet.field: terms}})
    return clauses


def base_query(request: SearchRequest, understood: Understood, relaxed: bool = False) -> dict:
    """Text query plus numeric and superseded filters: everything but the facet filters."""
    filters = [range_filter(bound) for bound in request.ranges]
    if not request.include_superseded:
        filters.append({"bool": {"must_not": [{"term": {"superseded": True}}]}})
    body: dict[str, Any] = {"must": [text_query(understood, relaxed)], "filter": filters}
    boosts = rank_clauses(understood) if request.sort == "relevance" else []  # they only rank
    if boosts:
        body["should"] = boosts
    return {"bool": body}


# Facets of small, bounded vocabularies (declared labels, provinces, prefecture cities,
# years, check ids): besides its own keyword field each document carries their values in
# one keyword field, FACET_TAGS ("province=江苏省", "year=2023", ...), so a search counts
# them all with one terms aggregation, one doc-values read per matching report instead of
# a dozen. The open-ended ones (county, town, agency, unit) keep a terms aggregation each.
FACET_TAGS = "facet_tags"
TAGGED_FACETS = frozenset({"province", "city", "year", "format", "requests_bucket", "outcomes", "issue_tags",
                           "failed_checks", "origin", "crossyear", "timeliness", "repeat_share", "copy_flags"})
TAG_SEPARATOR = "="
GROUP_SEPARATOR = "/"  # group:<facet>/<aggregation> of a group counted without a filter aggregation
TAGS_SIZE = 10000  # far above the vocabularies above (about 500 values), so every count is exact


# What a result list shows of a report (HIT_FIELDS and the text snippets are cut from),
# as one JSON string stored beside _source at bulk time: a page of hits reads 20 of these
# instead of filtering 20 whole sources.
HIT_SOURCE = "hit_source"


def hit_source(document: dict) -> str:
    """The HIT_SOURCE value of one index document."""
    return json.dumps({name: document[name] for name in (*HIT_FIELDS, "content") if name in document}, ensure_ascii=False)


def facet_tags(document: dict) -> list[str]:
    """The FACET_TAGS values of one index document."""
    tags = []
    for name in sorted(TAGGED_FACETS):
        value = document.get(FACETS_BY_NAME[name].field)
        values = value if isinstance(value, list) else [] if value is None else [value]
        tags += [f"{name}{TAG_SEPARATOR}{v}" for v in values if v != ""]
    return tags


def aggregations(request: SearchRequest) -> dict:
    """One filter aggregation per count group, each holding its facets' terms aggregations.

    Two or more tagged facets of a group are counted by one FACET_TAGS aggregation
    (limited to their names), every value exactly, selected ones included.
    """
    aggs = {}
    for group, facets in count_groups(request):
        clauses = facet_filters(other_filters(request, group), request.all_of)
        tagged = [f for f in facets if f.name in TAGGED_FACETS]
        tagged = tagged if len(tagged) > 1 else []
        terms = {
            f.name: {"terms": {"field": f.field, "size": fetch_size(request), "order": [{"_count": "desc"}, {"_key": "asc"}]}}
            for f in facets if f not in tagged
        }
        for f in facets:
            chosen = selected_values(f, request)
            if chosen and f not in tagged:
                terms[f"{f.name}:selected"] = {"terms": {"field": f.field, "size": len(chosen), "include": chosen}}
        if tagged:
            terms[FACET_TAGS] = tags_aggregation(tagged)
        key = f"group:{group or ''}"
        if clauses:
            aggs[key] = {"filter": {"bool": {"filter": clauses}}, "aggs": terms}
        else:  # counted under the query alone: no filter aggregation to test every matching report against
            aggs.update({f"{key}{GROUP_SEPARATOR}{name}": agg for name, agg in terms.items()})
    return aggs


def tags_aggregation(tagged: list[Facet]) -> dict:
    """The FACET_TAGS terms aggregation of some tagged facets (all of them: no include pattern to test)."""
    terms: dict[str, Any] = {"field": FACET_TAGS, "size": TAGS_SIZE}
    if {f.name for f in tagged} != TAGGED_FACETS:
        terms["include"] = f"({'|'.join(f.name for f in tagged)}){TAG_SEPARATOR}.*"
    return {"terms": terms}


def group_aggregations(aggregations: Mapping, group: str | None) -> Mapping:
    """The aggregations of one count group in a response, whether under its filter aggregation or top level."""
    key = f"group:{group or ''}"
    if key in aggregations:
        return aggregations[key]
    prefix = key + GROUP_SEPARATOR
    return {name[len(prefix):]: agg for name, agg in aggregations.items() if name.startswith(prefix)}


def split_tags(buckets: list[tuple[str, int]]) -> dict[str, list[tuple[str, int]]]:
    """(value, count) pairs per facet name from FACET_TAGS buckets."""
    counts: dict[str, list[tuple[str, int]]] = {}
    for key, count in buckets:
        name, _, value = key.partition(TAG_SEPARATOR)
        counts.setdefault(name, []).append((value, count))
    return counts


def sort_clause(request: SearchRequest) -> list:
    """Sort by relevance or by a numeric field (model.sort_spec); reports lacking it come last."""
    spec = sort_spec(request.sort)
    if spec is None:
        return ["_score"]
    field, order = spec
    # unmapped_type: an index built before a sort field existed still answers (unordered) until
    # rebuilt; reports without the field sort last in either direction (OpenSearch's default)
    return [{field: {"order": order, "unmapped_type": "long"}}, "_score"]


def search_body(request: SearchRequest, understood: Understood, relaxed: bool = False, count_total: bool = True) -> dict:
    """The _search body of one page of hits, and of the total when `count_total`.

    Beside a facets_body (which counts the total anyway) the hits body does not: it only
    needs the best page, so the node may skip reports that cannot enter it.
    """
    body: dict[str, Any] = {
        "query": base_query(request, understood, relaxed),
        "from": request.offset,
        "size": request.page_size,
        "sort": sort_clause(request),
        "track_total_hits": count_total,
    }
    if request.fields:  # a table view's columns: read from _source (includes cost ~5x less than excludes)
        body["_source"] = {"includes": [*HIT_FIELDS, "content", *request.fields]}
    else:  # the summary alone: one small stored field, the ~20 KB _source left unparsed
        body.update({"_source": False, "stored_fields": [HIT_SOURCE]})
    post = facet_filters(other_filters(request, None), request.all_of)
    if post:
        body["post_filter"] = {"bool": {"filter": post}}
    return body


def source_body(hits: dict) -> dict:
    """A search_body reading the summary from _source (an index built before HIT_SOURCE existed)."""
    body = {key: value for key, value in hits.items() if key != "stored_fields"}
    return {**body, "_source": {"includes": [*HIT_FIELDS, "content"]}}


def facets_body(request: SearchRequest, understood: Understood, relaxed: bool = False) -> dict | None:
    """The _search body of a request's facet counts (None when it counts none).

    Sent beside search_body in one _msearch, so the node runs both at once. It matches the
    same reports as the hits in filter context (nothing scored, ranking clauses left out,
    clauses cacheable), returns no hits (size 0: the shard request cache keeps its answer
    for the next page of the same search) and counts the total: the aggregations visit
    every matching report anyway, and the post_filter (the selected facets) narrows the
    total as it narrows the hits, never the counts.
    """
    aggs = aggregations(request)
    if not aggs:
        return None
    base = base_query(request, understood, relaxed)["bool"]
    body: dict[str, Any] = {"query": {"bool": {"filter": [*base["must"], *base["filter"]]}}, "size": 0,
                            "track_total_hits": True, "aggs": aggs}
    post = facet_filters(other_filters(request, None), request.all_of)
    if post:
        body["post_filter"] = {"bool": {"filter": post}}
    return body
