"""HTML like a government CMS article page: site chrome around the report, tables with rowspan/colspan."""

from __future__ import annotations

from html import escape
from typing import Any

from indexer.synth.document import Block
from indexer.synth.template import Grid

PAGE_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="SiteName" content="{site}">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{date}">
<title>{title}-{site}</title>
<style>body{{font-family:"SimSun",serif}} table{{border-collapse:collapse}} td{{border:1px solid #000;padding:2px 4px}}</style>
</head>
<body>
<div class="header"><div class="logo">{site}</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="article">
"""
PAGE_FOOT = """</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div class="footer"><p>主办单位：{site}办公室　网站标识码：0000000000（合成样例）</p><p>建议使用1280×800以上分辨率浏览本网站</p></div>
</body>
</html>
"""


def _cell_html(text: str) -> str:
    """Escaped cell text, line breaks kept as <br>."""
    return "<br>".join(escape(part) for part in text.split("\n"))


def _word_spans(text: str) -> str:
    """Cell text the way Word's HTML export leaves it: runs of one to three characters in spans."""
    pieces, start, size = [], 0, 1
    while start < len(text):
        pieces.append(f'<span style="font-family:宋体">{escape(text[start:start + size])}</span>')
        start, size = start + size, size % 3 + 1
    return "".join(pieces) + "<span><o:p></o:p></span>"


def grid_html(grid: Grid, word_spans: bool = False) -> str:
    """A <table> with the grid's merged cells as rowspan/colspan."""
    rows = []
    for cells in grid:
        tds = []
        for cell in cells:
            spans = "".join(
                f' {name}="{value}"' for name, value in (("rowspan", cell.rowspan), ("colspan", cell.colspan)) if value > 1
            )
            body = _word_spans(cell.text.replace("\n", "")) if word_spans else _cell_html(cell.text)
            tds.append(f"<td{spans}><p>{body}</p></td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return '<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table>"


def _block_html(block: Block, word_spans: bool) -> str:
    """One block as HTML."""
    if block.kind == "table" and block.grid is not None:
        return grid_html(block.grid, word_spans)
    if block.kind == "title":
        return f"<h1 class=\"title\">{escape(block.text)}</h1>"
    if block.kind == "heading":
        return f"<p class=\"heading\"><strong>{escape(block.text)}</strong></p>"
    align = ' style="text-align:right"' if block.kind == "signature" else ""
    return f"<p{align}>{escape(block.text)}</p>"


def render_html(truth: dict[str, Any], blocks: list[Block], style: dict[str, Any]) -> bytes:
    """The page, encoded as its <meta> declares (UTF-8, GBK or GB18030)."""
    try:
        return _page(truth, blocks, style["encoding"], style["word_spans"])
    except UnicodeEncodeError:  # a name outside GBK: such a site would have to serve UTF-8
        return _page(truth, blocks, "utf-8", style["word_spans"])


def _page(truth: dict[str, Any], blocks: list[Block], encoding: str, word_spans: bool) -> bytes:
    """The whole page as bytes in `encoding`."""
    region = truth["region"]
    site = (region["county"] or region["city"] or region["province"] or "") + "人民政府"
    head = PAGE_HEAD.format(charset=encoding, site=escape(site), title=escape(truth["title"]),
                            date=truth["published_on"])
    info = (f'<div class="info">发布日期：{truth["published_on"]}　来源：{escape(truth["agency"])}　'
            f'浏览次数：<span id="hits"></span></div>\n')
    body = "\n".join(_block_html(block, word_spans) for block in blocks)
    return (head + info + '<div class="content">\n' + body + "\n</div>\n" + PAGE_FOOT.format(site=escape(site))).encode(encoding)
