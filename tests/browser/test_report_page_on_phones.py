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
    ratios = {}
    for report_id in ids:
        url = f"{live_server}/reports/{report_id}"
        desktop = page_height(browser, url, DESKTOP)
        phone = page_height(browser, url, PHONE)
        ratios[report_id] = round(phone / desktop, 2)
    browser.save_screenshot(str(ARTIFACTS / "report-phone-390.png"))
    print("phone/desktop height ratios:", ratios)
    assert max(ratios.values()) <= MAX_RATIO, ratios
