"""Constants and the Chromium start-up shared by the browser fixtures and tests."""

import base64
import json
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
REPO = Path(__file__).resolve().parents[2]
# Screenshots and accessibility reports of the browser tests (kept by CI as test artifacts)
ARTIFACTS = Path(os.environ.get("NIANBAO_ARTIFACTS") or REPO / "test-artifacts")
# axe-core as scripts/setup.sh --test fetched it (pinned there)
AXE_DIR = REPO / ".cache" / "axe-core"
# The two widths every page is checked at: a phone and a desktop
VIEWPORTS: dict[str, tuple[int, int]] = {"390": (390, 844), "1400": (1400, 900)}
XSS_TITLE = '恶意标题<script>window.__pwned = true; alert("xss")</script><img src=x onerror="window.__pwned=true">'
HOSTILE_ID = "fd" * 8


def start_chromium(profile: Path, prefs: dict[str, Any], window: str = "1366,900") -> Any:
    """Headless Debian Chromium through ChromeDriver: a fresh profile, no background traffic."""
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.skip("Debian chromium and chromium-driver are not installed (scripts/setup.sh --test installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", f"--window-size={window}", "--lang=zh-CN", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return driver


@contextmanager
def serve_portal(settings: Any) -> Iterator[str]:
    """The portal on these settings, served from a thread on 127.0.0.1; yields its base URL."""
    from werkzeug.serving import make_server

    from portal.app import create_app

    server = make_server("127.0.0.1", 0, create_app({"SETTINGS": settings}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def set_viewport(driver: Any, width: int, height: int) -> None:
    """Lay pages out at this CSS width and height (a phone at 390 px, with touch and mobile metrics)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def save_full_page(driver: Any, name: str) -> Path:
    """A screenshot of the whole page (not only the viewport) as ARTIFACTS/<name>.png."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    path = ARTIFACTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def axe_source() -> str:
    """The axe-core script fetched by scripts/setup.sh --test (a skip when missing; a failure under CI=true)."""
    script = AXE_DIR / "axe.min.js"
    if not script.is_file():
        reason = "axe-core is not fetched (scripts/setup.sh --test puts it in .cache/axe-core)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return script.read_text(encoding="utf-8")


def run_axe(driver: Any, source: str, name: str) -> list[dict]:
    """axe-core's violations on the page now open (every rule, every impact); written to ARTIFACTS/<name>.json.

    The script is injected through ChromeDriver, which the page's CSP (scripts from 'self'
    only) does not govern; the page itself still runs under it.
    """
    driver.execute_script(source)
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations, version: axe.version}))"
        ".catch(e => done({error: String(e)}));")
    if "error" in result:
        raise AssertionError(f"axe-core failed on {driver.current_url}: {result['error']}")
    violations = [{"id": v["id"], "impact": v["impact"], "help": v["help"], "helpUrl": v["helpUrl"],
                   "nodes": [{"target": n["target"], "summary": n.get("failureSummary", "")} for n in v["nodes"]]}
                  for v in result["violations"]]
    report = {"url": driver.current_url, "axe": result["version"], "violations": violations}
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return violations
