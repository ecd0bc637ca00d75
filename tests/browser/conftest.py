"""A live portal on 127.0.0.1 in a server thread, and a headless Debian Chromium to drive it."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.settings import load_settings

from browser_site import HOSTILE_ID, VIEWPORTS, XSS_TITLE, serve_portal, set_viewport, start_chromium


def _hostile_document() -> dict:
    """A report whose title and problems section carry script payloads."""
    from indexer.documents import build_index_document
    from indexer.synth import make_report

    truth = dict(make_report(98, 1).truth, title=XSS_TITLE)
    truth["sections"] = dict(truth["sections"], problems="存在问题：<script>window.__pwned=true</script>公开不及时。")
    return build_index_document(HOSTILE_ID, truth, {"url": "https://example.gov.cn/x.html", "fetched_at": "2026-01-01T00:00:00+00:00"})


@pytest.fixture(scope="session")
def live_server(browser_settings):
    """Base URL of the portal over seeds + 40 synthetic reports, served from a thread.

    The sample is mostly synthetic and these tests drive search features over it, so its
    samples are searched by default (visitor_server shows the real default).
    """
    with serve_portal(browser_settings.replace(portal_samples_in_default_view=True)) as url:
        yield url


@pytest.fixture(scope="session")
def browser_settings(tmp_path_factory, seeds_dir):
    """Settings of a data folder holding seeds + 40 synthetic reports + one hostile report, indexed."""
    from indexer.backends import open_backend
    from portal import demo

    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("browser") / "var"))
    demo.build_demo(settings, seeds_dir, 40, seed=3, echo=lambda _message: None)
    backend = open_backend(settings)
    backend.index_documents([_hostile_document()])
    backend.close()
    return settings


@pytest.fixture(scope="session")
def visitor_server(browser_settings):
    """Base URL of the same portal as visitors see it by default: samples out of the default view."""
    with serve_portal(browser_settings) as url:
        yield url


@pytest.fixture(scope="session")
def download_dir(tmp_path_factory) -> Path:
    """Where Chromium saves downloads."""
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(tmp_path_factory, download_dir):
    """Headless Chromium through ChromeDriver, with a fresh profile and no background traffic."""
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"),
                            {"download.default_directory": str(download_dir), "download.prompt_for_download": False})
    yield driver
    driver.quit()


@pytest.fixture(params=sorted(VIEWPORTS, key=int), ids=lambda width: f"{width}px")
def viewport(request, browser):
    """The browser laid out at 390 px (a phone) and at 1400 px (a desktop); yields the width's name."""
    width, height = VIEWPORTS[request.param]
    set_viewport(browser, width, height)
    yield request.param
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
