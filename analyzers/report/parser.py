"""The report parser: blocks -> metadata, sections, tables 二/三/四, checks, tags, warnings."""

from __future__ import annotations

import re
from dataclasses import replace

from analyzers.errors import EmptyDocument, NotAReport, ParserFailure, ReportError, UnreadableDocument
from analyzers.extract import extract_document
from analyzers.extract.blocks import Document
from analyzers.extract.text import MAX_TEXT_CHARS, MAX_TEXT_LINES
from analyzers.report import enrich, metadata
from analyzers.report.checks import table3_checks, table4_checks
from analyzers.report.detached import Mismatch, detached_rows
from analyzers.report.glued import table2_stretches
from analyzers.report.grid import orient_tables
from analyzers.report.lines import Layout, build_layout, region_rows
from analyzers.report.model import ParsedReport, empty_requests
from analyzers.report.numbers import search_budget
from analyzers.report.partial import (TABLES_MISSING, missing_sections_warning, missing_tables, missing_tables_warning,
                                     titled_as_report)
from analyzers.report.sections import SECTION_KEYS, SectionSpan, find_sections
from analyzers.report.table2 import parse_table2, printed_columns
from analyzers.report.table3 import (count_template_rows, detect_format, match_label, not_a_row_label, parse_table3,
                                     shows_row_labels)
from analyzers.report.table3 import rows_add_up as table3_rows_add_up
from analyzers.report.table4 import collect_rows, detached_shape, empty_table4, parse_table4
from analyzers.report.table4 import row_key as table4_row_key
from analyzers.report.table4 import rows_add_up as table4_rows_add_up
from analyzers.report.table4 import rows_fit as table4_rows_fit

_REPORT_WORDS = re.compile(r"信息公开|政务公开")
_TABLE3_WORDS = re.compile(r"本年新收.{0,12}申请|申请人情况")
_TABLE2_2021 = re.compile(r"本年制发|本年废止|现行有效|本年处理决定|本年收费金额")
_TABLE2_2019 = re.compile(r"本年新制作|上一年项目数量|政府集中采购")
_ROWS_2021 = 25  # table 三 rows in the 2021 template (the 2019 one has 23)
# '（一）存在的主要问题：' or '主要问题：' before the first sentence of section 五.
_LEADING_LABEL = re.compile(r"^\s*(?:[（(]\s*[一二三1-3]\s*[)）][^\n。：:]{0,40}?|[^\n。：:，]{0,10}(?:问题|不足))[：:。\n]\s*")
_LAST_PRE_TEMPLATE_YEAR = 2018
# Reports are 0.05 to 20 MB (PDFs with photos the largest). Text, layout and tables cost
# several times the input, so the input is capped well below the 1 GB one document may use.
MAX_INPUT_BYTES = 64 << 20
# A line that starts a web page's footer: never part of a report.
_SITE_FOOTER = re.compile(r"(?:^|\n)[^\n]{0,20}(版权所有|ICP备|网站标识码|主办单位|承办单位|技术支持|网站地图|联系我们|"
                          r"公网安备|Copyright|©)", re.I)
# The page's own links after the report ('附件下载', '打印本页 关闭窗口'), where a text dump
# runs them onto the report's last line: cut so the signature before them is found.
_PAGE_TAIL = re.compile(r"[\s|｜]*【?(?:附件下载|下载附件|打印本页|关闭窗口|打印|关闭)】?(?:[\s|｜]*【?(?:打印本页|关闭窗口|打印|关闭|"
                        r"分享到|收藏)】?)*[\s|｜]*$")
_PAGE_TAIL_REACH = 40  # characters from the end of the report where such links may start
_TABLE_SECTIONS = ("active", "requests", "review")
_SENTENCE_END = re.compile(r"[。！？]")
# The signature closing a report: the agency on its own line(s) (or after a space, where a
# text dump runs the page into one line), then the date.
_SIGNATURE = re.compile(r"(?:\n|(?<=[。；！ \u3000]))(?:[^\n。，；：:]{2,30}\n?){0,2}\s*[（(]?\s*" + metadata.DATE_PATTERN
                        + r"\s*[)）]?\s*(?:[（(][^（()）]{1,12}[)）])?\s*$")
_SIGNATURE_REACH = 2000  # characters from the end where a signature may start


def parse_report(data: bytes, filename: str | None = None, content_type: str | None = None,
                 with_keywords: bool = True) -> ParsedReport:
    """Parse one report's bytes; whatever the bytes, raises nothing but ReportError subclasses
    (an unexpected exception inside becomes a ParserFailure naming it and where it happened)."""
    if len(data) > MAX_INPUT_BYTES:
        raise UnreadableDocument(f"the file has {len(data) >> 20} MB, more than the {MAX_INPUT_BYTES >> 20} MB "
                                 "a report could have")
    try:
        return parse_document(extract_document(data, filename, content_type), with_keywords)
    except ReportError:
        raise
    except Exception as error:  # a bug or an unforeseen shape: one document must not stop a batch
        raise ParserFailure.from_exception(error) from error


def parse_document(document: Document, with_keywords: bool = True) -> ParsedReport:
    """Parse already-extracted blocks (`with_keywords=False` skips segmentation)."""
    with search_budget():  # one fused-run search budget for the whole document
        return _parse_document(document, with_keywords)


def _parse_document(document: Document, with_keywords: bool) -> ParsedReport:
    layout = build_layout(orient_tables(document))
    if not layout.text.strip():
        raise EmptyDocument("the document has no text")
    if len(layout.text) > MAX_TEXT_CHARS or len(layout.lines) > MAX_TEXT_LINES:  # far more than any report
        raise UnreadableDocument(f"the document has {len(layout.text):,} characters in {len(layout.lines):,} lines, "
                                 f"more than a report could have ({MAX_TEXT_CHARS:,} / {MAX_TEXT_LINES:,})")
    spans = _clip_site_footer(layout.text, find_sections(layout.text))
    title = metadata.find_title(layout, document.title_hint)
    partial_only = _require_report(layout.text, spans, title)
    body = _body(layout, spans)
    agency = metadata.agency_from_title(title) or metadata.agency_from_text(body)
    year = metadata.find_year(title, body)
    warnings: list[str] = list(document.notes)  # the converter used, values read by OCR
    tables = _tables(layout, spans, year, warnings)
    sections = _sections(layout, spans, tables.pop("table4_end"))
    region, region_warnings = enrich.resolve_region(body, agency, title)
    tags, keywords = enrich.issues(sections["problems"], with_keywords)
    if partial_only or (tables["format"] is None and titled_as_report(title, layout.text)
                        and (year or 0) > _LAST_PRE_TEMPLATE_YEAR):
        named = any(w.startswith("partial: table") for w in warnings)
        warnings.extend(w for w in (None if named else TABLES_MISSING, missing_sections_warning(sections)) if w)
    if title is None:
        warnings.append("title: no title line found")
    if year is None:
        warnings.append("year: the covered year could not be found")
    return ParsedReport(
        title=title, agency=agency, year=year,
        published_on=metadata.find_published_on(_report_text(layout.text, spans), document.date_hint, year),
        format=tables["format"], source_format=document.source_format, region=region,
        sections=sections, active_disclosure=tables["active"], requests=tables["requests"],
        review_litigation=tables["review"], checks=tuple(tables["checks"]),
        issue_tags=tuple(tags), issue_keywords=tuple(keywords),
        warnings=tuple(warnings + region_warnings),
    )


def _clip_site_footer(text: str, spans: dict[str, SectionSpan]) -> dict[str, SectionSpan]:
    """End the last section where the web page's footer begins (版权所有, ICP备…), so the
    site's own text is neither section 六 nor taken for the closing signature."""
    if not spans:
        return spans
    last = list(spans.values())[-1]
    footer = _SITE_FOOTER.search(text, last.body_start, last.end)
    end = last.end if footer is None else footer.start()
    chrome = _PAGE_TAIL.search(text, max(last.body_start, end - _PAGE_TAIL_REACH), end)
    end = end if chrome is None else chrome.start()
    return spans if end == last.end else {**spans, last.key: replace(last, end=end)}


def _report_text(text: str, spans: dict[str, SectionSpan]) -> str:
    """The text up to the end of the last section (site footer left out)."""
    return text[:list(spans.values())[-1].end] if spans else text


def _require_report(text: str, spans: dict[str, SectionSpan], title: str | None) -> bool:
    """An annual report talks about 信息公开 and has some of the six sections or table 三;
    a page titled as one without them is a partial report (True), anything else is refused."""
    looks_like_one = len(spans) >= 2 or bool(_TABLE3_WORDS.search(text))
    if _REPORT_WORDS.search(text) and looks_like_one:
        return False
    if titled_as_report(title, text):
        return True
    raise NotAReport("the text is not a 政府信息公开工作年度报告 (no report sections found)")


def _body(layout: Layout, spans: dict[str, SectionSpan]) -> str:
    """The text from the first heading on (skips page chrome), with the preamble kept short."""
    first = min((span.heading_start for span in spans.values()), default=0)
    return layout.text[max(0, first - 600):]


def _region(spans: dict[str, SectionSpan], key: str) -> tuple[int, int] | None:
    span = spans.get(key)
    return (span.body_start, span.end) if span else None


def _tables(layout: Layout, spans: dict[str, SectionSpan], year: int | None, warnings: list[str]) -> dict:
    """Tables 二/三/四 and their checks, or empty tables for pre-2019 reports."""
    empty = {"format": None, "active": {}, "requests": empty_requests(), "review": empty_table4(),
             "checks": [], "table4_end": None}
    if year is not None and year <= _LAST_PRE_TEMPLATE_YEAR:
        warnings.append(f"format: the report covers {year}, before the 2019 template; tables not parsed")
        return empty
    requests_region = _region(spans, "requests") or _headless_table3(layout.text, spans)
    if requests_region is None:
        warnings.append("format: table 三 not found; tables not parsed")
        return empty
    rows = region_rows(layout, *requests_region)
    template = _template(layout, spans, requests_region, rows)
    paired, template, unpaired = _detached(layout, requests_region, template)
    table3 = parse_table3([] if unpaired else paired or rows, template)
    warnings.extend([unpaired] if unpaired else [])
    warnings.extend(table3.warnings)
    active, active_warnings = _table2(layout, spans, template, requests_region[0])
    warnings.extend(active_warnings)
    review, table4_end, table4_shown = _table4(layout, spans, warnings)
    table3_shown = bool(table3.rows or unpaired) or shows_row_labels(layout.text[slice(*requests_region)])
    missing = missing_tables(table3_shown, active, active_warnings, table4_shown)
    if "三" in missing:  # table 三 not in the text: only table 二 can show the template
        template = _template_of_table2(layout, spans) if "二" not in missing else None
        warnings.append(missing_tables_warning(missing))
    checks = table3_checks(table3.rows, template) + table4_checks(review)
    for check in checks:
        if not check["ok"]:
            warnings.append(f"check failed: {check['message_en']}")
    return {"format": template, "active": active, "requests": table3.to_dict(),
            "review": review or empty_table4(), "checks": checks, "table4_end": table4_end}


def _detached(layout: Layout, region: tuple[int, int], template: str) -> tuple[list | None, str, str | None]:
    """Table 三's labels paired with its number rows when they are printed apart, the
    template whose row count the pairing fits (its 其他处理 row is a row in 2019 only), and
    the reason when they are printed apart in counts no template fits."""
    problem = None
    # the 2021 sub-row labels settle the template; without them either may fit
    sure = detect_format(layout.text[slice(*region)]) == "2021"
    for candidate in ("2021",) if sure else ("2019", "2021"):
        try:
            paired = detached_rows(layout, *region, match_label,
                                   lambda label, chosen=candidate: not_a_row_label(label, chosen),
                                   single=(lambda labels: True, table3_rows_add_up))
        except Mismatch as mismatch:
            problem = problem or str(mismatch)
            continue
        if paired:
            return paired, candidate, None
    return None, template, problem


def _headless_table3(text: str, spans: dict[str, SectionSpan]) -> tuple[int, int] | None:
    """Table 三 whose heading is missing: from its first row label to the next heading."""
    match = _TABLE3_WORDS.search(text)
    if match is None:
        return None
    following = [span.heading_start for span in spans.values() if span.heading_start > match.start()]
    return match.start(), min(following, default=len(text))


def _template(layout: Layout, spans: dict[str, SectionSpan], requests_region: tuple[int, int],
              rows: list) -> str:
    """2019 vs 2021 from the tables: table 三's 其他处理 sub-rows or its row count (25 vs 23),
    else table 二's column names."""
    if detect_format(layout.text[slice(*requests_region)]) == "2021":
        return "2021"
    if count_template_rows(rows) >= _ROWS_2021:
        return "2021"
    return _template_of_table2(layout, spans) or "2019"


def _template_of_table2(layout: Layout, spans: dict[str, SectionSpan]) -> str | None:
    """The template table 二's column names show, or None without section 二."""
    active_region = _region(spans, "active")
    if active_region is None:
        return None
    active_text = layout.text[slice(*active_region)]
    return "2021" if _TABLE2_2021.search(active_text) and not _TABLE2_2019.search(active_text) else "2019"


def _table2(layout: Layout, spans: dict[str, SectionSpan], template: str,
            table3_start: int) -> tuple[dict, list[str]]:
    """Table 二 from section 二, or (heading missing) from the text before table 三."""
    region = _region(spans, "active")
    if region is None:
        overview = spans.get("overview")
        begin = overview.body_start if overview and overview.body_start < table3_start else 0
        region = (begin, table3_start)
    return parse_table2(region_rows(layout, *region), template, printed_columns(layout.text[slice(*region)]))


def _table4(layout: Layout, spans: dict[str, SectionSpan],
            warnings: list[str]) -> tuple[dict | None, int | None, bool]:
    """Table 四, the offset where the text after it starts, and whether its numbers are in
    the text at all."""
    region = _region(spans, "review")
    if region is None:
        warnings.append("table4: section 四 not found")
        return None, None, False
    try:
        paired = detached_rows(layout, *region, table4_row_key, lambda label: False, "table4", detached_shape,
                               single=(table4_rows_fit, table4_rows_add_up))
    except Mismatch as mismatch:
        warnings.append(f"{mismatch}")
        return None, None, True
    rows = paired or collect_rows(region_rows(layout, *region))
    review, problems = parse_table4(rows)
    warnings.extend(problems)
    if not rows:
        return review, None, False
    line_end = layout.text.find("\n", rows[-1].start)
    return review, (len(layout.text) if line_end < 0 else line_end + 1), True


def _prose(layout: Layout, begin: int, end: int) -> str | None:
    """The paragraph text in [begin, end): table rows are left out (they live in the tables)."""
    parts = [layout.text[max(begin, line.start):min(end, line.end)] for line in layout.lines
             if line.cells is None and line.end > begin and line.start < end]
    return "\n".join(p.strip() for p in parts if p.strip()) or None


def _prose_around(layout: Layout, begin: int, end: int, cuts: list[tuple[int, int]]) -> str | None:
    """The prose of [begin, end) with the `cuts` (tables run into its text) left out."""
    pieces, position = [], begin
    for cut_start, cut_end in cuts + [(end, end)]:
        pieces.append(_prose(layout, position, cut_start))
        position = cut_end
    return "\n".join(piece for piece in pieces if piece) or None


def _without_signature(text: str) -> str:
    """The text with its closing signature cut. The signature sits in the last few hundred
    characters, and trying the pattern at every line of a long section costs seconds."""
    match = _SIGNATURE.search(text, max(0, len(text) - _SIGNATURE_REACH))
    return text if match is None else text[:match.start()] + text[match.end():]


def _sections(layout: Layout, spans: dict[str, SectionSpan], table4_end: int | None) -> dict:
    """Section texts; section 五 without a heading is the text after table 四."""
    sections: dict = dict.fromkeys(SECTION_KEYS)
    bounds = {key: (span.body_start, span.end) for key, span in spans.items()}
    review = spans.get("review")
    if "problems" not in spans and review is not None and table4_end is not None and table4_end < review.end:
        bounds["review"] = (review.body_start, table4_end)
        bounds["problems"] = (table4_end, review.end)
    for key, (begin, end) in bounds.items():
        cuts = table2_stretches(layout.text, begin, end) if key == "active" else []
        sections[key] = _prose_around(layout, begin, end, cuts)
        if key in _TABLE_SECTIONS and sections[key] and not _SENTENCE_END.search(sections[key]):
            sections[key] = None  # only table headers and cells run together: no prose
    if sections["problems"]:
        sections["problems"] = _LEADING_LABEL.sub("", sections["problems"], count=1).strip() or None
    last = next((key for key in reversed(SECTION_KEYS) if sections[key]), None)
    if last:
        sections[last] = _without_signature(sections[last]).strip() or None
    return sections
