"""Facet counts on a tantivy searcher: keyword terms aggregations, or bitmask columns.

The multi-select rule (indexer.search.facets.count_groups) decides which filters each
group of facets is counted under; this module turns each group into one aggregation call
and its answer into FacetResults.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import tantivy

from indexer.backends import tantivy_queries as TQ
from indexer.backends.tantivy_masks import MaskLayout
from indexer.backends.tantivy_store import SCHEMA
from indexer.search.facets import FACETS, Facet, count_groups, facet_result, fetch_size, other_filters, selected_values
from indexer.search.model import SearchRequest


def count_facets(searcher: tantivy.Searcher, masks: MaskLayout | None, base: list, request: SearchRequest) -> dict:
    """Facet counts: one aggregation call per count group (the multi-select rule).

    With `masks` (given for searches matching many documents), facets with mask columns
    are counted from those (tantivy_masks); the others, and a masked facet whose build met
    a value outside its vocabulary, from their keyword columns.
    """
    results = {}
    for group, facets in count_groups(request):
        query = TQ.filtered(SCHEMA, base, other_filters(request, group), request.all_of)
        masked = [f for f in facets if masks is not None and f.name in masks.vocabularies]
        aggs = _keyword_aggregations([f for f in facets if f not in masked], request)
        for facet in masked:
            aggs.update(masks.aggregations(facet.name))
        answer = searcher.aggregate(query, aggs)
        masked_buckets = _raw_buckets(answer) if masked else {}
        for facet in facets:
            counts = masks.decode(facet.name, masked_buckets) if facet in masked else None
            if counts is None:
                source = answer
                if facet in masked:  # a value outside the build's vocabulary: count from the keywords
                    source = searcher.aggregate(query, _keyword_aggregations([facet], request))
                counts, selected = _buckets(source, facet.name), _buckets(source, f"{facet.name}:selected")
            else:
                chosen = set(request.filters.get(facet.name, ()))
                selected = [(value, count) for value, count in counts if value in chosen]
            results[facet.name] = facet_result(facet, counts, request, selected)
    return {f.name: results[f.name] for f in FACETS if f.name in results}


def _keyword_aggregations(facets: Sequence[Facet], request: SearchRequest) -> dict:
    """Terms aggregations of facets' keyword columns, with their selected values counted apart."""
    aggs = {f.name: TQ.terms_aggregation(f.field, fetch_size(request)) for f in facets}
    aggs.update({f"{f.name}:selected": TQ.terms_aggregation(f.field, len(chosen), chosen)
                 for f in facets if (chosen := selected_values(f, request))})
    return aggs


def _raw_buckets(answer: Mapping) -> dict[str, list[tuple[object, int]]]:
    """(key, count) pairs of every aggregation of an answer, keys as tantivy gave them."""
    return {name: [(b["key"], b["doc_count"]) for b in result.get("buckets", [])] for name, result in answer.items()}


def _buckets(answer: Mapping, name: str) -> list[tuple[str, int]]:
    """(value, count) pairs of one terms aggregation of an answer."""
    return [(_key(b["key"]), b["doc_count"]) for b in answer.get(name, {}).get("buckets", [])]


def _key(key: object) -> str:
    """A facet bucket key as text (tantivy returns numbers for the year facet)."""
    return str(int(key)) if isinstance(key, float) else str(key)
