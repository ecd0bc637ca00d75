"""Saved searches by e-mail, end to end against a real SMTP server: subscribe, confirm, digest, unsubscribe."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from click.testing import CliRunner
from alert_sample import free_port, index, report_document

from portal.cli.main import cli

ADDRESS = "Reader.One@Example.org"
SEARCH = "q=年度报告&agency=甲市水务局"


def _body(message) -> str:
    """The decoded plain-text body of a received message."""
    return message.get_content()


def _path(url: str) -> str:
    """The path of an e-mailed link below the public URL's /portal prefix (what the test client serves)."""
    return urlsplit(url).path.removeprefix("/portal")


def _subscribe(client, inbox, address: str = ADDRESS, frequency: str = "daily") -> str:
    """Subscribe to SEARCH and return the confirmation link's path from the mail."""
    form = client.get(f"/alerts/new?{SEARCH}")
    query = re.search(r'name="query" value="([^"]*)"', form.get_data(as_text=True)).group(1).replace("&amp;", "&")
    answer = client.post("/alerts/subscribe", data={"email": address, "frequency": frequency, "query": query})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    link = re.search(r"http://nianbao\.test/portal/alerts/confirm/\S+", _body(inbox.messages[-1])).group(0)
    return _path(link)


def _run_digests(settings, smtp_port: int | None = None, exit_code: int = 0) -> str:
    """`nianbao alerts send` on the test data folder; its output."""
    env = {"NIANBAO_DATA_DIR": settings.data_dir, "NIANBAO_SMTP_PORT": str(smtp_port or settings.smtp_port),
           "NIANBAO_SMTP_FROM": settings.smtp_from, "NIANBAO_ALERTS_PUBLIC_URL": settings.alerts_public_url,
           "NIANBAO_SMTP_TIMEOUT_SECONDS": "2"}
    result = CliRunner().invoke(cli, ["alerts", "send"], env=env)
    assert result.exit_code == exit_code, result.output
    return result.output


def _pass_days(settings, days: float) -> None:
    """Move every subscription's confirmation and last digest back by some days, as if time had passed."""
    with sqlite3.connect(settings.alerts_file) as db:
        shift = days * 86400
        db.execute("UPDATE subscriptions SET confirmed_at = confirmed_at - ?, cutoff = cutoff - ?,"
                   " last_digest_at = last_digest_at - ?", (shift, shift, shift))


def _hours_ago(hours: float) -> str:
    """An ISO time some hours before now."""
    return (datetime.now(timezone.utc) - timedelta(hours=hours)).isoformat(timespec="seconds")


def test_the_subscription_form_names_the_search_and_works_without_javascript(alert_client):
    page = alert_client.get(f"/alerts/new?{SEARCH}").get_data(as_text=True)
    assert "检索词“年度报告”；发布机关：甲市水务局" in page
    assert '<form class="alert-form" action="/alerts/subscribe" method="post">' in page
    assert page.count("<script") == 1  # only the site-wide suggestions (static/suggest.js), not needed here


def test_how_a_search_url_shows_results_is_not_part_of_the_saved_search(alert_client):
    page = alert_client.get(f"/alerts/new?{SEARCH}&page=99999&size=100&sort=no-such-order").get_data(as_text=True)
    assert 'name="query" value="q=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A&amp;agency=%E7%94%B2%E5%B8%82%E6%B0%B4%E5%8A%A1%E5%B1%80"' in page


def test_a_confirmation_mail_is_sent_and_nothing_else_before_the_link_is_followed(alert_client, alert_settings, inbox):
    answer = alert_client.post("/alerts/subscribe", data={"email": ADDRESS, "frequency": "daily", "query": SEARCH})
    page = answer.get_data(as_text=True)
    assert "r***@e***.org" in page and ADDRESS.lower() not in page.lower()
    assert len(inbox.messages) == 1
    mail = inbox.messages[0]
    assert mail["To"] == ADDRESS.lower() and mail["Subject"] == "请确认您的年报检索订阅"
    assert "http://nianbao.test/portal/alerts/confirm/" in _body(mail)
    index(alert_settings, [report_document("b1" * 8, 3, "甲市水务局", _hours_ago(1))])
    _pass_days(alert_settings, 2)
    assert "0 digests sent" in _run_digests(alert_settings)
    assert len(inbox.messages) == 1


def test_confirm_digest_and_unsubscribe_work_end_to_end(alert_client, alert_settings, inbox):
    confirm_path = _subscribe(alert_client, inbox)
    shown = alert_client.get(confirm_path).get_data(as_text=True)
    assert "确认订阅" in shown and 'method="post"' in shown and ADDRESS.lower() not in shown.lower()
    assert alert_client.get(confirm_path).headers["Cache-Control"] == "no-store" and 'content="noindex"' in shown
    assert "订阅已生效" in alert_client.post(confirm_path).get_data(as_text=True)
    _pass_days(alert_settings, 2)
    index(alert_settings, [report_document("b1" * 8, 3, "甲市水务局", _hours_ago(1)),
                           report_document("b2" * 8, 4, "乙县教育局", _hours_ago(1))])
    assert "1 digests sent" in _run_digests(alert_settings)
    digest = inbox.messages[-1]
    body = _body(digest)
    assert "甲市水务局政府信息公开工作年度报告" in body and "/reports/" + "b1" * 8 in body
    assert "乙县教育局" not in body and "a1" * 8 not in body  # other agency, and an old report
    unsubscribe = re.fullmatch(r"<(.+)>", digest["List-Unsubscribe"]).group(1)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in body
    count = len(inbox.messages)
    assert "0 digests sent" in _run_digests(alert_settings)  # a daily digest was just sent
    one_click = alert_client.post(_path(unsubscribe), data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200 and "已退订" in one_click.get_data(as_text=True)
    _pass_days(alert_settings, 2)
    index(alert_settings, [report_document("b3" * 8, 5, "甲市水务局", _hours_ago(1))])
    _run_digests(alert_settings)
    assert len(inbox.messages) == count


def test_a_weekly_subscription_waits_a_week_between_digests(alert_client, alert_settings, inbox):
    confirm_path = _subscribe(alert_client, inbox, frequency="weekly")
    alert_client.post(confirm_path)
    _pass_days(alert_settings, 2)
    index(alert_settings, [report_document("b1" * 8, 3, "甲市水务局", _hours_ago(1))])
    assert "0 digests sent" in _run_digests(alert_settings)
    _pass_days(alert_settings, 6)
    assert "1 digests sent" in _run_digests(alert_settings)


def test_a_due_subscription_with_nothing_new_gets_no_mail(alert_client, alert_settings, inbox):
    alert_client.post(_subscribe(alert_client, inbox))
    _pass_days(alert_settings, 2)
    count = len(inbox.messages)
    assert "1 due with nothing new" in _run_digests(alert_settings)
    assert len(inbox.messages) == count


def test_a_digest_the_mail_server_refused_is_reported_and_sent_on_the_next_run(alert_client, alert_settings, inbox):
    alert_client.post(_subscribe(alert_client, inbox))
    _pass_days(alert_settings, 2)
    index(alert_settings, [report_document("b1" * 8, 3, "甲市水务局", _hours_ago(1))])
    count = len(inbox.messages)
    failed = _run_digests(alert_settings, smtp_port=free_port(), exit_code=1)
    assert "0 digests sent" in failed and "1 failed" in failed and "FAILED subscription 1" in failed
    assert "1 digests sent" in _run_digests(alert_settings)
    assert len(inbox.messages) == count + 1 and "b1" * 8 in inbox.messages[-1].get_content()


def test_a_saved_search_that_no_longer_parses_does_not_stop_the_others(alert_client, alert_settings, inbox):
    alert_client.post(_subscribe(alert_client, inbox))
    alert_client.post(_subscribe(alert_client, inbox, address="second@example.org"))
    with sqlite3.connect(alert_settings.alerts_file) as db:
        db.execute("UPDATE subscriptions SET query = 'year=not-a-year' WHERE email = 'second@example.org'")
    _pass_days(alert_settings, 2)
    index(alert_settings, [report_document("b1" * 8, 3, "甲市水务局", _hours_ago(1))])
    output = _run_digests(alert_settings, exit_code=1)
    assert "1 digests sent" in output and "1 failed" in output


def test_a_second_send_run_while_one_is_running_stops_at_once(alert_settings):
    import fcntl

    lock = alert_settings.alerts_file.parent / "locks" / "alerts-send.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert "another `nianbao alerts send` is running" in _run_digests(alert_settings, exit_code=1)
    assert "0 digests sent" in _run_digests(alert_settings)


def test_the_search_page_offers_an_e_mail_alert_for_the_same_search(alert_client):
    page = alert_client.get("/?q=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A").get_data(as_text=True)
    link = re.search(r'href="([^"]+)" class="tool" id="alert-mail"', page)
    assert link and link.group(1).startswith("/alerts/new?q=")
    form = alert_client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert "检索词“年度报告”" in form
