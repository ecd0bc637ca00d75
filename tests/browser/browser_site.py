"""Constants shared by the browser fixtures and tests."""

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
XSS_TITLE = '恶意标题<script>window.__pwned = true; alert("xss")</script><img src=x onerror="window.__pwned=true">'
HOSTILE_ID = "fd" * 8
