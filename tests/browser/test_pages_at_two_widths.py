"""The main pages at 390 px and 1400 px in headless Chromium: a full-page screenshot of each
(kept under $NIANBAO_ARTIFACTS) and no serious or critical axe-core violation (WCAG 2.1 AA)."""

from __future__ import annotations

import json
from urllib.parse import quote
from urllib.request import urlopen

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_site import ARTIFACTS, axe_source, run_axe, save_full_page

pytestmark = pytest.mark.browser
PAGES = ("home", "search", "report", "region", "stats", "help", "alerts", "api-docs", "samples", "missing", "late")
BLOCKING = ("serious", "critical")


def _api(base: str, query: str) -> dict:
    with urlopen(f"{base}/api/search?{query}", timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="session")
def page_urls(visitor_server) -> dict[str, str]:
    """The URL of each main page on the portal as visitors see it (a real report and its province)."""
    words = quote("公开")
    hit = _api(visitor_server, f"q={words}&origin=archive&size=1")["hits"][0]
    province = hit["document"]["province"]
    return {
        "home": visitor_server + "/",
        "search": f"{visitor_server}/?q={words}",
        "report": f"{visitor_server}/reports/{hit['id']}",
        "region": f"{visitor_server}/regions/{quote(province)}",
        "stats": visitor_server + "/stats",
        "help": visitor_server + "/help",
        "alerts": f"{visitor_server}/alerts/new?q={words}",
        "api-docs": visitor_server + "/api/docs",
        "samples": visitor_server + "/samples",
        "missing": visitor_server + "/missing/",
        "late": visitor_server + "/late/",
    }


def describe(violations: list[dict]) -> str:
    """Violations as lines a reader can act on: rule, impact, help and the first elements."""
    return "\n".join(f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
                     for v in violations)


@pytest.mark.parametrize("name", PAGES)
def test_a_main_page_has_no_serious_accessibility_violation(browser, viewport, page_urls, name):
    browser.get(page_urls[name])
    assert browser.find_element(By.TAG_NAME, "main")
    save_full_page(browser, f"page-{name}-{viewport}px")
    violations = run_axe(browser, axe_source(), f"axe-{name}-{viewport}px")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


def test_the_home_fits_a_phone_without_sideways_scrolling(browser, viewport, page_urls):
    browser.get(page_urls["home"])
    width = browser.execute_script("return document.documentElement.clientWidth")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    assert browser.find_element(By.ID, "q").is_displayed()


def test_the_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_the_content(browser, viewport, page_urls):
    browser.get(page_urls["search"])
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    link = browser.switch_to.active_element
    assert link.get_attribute("class") == "skip-link" and link.is_displayed() and link.text == "跳到正文"
    outline = browser.execute_script("const s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth];", link)
    assert outline[0] != "none" and outline[1] != "0px"
    browser.save_screenshot(str(ARTIFACTS / f"skip-link-{viewport}px.png"))
    link.send_keys(Keys.ENTER)
    assert browser.execute_script("return document.activeElement.id") == "content"


SIDEWAYS = """
const page = document.documentElement, wide = [];
for (const e of document.querySelectorAll('main *')) {
  if (e.getBoundingClientRect().right <= page.clientWidth + 1) continue;
  let box = e.parentElement;  // inside a box that scrolls (a wide table) is fine
  while (box && !['auto', 'scroll', 'hidden'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
  if (!box) wide.push(e.tagName + ' ' + (e.className.baseVal ?? e.className));
}
return [page.scrollWidth, page.clientWidth, wide.slice(0, 5)];"""


@pytest.mark.parametrize("name", PAGES)
def test_no_main_page_scrolls_sideways_on_a_phone_or_a_desk(browser, viewport, page_urls, name):
    browser.get(page_urls[name])
    scroll_width, width, wide = browser.execute_script(SIDEWAYS)
    assert scroll_width <= width and not wide, f"{name} at {viewport}px: {scroll_width} > {width}: {wide}"


CHART_TEXT = """return [...document.querySelectorAll('svg.chart text')].filter(t => t.getClientRects().length)
  .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);"""


@pytest.mark.parametrize("name", ("region", "stats"))
def test_chart_labels_stay_readable_on_a_phone_and_a_desk(browser, viewport, page_urls, name):
    browser.get(page_urls[name])
    sizes = browser.execute_script(CHART_TEXT)
    assert sizes and min(sizes) >= 9.5, f"{name} at {viewport}px: smallest chart label {min(sizes or [0]):.1f} px"


def test_on_a_phone_a_region_page_puts_its_charts_under_the_child_regions(browser, page_urls):
    from browser_site import VIEWPORTS, set_viewport

    set_viewport(browser, *VIEWPORTS["390"])
    try:
        browser.get(page_urls["region"])
        children = browser.find_element(By.CSS_SELECTOR, ".region-layout > .children").rect
        charts = browser.find_element(By.CSS_SELECTOR, ".region-layout > .charts").rect
        assert charts["y"] >= children["y"] + children["height"] and charts["x"] == children["x"]
        assert charts["width"] >= 300
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_on_a_phone_the_missing_list_scrolls_in_its_box_with_names_unbroken(browser, page_urls):
    from browser_site import VIEWPORTS, set_viewport

    set_viewport(browser, *VIEWPORTS["390"])
    try:
        browser.get(page_urls["missing"])
        table = browser.find_element(By.CSS_SELECTOR, ".table-scroll > .missing-table")
        box = browser.execute_script("const b = arguments[0].parentElement; return [b.scrollWidth, b.clientWidth];", table)
        assert box[0] > box[1] and table.rect["width"] >= 600  # wider than the phone, inside its own box
        deadline = browser.find_element(By.CSS_SELECTOR, ".missing-table tbody td:nth-child(4)")
        lines = browser.execute_script("const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                                       "return r.getClientRects().length;", deadline)
        assert lines == 1  # a date such as 2022-03-31 on one line
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_unit_page_reads_on_a_phone_and_keeps_its_chart_to_a_desk_size(browser, visitor_server):
    from browser_site import VIEWPORTS, set_viewport

    hit = _api(visitor_server, f"q={quote('公开')}&origin=archive&size=1")["hits"][0]
    url = f"{visitor_server}/units/{quote(hit['document']['unit_id'])}"
    try:
        set_viewport(browser, *VIEWPORTS["390"])
        browser.get(url)
        save_full_page(browser, "page-unit-390px")
        verdicts = browser.find_element(By.CSS_SELECTOR, ".table-scroll > .unit-verdicts")
        assert verdicts.rect["width"] >= 650  # scrolls in its box rather than one character a line
        report = browser.find_element(By.CSS_SELECTOR, ".unit-verdicts tbody td:nth-child(2)")
        assert report.rect["width"] >= 85  # the report name, not two characters a line
        label = browser.find_element(By.CSS_SELECTOR, ".unit-figures tbody th")
        assert browser.execute_script("return getComputedStyle(arguments[0]).position;", label) == "sticky"
        assert label.rect["width"] >= 80
        set_viewport(browser, *VIEWPORTS["1400"])
        browser.get(url)
        save_full_page(browser, "page-unit-1400px")
        assert browser.find_element(By.CSS_SELECTOR, ".unit .chart-figure svg").rect["width"] <= 760
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_on_a_phone_the_stats_headline_figures_sit_two_by_two(browser, page_urls):
    from browser_site import VIEWPORTS, set_viewport

    set_viewport(browser, *VIEWPORTS["390"])
    try:
        browser.get(page_urls["stats"])
        cards = [card.rect for card in browser.find_elements(By.CSS_SELECTOR, ".stat-cards > .stat-card")]
        assert len(cards) >= 4 and cards[0]["y"] == cards[1]["y"] and cards[2]["y"] > cards[0]["y"]
        assert cards[1]["x"] > cards[0]["x"] + cards[0]["width"] - 1
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_on_a_phone_every_api_parameter_description_is_in_view_under_its_name(browser, page_urls):
    from browser_site import VIEWPORTS, set_viewport

    set_viewport(browser, *VIEWPORTS["390"])
    try:
        browser.get(page_urls["api-docs"])
        width = browser.execute_script("return document.documentElement.clientWidth")
        rows = browser.find_elements(By.CSS_SELECTOR, ".api-operation .table-scroll tbody tr")
        assert len(rows) > 20
        for row in rows[:40]:
            name, description = row.find_element(By.CSS_SELECTOR, "td"), row.find_element(By.CSS_SELECTOR, "td:last-child")
            assert description.rect["x"] + description.rect["width"] <= width and description.rect["width"] >= 250
            assert description.rect["y"] >= name.rect["y"] + name.rect["height"] - 1  # under the name, not beside it
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_on_a_phone_the_feed_page_keeps_its_address_box_inside_the_screen(browser, visitor_server):
    from browser_site import VIEWPORTS, set_viewport

    set_viewport(browser, *VIEWPORTS["390"])
    try:
        browser.get(f"{visitor_server}/feed.atom?q={quote('公开')}")
        box = browser.find_element(By.CSS_SELECTOR, "input.feed-url").rect
        width = browser.execute_script("return document.documentElement.clientWidth")
        assert box["x"] + box["width"] <= width and box["width"] >= 250
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.get_log("browser")  # Chromium's own XSLT banner breaks the CSP: leave no entry to later tests
