"""Alert mail through a real SMTP server that demands STARTTLS or implicit TLS and a login (aiosmtpd, self-signed certificate)."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest
from alert_sample import free_port

from indexer.alerts.mailer import MailError, build_message, send_message
from indexer.settings import load_settings

# the implicit-TLS server below is told to offer AUTH on its (encrypted) port, and warns
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
USER, PASSWORD = b"nianbao", b"s3cret-pass"


class _Kept:
    """aiosmtpd handler keeping the subjects it received."""

    def __init__(self) -> None:
        self.subjects: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        """Keep the message's subject."""
        import email
        import email.policy

        self.subjects.append(email.message_from_bytes(envelope.content, policy=email.policy.default)["Subject"])
        return "250 OK"


def _login(server, session, envelope, mechanism, auth_data):
    """aiosmtpd authenticator: one user and password."""
    from aiosmtpd.smtp import AuthResult

    return AuthResult(success=(auth_data.login, auth_data.password) == (USER, PASSWORD))


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 made with openssl: (cert, key) paths."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return cert, key


@pytest.fixture(params=["starttls", "tls"])
def secure_server(request, certificate):
    """A server on 127.0.0.1 that demands STARTTLS (or speaks TLS from the start) and AUTH: (security, port, handler)."""
    from aiosmtpd.controller import Controller

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    handler, port = _Kept(), free_port()
    # aiosmtpd 1.4 counts only STARTTLS as TLS when it decides to offer AUTH, so on an
    # implicit-TLS port (already encrypted from the first byte) it is told not to wait for it
    tls = ({"tls_context": context, "require_starttls": True} if request.param == "starttls"
           else {"ssl_context": context, "auth_require_tls": False})
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=_login, auth_required=True, **tls)
    controller.start()
    yield request.param, port, handler
    controller.stop()


def _settings(tmp_path, certificate, security: str, port: int, **changes):
    """Settings mailing to the secure test server, trusting its certificate."""
    values = {"data_dir": str(tmp_path), "smtp_port": port, "smtp_security": security, "smtp_cafile": str(certificate[0]),
              "smtp_username": USER.decode(), "smtp_password": PASSWORD.decode(), "smtp_timeout_seconds": 2.0}
    return load_settings(env={}, **{**values, **changes})


def test_mail_goes_out_over_tls_with_a_login(tmp_path, certificate, secure_server):
    security, port, handler = secure_server
    settings = _settings(tmp_path, certificate, security, port)
    send_message(settings, build_message(settings, "a@example.org", "测试主题", "正文"))
    assert handler.subjects == ["测试主题"]


def test_a_wrong_password_or_an_untrusted_certificate_is_a_mail_error(tmp_path, certificate, secure_server):
    security, port, handler = secure_server
    wrong = _settings(tmp_path, certificate, security, port, smtp_password="wrong")
    with pytest.raises(MailError):
        send_message(wrong, build_message(wrong, "a@example.org", "x", "y"))
    untrusted = _settings(tmp_path, certificate, security, port, smtp_cafile="")
    with pytest.raises(MailError):
        send_message(untrusted, build_message(untrusted, "a@example.org", "x", "y"))
    assert handler.subjects == []


def test_a_server_demanding_starttls_refuses_plain_mail_and_an_unknown_security_is_refused(tmp_path, certificate, secure_server):
    security, port, _handler = secure_server
    plain = _settings(tmp_path, certificate, "none", port, smtp_username="")
    with pytest.raises(MailError):
        send_message(plain, build_message(plain, "a@example.org", "x", "y"))
    odd = _settings(tmp_path, certificate, "ssl3", port)
    with pytest.raises(MailError, match="smtp_security must be one of"):
        send_message(odd, build_message(odd, "a@example.org", "x", "y"))
