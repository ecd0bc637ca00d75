"""Hostile search parameters are a 400 with a Chinese message on every search route, never a 500."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

SEARCH_ROUTES = ("/", "/api/search", "/api/facets", "/export.csv", "/export.json", "/feed.atom", "/stats")
# not finite, past a 64-bit integer, or a float beyond any engine's long field
BAD_BOUNDS = ("nan", "NaN", "inf", "-inf", "Infinity", "1e999", "9" * 30, "-" + "9" * 30, "9223372036854775808", "1e19")
HAN = re.compile(r"[\u4e00-\u9fff]")


def assert_chinese_400(response) -> None:
    """A 400 whose message is written in Chinese."""
    assert response.status_code == 400, response.status_code
    assert HAN.search(response.get_data(as_text=True))


@pytest.mark.parametrize("route", SEARCH_ROUTES)
@pytest.mark.parametrize("bound", BAD_BOUNDS)
def test_a_range_bound_that_is_not_a_finite_64_bit_number_is_a_400(client, route, bound):
    assert_chinese_400(client.get(f"{route}?year__gte={bound}"))
    assert_chinese_400(client.get(f"{route}?t3_new_total__lte={bound}"))


@pytest.mark.parametrize("route", SEARCH_ROUTES)
@pytest.mark.parametrize("year", ("9" * 25, "-" + "9" * 25, "2021.5", "二〇二一", "²", "١٢"))
def test_a_year_facet_value_that_is_not_a_64_bit_integer_is_a_400(client, route, year):
    assert_chinese_400(client.get(f"{route}?year={year}"))


@pytest.mark.parametrize("route", SEARCH_ROUTES)
def test_a_bound_at_the_edge_of_64_bits_is_still_a_search(client, route):
    assert client.get(f"{route}?year__gte=-9007199254740992&t3_new_total__lte=9007199254740992").status_code == 200


@pytest.mark.parametrize("comparison", ("新收>=1e999", "新收>=nan", "新收<=" + "9" * 30))
def test_a_comparison_in_the_query_beyond_64_bits_is_a_400(client, comparison):
    assert_chinese_400(client.get("/api/search?q=" + quote(comparison)))


def test_a_bad_year_is_named_in_plain_chinese_with_its_parameter(client):
    page = client.get("/?q=复议&year=abc")
    assert page.status_code == 400
    assert "筛选条件“年度”（参数 year）应为整数，收到“abc”" in page.get_data(as_text=True)
