"""Synthetic corpus generator: realistic annual reports with known truth, in TXT/HTML/DOCX/PDF."""

from indexer.synth.report import FORMATS, SYNTHETIC_MARK, SyntheticReport, generate_reports, make_report

__all__ = ["FORMATS", "SYNTHETIC_MARK", "SyntheticReport", "generate_reports", "make_report"]
