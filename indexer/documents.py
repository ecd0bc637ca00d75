"""Flatten a parsed report (DESIGN §2) into the index document both engines store.

The index document carries segmented text for search, keyword facets, one numeric field
per table 三/四 cell plus derived totals (indexer.search.fields), sort keys, the original
text for snippets, the full report for the report page and the provenance of the file.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable, Mapping

from analyzers.segment import index_text, subwords_text
from indexer.search import fields as F

SECTION_ORDER = ("overview", "active", "requests", "review", "problems", "other")
SUMMARY_FIELDS = (
    "id", "title", "agency", "year", "published_on", "format", "province", "city", "county", "town",
    "issue_tags", "failed_checks", "t3_new_total", "denied_total", "review_total", "synthetic",
    "superseded", "source_url", "archived_at", "region_code",
)


# The demo's batch of synthetic samples (合成样例): documents archived in it are samples
# whatever their parse says, so a re-index or index run marks them as the demo did.
SAMPLE_BATCH = "demo-synthetic"


def is_sample(report: Mapping[str, Any], batches: Iterable[str]) -> bool:
    """Whether a report is a synthetic sample: its parse says so, or it came in the samples batch."""
    return bool(report.get("synthetic")) or SAMPLE_BATCH in batches


def build_index_document(report_id: str, report_dict: Mapping[str, Any], provenance: Mapping[str, Any],
                         segmented_fields: Mapping[str, str] | None = None) -> dict:
    """The index document of one report: text, facets, numbers, dates, report and source.

    `segmented_fields` are text_fields(report) when already made (by a parse worker).
    """
    report = dict(report_dict)
    sample = is_sample(report, provenance.get("batches") or [provenance.get("batch")])
    numbers = numeric_values(report)
    region = report.get("region") or {}
    document: dict[str, Any] = {
        "id": report_id,
        "title": report.get("title") or "",
        "agency": report.get("agency") or "",
        "year": report.get("year"),
        "published_on": report.get("published_on"),
        "format": report.get("format"),
        **{level: region.get(level) for level in ("province", "city", "county", "town")},
        "region_code": region.get("code"),
        **(segmented_fields if segmented_fields is not None else text_fields(report)),
        "requests_bucket": requests_bucket(numbers.get("t3_new_total")),
        "outcomes": outcome_flags(numbers),
        "issue_tags": list(report.get("issue_tags") or []),
        "failed_checks": failed_check_ids(report),
        "origin": "synthetic" if sample else "archive",
        "synthetic": sample,
        "superseded": bool(provenance.get("superseded")),
        "source_url": provenance.get("url"),
        "fetched_at": provenance.get("fetched_at"),
        "archived_at": archived_at(provenance),
        "indexed_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "sort_year": report.get("year") if isinstance(report.get("year"), int) else -1,
        "sort_new_requests": numbers.get("t3_new_total", -1),
        "sort_added": epoch_seconds(archived_at(provenance)),
        "report": report,
        # table 二 again on its own: exports read it without decoding the whole report
        "active_disclosure": report.get("active_disclosure"),
        "source": dict(provenance),
    }
    document.update(numbers)
    return {key: value for key, value in document.items() if value is not None}


def archived_at(provenance: Mapping[str, Any]) -> str | None:
    """When the file was first archived: the catalog's archived_at, else its first (or only) fetch time.

    Unlike indexed_at this survives every re-index, so "newly added" means new to the archive.
    """
    return provenance.get("archived_at") or provenance.get("first_fetched_at") or provenance.get("fetched_at") or None


def epoch_seconds(stamp: str | None) -> int:
    """Seconds since 1970 (UTC) of an ISO 8601 time, the sort key both engines order alike; -1 when unknown."""
    if not stamp:
        return -1
    try:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        return -1
    if moment.tzinfo is None:  # the catalog writes UTC; a bare time is taken as UTC too
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


def segmented(text: str) -> str:
    """Space-joined, lowercased tokens: the one form both engines index."""
    return index_text(text).lower()


def ranked(text: str) -> str:
    """The words of a short field that only ranks (agency, region) and their sub-words.

    These fields are never phrase-searched, so sub-words can sit beside the words: a query
    for 政府 then ranks 沭阳县人民政府's own report above reports that only mention 政府.
    """
    words = segmented(text)
    inner = subwords_text(words)
    return f"{words} {inner}" if inner else words


def text_fields(report: Mapping[str, Any]) -> dict[str, str]:
    """Segmented search fields plus the original text kept for snippets (they depend on the report's
    title, agency, sections, tables' printed words and region only)."""
    sections = report.get("sections") or {}
    body = "\n".join(sections[name] for name in SECTION_ORDER if sections.get(name))
    title, agency = report.get("title") or "", report.get("agency") or ""
    content = "\n".join(part for part in (title, agency, body) if part)
    text = segmented("\n".join(part for part in (content, printed_vocabulary(report)) if part))
    return {
        # words only: with sub-words, every title's 政府信息公开工作年度报告 would match 公开, 工作, 报告
        "title_text": segmented(title),
        "agency_text": ranked(agency),
        "region_text": ranked(" ".join(region_names(report))),
        # the most specific level alone: 沭阳县's own report, not those of its towns
        "place_text": ranked((region_names(report) or [""])[-1]),
        "problems_text": segmented(sections.get("problems") or ""),
        "text": text,
        "subwords": subwords_text(text),
        "content": content,
    }


def _has_numbers(rows: Iterable[Any]) -> bool:
    """Whether any cell of a table's rows holds a number."""
    return any(_is_number(cell) for row in rows for cell in (row if isinstance(row, list) else [row]))


def region_names(report: Mapping[str, Any]) -> list[str]:
    """The names of the report's region, province first (a field of their own for ranking)."""
    region = report.get("region") or {}
    return [region[level] for level in ("province", "city", "county", "town") if region.get(level)]


def printed_vocabulary(report: Mapping[str, Any]) -> str:
    """Words every reader sees in the report but not in its section prose.

    The region's names (the report of 南定镇 is about 淄博市 too) and the row and column
    labels of the tables it prints (不予公开, 行政复议, 结果纠正 …), so a search for a
    table's wording finds the reports that print that table, as a search of the
    original document would. Kept out of `content`, which feeds snippets.
    """
    words = region_names(report)
    rows = ((report.get("requests") or {}).get("rows") or {}).values()
    if _has_numbers(rows):
        words += [*F.T3_ROWS.values(), *F.T3_COLUMNS.values()]
    groups = (report.get("review_litigation") or {}).values()
    if _has_numbers(list(group.values()) for group in groups if isinstance(group, Mapping)):
        words += [*F.T4_GROUPS.values(), *F.T4_OUTCOMES.values()]
    return " ".join(word.replace("·", " ") for word in words if word)


def numeric_values(report: Mapping[str, Any]) -> dict[str, int]:
    """Every table 三/四 cell that holds a number, the year and the derived totals."""
    values: dict[str, int] = {}
    if isinstance(report.get("year"), int):
        values["year"] = report["year"]
    rows = ((report.get("requests") or {}).get("rows")) or {}
    for row in F.T3_ROWS:
        for column, cell in zip(F.T3_COLUMNS, rows.get(row) or ()):
            if _is_number(cell):
                values[F.t3_field(row, column)] = int(cell)
    tables = report.get("review_litigation") or {}
    for group in F.T4_GROUPS:
        for outcome in F.T4_OUTCOMES:
            cell = (tables.get(group) or {}).get(outcome)
            if _is_number(cell):
                values[F.t4_field(group, outcome)] = int(cell)
    values.update(derived_totals(values, report))
    return values


def _is_number(cell: Any) -> bool:
    """A cell that holds a number (booleans are not numbers here)."""
    return isinstance(cell, (int, float)) and not isinstance(cell, bool)


def _sum(values: Mapping[str, int], names: Iterable[str]) -> int | None:
    """Sum of the cells present; None when every cell is blank (a blank is not a zero)."""
    present = [values[name] for name in names if name in values]
    return sum(present) if present else None


def derived_totals(values: Mapping[str, int], report: Mapping[str, Any]) -> dict[str, int]:
    """The derived totals of NUMERIC_FIELDS from the cells already flattened."""
    litigation = ("litigation_direct", "litigation_after_review")
    totals = {
        "denied_total": _sum(values, (F.t3_field(r, "total") for r in F.DENIED_ROWS)),
        "unable_total": _sum(values, (F.t3_field(r, "total") for r in F.UNABLE_ROWS)),
        "rejected_total": _sum(values, (F.t3_field(r, "total") for r in F.REJECTED_ROWS)),
        "review_total": values.get(F.t4_field("review", "total")),
        "review_corrected": values.get(F.t4_field("review", "corrected")),
        "litigation_total": _sum(values, (F.t4_field(g, "total") for g in litigation)),
        "litigation_corrected": _sum(values, (F.t4_field(g, "corrected") for g in litigation)),
        "failed_check_count": len(failed_check_ids(report)),
    }
    return {name: value for name, value in totals.items() if value is not None}


def failed_check_ids(report: Mapping[str, Any]) -> list[str]:
    """Ids of the consistency checks the report fails, without repeats."""
    ids = [str(check.get("id")) for check in report.get("checks") or () if check.get("ok") is False]
    return list(dict.fromkeys(ids))


def requests_bucket(new_requests: int | None) -> str:
    """The request-count bucket of 本年新收 (总计 column)."""
    if new_requests is None:
        return "unknown"
    if new_requests == 0:
        return "0"
    if new_requests < 10:
        return "1-9"
    return "10-99" if new_requests < 100 else "100+"


def outcome_flags(values: Mapping[str, int]) -> list[str]:
    """Review and litigation outcome flags (facet values) from table 四 and table 三."""
    litigation = ("litigation_direct", "litigation_after_review")
    flags = []
    if values.get("review_total", 0) > 0:
        flags.append("has_review")
    for outcome in ("upheld", "corrected", "pending"):
        if values.get(F.t4_field("review", outcome), 0) > 0:
            flags.append(f"has_review_{outcome}")
    if values.get("litigation_total", 0) > 0:
        flags.append("has_litigation")
    for outcome in ("upheld", "corrected", "pending"):
        if any(values.get(F.t4_field(g, outcome), 0) > 0 for g in litigation):
            flags.append(f"has_litigation_{outcome}")
    if values.get("denied_total", 0) > 0:
        flags.append("has_denied")
    return flags


def summary(document: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an index document shown in a result list."""
    return {name: document[name] for name in SUMMARY_FIELDS if name in document}
