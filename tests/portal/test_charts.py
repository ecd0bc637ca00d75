"""Server-side SVG charts: self-contained markup, escaped labels, bars in proportion."""

import re
from xml.etree import ElementTree as ET

from portal.charts import Series, bar_chart, responsive, share_chart


def test_bar_chart_is_well_formed_svg_with_one_bar_per_value():
    svg = str(bar_chart(["2020", "2021"], [Series("新收", (10, 40)), Series("年报", (1, 2))], "历年申请"))
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) == 4 + 2  # bars plus legend squares


def test_bars_are_proportional_to_their_values():
    svg = str(bar_chart(["a", "b"], [Series("s", (25, 100))], "t"))
    heights = [float(h) for h in re.findall(r'height="([\d.]+)" fill="#\w+"><title>', svg)]
    assert heights[1] == 4 * heights[0]


def test_labels_with_markup_are_escaped():
    svg = str(share_chart([("<script>alert(1)</script>", 0.5)], "标题<b>"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)


def test_charts_never_reference_external_resources():
    svg = str(bar_chart(["x"], [Series("s", (1,))], "t")) + str(share_chart([("x", 1.0)], "t"))
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_share_chart_prints_percentages():
    assert "37.5%" in str(share_chart([("予以公开", 0.375)], "占比"))


def test_axis_ticks_are_whole_round_numbers():
    svg = str(bar_chart(["a"], [Series("s", (49,))], "t"))
    ticks = re.findall(r'text-anchor="end" fill="#5b6470">([\d,.]+)</text>', svg)
    assert ticks == ["0", "15", "30", "45", "60"]


def test_a_responsive_chart_is_drawn_for_desks_and_for_phones():
    pair = str(responsive(lambda width: bar_chart(["2020"], [Series("新收", (3,))], "t", width=width)))
    assert pair.count("<svg") == 2 and 'viewBox="0 0 640 ' in pair and 'viewBox="0 0 360 ' in pair
    assert pair.index("chart-wide") < pair.index("chart-narrow")
    narrow = share_chart([("予以公开", 0.5)], "t", width=360)
    assert 'x="82"' in str(narrow)  # the label column shrinks with the drawing
