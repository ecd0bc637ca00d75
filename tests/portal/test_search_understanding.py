"""The search page and API tell how a query was read: expansions, years, corrections, partial matches."""

from urllib.parse import quote

import pytest

BAD_QUERIES = ["！！！", "。，、", "😀🎉", "潘家堡镇😀", "abc潘家堡镇123", "OR", "-", '"', "潘" * 501, "a" * 600, "\u200b"]


def html(client, query: str) -> str:
    """The search page of one query (must answer 200)."""
    response = client.get("/?q=" + quote(query))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


def test_a_short_form_shows_what_was_also_searched(client):
    page = html(client, "潘家堡镇 年报")
    assert "同时搜索了：" in page and "年度报告" in page and "潘家堡镇2021年度政府信息公开工作报告" in page


def test_words_never_found_together_show_partial_matches_with_what_each_lacks(client):
    page = html(client, "潘家堡镇 鄌郚镇")
    assert 'id="partial"' in page and "缺少：鄌郚镇" in page and "缺少：潘家堡镇" in page
    assert "没有找到符合条件的年报" not in page


def test_a_misspelt_place_shows_the_report_of_the_nearest_name(client):
    page = html(client, "潘家宝镇")
    assert 'id="corrected"' in page and "潘家堡镇2021年度政府信息公开工作报告" in page


def test_pinyin_finds_the_place(client):
    assert "潘家堡镇2021年度政府信息公开工作报告" in html(client, "panjiabao")


def test_a_year_in_the_query_is_said_to_rank_first(client):
    assert "优先显示 2020 年度的年报" in html(client, "鄌郚镇 二〇二〇年")


def test_table_wording_of_several_words_offers_its_numeric_filter(client):
    page = html(client, "行政复议 纠正")
    assert "table-word-hint" in page and "复议纠正&gt;=1" in page


def test_a_query_without_searchable_characters_says_so(client):
    assert 'id="unsearchable"' in html(client, "！！！")


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_input_never_fails_the_page_or_the_api(client, query):
    for url in ("/?q=", "/api/search?q="):
        response = client.get(url + quote(query))
        assert response.status_code in (200, 400), (url, query, response.status_code)
        if response.status_code == 400:
            assert any("\u4e00" <= c <= "\u9fff" for c in response.get_data(as_text=True))


def test_the_api_carries_the_same_notes_and_missing_words(client):
    answer = client.get("/api/search?q=" + quote("潘家堡镇 鄌郚镇")).get_json()
    assert answer["notes"]["partial"] and answer["notes"]["words"] == ["潘家堡镇", "鄌郚镇"]
    assert {tuple(hit["missing"]) for hit in answer["hits"]} >= {("鄌郚镇",), ("潘家堡镇",)}
    expanded = client.get("/api/search?q=" + quote("沭阳县 发改局")).get_json()["notes"]["expansions"]
    assert expanded[0]["word"] == "发改局" and "发展和改革局" in expanded[0]["also_searched"]
