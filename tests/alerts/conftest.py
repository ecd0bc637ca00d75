"""A real SMTP server (aiosmtpd) on 127.0.0.1 and a small indexed portal for the alert tests."""

from __future__ import annotations

import email
import email.policy
import threading
from email.message import Message

import pytest

from alert_sample import free_port, report_document

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
