"""The report parser: bytes of an annual report in, the DESIGN §2 structure out."""

from __future__ import annotations

from analyzers.report.model import ParsedReport
from analyzers.report.parser import parse_document, parse_report

__all__ = ["ParsedReport", "parse_document", "parse_report"]
