"""Multi-valued facets counted from bitmask columns give exactly the keyword counts."""

from __future__ import annotations

import pytest

from indexer.backends import open_backend, tantivy_masks
from indexer.backends.tantivy_masks import LAYOUT_FILE, OVERFLOW, MaskLayout, read_layout
from indexer.search.model import SearchRequest
from indexer.settings import load_settings
from search.search_corpus import index_documents

REQUESTS = (
    SearchRequest(),
    SearchRequest(query="公开"),
    SearchRequest(filters={"outcomes": ("has_review",)}),
    SearchRequest(filters={"issue_tags": ("staffing", "depth"), "year": ("2022",)}),
    SearchRequest(filters={"outcomes": ("has_review_corrected",), "issue_tags": ("interpretation",)}),
    SearchRequest(query="复议", filters={"province": ("福建省",)}),
)


def counts(backend) -> list[dict]:
    """The facet counts of every request, as plain data."""
    return [{name: [(v.value, v.count, v.selected) for v in facet.values] for name, facet in backend.search(r).facets.items()}
            for r in REQUESTS]


def keyword_counts(backend) -> list[dict]:
    """The same counts with the build's mask layout forgotten (keyword columns only)."""
    (backend.root.current() / LAYOUT_FILE).unlink()
    backend.close()
    return counts(backend)


@pytest.fixture
def backend(tmp_path, monkeypatch):
    from indexer.backends import embedded

    monkeypatch.setattr(embedded, "MASKS_FROM_MATCHES", 0)  # masks pay from 2,000 matches; this corpus has 13
    engine = open_backend(load_settings(env={}, data_dir=str(tmp_path), engine="embedded"))
    yield engine
    engine.close()


def test_layout_encodes_values_as_bits_and_decodes_counts():
    layout = MaskLayout({"outcomes": ("a", "b", "c", "d", "e", "f", "g")})
    columns = layout.encode({"outcomes": ["a", "g", "c"]})
    assert columns == {"outcomes_mask0": 0b00101, "outcomes_mask1": 0b10}
    assert layout.encode({})["outcomes_mask0"] == 0
    assert layout.encode({"outcomes": ["a", "zzz"]})["outcomes_mask0"] == OVERFLOW
    buckets = {"outcomes:outcomes_mask0": [(5.0, 3), (1.0, 2), (0.0, 9)], "outcomes:outcomes_mask1": [(2.0, 4)]}
    assert layout.decode("outcomes", buckets) == [("a", 5), ("c", 3), ("g", 4)]
    assert layout.decode("outcomes", {"outcomes:outcomes_mask0": [(-1.0, 1)]}) is None


def test_mask_counts_equal_keyword_counts(backend):
    backend.rebuild(index_documents())
    assert read_layout(backend.root.current()) is not None
    with_masks = counts(backend)
    assert any(facets.get("outcomes") for facets in with_masks) and any(facets.get("issue_tags") for facets in with_masks)
    assert with_masks == keyword_counts(backend)


def test_a_value_outside_the_vocabulary_is_still_counted(backend):
    documents = index_documents()
    documents[0] = dict(documents[0], issue_tags=["staffing", "a-tag-added-later"])
    backend.rebuild(documents)
    tags = dict((v.value, v.count) for v in backend.search(SearchRequest()).facets["issue_tags"].values)
    assert tags["a-tag-added-later"] == 1
    assert counts(backend) == keyword_counts(backend)


def test_an_index_keeps_the_vocabulary_it_was_built_with(backend, monkeypatch):
    from indexer.backends import embedded

    reordered = {facet: tuple(reversed(values)) for facet, values in tantivy_masks.current_vocabularies().items()}
    with monkeypatch.context() as patch:
        patch.setattr(embedded, "current_vocabularies", lambda: reordered)  # the release that built the index
        backend.rebuild(index_documents())
    backend.close()  # a later release, whose vocabulary has another order, opens it
    assert read_layout(backend.root.current()).vocabularies == reordered
    with_masks = counts(backend)
    backend.index_documents(index_documents()[:2])  # incremental writes encode with the build's layout too
    assert counts(backend) == with_masks
    assert with_masks == keyword_counts(backend)
