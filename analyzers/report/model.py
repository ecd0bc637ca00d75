"""The parsed report: a frozen value object whose `to_dict()` is the JSON of DESIGN §2."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from analyzers.report.sections import SECTION_KEYS
from analyzers.report.table3 import COLUMNS, ROW_KEYS
from analyzers.report.table4 import empty_table4


def empty_region() -> dict:
    """A region with every level unknown."""
    return {"province": None, "city": None, "county": None, "town": None, "code": None}


def empty_requests() -> dict:
    """Table 三 with every cell null (the fixed keys, always present)."""
    return {"columns": list(COLUMNS), "rows": {key: [None] * 7 for key in ROW_KEYS}}


@dataclass(frozen=True)
class ParsedReport:
    """Everything the parser read from one annual report."""

    title: str | None
    agency: str | None
    year: int | None
    published_on: str | None
    format: str | None
    source_format: str
    region: dict = field(default_factory=empty_region)
    sections: dict = field(default_factory=lambda: dict.fromkeys(SECTION_KEYS))
    active_disclosure: dict = field(default_factory=dict)
    requests: dict = field(default_factory=empty_requests)
    review_litigation: dict = field(default_factory=empty_table4)
    checks: tuple[dict, ...] = ()
    issue_tags: tuple[str, ...] = ()
    issue_keywords: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict (DESIGN §2 plus `source_format`)."""
        return {
            "title": self.title,
            "agency": self.agency,
            "region": dict(self.region),
            "year": self.year,
            "published_on": self.published_on,
            "format": self.format,
            "sections": dict(self.sections),
            "active_disclosure": self.active_disclosure,
            "requests": self.requests,
            "review_litigation": self.review_litigation,
            "checks": [dict(check) for check in self.checks],
            "issue_tags": list(self.issue_tags),
            "issue_keywords": list(self.issue_keywords),
            "warnings": list(self.warnings),
            "source_format": self.source_format,
        }

    def check(self, check_id: str) -> dict | None:
        """The check with this id, if it was computed."""
        return next((c for c in self.checks if c["id"] == check_id), None)
