"""Signed, expiring confirmation tokens (itsdangerous, Flask's own signing library).

The token carries only the subscription id: the address never appears in a link.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from indexer.settings import Settings

SALT = "nianbao-alert-confirm"


class TokenInvalid(Exception):
    """A confirmation token that was altered, truncated or signed with another key."""


class TokenExpired(Exception):
    """A genuine confirmation token past its validity."""


def secret_key(settings: Settings) -> str:
    """The configured signing key, else one made once and kept (mode 600) in the data folder."""
    if settings.alerts_secret_key:
        return settings.alerts_secret_key
    path = Path(settings.data_dir) / "alerts-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    """The serializer signing confirmation tokens with this data folder's key."""
    return URLSafeTimedSerializer(secret_key(settings), salt=SALT)


def make_confirm_token(settings: Settings, subscription_id: int) -> str:
    """A URL-safe token confirming one subscription."""
    return str(_serializer(settings).dumps(subscription_id))


def read_confirm_token(settings: Settings, token: str) -> int:
    """The subscription id of a token, or TokenInvalid / TokenExpired."""
    try:
        value = _serializer(settings).loads(token, max_age=int(settings.alerts_confirm_hours * 3600))
    except SignatureExpired as error:
        raise TokenExpired() from error
    except BadSignature as error:
        raise TokenInvalid() from error
    if not isinstance(value, int):
        raise TokenInvalid()
    return value
