"""Copied text: sentence hashing of a report's narrative, compared with other reports.

A report's narrative (sections 一..六) is cut into sentences (clauses, in fact: at
。！？；，： and line ends); pieces shorter than MIN_CHARS (headings such as （一）主动公开)
and runs of table cells left in the text are left out. Each
sentence gets two 64-bit keys: `key` with every digit run masked (a passage copied with
only its year or counts updated still matches) and `exact` with the digits kept (a
sentence whose numbers did not change either). Shares are measured in characters.
Why sentences and not MinHash: docs/across-years.md (measured).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from array import array
from dataclasses import dataclass
from typing import Mapping

from analyzers.years.series import NARRATIVE_KEYS

SENTENCE_CACHE = 4096  # narratives whose sentences are remembered (~10 KB each)

MIN_CHARS = 8
MIN_FIGURES = 3
COPIED_SHARE = 0.6  # measured: copied synthetic reports >= 0.78, fresh ones <= 0.58 (docs/across-years.md)
MAX_DIGIT_SHARE = 0.25  # a run of table cells left in the text is not prose
# Cut at clause ends too (，：), so one edited phrase does not hide the rest of a long sentence.
SENTENCE_RE = re.compile(r"[^。！？；!?;，,：:\n]+[。！？；!?;，,：:]?")
DIGITS_RE = re.compile(r"\d+")
SPACE_RE = re.compile(r"\s+")
# A number other than a year (2023年) or an ordinal (1.) makes a sentence's figures worth comparing.
FIGURE_RE = re.compile(r"(?<!\d)(?!(?:19|20)\d\d年)\d+(?![\d.、])")
TABLE_NAMES = {"requests": ("表三", "table 三"), "review_litigation": ("表四", "table 四"),
               "active_disclosure": ("表二", "table 二")}


@dataclass(frozen=True)
class Fingerprint:
    """A report's sentences as parallel arrays: masked key, exact key, length, has figures."""

    keys: array
    exact: array
    lengths: array
    figures: array

    @property
    def total(self) -> int:
        """Characters of narrative counted."""
        return sum(self.lengths)


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True)


def sentences(parse: Mapping) -> list[str]:
    """The narrative's counted sentences, in order (the indices spans refer to)."""
    sections = parse.get("sections") or {}
    return list(_sentences(tuple((sections.get(key) or "") for key in NARRATIVE_KEYS)))


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _sentences(texts: tuple[str, ...]) -> tuple[str, ...]:
    """The counted sentences of the narrative sections' texts; remembered for the most
    recent SENTENCE_CACHE narratives, as one years run splits the same report several
    times (its fingerprint when loaded, its unit's and its neighbours' passages)."""
    found = []
    for text in texts:
        for match in SENTENCE_RE.finditer(unicodedata.normalize("NFKC", text)):
            sentence = SPACE_RE.sub("", match.group())
            digits = sum(c.isdigit() for c in sentence)
            if len(sentence) >= MIN_CHARS and digits <= MAX_DIGIT_SHARE * len(sentence):
                found.append(sentence)
    return tuple(found)


def fingerprint(parse: Mapping) -> Fingerprint:
    """The keys and lengths of the narrative's sentences."""
    texts = sentences(parse)
    stripped = [text.rstrip("。！？；!?;，,：:") for text in texts]
    return Fingerprint(
        array("q", (_hash(DIGITS_RE.sub("#", s)) for s in stripped)),
        array("q", (_hash(s) for s in stripped)),
        array("l", (len(s) for s in texts)),
        array("b", (1 if FIGURE_RE.search(s) else 0 for s in stripped)),
    )


def spans(flags: list[bool]) -> list[list[int]]:
    """Runs of flagged sentence indices as [start, end) pairs."""
    runs: list[list[int]] = []
    for i, flag in enumerate(flags):
        if flag and runs and runs[-1][1] == i:
            runs[-1][1] = i + 1
        elif flag:
            runs.append([i, i + 1])
    return runs


def share(fp: Fingerprint, flags: list[bool]) -> float:
    """Flagged characters over all counted characters (0 for an empty narrative)."""
    total = fp.total
    return round(sum(n for n, f in zip(fp.lengths, flags) if f) / total, 4) if total else 0.0


def compare_previous(fp: Fingerprint, previous: Fingerprint) -> dict:
    """Share of this narrative repeating last year's, its spans, and sentences with unchanged figures."""
    before, before_exact = set(previous.keys), set(previous.exact)
    flags = [k in before for k in fp.keys]
    same_figures = [i for i, (e, fig) in enumerate(zip(fp.exact, fp.figures)) if fig and e in before_exact]
    repeated = share(fp, flags)
    return {"share": repeated, "copied": repeated >= COPIED_SHARE, "spans": spans(flags), "unchanged_figures": same_figures}


def passages(parse: Mapping, runs: list[list[int]]) -> list[str]:
    """The text of sentence spans (from compare_previous or the cross-unit result), for display."""
    texts = sentences(parse)
    return ["".join(texts[start:end]) for start, end in runs]


def _figures(value: object) -> set:
    """The distinct non-zero numbers of a table."""
    if isinstance(value, dict):
        return set().union(*(_figures(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_figures(v) for v in value))
    return {value} if isinstance(value, (int, float)) and value != 0 else set()


def unchanged_tables(parse: Mapping, previous: Mapping) -> list[dict]:
    """Tables printed with exactly last year's numbers; a table with fewer than MIN_FIGURES distinct
    non-zero numbers (all zeros, or a town's one request) repeats by chance and is not listed."""
    found = []
    for field_name, (zh, en) in TABLE_NAMES.items():
        now, before = parse.get(field_name), previous.get(field_name)
        if field_name == "requests":
            now, before = (now or {}).get("rows"), (before or {}).get("rows")
        if now and now == before and len(_figures(now)) >= MIN_FIGURES:
            found.append({"table": field_name, "message": f"{zh}的数字与上年报告完全相同",
                          "message_en": f"{en} repeats last year's numbers unchanged"})
    return found
