"""Report metadata from the first and last lines: title, agency, year, publication date."""

from __future__ import annotations

import datetime as dt
import re

from analyzers.report.lines import Layout

_TITLE = re.compile(r"(政府信息公开|政务公开|信息公开).{0,14}(年度报告|年报|工作的?报告|情况的?报告)")
_LEADING_TITLE_CHARS = 80
_FIELD_LABEL = re.compile(r"^(标题|题名|名称|文件名称)\s*[:：]\s*")  # a page's metadata label
# A title line cut after its year or mid-phrase: the rest follows on the next line(s).
_TITLE_BREAK = re.compile(r"((?:19|20)\d{2}\s*年度?|政府信息|政务|工作)$")
_SITE_SUFFIX = re.compile(r"\s*[-_|｜—]+\s*[^-_|｜—]*$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE_TAIL = re.compile(r"\s*[（(]?\s*((?:19|20)\d{2}\s*年度?)?\s*[)）]?\s*(关于)?\s*(政府信息公开|政务公开|信息公开).*$")
_AGENCY_SUFFIX = r"(人民政府办公厅|人民政府办公室|人民政府|管理委员会|管委会|委员会|办公厅|办公室|街道办事处|街道|局|镇|乡|厅|委|院|署|中心|所|站|区|县|市)"
_AGENCY_IN_TEXT = re.compile(r"(?:19|20)\d{2}\s*年度?[，,]\s*(?:在[^，。]{2,20}下[，,]\s*)?([\u4e00-\u9fff]{2,16}?" + _AGENCY_SUFFIX + ")")
_SIGNATURE_AGENCY = re.compile(r"(?:^|\n)\s*([\u4e00-\u9fff（）()]{2,30}?" + _AGENCY_SUFFIX + r")\s*\n\s*"
                               r"(?:19|20)\d{2}\s*(?:年|[-/.])[^\n]{0,12}\s*$")
_LABELLED_DATE = re.compile(r"(发布时间|发布日期|公开日期|成文日期)\s*[:：]?\s*((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
# Any written date: 2024年1月20日, 2024-01-20, 2024/1/20, 2024.1.20 (the separators agree).
_CN_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([-/.])(\d{1,2})\4(\d{1,2})(?!\d))")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_PERIOD_YEAR = re.compile(r"(统计期限|统计时限|统计期间|统计时间|统计时段|统计周期|数据统计|报告期)[^。]{0,8}?"
                          r"((?:19|20)\d{2})\s*年")
# A whole-year range with no label: '2023年1月1日至（2023年）12月31日'.
_RANGE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*起?\s*(?:至|到|—|－|-|~|～)")


_CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# A written date in any of its forms (Arabic, separators, Chinese numerals), as regex text
# to embed; its one capturing group is the separator, which must repeat.
DATE_PATTERN = (r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}([-/.])\d{1,2}\1\d{1,2}"
                r"|[二][〇○零ＯO一二三四五六七八九]{3}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日)")
_CN_YEAR = re.compile("([二][〇○零ＯO一二三四五六七八九]{3})(?=\\s*年)")
_CN_MONTH_DAY = re.compile(r"(?<=年)\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")


def _cn_number(text: str) -> str:
    """'十' -> 10, '二十一' -> 21, '九' -> 9 (months and days only)."""
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else text
    return str(int(_CN_DIGITS.get(tens, "1") if tens else "1") * 10 + int(_CN_DIGITS.get(units, "0") or 0))


def arabic_years(text: str) -> str:
    """'二〇二三年' -> '2023年', and '2024年一月二十日' -> '2024年1月20日': titles and signatures
    often write dates in Chinese numerals."""
    text = _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[ch] for ch in m.group(1)), text)
    return _CN_MONTH_DAY.sub(lambda m: f"{_cn_number(m.group(1))}月{_cn_number(m.group(2))}日", text)


def _date_parts(match: re.Match) -> tuple[str, str, str]:
    """(year, month, day) of a _CN_DATE match, whichever form it took."""
    year, month, day, _, month2, day2 = match.groups()
    return year, month or month2, day or day2


def _without_site_suffixes(hint: str) -> str:
    """A page title without the site's suffixes ('…年度报告_年度报告_某县人民政府'): each
    '_…' or '-…' part cut from the end while what is left still names a report."""
    while True:
        cut = _SITE_SUFFIX.sub("", hint)
        if cut == hint or not _TITLE.search(cut):
            return hint
        hint = cut


def find_title(layout: Layout, hint: str | None) -> str | None:
    """The report's title: the crawler/HTML title if it names a report, else the first title-like lines."""
    if hint:
        cleaned = _without_site_suffixes(hint)
        if _TITLE.search(cleaned):
            return cleaned.strip()
    lines = [_FIELD_LABEL.sub("", line.text.strip()) for line in layout.lines[:40]
             if line.cells is None and line.text.strip()]
    for index, text in enumerate(lines[:25]):
        if len(text) > 60 and index < 3:
            title = _leading_title(text)  # a crawler dump with the whole report on one line
        elif len(text) > 60 or "。" in text:
            continue
        else:
            title = _title_from(lines, index)
        if title is None or _listed_before_another(lines, index, title):
            continue
        previous = lines[index - 1] if index else ""
        if previous and len(previous) <= 20 and re.search(_AGENCY_SUFFIX + r"$", previous) \
                and agency_from_title(title) is None:
            title = previous + title
        return title
    return None


def _listed_before_another(lines: list[str], index: int, title: str) -> bool:
    """A title directly followed by another report title is one of a list of reports
    (a sidebar or 'related articles' above the article), not the article's own."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return following != title and len(following) <= 60 and bool(_TITLE.search(following)) \
        and following.endswith("报告") and _YEAR.search(following) is not None


def _leading_title(text: str) -> str | None:
    """The title at the very start of a long line, up to its '…年度报告'."""
    match = _TITLE.search(text[:_LEADING_TITLE_CHARS])
    if match is None or "。" in text[:match.end()]:
        return None
    return text[:match.end()].strip()


def _title_from(lines: list[str], index: int) -> str | None:
    """The title starting at line `index`: the line itself, or it joined with the one or two
    short lines a title wrapped onto ('…2023年度' + '政府信息公开工作年度报告')."""
    text = lines[index]
    if _TITLE.search(text) and text.endswith("报告"):
        return text
    if not ("信息公开" in text or _TITLE_BREAK.search(text)):
        return None
    joined = text
    for following in lines[index + 1:index + 3]:
        if len(following) > 20 or "。" in following:
            break
        joined += following
        if _TITLE.search(joined):
            return joined
    return text if _TITLE.search(text) else None


def agency_from_title(title: str | None) -> str | None:
    """The reporting body as the title names it: the text before the year or '政府信息公开'."""
    if not title:
        return None
    body = re.sub(r"^\s*(?:19|20)\d{2}\s*年度?\s*", "", arabic_years(title))
    body = re.sub(r"\s+", "", body)
    year = _YEAR.search(body)
    head = body[: year.start()] if year and year.start() > 1 else _TITLE_TAIL.sub("", body)
    head = re.sub(r"^关于|(关于|的)$", "", head.strip(" ：:（("))
    return head if 2 <= len(head) <= 40 else None


def agency_from_text(text: str) -> str | None:
    """Fallback when the title names no body: '2020年，潘庄镇在…' in the overview, else the
    signature line above the closing date."""
    match = _AGENCY_IN_TEXT.search(text[:1500])
    if match:
        return match.group(1)
    signature = _SIGNATURE_AGENCY.search(arabic_years(text[-200:]))
    return signature.group(1) if signature else None


def find_year(title: str | None, text: str) -> int | None:
    """The covered year: from the title, else the statistics period, else the overview."""
    title, text = arabic_years(title or ""), arabic_years(text[:5000])
    for source, pattern in ((title, _YEAR), (text, _PERIOD_YEAR), (text, _RANGE_YEAR), (text[:3000], _YEAR)):
        match = pattern.search(source)
        if match:
            year = int(match.group(match.lastindex or 1))
            if 1990 <= year <= 2100:
                return year
    return None


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def find_published_on(text: str, hint: str | None, year: int | None) -> str | None:
    """The publication date: a labelled page date, else the signature date at the end."""
    if hint:
        match = _ISO_DATE.search(hint) or _CN_DATE.search(arabic_years(hint))
        if match:
            return _iso(*(match.groups() if match.re is _ISO_DATE else _date_parts(match)))
    labelled = _LABELLED_DATE.search(text)
    if labelled:
        return _iso(*labelled.groups()[1:])
    tail, head = arabic_years(text[-300:]), arabic_years(text[:400])
    candidates = list(_CN_DATE.finditer(tail)) or list(_CN_DATE.finditer(head))
    for match in reversed(candidates):
        if year is None or int(match.group(1)) > year:
            return _iso(*_date_parts(match))
    return None
