"""Server-side SVG charts: no JavaScript, no CDN, readable with the network unplugged.

Each function takes plain numbers and labels and returns escaped SVG markup that a
template can embed. Every chart carries a <title> and a data table fallback is left to
the template, so screen readers and text browsers still get the figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

PALETTE = ("#1f5fa8", "#d9822b", "#3a9b5c", "#b8413a", "#7a5aa6", "#8c6d31", "#4c9fb8", "#c2559a")
FONT = "font-family=\"'Noto Sans CJK SC','Microsoft YaHei',sans-serif\""
WIDE, NARROW = 640, 360  # viewBox widths: a desk's figure, a phone's (or a narrow column's)


@dataclass(frozen=True)
class Series:
    """One named row of values aligned with a chart's category labels."""

    name: str
    values: tuple[float, ...]


def _fmt(value: float) -> str:
    """A number as a reader wants it: no trailing .0, thousands separated."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _nice_max(value: float) -> float:
    """An axis maximum of four equal ticks, each a round number, just above value."""
    if value <= 4:
        return 4.0
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    # halves only from 10 up, so that tick labels stay whole numbers
    steps = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if magnitude >= 10 else (1, 2, 3, 4, 5, 6, 8, 10)
    tick = next(step * magnitude for step in steps if raw <= step * magnitude)
    return float(tick * 4)


def _frame(width: int, height: int, title: str, body: list[str]) -> Markup:
    """Wrap chart elements in an accessible, scalable <svg> element."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}" {FONT}>'
        f"<title>{escape(title)}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")


def responsive(draw: Callable[[int], Markup]) -> Markup:
    """A chart drawn at both widths; CSS (a container query on .chart-pair) shows the one that
    fits its box, so 11-unit labels stay about 10 px or more from a phone to a desk."""
    return Markup(f'<span class="chart-pair"><span class="chart-wide">{draw(WIDE)}</span>'
                  f'<span class="chart-narrow">{draw(NARROW)}</span></span>')


def _axis(left: int, top: int, plot_w: int, plot_h: int, ymax: float) -> list[str]:
    """Horizontal grid lines with value labels on the left."""
    parts = []
    for i in range(5):
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e6ea"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#5b6470">'
            f"{_fmt(ymax * i / 4)}</text>"
        )
    return parts


def _legend(series: Sequence[Series], left: int, y: int) -> list[str]:
    """One coloured square and name per series, in a row above the plot."""
    parts, x = [], left
    for i, one in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{y}" font-size="12" fill="#333">{escape(one.name)}</text>')
        x += 24 + 13 * len(one.name)
    return parts


def bar_chart(labels: Sequence[str], series: Sequence[Series], title: str, width: int = 640, height: int = 260) -> Markup:
    """Grouped vertical bars: one group per label, one bar per series."""
    left, top, bottom = 56, 30, 30
    plot_w, plot_h = width - left - 12, height - top - bottom
    ymax = _nice_max(max((v for s in series for v in s.values), default=0))
    body = _axis(left, top, plot_w, plot_h, ymax) + _legend(series, left, 16)
    group_w = plot_w / max(len(labels), 1)
    bar_w = min(48.0, max(2.0, group_w * 0.8 / max(len(series), 1)))
    for g, label in enumerate(labels):
        x0 = left + g * group_w + (group_w - bar_w * len(series)) / 2
        for s, one in enumerate(series):
            value = one.values[g]
            h = plot_h * value / ymax
            x, y = x0 + s * bar_w, top + plot_h - h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(label)} {escape(one.name)}: {_fmt(value)}</title></rect>'
            )
        body.append(
            f'<text x="{left + g * group_w + group_w / 2:.1f}" y="{height - 10}" font-size="11" '
            f'text-anchor="middle" fill="#333">{escape(label)}</text>'
        )
    return _frame(width, height, title, body)


def share_chart(items: Sequence[tuple[str, float]], title: str, width: int = 640) -> Markup:
    """Horizontal bars of shares (0..1), each labelled with its percentage."""
    row_h, label_w = 26, (180 if width > NARROW else 90)  # outcome names are four characters
    height = 10 + row_h * max(len(items), 1)
    plot_w = width - label_w - 70
    body = []
    for i, (label, share) in enumerate(items):
        y = 6 + i * row_h
        w = plot_w * max(0.0, min(share, 1.0))
        body.append(
            f'<text x="{label_w - 8}" y="{y + 15}" font-size="12" text-anchor="end" fill="#333">{escape(label)}</text>'
        )
        body.append(f'<rect x="{label_w}" y="{y + 3}" width="{plot_w}" height="16" fill="#eef1f4"/>')
        body.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="16" fill="{PALETTE[i % len(PALETTE)]}"/>')
        body.append(
            f'<text x="{label_w + plot_w + 6}" y="{y + 15}" font-size="12" fill="#333">{share * 100:.1f}%</text>'
        )
    return _frame(width, height, title, body)
