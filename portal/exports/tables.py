"""Export rows: one row per report with every table field as a column, as CSV, JSON or XLSX.

A search's `cols` (the table view's picked columns) narrows an export to the report's
identity columns plus those numbers (export_columns).

Both formats are generators so a response streams however many reports match; the CSV
starts with a UTF-8 byte order mark because Excel needs it to read Chinese.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Iterator, Mapping, Sequence

from indexer.search.facets import FACETS_BY_NAME
from indexer.search.fields import NUMERIC_FIELDS, YEARS_NUMERIC_FIELDS
from portal.labels import ACTIVE_ITEMS, ACTIVE_MEASURES, ACTIVE_TEMPLATES, check_label, display_title, issue_tag_label
from portal.reports.provenance import source_view

BOM = "\ufeff"
BASE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "编号"),
    ("title", "标题"),  # the display title: agency + year when the report has none
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
    ("source_file", "来源文件"),
    ("url", "本站网址"),
)
# Across years (issue 12; docs/units.md): statuses and flags as Chinese labels, shares as 0..1.
YEARS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("unit_id", "单位编号"),
    ("crossyear_status", "跨年核对"),
    ("crossyear_failed", "未通过的跨年核对"),
    ("timeliness", "发布时效"),
    ("days_late", "逾期天数"),
    ("deadline", "发布期限"),
    ("repeat_share", "与本单位上年报告重复的比例"),
    ("others_share", "与同年其他单位报告雷同的比例"),
    ("numbers_repeated", "数字与上年相同"),
    ("copy_flags", "重复与照搬"),
)
# (column, facet whose value labels it gets)
YEARS_LABELLED: tuple[tuple[str, str], ...] = (("crossyear_status", "crossyear"), ("timeliness", "timeliness"),
                                               ("copy_flags", "copy_flags"))
# Table 二 of either template, one column per (item, measure): `t2_fees_amount_10k_yuan`.
ACTIVE_COLUMNS: dict[str, tuple[tuple[str, str], str]] = {
    f"t2_{item}_{measure}": ((item, measure), f"表二·{ACTIVE_ITEMS.get(item, item)}·{ACTIVE_MEASURES.get(measure, measure)}")
    for fmt in ("2021", "2019")
    for _heading, measures, items in ACTIVE_TEMPLATES[fmt]
    for item, _label in items
    for measure, _measure_label in measures
}
COLUMNS: tuple[tuple[str, str], ...] = (
    BASE_COLUMNS
    + YEARS_COLUMNS
    + tuple((name, label) for name, label in NUMERIC_FIELDS.items() if name != "year" and name not in YEARS_NUMERIC_FIELDS)
    + tuple((name, label) for name, (_cell, label) in ACTIVE_COLUMNS.items())
)
# What a row reads from the engine: the columns' index fields and table 二, in one pass.
SCANNED_FIELDS: tuple[str, ...] = (
    tuple(key for key, _label in BASE_COLUMNS if key not in ("url", "source_file"))
    + tuple(NUMERIC_FIELDS)
    + tuple(key for key, _label in YEARS_COLUMNS if key not in NUMERIC_FIELDS)
    + ("active_disclosure",)
)
COLUMN_KEYS: tuple[str, ...] = tuple(key for key, _label in COLUMNS)
DERIVED_KEYS = frozenset({"url", "synthetic", "title", "issue_tags", "failed_checks", "source_url", "source_file",
                          "crossyear_failed", *(key for key, _facet in YEARS_LABELLED)})
# columns copied from the index document as they are, and table 二 cells as (column, (item, measure))
DOCUMENT_KEYS: tuple[str, ...] = tuple(k for k in COLUMN_KEYS if k not in DERIVED_KEYS and k not in ACTIVE_COLUMNS)
ACTIVE_CELLS: tuple[tuple[str, tuple[str, str]], ...] = tuple((key, cell) for key, (cell, _label) in ACTIVE_COLUMNS.items())
# Kept beside the Chinese labels in JSON exports, so programs can still filter by id.
ID_KEYS = ("issue_tag_ids", "failed_check_ids")


def export_row(document: Mapping[str, Any], report_url: str, active: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One report as an ordered mapping column -> value (blank cells stay None).

    `active` is the report's table 二 (the document's `active_disclosure`). Issue tags
    and failed checks are written as Chinese labels, their ids under ID_KEYS; a local
    source file is named, never its server path.
    """
    source = source_view(document.get("source_url"))
    derived = {
        "url": report_url,
        "synthetic": bool(document.get("synthetic")),
        "title": display_title(document),
        "issue_tags": [issue_tag_label(tag) for tag in document.get("issue_tags") or []],
        "failed_checks": [check_label(check) for check in document.get("failed_checks") or []],
        "source_url": source.url,
        "source_file": source.file_name,
        **years_cells(document),
    }
    row: dict[str, Any] = dict.fromkeys(COLUMN_KEYS)  # every column, in order, blank until filled
    row.update({key: document[key] for key in DOCUMENT_KEYS if key in document})
    row.update(derived)
    if active:
        for key, (item, measure) in ACTIVE_CELLS:
            row[key] = (active.get(item) or {}).get(measure)
    row["issue_tag_ids"] = list(document.get("issue_tags") or [])
    row["failed_check_ids"] = list(document.get("failed_checks") or [])
    return row


def years_cells(document: Mapping[str, Any]) -> dict[str, Any]:
    """The across-years columns that are written as Chinese labels (blank when the report has none)."""
    cells: dict[str, Any] = {"crossyear_failed": [check_label(c) for c in document.get("crossyear_failed") or []]}
    for key, facet in YEARS_LABELLED:
        value = document.get(key)
        label = FACETS_BY_NAME[facet].value_label
        cells[key] = [label(v) for v in value] if isinstance(value, list) else (label(value) if value else None)
    return cells


# Cell types csv.writer already writes right (None as a blank cell); bool is not among them.
PLAIN_CELLS = (type(None), int, float)


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


def export_columns(picked: Sequence[str] = ()) -> tuple[tuple[str, str], ...]:
    """Every column, or the identity columns and the picked numeric fields in their order."""
    if not picked:
        return COLUMNS
    return BASE_COLUMNS + tuple((name, NUMERIC_FIELDS[name]) for name in picked)


def scanned_fields(picked: Sequence[str] = ()) -> tuple[str, ...]:
    """What rows of these columns read from the engine (table 二 only for every column)."""
    if not picked:
        return SCANNED_FIELDS
    return tuple(key for key, _label in BASE_COLUMNS if key not in ("url", "source_file")) + tuple(picked)


def narrow(row: Mapping[str, Any], columns: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A row with only the export's columns (and the id columns), in column order."""
    kept = {key: row.get(key) for key, _label in columns}
    kept.update({key: row[key] for key in ID_KEYS if key in row})
    return kept


def csv_lines(rows: Iterable[Mapping[str, Any]], columns: Sequence[tuple[str, str]] = COLUMNS) -> Iterator[str]:
    """BOM and header, then one CSV line per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for _key, label in columns])
    yield BOM + buffer.getvalue()
    keys = [key for key, _label in columns]
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        # most of the ~400 cells are numbers or blanks, which the csv module writes as they are
        writer.writerow([value if type(value) in PLAIN_CELLS else _csv_cell(value) for value in map(row.get, keys)])
        yield buffer.getvalue()


def _xlsx_cell(value: Any) -> Any:
    """A cell as for CSV, without the control characters a worksheet cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = _csv_cell(value)
    return ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell


def xlsx_bytes(rows: Iterable[Mapping[str, Any]], columns: Sequence[tuple[str, str]] = COLUMNS) -> bytes:
    """An Excel workbook (one sheet, a header row, one row per report), as bytes.

    openpyxl's write-only mode keeps memory flat; the workbook is a zip, written whole.
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("年报")
    sheet.append([label for _key, label in columns])
    keys = [key for key, _label in columns]
    for row in rows:
        sheet.append([value if type(value) in PLAIN_CELLS else _xlsx_cell(value) for value in map(row.get, keys)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def json_chunks(rows: Iterable[Mapping[str, Any]], meta: Mapping[str, Any],
                columns: Sequence[tuple[str, str]] = COLUMNS) -> Iterator[str]:
    """A JSON object {meta..., "columns", "reports": [...]} written one report at a time."""
    if columns is not COLUMNS:
        rows = (narrow(row, columns) for row in rows)
    head = dict(meta, columns={key: label for key, label in columns}, id_columns=list(ID_KEYS))
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "reports": ['
    for index, row in enumerate(rows):
        yield ("\n" if index == 0 else ",\n") + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"
