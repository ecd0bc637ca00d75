"""A server-rendered SVG line chart of one series over the years (a gap year breaks the line)."""

from __future__ import annotations

from typing import Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

from portal.charts import PALETTE, _axis, _fmt, _frame, _nice_max


def _segments(xy: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive plotted points: a year without a figure is not drawn as zero."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in xy:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def line_chart(points: Sequence[tuple[str, float | None]], title: str, width: int = 640, height: int = 220) -> Markup:
    """Points joined by lines, each with its value as a tooltip, labels under the x axis."""
    left, top, bottom = 56, 16, 30
    plot_w, plot_h = width - left - 16, height - top - bottom
    ymax = _nice_max(max((v for _l, v in points if v is not None), default=0))
    body = _axis(left, top, plot_w, plot_h, ymax)
    step = plot_w / max(len(points), 1)
    xy = [None if v is None else (left + step * (i + 0.5), top + plot_h - plot_h * v / ymax)
          for i, (_label, v) in enumerate(points)]
    for run in _segments(xy):
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
        body.append(f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    for i, ((label, value), point) in enumerate(zip(points, xy)):
        if point:
            body.append(f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="4" fill="{PALETTE[0]}">'
                        f"<title>{escape(label)}年：{_fmt(value)}</title></circle>")
        body.append(f'<text x="{left + step * (i + 0.5):.1f}" y="{height - 10}" font-size="11" text-anchor="middle"'
                    f' fill="#333">{escape(label)}</text>')
    return _frame(width, height, title, body)
