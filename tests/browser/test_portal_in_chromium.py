"""A reader's session in a real headless Chromium: search, facets, report, CSV, XSS."""

from __future__ import annotations

import csv
import io
import re

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_site import ARTIFACTS, HOSTILE_ID

pytestmark = pytest.mark.browser


def total(driver) -> int:
    return int(driver.find_element(By.ID, "total").text)


def search_for(driver, base: str, words: str) -> None:
    driver.get(base + "/")
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(words, Keys.ENTER)
    WebDriverWait(driver, 10).until(EC.url_contains("q="))


def assert_no_alert(driver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert
    assert driver.execute_script("return window.__pwned === undefined")


def test_typing_a_chinese_query_shows_highlighted_results(browser, live_server):
    search_for(browser, live_server, "行政复议")
    assert total(browser) > 0
    assert browser.find_elements(By.CSS_SELECTOR, ".snippet mark")
    assert "行政复议" in browser.find_element(By.CSS_SELECTOR, ".snippet mark").text
    browser.save_screenshot(str(ARTIFACTS / "search-results.png"))


def test_clicking_facets_changes_counts_and_chips_undo_it(browser, live_server):
    browser.get(live_server + "/?page=1")
    before = total(browser)
    value = browser.find_element(By.CSS_SELECTOR, '[data-facet="year"] .facet-value')
    expected = int(value.find_element(By.CSS_SELECTOR, ".count").text)
    value.click()
    WebDriverWait(browser, 10).until(EC.url_contains("year="))
    assert total(browser) == expected < before
    other = browser.find_element(By.CSS_SELECTOR, '[data-facet="year"] .facet-value:not(.selected)')
    added = int(other.find_element(By.CSS_SELECTOR, ".count").text)
    other.click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.count("year=") == 2)
    assert total(browser) == expected + added
    browser.save_screenshot(str(ARTIFACTS / "search-facets.png"))
    browser.find_element(By.CSS_SELECTOR, ".chip-clear").click()  # back to the home, a fresh start
    WebDriverWait(browser, 10).until(lambda d: "year=" not in d.current_url)
    browser.find_element(By.CSS_SELECTOR, '.home-totals a[href="/?page=1"]').click()
    WebDriverWait(browser, 10).until(EC.url_contains("page=1"))
    assert total(browser) == before


def test_opening_a_report_shows_its_tables(browser, live_server):
    search_for(browser, live_server, "政府信息公开")
    browser.find_element(By.CSS_SELECTOR, ".hit-title a").click()
    WebDriverWait(browser, 10).until(EC.url_matches(r"/reports/[0-9a-f]{16}$"))
    assert browser.find_element(By.CSS_SELECTOR, ".requests-table caption").text.startswith("表三")
    assert browser.find_element(By.ID, "download-original").is_displayed()
    browser.save_screenshot(str(ARTIFACTS / "report.png"))
    browser.find_element(By.CSS_SELECTOR, ".requests-table").screenshot(str(ARTIFACTS / "report-table3.png"))


def test_a_report_failing_a_check_highlights_the_cells_involved(browser, live_server):
    browser.get(live_server + "/?failed_check_count__gte=1")
    assert total(browser) > 0
    browser.find_element(By.CSS_SELECTOR, ".hit-title a").click()
    WebDriverWait(browser, 10).until(EC.url_matches(r"/reports/[0-9a-f]{16}$"))
    cell = browser.find_element(By.CSS_SELECTOR, "td.failed")
    assert cell.get_attribute("title")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    browser.save_screenshot(str(ARTIFACTS / "report-failed-check.png"))


def test_the_csv_export_downloads_every_matching_report(browser, live_server, download_dir):
    search_for(browser, live_server, "公开")
    expected = total(browser)
    browser.find_element(By.ID, "export-csv").click()
    WebDriverWait(browser, 30).until(lambda _d: [p for p in download_dir.glob("*.csv")])
    path = next(download_dir.glob("*.csv"))
    WebDriverWait(browser, 30).until(lambda _d: not list(download_dir.glob("*.crdownload")))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    assert len(list(csv.reader(io.StringIO(text[1:])))) - 1 == expected


def test_script_in_a_report_and_in_a_query_stays_inert(browser, live_server):
    browser.get(f"{live_server}/reports/{HOSTILE_ID}")
    assert "<script>" in browser.find_element(By.TAG_NAME, "h1").text
    assert_no_alert(browser)
    browser.save_screenshot(str(ARTIFACTS / "xss-report.png"))
    search_for(browser, live_server, '<script>window.__pwned=true</script>"')
    assert_no_alert(browser)
    search_for(browser, live_server, "恶意标题")
    assert_no_alert(browser)
    assert re.search(r"<script>", browser.find_element(By.CSS_SELECTOR, ".hit-title").text)


def test_region_and_stats_pages_draw_charts_offline(browser, live_server):
    browser.get(live_server + "/stats")
    assert len([svg for svg in browser.find_elements(By.CSS_SELECTOR, "svg.chart") if svg.is_displayed()]) == 4
    browser.save_screenshot(str(ARTIFACTS / "stats.png"))
