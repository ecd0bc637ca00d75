"""Ranking weights, one set for both engines (each builder turns them into its own clauses).

Scores are BM25 over the segmented text plus these optional clauses, which never change
which reports match, only their order:
- a query token found in the title, the agency name or the region names (FIELD_BOOSTS):
  a report *about* 潘家堡镇 outranks one that mentions it in its body;
- words that only rank (names of the report itself such as 年报) scored on the text at
  OPTIONAL_BOOST; single characters (a place suffix 镇, a year's 年) are left out: found
  in nearly every report, they cost a long posting list and tell nothing;
- a query word naming the report's own place (its most specific region level): place_text;
- each query word found whole in the report's identity (agency or region names, any
  mix: 沭阳县 in the region, 人民政府 in the agency): IDENTITY_BOOST, so the report *of*
  沭阳县人民政府 outranks the many reports of 沭阳县's other agencies that mention it;
- a year in the query (2020, 2020年, 二〇二〇年, ２０２０): a constant YEAR_BOOST for
  reports of that year, above what the field boosts add up to, so among the reports that
  match the words that year's come first (a preference, not a filter);
- partial matches (a search whose words never occur together): each clause matched adds
  CLAUSE_SCORE, so reports lacking fewer words come first whatever their BM25.
"""

from __future__ import annotations

# (region_text has no boost of its own: IDENTITY_BOOST reads it; each clause costs time on broad words)
FIELD_BOOSTS: tuple[tuple[str, float], ...] = (("title_text", 3.0), ("agency_text", 3.0), ("place_text", 4.0))
OPTIONAL_BOOST = 0.5
# not the title: every title says 政府信息公开…报告, so 政府 or 报告 would always be found there
IDENTITY_FIELDS: tuple[str, ...] = ("agency_text", "region_text")
IDENTITY_BOOST = 60.0
YEAR_BOOST = 30.0
CLAUSE_SCORE = 200.0
