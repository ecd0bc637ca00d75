"""Alert pages: subscribe to any search by e-mail, confirm (double opt-in), unsubscribe.

Every page works without JavaScript: plain forms. Links from e-mails open a page with a
button (a POST does the change), so mail scanners that fetch links change nothing; mail
clients' one-click unsubscribe (RFC 8058) POSTs to the same URL.
"""

from __future__ import annotations

import time
from dataclasses import replace
from urllib.parse import parse_qsl

from flask import Blueprint, Response, g, render_template, request
from flask.typing import ResponseReturnValue

from indexer.alerts.mailer import MailError, build_message, send_message
from indexer.alerts.store import AlertStore, Subscription, open_alert_store
from indexer.search.errors import SearchError
from portal.alerts.describe import describe_search
from portal.alerts.links import mail_link, search_link
from portal.alerts.model import FREQUENCY_LABELS, AlertError, mask_email, request_subscription
from portal.alerts.tokens import TokenExpired, TokenInvalid, make_confirm_token, read_confirm_token
from portal.extensions import resources
from portal.search.params import default_sort, parse_search_args, query_string
from portal.search.runner import vocabulary

bp = Blueprint("alerts", __name__, url_prefix="/alerts")
MAX_TOKEN_CHARS = 200
MAIL_SEARCH_CHARS = 80
# parts of a search URL that choose how results are shown, not which reports match
VIEW_ONLY = frozenset({"page", "size", "sort"})


def _store() -> AlertStore:
    """This request's alert store, opened on first use."""
    if "nianbao_alerts" not in g:
        g.nianbao_alerts = open_alert_store(resources().settings)
    return g.nianbao_alerts


@bp.teardown_request
def _close_store(_exc: BaseException | None) -> None:
    """Close the request's alert store connection, if one was opened."""
    store = g.pop("nianbao_alerts", None)
    if store is not None:
        store.close()


@bp.after_request
def _private(response: Response) -> Response:
    """Token pages stay out of shared caches and browser history stores."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(AlertError)
def _refused(error: AlertError) -> ResponseReturnValue:
    """A refused request as a Chinese page with its status."""
    return render_template("alerts/notice.html", title=error.title, message=error.message, code=error.code), error.status


def _saved_query(args: list[tuple[str, str]]) -> tuple[str, str]:
    """(query string, description) of the search a form names: page, size and order dropped.

    They are dropped before parsing: a page past the result window or an old order name
    says nothing about which reports a digest should bring.
    """
    req = parse_search_args([(k, v) for k, v in args if k not in VIEW_ONLY], vocabulary(), facets_wanted=False)
    req = replace(req, page=1, page_size=vocabulary().page_size, sort=default_sort(req.query))
    return query_string(req, vocabulary().page_size), describe_search(req)


@bp.get("/new")
def new() -> ResponseReturnValue:
    """The subscription form for the search in this URL's query string."""
    query, described = _saved_query(list(request.args.items(multi=True)))
    return render_template("alerts/new.html", query=query, described=described, frequencies=FREQUENCY_LABELS,
                           search_url=search_link(query), feed_url=search_link(query, "exports.feed"))


@bp.post("/subscribe")
def subscribe() -> ResponseReturnValue:
    """Record a pending subscription and mail its confirmation link; nothing else is sent before."""
    settings = resources().settings
    query, described = _saved_query(_parse_qs(request.form.get("query", "")))
    ip = request.remote_addr or "unknown"
    subscription = request_subscription(_store(), settings, request.form.to_dict(), query, ip, time.time())
    link = mail_link("alerts.confirm", token=make_confirm_token(settings, subscription.id))
    # the words of a search are anyone's to type: kept short, a confirmation mail is no spam carrier
    shown = described if len(described) <= MAIL_SEARCH_CHARS else described[:MAIL_SEARCH_CHARS] + "…"
    body = (f"您（或有人用您的地址）在年报检索网站申请订阅检索（{shown}），"
            f"{FREQUENCY_LABELS[subscription.frequency]}最多一封新收录年报摘要。\n\n"
            f"确认订阅请打开下面的链接（{settings.alerts_confirm_hours:g} 小时内有效）：\n{link}\n\n"
            "如果不是您本人申请，请忽略这封邮件：不确认就不会再收到任何邮件。")
    try:
        send_message(settings, build_message(settings, subscription.email, "请确认您的年报检索订阅", body))
    except MailError as error:
        raise AlertError(503, "mail_unavailable", "邮件暂时无法发送", "确认邮件未能发出，请稍后再试。") from error
    return render_template("alerts/notice.html", title="请查收确认邮件", code="confirmation_sent",
                           message=f"确认邮件已发往 {mask_email(subscription.email)}。点击邮件中的链接后订阅才会生效；"
                                   "在此之前不会发送任何摘要。")


def _parse_qs(query: str) -> list[tuple[str, str]]:
    """The pairs of a query string posted back by the form."""
    return parse_qsl(query[:4000], keep_blank_values=True)


def _pending(token: str) -> Subscription:
    """The subscription a confirmation token names, or a clear refusal page."""
    settings = resources().settings
    try:
        if len(token) > MAX_TOKEN_CHARS:
            raise TokenInvalid()
        found = _store().get(read_confirm_token(settings, token))
    except TokenExpired:
        raise AlertError(410, "token_expired", "确认链接已过期",
                         f"确认链接在 {settings.alerts_confirm_hours:g} 小时后失效。请回到检索页面重新订阅。") from None
    except TokenInvalid:
        raise AlertError(400, "token_invalid", "确认链接无效", "链接不完整或已被改动。请从邮件中完整复制链接，或重新订阅。") from None
    if found is None or found.status == "unsubscribed":
        raise AlertError(404, "subscription_gone", "订阅不存在", "这条订阅已退订或已被删除。请回到检索页面重新订阅。")
    return found


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str) -> ResponseReturnValue:
    """GET shows what will be confirmed; POST (the button) activates the subscription."""
    subscription = _pending(token)
    described = _describe_saved(subscription)
    if request.method == "GET" and subscription.status == "pending":
        return render_template("alerts/confirm.html", described=described, masked=mask_email(subscription.email),
                               frequency=FREQUENCY_LABELS[subscription.frequency])
    if subscription.status == "pending":
        subscription = _store().confirm(subscription.id, time.time()) or subscription
    return render_template("alerts/notice.html", title="订阅已生效", code="confirmed",
                           message=f"检索（{described}）有新收录的年报时，"
                                   f"{FREQUENCY_LABELS[subscription.frequency]}最多发送一封摘要邮件。每封邮件都附有退订链接。",
                           unsubscribe_url=mail_link("alerts.unsubscribe", token=subscription.unsubscribe_token))


def _describe_saved(subscription: Subscription) -> str:
    """The words of a stored search (its raw query string if it no longer parses)."""
    try:
        return _saved_query(_parse_qs(subscription.query))[1]
    except SearchError:  # a stale search (a facet since renamed) still gets its page
        return subscription.query or "全部年报"


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str) -> ResponseReturnValue:
    """GET shows a one-button page; POST (the button, or a mail client's one-click) unsubscribes."""
    found = _store().by_token(token) if len(token) <= MAX_TOKEN_CHARS else None
    if found is None:
        raise AlertError(404, "token_unknown", "退订链接无效", "链接不完整或已被改动，没有找到对应的订阅。请从邮件中完整复制链接。")
    if request.method == "GET" and found.status != "unsubscribed":
        return render_template("alerts/unsubscribe.html", described=_describe_saved(found), masked=mask_email(found.email))
    if found.status != "unsubscribed":
        _store().unsubscribe(token, time.time())
    return render_template("alerts/notice.html", title="已退订", code="unsubscribed",
                           message=f"不会再发送检索（{_describe_saved(found)}）的摘要邮件。")
