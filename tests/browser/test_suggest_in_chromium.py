"""Names as you type in a real headless Chromium: the listbox, the keyboard, the CSP."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_site import ARTIFACTS

pytestmark = pytest.mark.browser


def open_box(driver, base: str):
    driver.get(base + "/")
    box = driver.find_element(By.ID, "q")
    box.clear()
    return box


def test_typing_initials_offers_the_town_and_the_keyboard_takes_it(browser, live_server):
    box = open_box(browser, live_server)
    box.send_keys("年报 pjb")
    option = WebDriverWait(browser, 10).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#q-suggestions [role=option]")))
    assert option.text.startswith("潘家堡镇")
    assert box.get_attribute("aria-expanded") == "true"
    browser.save_screenshot(str(ARTIFACTS / "suggest-listbox.png"))
    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == "q-suggestion-0"
    box.send_keys(Keys.ENTER)
    assert box.get_attribute("value") == "年报 潘家堡镇"
    assert not browser.find_element(By.ID, "q-suggestions").is_displayed()
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(EC.url_contains("q="))
    assert "潘家堡镇" in browser.find_element(By.ID, "q").get_attribute("value")


def test_escape_closes_the_suggestions_and_enter_still_searches_what_was_typed(browser, live_server):
    box = open_box(browser, live_server)
    box.send_keys("潘家")
    WebDriverWait(browser, 10).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#q-suggestions [role=option]")))
    box.send_keys(Keys.ESCAPE)
    assert box.get_attribute("aria-expanded") == "false"
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(EC.url_contains("q="))
    assert browser.find_element(By.ID, "q").get_attribute("value") == "潘家"


def test_the_script_runs_under_the_content_security_policy_without_violations(browser, live_server):
    open_box(browser, live_server).send_keys("沭阳")
    WebDriverWait(browser, 10).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#q-suggestions [role=option]")))
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not [message for message in errors if "Content Security Policy" in message], errors
