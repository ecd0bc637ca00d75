"""Table cells as HTML, built in Python: a report page has ~200 of them, and a Jinja macro call
per cell cost ~1.5 ms a page (the same reason portal.filters builds facet and hit lines)."""

from __future__ import annotations

import html
from typing import Iterable

from markupsafe import Markup

from portal.filters import number
from portal.reports.model import Cell


def cells_html(cells: Iterable[Cell]) -> Markup:
    """The <td> elements of a row: the value for reading, a failed cell marked with its checks' messages."""
    parts = []
    for cell in cells:
        value = html.escape(number(cell.value))
        if cell.failed:
            title = html.escape("；".join(cell.problems))
            parts.append(f'<td class="num failed" title="{title}">{value}</td>')
        else:
            parts.append(f'<td class="num">{value}</td>')
    return Markup("".join(parts))
