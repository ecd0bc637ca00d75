"""Compare parsed reports with hand-checked gold labels (NN.src + NN.gold.json pairs)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from analyzers.errors import ReportError
from analyzers.report.agency import short_forms
from analyzers.report.parser import parse_report

_T3_FIELDS = {
    "t3_new_total": ("new", 6), "t3_carried_over_total": ("carried_over", 6),
    "t3_granted_total": ("granted", 6), "t3_partial_total": ("partial", 6),
    "t3_processed_total": ("processed_total", 6), "t3_carried_forward_total": ("carried_forward", 6),
    "t3_new_natural_person": ("new", 0),
}
_T4_ORDER = [(g, o) for g in ("review", "litigation_direct", "litigation_after_review")
             for o in ("upheld", "corrected", "other", "pending", "total")]
_NOT_LABELS = {"source", "shape", "notes"}


def _squash(text: str | None) -> str:
    return "".join((text or "").split())


def _actual(key: str, report: dict, strict: bool = False):
    """The parsed value a gold key is compared with (see the corpus README)."""
    if key in ("agency", "year", "format"):
        return report.get(key)
    if key in _T3_FIELDS:
        row, column = _T3_FIELDS[key]
        return report["requests"]["rows"][row][column]
    if key == "t4":
        return [report["review_litigation"][g][o] for g, o in _T4_ORDER]
    if key == "t3_identity_holds":
        check = next((c for c in report["checks"] if c["id"] == "t3_identity_total"), None)
        return None if check is None else check["ok"]
    if key == "town_or_agency_short":
        regions = [report["region"].get(level) for level in ("province", "city", "county", "town")]
        agency = report.get("agency")
        return ([agency] if strict else short_forms(agency)) + regions
    if key == "issues_text_first_sentence":
        return report["sections"].get("problems")
    raise KeyError(key)


def _matches(key: str, expected, actual) -> bool:
    if key == "town_or_agency_short":
        return any(expected in _squash(v) for v in actual if v)
    if key == "issues_text_first_sentence":
        return _squash(actual).startswith(_squash(expected))
    if key == "agency":
        return _squash(actual) == _squash(expected)
    return actual == expected


@dataclass(frozen=True)
class FieldResult:
    """One labelled field of one report: matched or not, with both values."""

    report: str
    key: str
    expected: object
    actual: object
    ok: bool


def evaluate_pair(name: str, source: bytes, gold: dict, strict: bool = False) -> list[FieldResult]:
    """Every labelled field of one report; a parse error fails them all.

    `strict` compares short names with the agency as printed only, without its standard
    abbreviations (人民政府 -> 政府, 发展和改革 -> 发改, ...)."""
    try:
        report = parse_report(source, name, with_keywords=False).to_dict()
    except ReportError as error:
        return [FieldResult(name, k, v, f"error: {error.reason}", False) for k, v in gold.items()
                if k not in _NOT_LABELS]
    results = []
    for key, expected in gold.items():
        if key in _NOT_LABELS:
            continue
        actual = _actual(key, report, strict)
        results.append(FieldResult(name, key, expected, actual, _matches(key, expected, actual)))
    return results


def iter_pairs(directory: Path) -> Iterator[tuple[str, bytes, dict]]:
    """(name, source bytes, gold dict) for each NN.src that has an NN.gold.json."""
    for gold_path in sorted(directory.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        source = directory / f"{name}.src"
        if source.exists():
            yield name, source.read_bytes(), json.loads(gold_path.read_text(encoding="utf-8"))


def evaluate_directory(directory: Path, progress: Callable[[FieldResult], None] | None = None,
                       strict: bool = False) -> list[FieldResult]:
    """Evaluate every pair in `directory`; `progress` sees each field result."""
    results: list[FieldResult] = []
    for name, source, gold in iter_pairs(directory):
        for result in evaluate_pair(name, source, gold, strict):
            results.append(result)
            if progress:
                progress(result)
    return results
