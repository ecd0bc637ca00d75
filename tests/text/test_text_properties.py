"""Property tests: any text gives a region, tokens and tags without an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzers.issues import ISSUE_TAGS, issue_keywords, issue_tags
from analyzers.region import Region, resolve_region
from analyzers.segment import index_text, segment

# Chinese, digits, punctuation and whitespace, plus place-name fragments to hit the resolver.
ALPHABET = st.sampled_from(list("镇乡县市区省街道潘庄临清沐阳鄌郚0123456789０１，。、（）()-—　 \n\t人民政府局公开问题培训"))
TEXT = st.text(alphabet=ALPHABET, max_size=200)


@settings(max_examples=150, deadline=None)
@given(text=TEXT, agency=st.one_of(st.none(), TEXT), title=st.one_of(st.none(), TEXT))
def test_any_text_resolves_to_a_region_or_an_empty_one(text, agency, title):
    region = resolve_region(text, agency=agency, title=title)
    assert isinstance(region, Region)
    assert set(region.to_dict()) == {"province", "city", "county", "town", "code"}


@settings(max_examples=150, deadline=None)
@given(text=TEXT)
def test_tokens_never_hold_whitespace_and_index_text_round_trips(text):
    tokens = segment(text)
    assert all(token and not any(ch.isspace() for ch in token) for token in tokens)
    assert index_text(text).split() == tokens


@settings(max_examples=100, deadline=None)
@given(text=TEXT)
def test_tags_come_from_the_vocabulary_and_keywords_from_the_text(text):
    assert set(issue_tags(text)) <= set(ISSUE_TAGS)
    assert len(issue_keywords(text, limit=5)) <= 5
