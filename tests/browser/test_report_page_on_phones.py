"""The report page on a 390 px phone and a 1400 px desktop in headless Chromium: height, tables, copy."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from browser_site import ARTIFACTS, HOSTILE_ID

pytestmark = pytest.mark.browser
PHONE, DESKTOP = 390, 1400
MAX_RATIO = 3.0  # a phone page may be at most about three desktop pages tall


def report_ids(live_server: str, browser, origin: str, count: int) -> list[str]:
    """Ids of reports of an origin (archive: the seeds; synthetic), read from the JSON API."""
    browser.get(f"{live_server}/api/search?origin={origin}&page_size={count}")
    import json

    hits = json.loads(browser.find_element(By.TAG_NAME, "pre").text)["hits"]
    return [hit["id"] for hit in hits if hit["id"] != HOSTILE_ID][:count]


def page_height(browser, url: str, width: int) -> int:
    """The document's height in CSS pixels with the viewport `width` px wide (device metrics, as on a phone)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800})
    browser.get(url)
    return int(browser.execute_script("return document.documentElement.scrollHeight"))


@pytest.fixture
def phone_reset(browser):
    """Leave the browser as the other browser tests expect it."""
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_report_page_on_a_phone_is_at_most_three_times_its_desktop_height(phone_reset, live_server):
    browser = phone_reset
    ids = report_ids(live_server, browser, "archive", 5) + report_ids(live_server, browser, "synthetic", 3)
    assert len(ids) >= 6
    ratios, heights = {}, {}
    for report_id in ids:
        url = f"{live_server}/reports/{report_id}"
        desktop = page_height(browser, url, DESKTOP)
        phone = page_height(browser, url, PHONE)
        ratios[report_id], heights[report_id] = round(phone / desktop, 2), (phone, desktop)
    browser.save_screenshot(str(ARTIFACTS / "report-phone-390.png"))
    page_height(browser, f"{live_server}/reports/{ids[0]}", DESKTOP)
    browser.save_screenshot(str(ARTIFACTS / "report-desktop-1400.png"))
    print("phone/desktop height ratios:", ratios, "heights (390 px, 1400 px):", heights)
    assert max(ratios.values()) <= MAX_RATIO, ratios


def test_on_a_phone_table_three_fits_or_scrolls_sideways_under_fixed_row_labels(phone_reset, live_server):
    browser = phone_reset
    report_id = report_ids(live_server, browser, "synthetic", 1)[0]
    page_height(browser, f"{live_server}/reports/{report_id}", PHONE)
    table = browser.find_element(By.CSS_SELECTOR, ".requests-table")
    browser.execute_script("arguments[0].scrollIntoView()", table)
    scroller = table.find_element(By.XPATH, "..")
    label = table.find_element(By.CSS_SELECTOR, "tr.row-denied_third_party th.row-label")
    cell = table.find_element(By.CSS_SELECTOR, "tr.row-denied_third_party td:last-child")
    assert "（三）不予公开" in label.text and "保护第三方合法权益" in label.text
    assert label.rect["height"] < 120, "a row label wrapping into a tall column"
    browser.save_screenshot(str(ARTIFACTS / "report-phone-table3.png"))
    narrow, wide = (browser.find_element(By.CSS_SELECTOR, css) for css in (".review-compact", ".review-table"))
    assert narrow.is_displayed() and not wide.is_displayed()
    width = browser.execute_script("return arguments[0].scrollWidth - arguments[0].clientWidth", scroller)
    if width <= 0:  # the whole table fits the screen: every label and number is in view
        assert cell.rect["x"] + cell.rect["width"] <= PHONE
        return
    before = (label.rect["x"], cell.rect["x"])
    browser.execute_script("arguments[0].scrollLeft = arguments[0].scrollWidth", scroller)
    assert label.rect["x"] == pytest.approx(before[0], abs=3) and cell.rect["x"] < before[1]


def test_a_copy_button_puts_the_citation_on_the_clipboard(browser, live_server):
    report_id = report_ids(live_server, browser, "archive", 1)[0]
    browser.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
                                                         "origin": live_server})
    browser.get(f"{live_server}/reports/{report_id}#cite")
    button = browser.find_element(By.CSS_SELECTOR, 'button[data-copy="cite-bibtex"]')
    assert button.is_displayed()
    browser.execute_script("arguments[0].scrollIntoView(); arguments[0].click()", button)
    copied = browser.execute_async_script("navigator.clipboard.readText().then(arguments[0], e => arguments[0]('error: ' + e))")
    assert copied == browser.find_element(By.ID, "cite-bibtex").text and copied.startswith(f"@misc{{nianbao-{report_id},")
    browser.save_screenshot(str(ARTIFACTS / "report-cite.png"))
