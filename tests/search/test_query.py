"""The query grammar: parsing to an AST, analysis into tokens, and syntax errors."""

from __future__ import annotations

import pytest

from indexer.search.errors import QuerySyntaxError
from indexer.search.query import And, Not, Or, Phrase, Range, Term, analyze, highlight_terms, parse_query


def split_chars(text: str) -> list[str]:
    """A stand-in tokenizer for grammar tests: punctuation dropped, one token per two characters."""
    kept = "".join(char for char in text if char.isalnum())
    return [kept[i:i + 2] for i in range(0, len(kept), 2)]


def test_words_are_anded_in_order():
    assert parse_query("行政复议 纠正") == And((Term("行政复议", 0), Term("纠正", 5)))


def test_quotes_make_a_phrase_including_chinese_quotes():
    assert parse_query('"依法 公开"').children == (Phrase("依法 公开", 0),)
    assert parse_query("“依法公开”").children == (Phrase("依法公开", 0),)


def test_or_joins_its_neighbours_and_binds_tighter_than_and():
    assert parse_query("复议 诉讼 OR 起诉") == And((Term("复议", 0), Or((Term("诉讼", 3), Term("起诉", 9)))))


def test_minus_excludes_but_a_hyphen_inside_a_word_does_not():
    assert parse_query("公开 -平潭").children == (Term("公开", 0), Not(Term("平潭", 4)))
    assert parse_query("2019-2021").children == (Term("2019-2021", 0),)


def test_numeric_filters_accept_field_names_and_chinese_aliases():
    assert parse_query("新收>=10").children == (Range("t3_new_total", ">=", 10, 0),)
    assert parse_query("t4_review_corrected>0").children == (Range("t4_review_corrected", ">", 0, 0),)
    assert parse_query("不予公开≥1").children == (Range("denied_total", ">=", 1, 0),)


@pytest.mark.parametrize("text", ["新收 >= 10", "新收>= 10", "新收 >=10", "新收 ≥ 10"])
def test_numeric_filters_may_be_typed_with_spaces(text):
    assert parse_query(text + " 复议").children == (Range("t3_new_total", ">=", 10, 0), Term("复议", len(text) + 1))


def test_spaces_make_no_filter_of_a_word_that_is_no_field():
    assert [type(c) for c in parse_query("林业局 >= 10").children] == [Term, Term, Term]
    with pytest.raises(QuerySyntaxError):
        parse_query("新收 >= 很多")


def test_and_is_the_default_and_operators_are_read_in_any_case():
    assert [c.text for c in parse_query("行政复议 AND 纠正 and 撤销").children] == ["行政复议", "纠正", "撤销"]
    assert parse_query("复议 or 诉讼") == parse_query("复议 OR 诉讼")
    assert isinstance(parse_query("复议 Or 诉讼").children[0], Or)


@pytest.mark.parametrize(
    ("text", "position"),
    [('"未闭合', 0), ("公开 OR", 3), ("OR 公开", 0), ("公开 OR OR 复议", 3), ("公开 -", 3), ('""', 0), ("颜色>=3", 0), ("新收>=很多", 0)],
)
def test_broken_syntax_names_the_position(text, position):
    with pytest.raises(QuerySyntaxError) as raised:
        parse_query(text)
    assert raised.value.position == position
    assert raised.value.message


def test_overlong_queries_are_refused():
    with pytest.raises(QuerySyntaxError):
        parse_query("公开 " * 300)


def test_analysis_segments_words_and_drops_empty_ones():
    analyzed = analyze(parse_query('行政复议 "依法公开" ， OR 。'), split_chars)
    assert analyzed == And((Term("行政复议", 0, ("行政", "复议")), Phrase("依法公开", 5, ("依法", "公开"))))


def test_highlight_terms_skip_excluded_words():
    analyzed = analyze(parse_query('复议 "依法公开" -平潭'), split_chars)
    assert highlight_terms(analyzed) == ["复议", "依法公开", "依法", "公开"]


def test_an_empty_query_matches_everything():
    assert parse_query("   ") == And(())


def test_mixed_chinese_and_plain_quotes_close_each_other_and_a_stray_closing_quote_is_an_error():
    assert parse_query('“依法公开"').children == (Phrase("依法公开", 0),)
    with pytest.raises(QuerySyntaxError):
        parse_query("依法”公开")


@pytest.mark.parametrize("text, field, op, value", [
    ("重复率>=0.5", "repeat_share_bp", ">=", 5000),
    ("上年重复率>=50%", "repeat_share_bp", ">=", 5000),
    ("重复率 >= 0.25", "repeat_share_bp", ">=", 2500),
    ("他单位重复率>5%", "others_share_bp", ">", 500),
    ("他单位重复率<=.05", "others_share_bp", "<=", 500),
    ("repeat_share_bp>=1", "repeat_share_bp", ">=", 10000),
    ("逾期天数>30", "days_late", ">", 30),
    ("跨年核对未通过>=1", "crossyear_failed_count", ">=", 1),
])
def test_across_years_terms_take_shares_as_fractions_or_percentages(text, field, op, value):
    assert parse_query(text).children == (Range(field, op, value, 0),)


@pytest.mark.parametrize("text", ["重复率>=2", "重复率>=150%", "重复率>=半", "重复率>=0.12345", "逾期天数>0.5"])
def test_a_share_outside_zero_to_one_or_a_fraction_of_days_is_an_error(text):
    with pytest.raises(QuerySyntaxError):
        parse_query(text)
