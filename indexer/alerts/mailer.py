"""Build and send alert e-mails over SMTP (the standard library's client, bounded by a timeout)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from indexer.settings import Settings


SECURITY = ("none", "starttls", "tls")


class MailError(Exception):
    """An e-mail could not be handed to the SMTP server (refused, unreachable or timed out)."""


def build_message(settings: Settings, to: str, subject: str, body: str, unsubscribe_url: str = "") -> EmailMessage:
    """A plain-text UTF-8 message; with an unsubscribe URL, the RFC 2369/8058 one-click headers."""
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.smtp_from.rpartition("@")[2] or "localhost")
    message["Auto-Submitted"] = "auto-generated"
    if unsubscribe_url:
        # mail clients show their own 退订 button from these and POST to the URL (RFC 8058)
        message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(body)
    return message


def _connect(settings: Settings) -> smtplib.SMTP:
    """An SMTP session with the configured transport security and login."""
    if settings.smtp_security not in SECURITY:
        raise MailError(f"smtp_security must be one of {', '.join(SECURITY)}, not {settings.smtp_security!r}")
    context = ssl.create_default_context(cafile=settings.smtp_cafile or None)
    if settings.smtp_security == "tls":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port,
                                              timeout=settings.smtp_timeout_seconds, context=context)
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds)
    try:
        if settings.smtp_security == "starttls":
            smtp.starttls(context=context)
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password)
    except BaseException:
        smtp.close()
        raise
    return smtp


def send_message(settings: Settings, message: EmailMessage) -> None:
    """Hand one message to the configured SMTP server, or raise MailError."""
    try:
        with _connect(settings) as smtp:
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:  # ssl.SSLError is an OSError
        raise MailError(f"SMTP {settings.smtp_host}:{settings.smtp_port}: {error}") from error
