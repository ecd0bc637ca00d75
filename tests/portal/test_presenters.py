"""Search page models: pager windows, chips and quick outcome filters are plain URL state."""

from indexer.search.model import RangeFilter, SearchRequest
from portal.search import hits, presenters


def test_the_pager_shows_first_last_and_neighbours_with_gaps():
    links = presenters.pager(SearchRequest(page=10, page_size=20), total=1000, window=2000)
    numbers = [link.number for link in links]
    assert numbers == [1, None, 7, 8, 9, 10, 11, 12, 13, None, 50]
    assert [link.number for link in links if link.current] == [10]


def test_the_pager_stops_at_the_result_window():
    links = presenters.pager(SearchRequest(page=1, page_size=20), total=100000, window=2000)
    assert links[-1].number == 100


def test_every_active_condition_becomes_a_chip_that_removes_only_itself():
    req = SearchRequest(query="复议", filters={"year": ("2021", "2022")}, ranges=(RangeFilter("denied_total", gte=1),))
    chips = presenters.chips(req)
    assert [c.kind for c in chips] == ["query", "facet", "facet", "range"]
    assert chips[1].remove == "q=%E5%A4%8D%E8%AE%AE&year=2022&denied_total__gte=1"
    assert chips[3].label == "不予公开合计 ≥ 1"


def test_quick_links_toggle_their_range():
    off = dict((label, target) for label, target, _active in presenters.quick_ranges(SearchRequest()))
    assert off["任一项校验未通过"] == "failed_check_count__gte=1"
    on = presenters.quick_ranges(SearchRequest(ranges=(RangeFilter("failed_check_count", gte=1),)))
    assert [(target, active) for label, target, active in on if label == "任一项校验未通过"] == [("", True)]


def test_no_quick_link_repeats_an_outcome_flag():
    """复议纠正 / 诉讼纠正 / 有不予公开 are facet flags; the same totals ≥ 1 get no second control."""
    from indexer.search.facets import OUTCOME_FLAGS

    quick = {field for field, _label in presenters.QUICK_RANGES}
    assert not quick & {"review_corrected", "litigation_corrected", "denied_total"}
    assert {"has_review_corrected", "has_litigation_corrected", "has_denied"} <= set(OUTCOME_FLAGS)


def test_the_sidebar_drills_down_from_province_to_town():
    shown = lambda filters: set(presenters.sidebar_facets(SearchRequest(filters=filters)).facets)  # noqa: E731
    assert not {"agency", "city", "county", "town"} & shown({})
    assert {"city", "county"} <= shown({"province": ("湖南省",)}) and "town" not in shown({"province": ("湖南省",)})
    assert "town" in shown({"county": ("临清市",)}) and "agency" in shown({"agency": ("某局",)})


def test_snippets_prefer_prose_over_flattened_table_rows():
    from indexer.search.model import Hit

    table = "…0 0 0 0 0 0 0 <mark>行政复议</mark> 0 0 0 0 0 1 1 0 0 0…"
    prose = "…本年度未发生因政府信息公开引起的<mark>行政复议</mark>、行政诉讼。…"
    hit = Hit("a" * 16, 1.0, {}, {"content": (table, prose)})
    assert hits.hit_snippets(hit) == [prose]
    assert hits.hit_snippets(Hit("a" * 16, 1.0, {}, {"content": (table,)})) == [table]


def test_a_hit_line_has_its_meta_parts_ready_and_a_title_even_without_one():
    from indexer.search.model import Hit

    doc = {"agency": "潭城镇人民政府", "year": 2021, "province": "福建省", "city": "漳州市", "format": "2021",
           "t3_new_total": 1234, "failed_checks": ["t3_sum"], "synthetic": True}
    view = hits.hit_view(Hit("b" * 16, 1.0, doc, {"text": ("依<mark>申请</mark>公开",)}))
    assert view.title == "潭城镇人民政府2021年政府信息公开工作年度报告"  # portal.labels.display_title
    assert (view.region, view.new_requests, view.failed_checks, view.synthetic) == ("福建省 › 漳州市", "1,234", 1, True)
    assert view.snippets == ("依<mark>申请</mark>公开",)
    bare = hits.hit_view(Hit("c" * 16, 1.0, {"title": "某某年报"}, {}))
    assert (bare.agency, bare.region, bare.new_requests, bare.failed_checks) == ("未识别机关", "", None, 0)


def test_facet_links_escape_every_text_and_mark_the_selected_value():
    from portal.filters import facet_items

    values = (
        presenters.FacetValueView('<script>"x"</script>', "<b>省</b> & 市", 3, True, "province=%3Cb%3E&year=2021"),
        presenters.FacetValueView("2021", "2021", 12, False, "year=2021"),
    )
    html = str(facet_items(values, "/"))
    assert "<script>" not in html and "<b>" not in html
    assert 'data-value="&lt;script&gt;&quot;x&quot;&lt;/script&gt;"' in html
    assert '<span class="facet-label">&lt;b&gt;省&lt;/b&gt; &amp; 市</span>' in html
    assert 'href="/?province=%3Cb%3E&amp;year=2021"' in html
    assert html.count('aria-current="true"') == 1 and html.count("<li>") == 2
    assert '<span class="count">12</span>' in html
