"""The million-report corpus: recombined variants are distinct, consistent reports."""

from __future__ import annotations

import pytest

from indexer.documents import build_index_document, numeric_values, segmented
from indexer.reindex import synthetic_documents
from indexer.synth import generate_reports
from indexer.synth.checks import evaluate
from indexer.synth.recombine import plan, recombined_documents, variant

BASE = 40


@pytest.fixture(scope="module")
def base() -> list[dict]:
    return list(synthetic_documents(generate_reports(BASE, seed=7)))


@pytest.fixture(scope="module")
def corpus(base) -> list[dict]:
    return list(recombined_documents(lambda: iter(base), BASE * 5, BASE, seed=7))


def test_variant_zero_is_the_base_and_ids_are_distinct(base, corpus):
    assert len(corpus) == BASE * 5
    assert [d["id"] for d in corpus[:BASE]] == [d["id"] for d in base]
    assert len({d["id"] for d in corpus}) == len(corpus)


def test_plan_streams_the_base_once_per_round_and_refuses_a_short_base(base):
    assert [index for index, _ in plan(lambda: iter(base), 90, BASE)] == list(range(90))
    assert [item["id"] for _, item in plan(lambda: iter(base), 90, BASE)][BASE + 3] == base[3]["id"]
    with pytest.raises(ValueError, match="fewer than base_size"):
        list(plan(lambda: iter(base[:10]), 30, 20))


def test_variants_name_another_unit_and_region_everywhere(base, corpus):
    for index in range(BASE, len(corpus)):
        document, old = corpus[index], base[index % BASE]
        report = document["report"]
        assert document["agency"] == report["agency"] and document["agency"] in document["title"]
        assert str(document["year"]) in document["title"] and document["published_on"].startswith(str(document["year"] + 1))
        assert {level: document.get(level) for level in ("province", "city", "county", "town")} == {
            level: report["region"][level] for level in ("province", "city", "county", "town")}
        assert report["agency_level"] == old["report"]["agency_level"]
        for level in ("county", "town"):
            name = old.get(level)
            if name and name != document.get(level) and name not in document["agency"]:
                assert name not in document["content"]
                assert f" {segmented(name)} " not in f" {document['text']} "
        assert segmented(document["agency"]) in document["text"]


def test_variant_matches_the_index_document_of_its_own_report(base, corpus):
    """Numbers, checks and facets of a variant are those build_index_document gives its report."""
    for index in range(BASE, BASE * 2):
        document = corpus[index]
        rebuilt = build_index_document(document["id"], document["report"], document["source"])
        for name, value in numeric_values(document["report"]).items():
            assert document[name] == value, name
        for name in ("failed_checks", "outcomes", "requests_bucket", "agency_text", "region_text", "place_text",
                     "title_text", "sort_year", "sort_new_requests", "region_code"):
            assert document.get(name) == rebuilt.get(name), name


def test_permuted_tables_keep_every_relation(base):
    for index, old in enumerate(base):
        new = variant(old, BASE + index, seed=3)
        checks, old_checks = new["report"]["checks"], old["report"]["checks"]
        assert len(checks) == len(old_checks)
        assert sum(not c["ok"] for c in checks) == sum(not c["ok"] for c in old_checks)  # a column moved, not broken
        rows, old_rows = new["report"]["requests"]["rows"], old["report"]["requests"]["rows"]
        assert all(row[0] == old_rows[key][0] and row[6] == old_rows[key][6] for key, row in rows.items())


def test_moved_checks_equal_a_fresh_evaluation(base):
    for index, old in enumerate(base):
        report = variant(old, BASE * 3 + index, seed=5)["report"]
        assert report["checks"] == evaluate(report["format"], report["requests"]["rows"], report["review_litigation"])
