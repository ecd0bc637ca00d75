"""The across-years results of one report as search-index fields (facets, filters, sorts, exports).

`years_fields(row, parse)` reads a report's row of `years.sqlite3` (YearsStore.report) and
gives the flat fields both engines index; without a row (the report was not analysed yet)
timeliness still comes from the parse alone and the rest says "not checked". Values and
their meaning: docs/units.md ("In the search index").
"""

from __future__ import annotations

from typing import Any, Mapping

from analyzers.years.timeliness import timeliness

# Every field this module may set; a field absent from a result is absent from the document.
YEARS_FIELDS: tuple[str, ...] = (
    "unit_id", "years_counted", "previous_report_id", "crossyear_status", "crossyear_failed",
    "crossyear_failed_count", "timeliness", "days_late", "deadline", "repeat_share", "repeat_share_bp",
    "others_share", "others_share_bp", "repeat_bucket", "numbers_repeated", "unchanged_tables", "copy_flags",
    "sort_repeat_share",
)
SHARE_SCALE = 10000  # shares as integers in 1/10,000 (indexer.search.fields.SCALED_FIELDS)
TIMELINESS_VALUES = {"late": "late", "on_time": "on_time"}  # unknown_date, unknown_year: "unknown", never on time
# (lower bound of the share, bucket) from the top: the 文字重复 facet
REPEAT_BUCKETS: tuple[tuple[float, str], ...] = ((0.8, "80-100"), (0.6, "60-80"), (0.4, "40-60"), (0.2, "20-40"),
                                                (0.0, "0-20"))


def repeat_bucket(share: float | None) -> str:
    """The 文字重复 bucket of a repeat share; `none` when there was no previous report to compare."""
    if share is None:
        return "none"
    return next(bucket for bound, bucket in REPEAT_BUCKETS if share >= bound)


def crossyear_status(result: Mapping[str, Any]) -> str:
    """failed / passed / unchecked / no_previous for one report's result.

    `no_previous`: the counted report of its unit-year, without a counted report the year
    before; `unchecked`: not counted (a duplicate, a superseded version, no year or unit),
    or a previous report but no cell the checks need printed in both.
    """
    if not result.get("counted"):
        return "unchecked"
    if not result.get("previous_report_id"):
        return "no_previous"
    checks = result.get("cross_year_checks") or []
    if any(check.get("ok") is False for check in checks):
        return "failed"
    return "passed" if checks else "unchecked"


def _timeliness_fields(found: Mapping[str, Any] | None) -> dict[str, Any]:
    found = found or {}
    status = TIMELINESS_VALUES.get(found.get("status"), "unknown")
    fields: dict[str, Any] = {"timeliness": status, "deadline": found.get("deadline")}
    if status != "unknown":
        fields["days_late"] = int(found.get("days_late") or 0)
    return fields


def _share(value: Mapping[str, Any] | None) -> float | None:
    share = (value or {}).get("share")
    return float(share) if isinstance(share, (int, float)) else None


def _copy_fields(result: Mapping[str, Any]) -> dict[str, Any]:
    previous, others = result.get("copied_from_previous"), result.get("copied_from_others")
    repeat, elsewhere = _share(previous), _share(others)
    tables = [entry.get("table") for entry in result.get("unchanged_tables") or [] if entry.get("table")]
    numbers = bool(tables or (previous or {}).get("unchanged_figures"))
    flags = [flag for flag, on in (("numbers_repeated", numbers), ("tables_repeated", bool(tables)),
                                   ("copied_previous", bool((previous or {}).get("copied"))),
                                   ("copied_others", bool((others or {}).get("copied")))) if on]
    fields: dict[str, Any] = {
        "repeat_share": repeat, "others_share": elsewhere, "repeat_bucket": repeat_bucket(repeat),
        "numbers_repeated": numbers, "unchanged_tables": tables, "copy_flags": flags,
        "sort_repeat_share": round(repeat * SHARE_SCALE) if repeat is not None else -1,
    }
    if repeat is not None:
        fields["repeat_share_bp"] = round(repeat * SHARE_SCALE)
    if elsewhere is not None:
        fields["others_share_bp"] = round(elsewhere * SHARE_SCALE)
    return fields


def years_fields(row: Mapping[str, Any] | None, parse: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The index fields of one report from its years row (None: not analysed; timeliness from `parse`)."""
    if row is None:
        fields = {"crossyear_status": "unchecked", **_timeliness_fields(timeliness(parse) if parse else None),
                  **_copy_fields({})}
        return {key: value for key, value in fields.items() if value is not None}
    result = row.get("result") or {}
    failed = [str(check.get("id")) for check in result.get("cross_year_checks") or [] if check.get("ok") is False]
    fields = {
        "unit_id": result.get("unit_id") or row.get("unit_id"),
        "years_counted": bool(result.get("counted")),
        "previous_report_id": result.get("previous_report_id"),
        "crossyear_status": crossyear_status(result),
        "crossyear_failed": list(dict.fromkeys(failed)),
        "crossyear_failed_count": len(set(failed)),
        **_timeliness_fields(result.get("timeliness")),
        **_copy_fields(result),
    }
    return {key: value for key, value in fields.items() if value is not None}


def comparable(document: Mapping[str, Any]) -> dict[str, Any]:
    """The years fields a document holds (absent ones left out): equal when nothing needs re-indexing."""
    return {key: document[key] for key in YEARS_FIELDS if document.get(key) is not None}


def with_years(document: dict[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    """The document with its years fields replaced by `fields` (stale ones dropped)."""
    kept = {key: value for key, value in document.items() if key not in YEARS_FIELDS}
    kept.update(fields)
    return kept
