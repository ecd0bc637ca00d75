"""Ranking weights, one set for both engines (each builder turns them into its own clauses).

Scores are BM25 over the segmented text plus these optional clauses, which never change
which reports match, only their order:
- a query token found in the title, the agency name or the region names (FIELD_BOOSTS):
  a report *about* 潘家堡镇 outranks one that mentions it in its body;
- words that only rank (names of the report itself such as 年报, a place suffix, the
  year's 年) scored on the text at OPTIONAL_BOOST;
- a year in the query (2020, 2020年, 二〇二〇年, ２０２０): a constant YEAR_BOOST for
  reports of that year, large enough to put them first among reports that match alike;
- partial matches (a search whose words never occur together): each clause matched adds
  CLAUSE_SCORE, so reports lacking fewer words come first whatever their BM25.
"""

from __future__ import annotations

FIELD_BOOSTS: tuple[tuple[str, float], ...] = (("title_text", 3.0), ("agency_text", 3.0), ("region_text", 2.0))
OPTIONAL_BOOST = 0.5
YEAR_BOOST = 8.0
CLAUSE_SCORE = 100.0
