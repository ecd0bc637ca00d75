"""A local government site on 127.0.0.1, shaped like a real 政府信息公开年报 column, for crawl tests.

Its listing pages follow the markup of the real Pingtan listing (see ../shared/sites beside the clone):
`<dl><dd><a href="./YYYYMM/tYYYYMMDD_N.htm" title="...年度报告">`, a TRS list-model script with
recordCount/prepage/maxStaticIndex, and a createPageHTML pager plus a 下一页 link on page 2.
"""

from __future__ import annotations

import functools
import hashlib
import io
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

SEEDS_DIR = Path(__file__).resolve().parents[2] / "data" / "seeds"
COLUMN = "/zwgk/zfxxgk/zfxxgknb/"


def seed_text(number: int) -> str:
    """The text of seed report `number` (0-4)."""
    return sorted(SEEDS_DIR.glob("*.txt"))[number].read_text(encoding="utf-8")


def report_html(title: str, body: str, charset: str = "utf-8", attachment: str | None = None) -> bytes:
    """A report detail page as government CMSs render it, encoded in `charset`."""
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    link = f'<p>附件：<a href="{attachment}">{title}.pdf</a></p>' if attachment else ""
    page = (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{title}</title></head><body><div class=\"article\"><h1>{title}</h1>"
            f"<div class=\"TRS_Editor\">{paragraphs}</div>{link}</div></body></html>")
    return page.encode(charset, errors="xmlcharrefreplace")


@functools.lru_cache(maxsize=None)
def docx_bytes(title: str, body: str) -> bytes:
    """A Word document holding the title and the body's lines."""
    document = Document()
    document.add_heading(title, level=1)
    for line in body.splitlines():
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@functools.lru_cache(maxsize=None)
def pdf_bytes(title: str, body: str) -> bytes:
    """A PDF with a text layer (CID font for Chinese) holding the title and the first lines."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setFont("STSong-Light", 10)
    y = 800
    for line in [title] + [line for line in body.splitlines() if line.strip()][:40]:
        pdf.drawString(40, y, line[:45])
        y -= 14
    pdf.save()
    return buffer.getvalue()


def listing_html(entries: list[tuple[str, str]], extra: str = "", charset: str = "utf-8") -> bytes:
    """A listing page: one <dl> per (href, title), the TRS list-model script, and extra markup."""
    rows = "".join(
        f'<dl><dd class="trt-col-sm-24"><a href="{href}" target="_blank" title="{title}">{title}</a></dd>'
        f'<dd class="trt-col-4">2024-03-08</dd></dl>' for href, title in entries
    )
    script = ('<script>require(["list2.trsapi"], function(listModel) { listModel({ quickMode: "动静结合",'
              " maxStaticIndex: 1, pagebar: { prepage: 10, recordCount: '20', pgTemp: \"pgBar_xxgk.html\" } }); });"
              "</script>")
    page = (f'<html><head><meta charset="{charset}"><title>政府信息公开年报</title></head><body>'
            f'<div class="tabs_header"><a href="javascript:;">政府信息公开年报</a></div>'
            f'<a href="https://www.gov.cn/">国务院</a><a href="/zwgk/zfxxgk/zfxxgkzn/">政府信息公开指南</a>'
            f'<div class="rules_tabs_01">{rows}</div>{extra}{script}</body></html>')
    return page.encode(charset, errors="xmlcharrefreplace")


@dataclass
class Response:
    """A canned answer: status, body, headers; `etag` or `last_modified` enable conditional GET."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html"
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True
    last_modified: str | None = None


class LocalGovSite:
    """A threaded HTTP server whose routes a test can change between crawls."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host  # any 127.x.y.z address: each is a host of its own to the crawler
        self.routes: dict[str, Response] = {}
        self.flaky: dict[str, int] = {}        # path -> 503 answers still to give
        self.slow: set[str] = set()            # paths that answer after the client gave up
        self.trickle: dict[str, float] = {}    # path -> seconds between bytes of its answer
        self.trickle_body_only: set[str] = set()  # trickled paths whose status and headers go at once
        self.trickled: dict[str, int] = {}     # path -> bytes a trickled answer got out
        self.gates: dict[str, threading.Event] = {}
        self.gate_reached = threading.Event()
        self.release = threading.Event()
        self.log: list[tuple[str, float, int]] = []
        self.pause = 0.0                       # seconds every answer takes
        self.spans: list[tuple[float, float]] = []  # (arrived, answered) of every request
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer((host, 0), self._handler())
        self.server.daemon_threads = True
        # A short poll interval makes shutdown() quick at the end of every test.
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)

    @property
    def base(self) -> str:
        """The site's origin, e.g. http://127.0.0.1:PORT."""
        return f"http://{self.host}:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        """Absolute URL of a path on this site."""
        return self.base + path

    def start(self) -> "LocalGovSite":
        """Start serving in a background thread."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Release waiting handlers and stop the server."""
        self.release.set()
        for gate in self.gates.values():
            gate.set()
        self.server.shutdown()
        self.server.server_close()

    def kill_at_gate(self, command: list[str], env: dict[str, str], path: str) -> None:
        """Run a `nianbao` subprocess and SIGKILL it the moment it requests `path`, then open the gate."""
        self.gates[path] = threading.Event()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert self.gate_reached.wait(60), f"{path} was never requested"
        finally:
            process.kill()
            process.wait()
        self.gates[path].set()

    def arrival_times(self) -> list[float]:
        """Monotonic arrival time of every request, in arrival order."""
        with self._lock:
            return sorted(arrived for _, arrived, _ in self.log)

    def requests_to(self, path: str) -> list[int]:
        """Statuses answered to every request of a path, in order."""
        with self._lock:
            return [status for logged, _, status in self.log if logged == path]

    def answer(self, path: str, headers) -> Response:
        """The response for a path, honouring flaky, gone and conditional-GET rules."""
        if path in self.gates:
            self.gate_reached.set()
            self.gates[path].wait(10)
        if path in self.slow:
            self.release.wait(10)
        with self._lock:
            if self.flaky.get(path, 0) > 0:
                self.flaky[path] -= 1
                return Response(503, b"busy")
        response = self.routes.get(path, Response(404, b"not found"))
        if response.status == 200 and response.last_modified:
            if headers.get("If-Modified-Since") == response.last_modified:
                return Response(304, b"", headers={"Last-Modified": response.last_modified})
            return Response(200, response.body, response.content_type,
                            {**response.headers, "Last-Modified": response.last_modified})
        if response.status == 200 and response.etag:
            tag = '"' + hashlib.sha256(response.body).hexdigest()[:16] + '"'
            if headers.get("If-None-Match") == tag:
                return Response(304, b"", headers={"ETag": tag})
            return Response(200, response.body, response.content_type, {**response.headers, "ETag": tag})
        return response

    def _handler(self):
        """A request handler class bound to this site."""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                arrived = time.monotonic()
                time.sleep(site.pause)
                response = site.answer(self.path, self.headers)
                with site._lock:
                    site.log.append((self.path, arrived, response.status))
                if self.path in site.trickle:
                    self._trickle(response, site.trickle[self.path])
                    return
                try:
                    self.send_response(response.status)
                    self.send_header("Content-Type", response.content_type)
                    self.send_header("Content-Length", str(len(response.body)))
                    for name, value in response.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(response.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler gave up on a slow page
                with site._lock:
                    site.spans.append((arrived, time.monotonic()))

            def _trickle(self, response: Response, gap: float) -> None:
                """Send status line, headers and body (or the body only) one byte at a time, `gap` s apart."""
                head = (f"HTTP/1.1 {response.status} OK\r\nContent-Type: {response.content_type}\r\n"
                        f"Content-Length: {len(response.body)}\r\n\r\n").encode("ascii")
                sent, trickled = 0, head + response.body
                try:
                    if self.path in site.trickle_body_only:
                        self.wfile.write(head)
                        sent, trickled = len(head), response.body
                    for byte in trickled:
                        self.wfile.write(bytes([byte]))
                        sent += 1
                        time.sleep(gap)
                except OSError:
                    pass  # the crawler cut the connection
                with site._lock:
                    site.trickled[self.path] = sent
                self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        return Handler


def _add_reports(site: LocalGovSite) -> None:
    """Report pages in UTF-8 and GBK, a page whose report is a PDF attachment, and a DOCX."""
    c = COLUMN
    reports = {
        f"{c}202403/t20240308_1.htm": ("潘庄镇2023年度政府信息公开工作年度报告", 0, "utf-8"),
        f"{c}202302/t20230220_2.htm": ("沙镇镇2022年度政府信息公开工作年度报告", 1, "gbk"),
        f"{c}202503/t20250310_3.htm": ("东湖街道2024年度政府信息公开工作年度报告", 2, "utf-8"),
    }
    for path, (title, seed, charset) in reports.items():
        site.routes[path] = Response(200, report_html(title, seed_text(seed), charset),
                                     f"text/html; charset={charset}")
    pdf_title = "海坛片区2021年度政府信息公开工作年度报告"
    site.routes[f"{c}202202/t20220208_4.htm"] = Response(200, report_html(pdf_title, "全文见附件。",
                                                                           attachment="./P020220208_4.pdf"))
    site.routes[f"{c}202202/P020220208_4.pdf"] = Response(200, pdf_bytes(pdf_title, seed_text(3)), "application/pdf",
                                                          last_modified="Tue, 08 Feb 2022 08:00:00 GMT")
    site.routes[f"{c}202103/W020210305_5.docx"] = Response(
        200, docx_bytes("城关镇2020年度政府信息公开工作年度报告", seed_text(4)),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def _add_traps(site: LocalGovSite) -> None:
    """robots.txt, a redirect, a 503 that recovers and a slow page (404s need no route)."""
    c = COLUMN
    site.routes["/robots.txt"] = Response(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.routes[f"{c}old/2019.htm"] = Response(302, b"", headers={"Location": f"{c}202001/t20200120_6.htm"},
                                               etag=False)
    site.routes[f"{c}202001/t20200120_6.htm"] = Response(200, report_html("潘庄镇2019年度政府信息公开工作年度报告",
                                                                          seed_text(0)[:800]))
    site.routes[f"{c}202401/t20240115_9.htm"] = Response(200, report_html("北城2023年度政府信息公开工作年度报告",
                                                                          seed_text(1)[:600]))
    site.flaky[f"{c}202401/t20240115_9.htm"] = 1
    site.slow.add(f"{c}201901/t20190110_8.htm")


def _add_listings(site: LocalGovSite) -> None:
    """Listing page 1 (UTF-8, TRS list script) and page 2 (GBK, createPageHTML pager)."""
    page1 = [("./202403/t20240308_1.htm", "潘庄镇2023年度政府信息公开工作年度报告"),
             ("./202302/t20230220_2.htm", "沙镇镇2022年度政府信息公开工作年度报告"),
             ("./202503/t20250310_3.htm", "东湖街道2024年度政府信息公开工作年度报告"),
             ("./202401/t20240115_9.htm", "北城2023年度政府信息公开工作年度报告"),
             ("/private/2023.htm", "内部2023年度政府信息公开工作年度报告"),
             ("http://example.org/2023.htm", "外站2023年度政府信息公开工作年度报告"),
             ("./gsgg/t1.htm", "关于召开2024年工作会议的通知")]
    page2 = [("./202202/t20220208_4.htm", "海坛片区2021年度政府信息公开工作年度报告"),
             ("./202103/W020210305_5.docx", "城关镇2020年度政府信息公开工作年度报告.docx"),
             ("./old/2019.htm", "潘庄镇2019年度政府信息公开工作年度报告"),
             ("./201812/t20181201_7.htm", "已删除2018年度政府信息公开工作年度报告"),
             ("./201901/t20190110_8.htm", "慢页2018年度政府信息公开工作年度报告")]
    site.routes[f"{COLUMN}index.html"] = Response(200, listing_html(page1), etag=False)
    pager = '<script>createPageHTML(2, 1, "index", "html");</script><a href="./index.html">上一页</a>'
    site.routes[f"{COLUMN}index_1.html"] = Response(200, listing_html(page2, pager, "gbk"), "text/html", etag=False)


def build_site() -> LocalGovSite:
    """The standard test site: two listing pages, UTF-8 and GBK reports, DOCX/PDF, traps."""
    site = LocalGovSite()
    _add_reports(site)
    _add_traps(site)
    _add_listings(site)
    return site


# The report URLs (paths) the standard site should yield on a first crawl.
EXPECTED_DOCUMENTS = {
    f"{COLUMN}202403/t20240308_1.htm", f"{COLUMN}202302/t20230220_2.htm", f"{COLUMN}202503/t20250310_3.htm",
    f"{COLUMN}202401/t20240115_9.htm", f"{COLUMN}202202/t20220208_4.htm", f"{COLUMN}202202/P020220208_4.pdf",
    f"{COLUMN}202103/W020210305_5.docx", f"{COLUMN}old/2019.htm",
}
