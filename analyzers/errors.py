"""Typed errors for documents the parser cannot turn into a report, each with a one-line reason."""

from __future__ import annotations

import traceback


class ReportError(Exception):
    """Base of every error the extraction and parsing layers raise on bad input.

    `reason` is a short machine-readable slug (stored in the catalog and used in
    summaries); `str(error)` is the one-line human message; `exit_code` is what the
    CLI returns for it.
    """

    reason = "unreadable"
    exit_code = 3

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EmptyDocument(ReportError):
    """The input has no bytes, or no text at all once extracted."""

    reason = "empty"
    exit_code = 3


class UnreadableDocument(ReportError):
    """The bytes are binary junk, a truncated or corrupt DOCX/PDF, or an unknown type."""

    reason = "unreadable"
    exit_code = 4


class NoTextLayer(ReportError):
    """A PDF whose pages carry no text (a scan); OCR is out of scope."""

    reason = "no_text_layer"
    exit_code = 5


class NotAReport(ReportError):
    """Readable text that is not a 政府信息公开工作年度报告."""

    reason = "not_a_report"
    exit_code = 6


class ParserFailure(ReportError):
    """The parser itself failed on this input (a bug, or an input shape nobody foresaw).

    Raised instead of the raw exception so that one document never stops a batch; the
    message names the exception, where it happened and its text, and `__cause__` keeps the
    original traceback for whoever logs it.
    """

    reason = "parser_error"
    exit_code = 7

    @classmethod
    def from_exception(cls, error: BaseException) -> ParserFailure:
        """The failure for an unexpected exception: its type, where it was raised, its text."""
        frames = traceback.extract_tb(error.__traceback__)
        ours = [frame for frame in frames if "/analyzers/" in frame.filename.replace("\\", "/")]
        places = [_place(frame) for frame in (frames[-1:] + ours[-1:])]
        where = " called from ".join(dict.fromkeys(places)) or "the parser"
        text = " ".join(str(error).split())[:200] or "no message"
        return cls(f"unexpected {type(error).__name__} at {where}: {text}")


def _place(frame: traceback.FrameSummary) -> str:
    """'analyzers/report/table3.py:98 (read_values)', or the library path's last two parts."""
    path = frame.filename.replace("\\", "/")
    short = "analyzers/" + path.rsplit("/analyzers/", 1)[1] if "/analyzers/" in path else "/".join(path.split("/")[-2:])
    return f"{short}:{frame.lineno} ({frame.name})"


class EncryptedDocument(UnreadableDocument):
    """A password-protected PDF, Word, Excel or WPS file: its content cannot be read."""

    reason = "encrypted"


class DocumentTooLarge(UnreadableDocument):
    """More pages, cells or unpacked bytes than a report ever has (a bound, not a parse)."""

    reason = "too_large"
