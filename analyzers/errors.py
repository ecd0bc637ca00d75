"""Typed errors for documents the parser cannot turn into a report, each with a one-line reason."""

from __future__ import annotations


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


class EncryptedDocument(UnreadableDocument):
    """A password-protected PDF, Word, Excel or WPS file: its content cannot be read."""

    reason = "encrypted"


class DocumentTooLarge(UnreadableDocument):
    """More pages, cells or unpacked bytes than a report ever has (a bound, not a parse)."""

    reason = "too_large"
