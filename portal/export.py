"""Export rows: one row per report with every table field as a column, as CSV or JSON.

Both formats are generators so a response streams however many reports match; the CSV
starts with a UTF-8 byte order mark because Excel needs it to read Chinese.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Iterator, Mapping

from indexer.search.fields import NUMERIC_FIELDS

BOM = "\ufeff"
BASE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "编号"),
    ("title", "标题"),
    ("agency", "发布机关"),
    ("year", "年度"),
    ("format", "表格模板"),
    ("province", "省份"),
    ("city", "地市"),
    ("county", "区县"),
    ("town", "乡镇（街道）"),
    ("region_code", "行政区划代码"),
    ("published_on", "发布日期"),
    ("issue_tags", "问题类别"),
    ("failed_checks", "未通过的校验"),
    ("synthetic", "合成样例"),
    ("source_url", "来源网址"),
    ("url", "本站网址"),
)
COLUMNS: tuple[tuple[str, str], ...] = BASE_COLUMNS + tuple(
    (name, label) for name, label in NUMERIC_FIELDS.items() if name != "year"
)


def export_row(document: Mapping[str, Any], report_url: str) -> dict[str, Any]:
    """One report as an ordered mapping column -> value (blank cells stay None)."""
    row: dict[str, Any] = {}
    for key, _label in COLUMNS:
        if key == "url":
            row[key] = report_url
        elif key == "synthetic":
            row[key] = bool(document.get("synthetic"))
        else:
            row[key] = document.get(key)
    return row


def _csv_cell(value: Any) -> Any:
    """A value as a spreadsheet cell: lists joined, None blank, booleans 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # a leading formula character would be run by spreadsheets (CSV injection)
        return "'" + value
    return value


def csv_lines(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """BOM and header, then one CSV line per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for _key, label in COLUMNS])
    yield BOM + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_csv_cell(row.get(key)) for key, _label in COLUMNS])
        yield buffer.getvalue()


def json_chunks(rows: Iterable[Mapping[str, Any]], meta: Mapping[str, Any]) -> Iterator[str]:
    """A JSON object {meta..., "columns", "reports": [...]} written one report at a time."""
    head = dict(meta, columns={key: label for key, label in COLUMNS})
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "reports": ['
    for index, row in enumerate(rows):
        yield ("\n" if index == 0 else ",\n") + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"
