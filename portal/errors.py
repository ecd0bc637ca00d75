"""Map typed errors to status codes and friendly Chinese pages (or JSON under /api/).

No stack trace ever reaches a reader: unexpected exceptions are logged here and answered
with a plain 500 page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Flask, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from indexer.search.errors import (
    DocumentNotFound,
    EngineUnavailable,
    InvalidRequest,
    QuerySyntaxError,
    ResultWindowExceeded,
)
from portal.extensions import resources


class ExportsBusy(Exception):
    """Every export slot of this worker is streaming: the reader should retry shortly."""


@dataclass(frozen=True)
class ErrorPage:
    """What an error page shows: status, short code, Chinese title and message."""

    status: int
    code: str
    title: str
    message: str
    max_page: int | None = None


HTTP_TITLES = {
    400: "请求有误",
    404: "页面不存在",
    405: "不支持的请求方式",
    413: "请求过大",
    500: "服务器内部错误",
    503: "检索服务暂不可用",
}


def _page_for(exc: Exception) -> ErrorPage:
    """The error page describing one exception."""
    if isinstance(exc, QuerySyntaxError):
        return ErrorPage(400, "query_syntax", "检索式有误", f"无法理解这个检索式：{exc.message}")
    if isinstance(exc, ResultWindowExceeded):
        return ErrorPage(400, "result_window", "页码超出范围", f"{exc}。请增加筛选条件缩小结果，或导出全部结果。", exc.max_page)
    if isinstance(exc, InvalidRequest):
        return ErrorPage(400, "invalid_request", "请求参数有误", str(exc))
    if isinstance(exc, DocumentNotFound):
        return ErrorPage(404, "not_found", "没有找到这份年报", "该年报编号不存在，或已从索引中移除。")
    if isinstance(exc, ExportsBusy):
        return ErrorPage(503, "exports_busy", "导出繁忙", "正在生成的导出文件较多，请半分钟后再试。检索不受影响。")
    if isinstance(exc, EngineUnavailable):
        return ErrorPage(503, "engine_unavailable", "检索服务暂不可用", "检索引擎暂时无法访问或尚未建立索引，请稍后再试。")
    if isinstance(exc, HTTPException):
        status = exc.code or 500
        return ErrorPage(status, f"http_{status}", HTTP_TITLES.get(status, "请求有误"), _http_message(exc, status))
    return ErrorPage(500, "internal", "服务器内部错误", "处理请求时出现意外错误，已记录在案。请稍后再试。")


def _http_message(exc: HTTPException, status: int) -> str:
    """A reader's explanation of a plain HTTP error: the view's own words when it gave some
    (abort(404, description="报告 … 不属于该单位")), never werkzeug's English default."""
    if exc.description and exc.description != type(exc).description:
        return exc.description
    return {
        404: "您访问的页面不存在。请检查网址，或从首页重新检索。",
        405: "该地址不支持这种请求方式。",
        413: "请求内容过大。",
    }.get(status, "请求无法完成。")


def _wants_json() -> bool:
    """API routes, exports and feeds answer errors as JSON rather than an HTML page."""
    return request.path.startswith("/api/")


def handle_error(exc: Exception) -> ResponseReturnValue:
    """Render any exception as a friendly page or JSON object with the right status."""
    page = _page_for(exc)
    if page.status >= 500 and not isinstance(exc, (HTTPException, EngineUnavailable, ExportsBusy)):
        current_app.logger.exception("unhandled error on %s", request.path)
    if isinstance(exc, EngineUnavailable):
        current_app.logger.warning("search engine unavailable: %s", exc)
        resources().forget_backend()
    headers = {"Retry-After": "30"} if page.status == 503 else {}
    if _wants_json():
        body = {"error": {"status": page.status, "code": page.code, "title": page.title, "message": page.message}}
        if page.max_page is not None:
            body["error"]["max_page"] = page.max_page
        return body, page.status, headers
    query = request.args.get("q", "")
    return render_template("error.html", error=page, query=query, retry_url=_last_page_url(page),
                           export_url=_export_url(page)), page.status, headers


def _last_page_url(page: ErrorPage) -> str | None:
    """The same URL on the deepest reachable page, for a page past the window."""
    if page.max_page is None:
        return None
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "page"] + [("page", str(page.max_page))]
    return f"{request.path}?{urlencode(args)}"


def _export_url(page: ErrorPage) -> str | None:
    """The CSV export of the same search (every match, past any page window)."""
    if page.max_page is None:
        return None
    args = [(k, v) for k, v in request.args.items(multi=True) if k not in ("page", "size")]
    return f"{url_for('exports.export_csv')}?{urlencode(args)}" if args else url_for("exports.export_csv")


def init_app(app: Flask) -> None:
    """Route every exception through `handle_error`."""
    app.register_error_handler(Exception, handle_error)
