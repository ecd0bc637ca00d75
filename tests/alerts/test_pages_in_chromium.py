"""The feed page, the alert pages and the API page in real headless Chromium (Debian's), JavaScript off."""

from __future__ import annotations

import re

import pytest

from browser.browser_site import ARTIFACTS, serve_portal, start_chromium
from indexer.settings import load_settings

pytestmark = pytest.mark.browser
# Chromium's own XSLT deprecation banner carries inline styles that the portal's CSP blocks: not ours
CHROMIUM_BANNER = "Applying inline style violates"


@pytest.fixture(scope="module")
def site(tmp_path_factory, smtp_server):
    """Base URL of a portal (two reports, mail to the test SMTP server) served from a thread."""
    from alert_sample import report_document

    from indexer.backends import open_backend

    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("alerts-chromium") / "var"),
                             smtp_port=smtp_server[0])
    open_backend(settings).rebuild([report_document("a1" * 8, 1, "甲市水务局", "2020-01-01T00:00:00+00:00"),
                                    report_document("a2" * 8, 2, "乙县教育局", "2020-01-01T00:00:00+00:00")])
    with serve_portal(settings) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    """Headless Chromium through ChromeDriver with JavaScript switched off."""
    driver = start_chromium(tmp_path_factory.mktemp("chromium-alerts"),
                            {"profile.managed_default_content_settings.javascript": 2}, window="1280,900")
    yield driver
    driver.quit()


def _problems(driver) -> list[str]:
    """Console errors of the page, Chromium's own XSLT banner aside."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE" and CHROMIUM_BANNER not in e["message"]]


def test_the_feed_opens_as_a_page_listing_the_reports_and_how_to_subscribe(site, chromium):
    from selenium.webdriver.common.by import By

    chromium.get(f"{site}/feed.atom?agency=甲市水务局")
    assert chromium.find_element(By.TAG_NAME, "h1").text == "年报检索：发布机关：甲市水务局（最新收录）"
    assert "复制下面的订阅源网址" in chromium.find_element(By.CSS_SELECTOR, ".feed-howto").text
    entries = chromium.find_elements(By.CSS_SELECTOR, ".feed-entry a")
    assert [e.text for e in entries] == ["甲市水务局政府信息公开工作年度报告"]
    chromium.save_screenshot(str(ARTIFACTS / "feed-page.png"))
    assert _problems(chromium) == []
    # followed by its address: Chromium's XSLT deprecation banner floats over the page and takes clicks
    chromium.get(chromium.find_element(By.LINK_TEXT, "用电子邮件订阅这次检索").get_attribute("href"))
    assert "发布机关：甲市水务局" in chromium.find_element(By.TAG_NAME, "main").text


def _submit(driver, selector: str, seconds: float = 10) -> str:
    """Click a form's button and return the h1 of the page it leads to, once that page is there."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    button = driver.find_element(By.CSS_SELECTOR, selector)
    button.click()  # returns before the next page has loaded
    WebDriverWait(driver, seconds).until(EC.staleness_of(button))
    return WebDriverWait(driver, seconds).until(EC.presence_of_element_located((By.TAG_NAME, "h1"))).text


def test_the_subscription_form_sends_the_confirmation_mail_without_javascript(site, chromium, inbox):
    from selenium.webdriver.common.by import By

    chromium.get(f"{site}/alerts/new?q=年度报告&agency=乙县教育局")
    chromium.find_element(By.ID, "alert-email").send_keys("browser.user@example.org")
    chromium.find_element(By.CSS_SELECTOR, "input[value=weekly]").click()
    assert _submit(chromium, ".alert-form button") == "请查收确认邮件"
    assert "browser.user@example.org" not in chromium.page_source
    link = re.search(r"/alerts/confirm/\S+", inbox.messages[-1].get_content()).group(0)
    chromium.get(site + link)
    assert _submit(chromium, "form button") == "订阅已生效"
    chromium.save_screenshot(str(ARTIFACTS / "alert-confirmed.png"))
    assert _problems(chromium) == []


def test_the_api_page_renders_its_examples(site, chromium):
    from selenium.webdriver.common.by import By

    chromium.get(f"{site}/api/docs")
    headings = [h.text for h in chromium.find_elements(By.CSS_SELECTOR, ".api-operation h2")]
    assert headings[:3] == ["GET /api/search 检索年报", "GET /api/facets 分面计数", "GET /api/reports/{id} 单份年报"]
    assert "GET /api/suggest 单位和地名建议（输入时提示）" in headings
    # every endpoint but the unit one (no `nianbao years` run behind this site) shows a live example
    assert len(chromium.find_elements(By.CSS_SELECTOR, "pre.api-example")) == len(headings) - 1
    chromium.save_screenshot(str(ARTIFACTS / "api-docs.png"))
    assert _problems(chromium) == []
