"""Region, issue tags and keywords from the gazetteer helper's modules (contract 2), when present."""

from __future__ import annotations

import importlib

from analyzers.report.model import empty_region


def _module(name: str):
    """The module if it has been built yet; the parser works (with null fields) without it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def resolve_region(text: str, agency: str | None, title: str | None) -> tuple[dict, list[str]]:
    """Province/city/county/town/code for the report, plus the resolver's warnings."""
    region_module = _module("analyzers.region")
    if region_module is None:
        return empty_region(), []
    try:
        region = region_module.resolve_region(text, agency=agency, title=title)
    except Exception as error:  # a resolver bug must not turn a good report into a crash
        return empty_region(), [f"region: the resolver failed ({error.__class__.__name__})"]
    return region.to_dict(), list(getattr(region, "warnings", ()) or ())


def issues(problems: str | None, with_keywords: bool = True) -> tuple[list[str], list[str]]:
    """Issue tags and top keywords of section 五 (keywords need segmentation, so they can be skipped)."""
    issues_module = _module("analyzers.issues")
    if issues_module is None or not problems:
        return [], []
    try:
        tags = list(issues_module.issue_tags(problems))
        keywords = list(issues_module.issue_keywords(problems)) if with_keywords else []
    except Exception:  # tags are a convenience: a failure leaves them empty, never breaks a parse
        return [], []
    return tags, keywords
