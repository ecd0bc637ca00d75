"""deploy/nginx.conf in front of gunicorn: half-sent requests (slowloris) no longer stall readers.

Starts Debian's nginx with the shipped configuration (only its listen port and upstream
address rewritten) in front of gunicorn with the project's gunicorn.conf.py, both on
127.0.0.1. Without the proxy, four half-sent requests hold both threads of a one-worker
gunicorn and the next reader waits until they give up.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from test_gunicorn import REPO, free_port, wait_for

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
HALF_SENT = (
    b"GET /?q=%E5%85%AC%E5%BC%80 HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow",  # headers never end
    b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4000\r\n\r\nq=",  # body never ends
)


def proxy_config(tmp_path: Path, listen: int, upstream: int) -> Path:
    """deploy/nginx.conf with its listen port and upstream address moved to 127.0.0.1."""
    text = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    for shipped, local in (("server portal:8000;", f"server 127.0.0.1:{upstream};"),
                           ("listen 8000;", f"listen 127.0.0.1:{listen};")):
        assert text.count(shipped) == 1, shipped
        text = text.replace(shipped, local)
    path = tmp_path / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def proxied_portal(portal_settings, tmp_path):
    """gunicorn (one worker, two threads) behind nginx: the proxy's base URL."""
    if NGINX is None:
        pytest.skip("Debian nginx is not installed (scripts/setup.sh --test installs it)")
    backend_port, proxy_port = free_port(), free_port()
    env = dict(os.environ, NIANBAO_DATA_DIR=portal_settings.data_dir, NIANBAO_PORTAL_BIND=f"127.0.0.1:{backend_port}",
               NIANBAO_PORTAL_WORKERS="1", NIANBAO_PORTAL_THREADS="2")
    gunicorn = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "-c", str(REPO / "gunicorn.conf.py")],
                                cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    config = proxy_config(tmp_path, proxy_port, backend_port)
    nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(config), "-g", f"daemon off; pid {tmp_path}/nginx.pid;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{proxy_port}"
        wait_for(f"{base}/help", nginx)
        yield base
    finally:
        for server in (nginx, gunicorn):
            server.terminate()
            server.wait(timeout=30)


def test_half_sent_requests_wait_in_nginx_while_a_reader_is_served(proxied_portal):
    port = int(proxied_portal.rsplit(":", 1)[1])
    stalled = []
    try:
        for index in range(8):
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(HALF_SENT[index % 2])
            stalled.append(connection)
        with urllib.request.urlopen(f"{proxied_portal}/?q=%E5%85%AC%E5%BC%80", timeout=5) as response:
            assert response.status == 200
            assert "共找到" in response.read().decode()
    finally:
        for connection in stalled:
            connection.close()


def test_the_proxy_refuses_a_request_line_longer_than_gunicorn_takes(proxied_portal):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{proxied_portal}/?q={'a' * 9000}", timeout=5)
    assert refused.value.code == 414
