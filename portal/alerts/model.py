"""The alert pages' model: address checks and masking, rate limits, and the typed errors pages show."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.alerts.store import FREQUENCIES, AlertStore, Subscription, normalize_email
from indexer.settings import Settings

FREQUENCY_LABELS = {"daily": "每天", "weekly": "每周"}
assert set(FREQUENCY_LABELS) == set(FREQUENCIES)
# RFC 5321 limits; the pattern is the WHATWG <input type=email> rule, what browsers accept
MAX_ADDRESS, MAX_LOCAL = 254, 64
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


@dataclass(frozen=True)
class AlertError(Exception):
    """A request the alert pages refuse, shown as a Chinese page with its status."""

    status: int
    code: str
    title: str
    message: str


def check_email(address: str) -> str:
    """A deliverable-looking address, normalized; else AlertError 400."""
    text = normalize_email(address or "")
    local = text.partition("@")[0]
    if not text or len(text) > MAX_ADDRESS or len(local) > MAX_LOCAL or not EMAIL.match(text):
        raise AlertError(400, "bad_address", "电子邮件地址有误", "请填写一个有效的电子邮件地址，例如 name@example.com。")
    return text


def check_frequency(value: str) -> str:
    """One of the offered digest frequencies; else AlertError 400."""
    if value not in FREQUENCIES:
        raise AlertError(400, "bad_frequency", "发送频率有误", "请选择“每天”或“每周”。")
    return value


def mask_email(address: str) -> str:
    """An address as pages may show it: z***@e***.com (first letters and the top-level domain)."""
    local, _, domain = address.partition("@")
    host, dot, tld = domain.rpartition(".")
    return f"{local[:1]}***@{host[:1]}***{dot}{tld}" if host else f"{local[:1]}***@***"


def check_limits(store: AlertStore, settings: Settings, email: str, ip: str, now: float) -> None:
    """Refuse (AlertError 429) a request past the per-IP, per-address or active-subscription limits."""
    if store.requests_from_ip(ip, now - 3600) >= settings.alerts_per_ip_per_hour:
        raise AlertError(429, "too_many_from_ip", "请求过于频繁",
                         f"同一网络地址每小时最多提交 {settings.alerts_per_ip_per_hour} 次订阅申请，请一小时后再试。")
    if store.requests_from_address(email, now - 86400) >= settings.alerts_per_address_per_day:
        raise AlertError(429, "too_many_for_address", "请求过于频繁",
                         f"同一电子邮件地址每天最多申请 {settings.alerts_per_address_per_day} 次订阅，请明天再试，"
                         "或先查收已发出的确认邮件。")
    if store.active_count(email) >= settings.alerts_max_per_address:
        raise AlertError(429, "too_many_subscriptions", "订阅数量已达上限",
                         f"一个电子邮件地址最多保留 {settings.alerts_max_per_address} 条订阅，请先退订不需要的订阅。")


def request_subscription(store: AlertStore, settings: Settings, form: dict[str, str], query: str,
                         ip: str, now: float) -> Subscription:
    """A pending subscription for a checked, rate-limited request (the request is logged first)."""
    email = check_email(form.get("email", ""))
    frequency = check_frequency(form.get("frequency", ""))
    check_limits(store, settings, email, ip, now)
    store.record_request(email, ip, now)
    return store.add_pending(email, query, frequency, now)
