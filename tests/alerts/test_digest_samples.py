"""A digest of a search naming no origin lists new real reports only, once the archive holds real ones."""

from __future__ import annotations

from alert_sample import index, report_document
from test_subscription_flow import _body, _hours_ago, _pass_days, _run_digests, _subscribe


def real_document(report_id: str, seed: int, agency: str, archived_at: str) -> dict:
    """An index document like report_document's, of a real (not synthetic) report."""
    return dict(report_document(report_id, seed, agency, archived_at), origin="archive", synthetic=False)


def test_a_new_sample_stays_out_of_the_digest_of_a_real_archive(alert_client, alert_settings, inbox):
    index(alert_settings, [real_document("c0" * 8, 6, "甲市水务局", "2020-01-01T00:00:00+00:00")])
    alert_client.post(_subscribe(alert_client, inbox))
    _pass_days(alert_settings, 2)
    index(alert_settings, [report_document("b1" * 8, 3, "甲市水务局", _hours_ago(1)),
                           real_document("c1" * 8, 7, "甲市水务局", _hours_ago(1))])
    assert "1 digests sent" in _run_digests(alert_settings)
    body = _body(inbox.messages[-1])
    assert "/reports/" + "c1" * 8 in body and "b1" * 8 not in body and "c0" * 8 not in body
