"""The search page at 390 px and 1400 px in Chromium: the 筛选 overlay on phones, the sidebar on desktops,
and the results table scrolling inside its box (screenshots kept as test artifacts)."""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By

from browser_site import ARTIFACTS

pytestmark = pytest.mark.browser


@contextmanager
def window(driver, width: int, height: int):
    """The browser at one window size, put back afterwards."""
    before = driver.get_window_size()
    driver.set_window_size(width, height)
    try:
        yield
    finally:
        driver.set_window_size(before["width"], before["height"])


def test_on_a_phone_the_filter_button_opens_the_facets_over_the_results(browser, live_server):
    with window(browser, 390, 844):
        browser.get(f"{live_server}/?q={quote('公开')}")
        button = browser.find_element(By.CLASS_NAME, "filter-open")
        facets = browser.find_element(By.ID, "filters")
        assert button.is_displayed() and not facets.is_displayed()
        assert button.location["y"] < browser.find_element(By.CLASS_NAME, "hits").location["y"]
        browser.execute_script("window.scrollTo(0, 1500)")
        assert browser.execute_script("return arguments[0].getBoundingClientRect().top", button) == 0  # sticky
        browser.save_screenshot(str(ARTIFACTS / "search-390-results.png"))
        button.click()
        assert facets.is_displayed() and browser.current_url.endswith("#filters")
        rect = browser.execute_script("return arguments[0].getBoundingClientRect().toJSON()", facets)
        viewport = browser.execute_script("return document.documentElement.clientWidth")
        assert rect["top"] == 0 and rect["left"] == 0 and rect["width"] == viewport  # over the results
        browser.save_screenshot(str(ARTIFACTS / "search-390-filters.png"))
        browser.find_element(By.CLASS_NAME, "filter-close").click()
        assert not facets.is_displayed()


def test_on_a_desktop_the_sidebar_stays_left_of_the_results_without_the_button(browser, live_server):
    with window(browser, 1400, 1000):
        browser.get(f"{live_server}/?q={quote('公开')}")
        facets, results = browser.find_element(By.ID, "filters"), browser.find_element(By.ID, "results")
        assert facets.is_displayed() and not browser.find_element(By.CLASS_NAME, "filter-open").is_displayed()
        assert facets.location["x"] < results.location["x"] and abs(facets.location["y"] - results.location["y"]) < 5
        browser.save_screenshot(str(ARTIFACTS / "search-1400.png"))


def test_the_results_table_scrolls_inside_its_box_on_a_phone(browser, live_server):
    cols = "t3_new_total,t3_granted_total,t3_partial_total,denied_total,unable_total,rejected_total,review_total"
    with window(browser, 390, 844):
        browser.get(f"{live_server}/?q={quote('公开')}&view=table&cols={cols}")
        box = browser.find_element(By.CLASS_NAME, "table-scroll")
        assert browser.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", box)
        page = browser.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert page[0] == page[1]  # the page itself does not scroll sideways
        browser.save_screenshot(str(ARTIFACTS / "search-390-table.png"))
