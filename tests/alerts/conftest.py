"""A real SMTP server (aiosmtpd) on 127.0.0.1 and a small indexed portal for the alert tests."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from email.message import Message

import pytest

from indexer.settings import load_settings


class Inbox:
    """Every message the SMTP server accepted, parsed."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        """aiosmtpd hook: keep the message."""
        with self._lock:
            self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        """Forget the messages received so far."""
        with self._lock:
            self.messages.clear()


def free_port() -> int:
    """A TCP port nothing listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on 127.0.0.1 (aiosmtpd in a thread): (port, inbox)."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


@pytest.fixture
def inbox(smtp_server) -> Inbox:
    """The SMTP server's inbox, empty at the start of a test."""
    smtp_server[1].clear()
    return smtp_server[1]


def report_document(report_id: str, seed: int, agency: str, archived_at: str) -> dict:
    """An index document of a synthetic report by `agency`, first archived at `archived_at`."""
    from indexer.documents import build_index_document
    from indexer.synth import make_report

    truth = dict(make_report(seed, 1).truth, agency=agency, title=f"{agency}政府信息公开工作年度报告")
    return build_index_document(report_id, truth, {"url": f"https://example.gov.cn/{report_id}.html",
                                                   "archived_at": archived_at})


def index(settings, documents: list[dict]) -> None:
    """Add documents to the data folder's embedded index."""
    from indexer.backends import open_backend

    backend = open_backend(settings)
    backend.index_documents(documents)
    backend.close()


@pytest.fixture
def alert_settings(tmp_path, smtp_server):
    """Settings of a fresh data folder holding two old reports, mailing to the test SMTP server."""
    settings = load_settings(env={}, data_dir=str(tmp_path / "var"), smtp_port=smtp_server[0],
                             smtp_from="alerts@nianbao.test", alerts_public_url="http://nianbao.test/portal")
    from indexer.backends import open_backend

    open_backend(settings).rebuild([report_document("a1" * 8, 1, "甲市水务局", "2020-01-01T00:00:00+00:00"),
                                    report_document("a2" * 8, 2, "乙县教育局", "2020-01-01T00:00:00+00:00")])
    return settings


@pytest.fixture
def alert_client(alert_settings):
    """A test client of the portal over the alert settings."""
    from portal.app import create_app

    return create_app({"TESTING": True, "SETTINGS": alert_settings}).test_client()
