"""Run the report parser on archived bytes and turn every possible outcome into a ParseRecord."""

from __future__ import annotations

from analyzers.errors import NotAReport, ReportError
from analyzers.version import PARSER_VERSION
from indexer.archive import ParseRecord, utc_now

NOT_A_REPORT = NotAReport.reason


def parse_bytes(sha256: str, data: bytes, filename: str | None) -> ParseRecord:
    """Parse one document; typed input errors and unexpected crashes both become an error record."""
    try:
        # Imported here so the archive works (and reports a clear failure) without the parser.
        from analyzers.report import parse_report

        report = parse_report(data, filename=filename).to_dict()
    except ReportError as error:
        return ParseRecord(sha256, PARSER_VERSION, utc_now(), None, error.reason, str(error))
    except Exception as error:  # noqa: BLE001 - one bad item must never stop a batch
        message = f"{type(error).__name__}: {error}"
        return ParseRecord(sha256, PARSER_VERSION, utc_now(), None, "parser_crashed", message)
    return ParseRecord(sha256, PARSER_VERSION, utc_now(), report, None, None)


def outcome_of(store_outcome: str, parse: ParseRecord) -> str:
    """The summary label of an item: the parse failure if any, else what archiving did."""
    if parse.ok:
        return store_outcome
    return "not_a_report" if parse.error_reason == NOT_A_REPORT else "failed"
