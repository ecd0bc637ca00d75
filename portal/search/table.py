"""The search results as a table: picked numeric columns, each sortable, and the column picker.

Built only for view=table (a card list never pays for it). Every link is a query string
of the request value object, so the table, its order and its columns live in the URL.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from indexer.search.fields import (DERIVED_FIELDS, NUMERIC_FIELDS, QUERY_ALIASES, T3_COLUMNS, T3_ROWS, T4_GROUPS,
                                   T4_OUTCOMES, t3_field, t4_field)
from indexer.search.model import SearchRequest, SearchResult, numeric_sort
from indexer.settings import Settings
from portal.search import params as P
from portal.search.hits import HitView, hit_view

# A short name for the fields the query grammar names (新收, 复议纠正 …); others keep their label.
SHORT_LABELS: Mapping[str, str] = {field: alias for alias, field in reversed(tuple(QUERY_ALIASES.items()))}


def column_label(field: str) -> str:
    """A column's heading: the query grammar's short name where there is one, else the field's label."""
    return SHORT_LABELS.get(field) or NUMERIC_FIELDS.get(field, field)


@dataclass(frozen=True)
class Column:
    """One numeric column: its field, heading, full label and the URL sorting by it."""

    field: str
    label: str
    title: str
    sort_query: str
    direction: str  # "desc" | "asc" when the table is sorted by this column, else ""


@dataclass(frozen=True)
class Row:
    """One report of the table: its result line and its numbers in column order."""

    hit: HitView
    values: tuple[Any, ...]


@dataclass(frozen=True)
class PickerGroup:
    """A group of checkboxes of the column picker: (field, label, checked) options."""

    label: str
    options: tuple[tuple[str, str, bool], ...]

    @property
    def picked(self) -> int:
        """How many of the group's columns are shown (its folded heading says so)."""
        return sum(1 for _field, _label, checked in self.options if checked)


@dataclass(frozen=True)
class TableView:
    """The results table with its columns and the picker's groups."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    picker: tuple[PickerGroup, ...]
    keep: tuple[tuple[str, str], ...]  # hidden inputs of the picker form (the search without cols)


def _column(req: SearchRequest, field: str, qs: Any) -> Column:
    """A column whose heading sorts by it: most first, and the other way once sorted so."""
    spec = numeric_sort(req.sort)
    direction = spec[1] if spec and spec[0] == field else ""
    target = f"{field}_asc" if direction == "desc" else f"{field}_desc"
    return Column(field, column_label(field), NUMERIC_FIELDS.get(field, field), qs(P.with_sort(req, target)), direction)


def picker_groups(chosen: tuple[str, ...]) -> tuple[PickerGroup, ...]:
    """Every numeric field a table may show, grouped as the report's tables group them."""
    picked = set(chosen)

    def options(fields: list[str]) -> tuple[tuple[str, str, bool], ...]:
        return tuple((f, NUMERIC_FIELDS[f], f in picked) for f in fields)

    groups = [PickerGroup("合计", options(list(DERIVED_FIELDS))),
              PickerGroup("表三（总计列）", options([t3_field(row, "total") for row in T3_ROWS])),
              PickerGroup("表四", options([t4_field(g, o) for g in T4_GROUPS for o in T4_OUTCOMES]))]
    groups += [PickerGroup(f"表三·{label}", options([t3_field(row, column) for row in T3_ROWS]))
               for column, label in T3_COLUMNS.items() if column != "total"]
    return tuple(groups)


def table_view(result: SearchResult, qs: Any) -> TableView:
    """The table of one result page, in the request's columns (its defaults when none picked)."""
    req = result.request
    fields = req.fields or P.DEFAULT_COLUMNS
    columns = tuple(_column(req, field, qs) for field in fields)
    rows = tuple(Row(hit_view(hit), tuple(hit.document.get(f) for f in fields)) for hit in result.hits)
    keep = tuple(P.to_params(replace(req, columns=(), page=1), page_size_default=Settings.page_size))
    return TableView(columns, rows, picker_groups(fields), keep)
