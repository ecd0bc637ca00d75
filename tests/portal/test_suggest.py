"""Names as you type (/api/suggest), did-you-mean corrections and the script that shows them."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

from flask import render_template

from portal.search.suggest import MAX_LIMIT, did_you_mean, name_index


def suggestions(client, text: str, **params) -> list[dict]:
    extra = "".join(f"&{key}={value}" for key, value in params.items())
    response = client.get(f"/api/suggest?q={quote(text)}{extra}")
    assert response.status_code == 200
    return response.get_json()["suggestions"]


def test_typed_characters_suggest_the_town_with_reports_first_with_its_region_and_a_search_link(client):
    first = suggestions(client, "潘家")[0]
    assert first["name"] == "潘家堡镇" and first["kind"] == "agency"
    assert first["region"] == ["辽宁省", "沈阳市", "辽中区"]
    assert parse_qs(urlsplit(first["url"]).query) == {"q": ["潘家堡镇"]}


def test_typed_pinyin_or_initials_suggest_the_same_town(client):
    assert suggestions(client, "panjiab")[0]["name"] == "潘家堡镇"
    assert suggestions(client, "pjb")[0]["name"] == "潘家堡镇"


def test_the_agency_names_come_from_the_live_index(app):
    with app.app_context():
        names = name_index(app)
    assert "潘家堡镇" in [table for table in names.tables if table.kind == "agency"][0].names


def test_blank_overlong_or_symbol_input_suggests_nothing_without_an_error(client):
    assert suggestions(client, "") == []
    assert suggestions(client, "   ") == []
    assert suggestions(client, "潘" * 41) == []
    assert suggestions(client, "%<>\"'") == []


def test_the_limit_is_clamped_and_a_bad_limit_falls_back_to_the_default(client):
    assert len(suggestions(client, "张", limit=3)) == 3
    assert len(suggestions(client, "张", limit=999)) <= MAX_LIMIT
    assert len(suggestions(client, "张", limit="x")) == 8


def test_with_the_engine_down_place_names_are_still_suggested(down_app):
    response = down_app.test_client().get("/api/suggest?q=" + quote("沭阳"))
    assert response.status_code == 200
    assert "沭阳县" in [item["name"] for item in response.get_json()["suggestions"]]


def test_did_you_mean_replaces_the_misspelt_word_and_keeps_the_others(app):
    with app.test_request_context("/"):
        offered = did_you_mean("潘家宝镇 年报")
    assert offered[0] == {"word": "潘家宝镇", "name": "潘家堡镇", "query": "潘家堡镇 年报"}


def test_did_you_mean_leaves_operators_filters_and_ordinary_words_alone(app):
    with app.test_request_context("/"):
        assert did_you_mean('"行政复议" 新收>=10 -撤销 年报') == []


def test_the_did_you_mean_links_keep_the_other_parameters_and_go_back_to_page_one(app):
    with app.test_request_context("/?q=" + quote("潘家宝镇") + "&year=2021&page=3"):
        html = render_template("search/_did_you_mean.html", did_you_mean=did_you_mean("潘家宝镇"))
    assert "您是不是要找：" in html
    href = html.split('href="')[1].split('"')[0].replace("&amp;", "&")
    assert parse_qs(urlsplit(href).query) == {"q": ["潘家堡镇"], "year": ["2021"]}


def test_the_did_you_mean_partial_renders_nothing_without_suggestions(app):
    with app.test_request_context("/?q=x"):
        assert render_template("search/_did_you_mean.html", did_you_mean=[]).strip() == ""


def test_every_page_loads_the_suggestion_script_from_the_site_itself(client):
    page = client.get("/").get_data(as_text=True)
    assert '<script src="/static/suggest.js" data-suggest-url="/api/suggest" defer></script>' in page
    script = client.get("/static/suggest.js")
    assert script.status_code == 200 and "javascript" in script.content_type


def test_did_you_mean_corrects_the_name_in_a_word_glued_to_a_year_and_keeps_the_year(app):
    with app.test_request_context("/"):
        offered = did_you_mean("潘家宝镇2021 年报")
    assert offered[0]["query"] == "潘家堡镇2021 年报"


def test_did_you_mean_reads_a_latin_word_as_pinyin(app):
    with app.test_request_context("/"):
        assert did_you_mean("panjiabao")[0]["query"] == "潘家堡镇"


def test_the_name_index_is_rebuilt_when_the_search_index_changed_size_and_kept_otherwise(app):
    from portal.search.suggest import NAMES_KEY

    with app.app_context():
        first = name_index(app)
        holder = app.extensions[NAMES_KEY]
        holder.checked = 0.0  # the refresh interval is over: the index size is read again
        assert name_index(app) is first  # same size, same index
        holder.checked, holder.count = 0.0, -1  # as if documents had been added since
        rebuilt = name_index(app)
        assert rebuilt is not first and name_index(app) is rebuilt
