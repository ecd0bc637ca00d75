"""The alert store: subscriptions' states, when digests are due, and the request log."""

from __future__ import annotations

from indexer.alerts import open_alert_store

DAY = 86400.0


def test_confirming_the_same_search_again_replaces_the_earlier_subscription(settings):
    store = open_alert_store(settings)
    first = store.add_pending("A@Example.org", "q=复议", "daily", 0.0)
    store.confirm(first.id, 1.0)
    second = store.add_pending("a@example.org", "q=复议", "weekly", 2.0)
    other = store.add_pending("a@example.org", "q=诉讼", "daily", 2.0)
    store.confirm(second.id, 3.0)
    store.confirm(other.id, 3.0)
    assert [store.get(s.id).status for s in (first, second, other)] == ["unsubscribed", "active", "active"]
    assert store.active_count("A@EXAMPLE.ORG") == 2
    store.close()


def test_a_digest_is_due_a_period_after_confirmation_or_the_last_digest_never_while_pending(settings):
    store = open_alert_store(settings)
    daily, weekly = store.add_pending("a@example.org", "", "daily", 0.0), store.add_pending("b@example.org", "", "weekly", 0.0)
    assert store.due(10 * DAY) == []  # pending: nothing is ever sent
    store.confirm(daily.id, 0.0)
    store.confirm(weekly.id, 0.0)
    assert [s.id for s in store.due(DAY)] == [daily.id]
    assert [s.id for s in store.due(7 * DAY)] == [daily.id, weekly.id]
    store.mark_digest(daily.id, 7 * DAY, 7 * DAY)
    assert [s.id for s in store.due(7.5 * DAY)] == [weekly.id]
    store.unsubscribe(weekly.unsubscribe_token, 7.5 * DAY)
    assert store.due(30 * DAY) == [store.get(daily.id)]
    store.close()


def test_the_request_log_counts_by_address_and_ip_and_forgets_after_a_day(settings):
    store = open_alert_store(settings)
    store.record_request("a@example.org", "10.0.0.1", 0.0)
    store.record_request("A@example.org", "10.0.0.2", 100.0)
    assert store.requests_from_address("a@EXAMPLE.org", 0.0) == 2
    assert store.requests_from_ip("10.0.0.1", 0.0) == 1
    store.record_request("b@example.org", "10.0.0.1", 2 * DAY)
    assert store.requests_from_address("a@example.org", 0.0) == 0
    store.close()

