"""A hung OpenSearch node (accepts connections, never answers) costs a reader at most 2 s: a 503."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from indexer.settings import load_settings
from analyzers.segment import tokenizer
from portal.app import create_app

ROUTES = ("/?q=%E5%85%AC%E5%BC%80", "/api/search", "/api/reports/0123456789abcdef", "/export.csv", "/feed.atom", "/stats")


@pytest.fixture
def hung_node():
    """A TCP server on 127.0.0.1 that accepts every connection and never sends a byte: its URL."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])  # held open, never read or answered
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(timeout=5)
    for connection in accepted:
        connection.close()
    server.close()


@pytest.mark.parametrize("route", ROUTES)
def test_a_hung_opensearch_node_gives_a_503_within_two_seconds(hung_node, tmp_path, route):
    # the CLI's own (longer) timeout stays as configured; the portal's reads use the short one
    settings = load_settings(env={}, data_dir=str(tmp_path / "var"), engine="opensearch", opensearch_url=hung_node,
                             opensearch_timeout_seconds=30.0)
    client = create_app({"TESTING": True, "SETTINGS": settings}).test_client()
    tokenizer()  # loaded before the first request in production too (gunicorn.conf.py)
    started = time.monotonic()
    response = client.get(route)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert elapsed < 2.0, f"{route} took {elapsed:.1f} s"
