"""Digests of new matches: reports archived since a subscription's last digest that match it.

Run by `nianbao alerts send` inside an app context (links through portal.alerts.links).
One failing subscription (stale search, refused mail) is counted and skipped; it is
tried again on the next run because its cutoff did not move.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable
from urllib.parse import parse_qsl

from indexer.alerts.mailer import MailError, build_message, send_message
from indexer.alerts.store import AlertStore, Subscription
from indexer.documents import epoch_seconds
from indexer.search.errors import SearchError
from indexer.search.model import Hit, SearchRequest
from portal import services
from portal.alerts.describe import describe_search
from portal.alerts.links import mail_link, search_link
from portal.extensions import resources
from portal.labels import display_title
from portal.search.params import MAX_PAGE_SIZE, parse_search_args
from portal.search.runner import vocabulary

log = logging.getLogger(__name__)


@dataclass
class DigestRun:
    """What one run did: digests sent, subscriptions with nothing new, failures with reasons."""

    sent: int = 0
    nothing_new: int = 0
    failed: list[str] = field(default_factory=list)


def saved_request(subscription: Subscription) -> SearchRequest:
    """A subscription's search, newest archived first (InvalidRequest if it no longer parses)."""
    req = parse_search_args(parse_qsl(subscription.query, keep_blank_values=True), vocabulary(), facets_wanted=False)
    return replace(req, sort="added_desc", page=1, page_size=MAX_PAGE_SIZE, highlight=False, strict=True)


def new_matches(backend: Any, req: SearchRequest, after: float, until: float, limit: int) -> tuple[list[Hit], bool]:
    """Matches archived in (after, until], newest first, at most `limit`; and whether more were left out."""
    found: list[Hit] = []
    window = resources().settings.result_window
    while req.page * req.page_size <= window:
        result = services.search(backend, req)
        for hit in result.hits:
            added = epoch_seconds(hit.document.get("archived_at"))
            if added <= after:
                return found, False  # sorted newest first: the rest are older still
            if added <= until:
                if len(found) == limit:
                    return found, True
                found.append(hit)
        if req.page * req.page_size >= result.total:
            return found, False
        req = replace(req, page=req.page + 1)
    return found, True


def digest_text(subscription: Subscription, req: SearchRequest, hits: list[Hit], more: bool) -> tuple[str, str]:
    """Subject and plain-text body of one digest."""
    described = describe_search(req)
    subject = f"年报检索订阅：{len(hits)}{'+' if more else ''} 份新收录年报（{described}）"[:180]
    lines = [f"您订阅的检索（{described}）有新收录的年报：", ""]
    for hit in hits:
        doc = hit.document
        where = " · ".join(str(p) for p in (doc.get("agency"), doc.get("year")) if p)
        lines += [f"· {display_title(doc)}", *([f"  {where}"] if where else []),
                  f"  {mail_link('reports.show', report_id=hit.id)}"]
    if more:
        lines += ["", "还有更多新收录的年报，请在网站上查看。"]
    newest_first = "&".join(part for part in (subscription.query, "sort=added_desc") if part)
    lines += ["", f"在网站上查看这次检索（按最新收录排序）：{search_link(newest_first)}",
              f"订阅源（Atom）：{search_link(subscription.query, 'exports.feed')}", "",
              f"退订这条订阅（打开后点击一次“退订”）：{mail_link('alerts.unsubscribe', token=subscription.unsubscribe_token)}",
              "您收到这封邮件，是因为您在年报检索网站订阅了这次检索并点击了确认链接。"]
    return subject, "\n".join(lines)


def send_digest(subscription: Subscription, now: float, store: AlertStore,
                send: Callable[[Any], None]) -> bool:
    """Send one subscription's digest if it has new matches; True if a mail went out."""
    settings = resources().settings
    req = saved_request(subscription)
    after = subscription.cutoff if subscription.cutoff is not None else (subscription.confirmed_at or now)
    hits, more = new_matches(resources().backend(), req, after, now, settings.alerts_digest_max_reports)
    if hits:
        subject, body = digest_text(subscription, req, hits, more)
        unsubscribe = mail_link("alerts.unsubscribe", token=subscription.unsubscribe_token)
        send(build_message(settings, subscription.email, subject, body, unsubscribe))
    store.mark_digest(subscription.id, now, now)
    return bool(hits)


def send_due_digests(store: AlertStore, now: float | None = None, send: Callable[[Any], None] | None = None) -> DigestRun:
    """Send every due digest; a failure is logged and counted, and the run goes on."""
    now = time.time() if now is None else now
    send = send or (lambda message: send_message(resources().settings, message))
    run = DigestRun()
    for subscription in store.due(now):
        try:
            if send_digest(subscription, now, store, send):
                run.sent += 1
            else:
                run.nothing_new += 1
        except (SearchError, MailError) as error:
            log.warning("digest of subscription %s failed: %s", subscription.id, error)
            run.failed.append(f"subscription {subscription.id}: {error}")
    return run
