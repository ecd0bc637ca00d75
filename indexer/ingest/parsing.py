"""Run the report parser on archived bytes and turn every possible outcome into a ParseRecord."""

from __future__ import annotations

from analyzers.errors import NotAReport, ReportError
from analyzers.version import PARSER_VERSION
from indexer.archive import ParseRecord, utc_now

NOT_A_REPORT = NotAReport.reason
PARSER_CRASHED = "parser_crashed"

# Plain words for the kinds of unexpected errors a hostile file can provoke; the archivist
# reads these, so no Python exception name reaches the CLI or the catalog.
_PLAIN_KINDS: tuple[tuple[type[BaseException], str], ...] = (
    (OverflowError, "a number too large to handle"),
    (RecursionError, "nesting too deep to follow"),
    (MemoryError, "a document too large for memory"),
    (ZeroDivisionError, "a division by zero"),
    (UnicodeError, "text in an unreadable encoding"),
    (LookupError, "a missing part it expected"),
    (TimeoutError, "a step that took too long"),
)


def unexpected_reason(error: BaseException) -> str:
    """A plain one-line message for an error the parser did not type (never the exception's name)."""
    words = next((text for kind, text in _PLAIN_KINDS if isinstance(error, kind)), "an unexpected problem")
    detail = " ".join(str(error).split())[:300]
    return f"the parser stopped on {words}" + (f" ({detail})" if detail else "")


def parse_bytes(sha256: str, data: bytes, filename: str | None) -> ParseRecord:
    """Parse one document; typed input errors and unexpected crashes both become an error record."""
    try:
        # Imported here so the archive works (and reports a clear failure) without the parser.
        from analyzers.report import parse_report

        report = parse_report(data, filename=filename).to_dict()
    except ReportError as error:
        return ParseRecord(sha256, PARSER_VERSION, utc_now(), None, error.reason, str(error))
    except Exception as error:  # noqa: BLE001 - one bad item must never stop a batch
        return ParseRecord(sha256, PARSER_VERSION, utc_now(), None, PARSER_CRASHED, unexpected_reason(error))
    return ParseRecord(sha256, PARSER_VERSION, utc_now(), report, None, None)


def outcome_of(store_outcome: str, parse: ParseRecord) -> str:
    """The summary label of an item: the parse failure if any, else what archiving did."""
    if parse.ok:
        return store_outcome
    return "not_a_report" if parse.error_reason == NOT_A_REPORT else "failed"
