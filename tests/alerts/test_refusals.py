"""Alert requests the portal refuses: rate limits, bad or expired tokens, bad input, mail down — clear Chinese pages, never a 500."""

from __future__ import annotations

import re
import time

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from portal.alerts.model import mask_email
from portal.alerts.tokens import SALT, secret_key
from portal.app import create_app

SEARCH = "q=年度报告"


def _client(settings, **changes):
    """A test client of the portal with some settings changed."""
    return create_app({"TESTING": True, "SETTINGS": settings.replace(**changes)}).test_client()


def _ask(client, address: str, ip: str = "10.0.0.1"):
    """One subscription request from a client IP."""
    return client.post("/alerts/subscribe", data={"email": address, "frequency": "daily", "query": SEARCH},
                       environ_overrides={"REMOTE_ADDR": ip})


def test_one_client_ip_may_ask_only_so_often_per_hour(alert_settings, inbox):
    client = _client(alert_settings, alerts_per_ip_per_hour=2)
    assert [_ask(client, f"r{n}@example.org").status_code for n in range(3)] == [200, 200, 429]
    refused = _ask(client, "r9@example.org").get_data(as_text=True)
    assert "请求过于频繁" in refused and "每小时最多" in refused
    assert _ask(client, "r9@example.org", ip="10.0.0.2").status_code == 200
    assert len(inbox.messages) == 3


def test_one_address_may_ask_only_so_often_per_day_from_any_ip(alert_settings, inbox):
    client = _client(alert_settings, alerts_per_address_per_day=2)
    answers = [_ask(client, "Same@Example.org", ip=f"10.0.1.{n}").status_code for n in range(3)]
    assert answers == [200, 200, 429]
    assert len(inbox.messages) == 2


def test_an_address_cannot_hold_more_than_the_allowed_active_subscriptions(alert_settings, inbox):
    client = _client(alert_settings, alerts_max_per_address=1)
    assert _ask(client, "one@example.org").status_code == 200
    link = re.search(r"/alerts/confirm/\S+", inbox.messages[-1].get_content()).group(0)
    client.post(link)
    refused = _ask(client, "one@example.org")
    assert refused.status_code == 429 and "订阅数量已达上限" in refused.get_data(as_text=True)


@pytest.mark.parametrize("address", ["", "not-an-address", "a@b", "two@@example.org", "x" * 65 + "@example.org",
                                     "<script>@example.org"])
def test_a_malformed_address_is_refused_with_a_chinese_page(alert_client, inbox, address):
    answer = _ask(alert_client, address)
    assert answer.status_code == 400 and "电子邮件地址有误" in answer.get_data(as_text=True)
    assert inbox.messages == []


def test_an_unknown_frequency_or_a_bad_search_is_a_400_page(alert_client, inbox):
    bad_frequency = alert_client.post("/alerts/subscribe", data={"email": "a@example.org", "frequency": "hourly", "query": SEARCH})
    assert bad_frequency.status_code == 400 and "发送频率有误" in bad_frequency.get_data(as_text=True)
    bad_search = alert_client.post("/alerts/subscribe", data={"email": "a@example.org", "frequency": "daily",
                                                              "query": "year=abc"})
    assert bad_search.status_code == 400 and "筛选条件“年度”（参数 year）应为整数" in bad_search.get_data(as_text=True)
    assert alert_client.get("/alerts/new?year=abc").status_code == 400
    assert inbox.messages == []


@pytest.mark.parametrize("token", ["garbage", "MQ.aaaa.bbbb", "x" * 500])
def test_a_forged_or_truncated_confirmation_token_is_a_clear_page(alert_client, token):
    for answer in (alert_client.get(f"/alerts/confirm/{token}"), alert_client.post(f"/alerts/confirm/{token}")):
        assert answer.status_code == 400 and "确认链接无效" in answer.get_data(as_text=True)


class _LongAgo(TimestampSigner):
    """A signer dating its signatures three days back."""

    def get_timestamp(self) -> int:
        """Now minus three days."""
        return int(time.time()) - 3 * 86400


def test_an_expired_confirmation_token_is_a_410_page_and_confirms_nothing(alert_settings, alert_client, inbox):
    from indexer.alerts import open_alert_store

    assert _ask(alert_client, "late@example.org").status_code == 200
    token = URLSafeTimedSerializer(secret_key(alert_settings), salt=SALT, signer=_LongAgo).dumps(1)
    answer = alert_client.post(f"/alerts/confirm/{token}")
    assert answer.status_code == 410 and "确认链接已过期" in answer.get_data(as_text=True)
    store = open_alert_store(alert_settings)
    assert store.get(1).status == "pending"
    store.close()


def test_an_unknown_unsubscribe_token_is_a_404_page(alert_client):
    for answer in (alert_client.get("/alerts/unsubscribe/nothing-like-this"), alert_client.post("/alerts/unsubscribe/x")):
        assert answer.status_code == 404 and "退订链接无效" in answer.get_data(as_text=True)


def test_a_mail_server_that_is_down_gives_a_503_page(alert_settings):
    from alert_sample import free_port

    client = _client(alert_settings, smtp_port=free_port(), smtp_timeout_seconds=2.0)
    answer = _ask(client, "a@example.org")
    assert answer.status_code == 503 and "邮件暂时无法发送" in answer.get_data(as_text=True)


def test_masked_addresses_keep_only_first_letters_and_the_top_level_domain():
    assert mask_email("reader.one@mail.example.org") == "r***@m***.org"
    assert mask_email("x@localhost") == "x***@***"


def test_a_confirmation_mail_quotes_only_the_start_of_a_long_search(alert_client, inbox):
    query = "q=" + "广告" * 200
    alert_client.post("/alerts/subscribe", data={"email": "a@example.org", "frequency": "daily", "query": query})
    body = inbox.messages[-1].get_content()
    assert "广告" * 30 in body and "广告" * 50 not in body
