"""The production configuration: gunicorn.conf.py serves the portal built by the factory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, limit: float = 60.0) -> bytes:
    """The body of `url` once gunicorn answers it (polling the socket, bounded)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {limit} s")


def test_gunicorn_with_the_project_config_serves_search_pages(portal_settings):
    port = free_port()
    env = dict(os.environ, NIANBAO_DATA_DIR=portal_settings.data_dir, NIANBAO_PORTAL_BIND=f"127.0.0.1:{port}",
               NIANBAO_PORTAL_WORKERS="1", NIANBAO_PORTAL_THREADS="2")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen([str(gunicorn), "-c", str(REPO / "gunicorn.conf.py")], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        html = wait_for(f"http://127.0.0.1:{port}/?q=%E5%85%AC%E5%BC%80", server).decode()
        assert "共找到" in html and "<mark>" in html
        assert b'"openapi"' in wait_for(f"http://127.0.0.1:{port}/api/openapi.json", server)
        # the longest query the search box accepts (500 characters) fits the request line
        long_query = urllib.parse.quote("政府信息公开" * 83 + "年报")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?q={long_query}", timeout=30) as response:
            assert response.status == 200
            # each connection closes after its response, so waiting readers queue fairly (gunicorn.conf.py)
            assert response.headers["Connection"] == "close"
    finally:
        server.terminate()
        server.wait(timeout=30)
