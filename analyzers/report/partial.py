"""Partial reports: a page titled as an annual report whose tables (or body) are not in its
text (images, cut off, an attachment not fetched) is still a report, with a warning.

Only a title that *is* a report's title counts: '<agency><year>年政府信息公开工作年度报告'.
A title that mentions one (a notice about compiling them, a news item about publishing
one, a column of them) does not, and a page listing several report titles is a listing.
"""

from __future__ import annotations

import re

from analyzers.report.metadata import arabic_years

# The whole title: an optional agency, a year, then the report's name and nothing else.
_REPORT_TITLE = re.compile(r"^(?P<agency>[^，。；：:、]{0,40}?)[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?\s*"
                           r"(?:度)?(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)$")
# Or the year first: '2022年度某市某区政府信息公开工作年度报告'.
_YEAR_FIRST_TITLE = re.compile(r"^(?:19|20)\d{2}\s*年度?(?P<agency>[^，。；：:、\d]{2,40}?)"
                               r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)$")
# A version named after the title: '…年度报告（全文）'.
_VERSION_SUFFIX = re.compile(r"[（(](?:全文|正文|文字版|图文版|简本|终稿)[)）]$")
# Words of a title that talks about reports instead of being one.
_ABOUT_REPORTS = re.compile(r"关于|通知|印发|发布|公布|转发|解读|图解|目录|列表|专栏|要点|做好|编制|报送|评估|检查|通报|情况的说明")
_LISTED_TITLE = re.compile(r"(?m)^.{0,40}(?:19|20)\d{2}\s*年度?.{0,6}(?:政府信息公开|政务公开).{0,6}(?:报告|年报)\s*$")
_LISTING_TITLES = 3  # this many distinct report titles on their own lines make a listing
TABLES_MISSING = ("partial: tables 二/三/四 are not in the text (printed as images, cut off, or in an "
                  "attachment that was not fetched); their numbers are left null")


def titled_as_report(title: str | None, text: str) -> bool:
    """Whether `title` is an annual report's own title and the page is not a list of reports."""
    if not title:
        return False
    normalised = _VERSION_SUFFIX.sub("", re.sub(r"\s+", "", arabic_years(title)))
    match = _REPORT_TITLE.match(normalised) or _YEAR_FIRST_TITLE.match(normalised)
    if match is None or _ABOUT_REPORTS.search(normalised):
        return False
    listed = {re.sub(r"\s+", "", line) for line in _LISTED_TITLE.findall(arabic_years(text))}
    return len(listed) < _LISTING_TITLES


def missing_sections_warning(sections: dict) -> str | None:
    """Name the sections the text lacks, or None when all six are there."""
    absent = [key for key, value in sections.items() if not value]
    if not absent:
        return None
    return f"partial: sections not in the text: {', '.join(absent)}"


_TABLE_NAMES = ("二", "三", "四")


def missing_tables(table3_shown: bool, active: dict, active_warnings: list[str], table4_shown: bool) -> list[str]:
    """The tables that are nowhere in the text although the report has them: 三 when
    neither a row nor its labels were read, 二 when none of its items holds a value (and
    none was unreadable), 四 when its section holds no number."""
    missing = []
    if not any(value is not None for item in active.values() for value in item.values()) and not active_warnings:
        missing.append("二")
    if not table3_shown:
        missing.append("三")
    if not table4_shown:
        missing.append("四")
    return missing


def missing_tables_warning(missing: list[str]) -> str | None:
    """The warning naming the tables not in the text, or None when all are there."""
    if not missing:
        return None
    if list(missing) == list(_TABLE_NAMES):
        return TABLES_MISSING
    which = "/".join(missing)
    if len(missing) == 1:
        return (f"partial: table {which} is not in the text (printed as an image, cut off, or in an attachment "
                "that was not fetched); its numbers are left null")
    return (f"partial: tables {which} are not in the text (printed as images, cut off, or in an attachment "
            "that was not fetched); their numbers are left null")

