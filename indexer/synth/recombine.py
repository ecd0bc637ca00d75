"""A million index documents cheaply: distinct synthetic reports recombined into variants.

Generating and segmenting one synthetic report costs ~6 ms (segmentation ~5 of them), so
a million would take ~1.7 hours of one core before any indexing. Instead a corpus of N
documents is made from a base of K distinct, fully generated and segmented reports
(`synthetic_documents`): document i is variant i // K of base report i % K. Variant 0 is
the base document itself; every other variant keeps the base's narrative, tables and
issue tags but is recombined as another report:

- another reporting body of the same kind (same level; a department keeps its department,
  a town its 镇/乡/街道 suffix, so the text's 本局/本镇 stay right), on a uniformly drawn
  real place of the gazetteer with the same region levels filled, so a distinct unit and
  region: its names replace the base's in the title, agency, region fields, the raw text
  (snippets, report page) and, word for word, in the segmented search text;
- another year the base's table template was printed in (2019 template: 2019-2022, 2021
  template: 2021-2025), in the title, text and publication date;
- perturbed numbers: the five legal-person applicant columns of table 三 (商业企业, 科研机构,
  社会公益组织, 法律服务机构, 其他) are permuted, which keeps every relation of the
  template (row and column sums, the carry-over identity) and the totals the text quotes;
  the table 三 cell fields and the checks move with their columns (equal to evaluating
  the new table again);
- its own id.

A variant costs ~2 ms on the shared 2-core machine (3-4 ms under load) instead of ~6 ms,
and its words, facets and numbers are those of a real generated report, so term
statistics, posting-list lengths and facet cardinalities grow with N as they would for
N generated reports, except that narratives repeat every K documents (phrase and
broad-word queries match the same share of reports at every N).
"""

from __future__ import annotations

import hashlib
import random
import re
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Mapping, TypeVar

from analyzers.segment import subwords_text
from indexer.documents import failed_check_ids, ranked, region_names, segmented
from indexer.search.fields import T3_ROWS, t3_field
from indexer.synth.checks import COLUMN_NAMES
from indexer.synth.template import COLUMNS
from indexer.synth.regions import DEPARTMENTS, TOWN_SUFFIXES, Agency, place_pool, region_of

LEVELS = ("province", "city", "county", "town")
LEGAL_PERSON_COLUMNS = (1, 2, 3, 4, 5)  # indexes into template.COLUMNS; 0 is 自然人 (quoted in the text), 6 总计
T = TypeVar("T")
COLUMN_CHECKS = ("t3_identity_", "t3_results_")  # per-column checks of checks.evaluate, then the column
TEMPLATE_YEARS = {"2019": (2019, 2020, 2021, 2022), "2021": (2021, 2022, 2023, 2024, 2025)}


def recombined_documents(read_base: Callable[[], Iterable[Mapping[str, Any]]], count: int, base_size: int,
                         seed: int) -> Iterator[dict]:
    """`count` index documents from the first `base_size` documents `read_base()` streams.

    Document i is variant i // base_size of base document i % base_size, deterministic in
    `seed`; the base is streamed again for every round of variants, so memory stays flat.
    """
    for index, document in plan(read_base, count, base_size):
        yield recombined(document, index, base_size, seed)


def plan(read_base: Callable[[], Iterable[T]], count: int, base_size: int) -> Iterator[tuple[int, T]]:
    """(i, base item i % base_size) for i below `count`, streaming the base once per round.

    The items may be documents or their serialised lines (for workers that parse them).
    """
    if count < 0 or base_size <= 0:
        raise ValueError("count must not be negative and base_size must be positive")
    index = 0
    while index < count:
        before = index
        for position, item in enumerate(read_base()):
            if position >= base_size or index >= count:
                break
            yield index, item
            index += 1
        if index < count and index - before < base_size:
            raise ValueError(f"the base holds {index - before} documents, fewer than base_size {base_size}")


def recombined(document: Mapping[str, Any], index: int, base_size: int, seed: int) -> dict:
    """Document `index` of the corpus made from base document index % base_size."""
    return dict(document) if index < base_size else variant(document, index, seed)


def variant(document: Mapping[str, Any], index: int, seed: int) -> dict:
    """The recombined document number `index` (> 0 variants) of one base document."""
    rng = random.Random(f"nianbao-million/{seed}/{index}")
    report = document["report"]
    agency = similar_agency(report, rng)
    year = rng.choice(TEMPLATE_YEARS.get(str(report.get("format")), (report["year"],)))
    raw = _raw_pairs(report, agency, year)
    new_report, order = _new_report(report, agency, year, raw, rng)
    return _new_document(document, new_report, order, raw, index, seed)


def similar_agency(report: Mapping[str, Any], rng: random.Random) -> Agency:
    """Another reporting body of the same kind as the report's, with the same region levels filled."""
    level, name, region = report["agency_level"], report["agency"], report["region"]
    suffix = next(s for s in TOWN_SUFFIXES if region["town"].endswith(s)) if level == "town" else ""
    kind = "town" if level == "town" else ("county" if level.startswith("county") else "city")
    places = candidates(kind, suffix, tuple(region.get(key) is None for key in LEVELS))
    if not places:
        raise ValueError(f"no reporting body like {name} in the gazetteer")
    place, new_region = rng.choice(places)
    if level == "town":
        new_name = place + ("办事处" if suffix == "街道" else "人民政府")
    else:
        new_name = place + (department_of(name) if level.endswith("department") else "人民政府")
    return Agency(new_name, level, "", new_region)


@lru_cache(maxsize=None)
def candidates(kind: str, suffix: str, shape: tuple[bool, ...]) -> list[tuple[str, dict]]:
    """(name, region) of the gazetteer's towns, counties or cities with a name suffix and region shape."""
    pool = place_pool()
    places = {"town": pool.towns, "county": pool.counties, "city": pool.cities}[kind]
    found = []
    for place in places:
        if place.name.endswith(suffix):
            region = region_of(place, pool.gazetteer)
            if tuple(region.get(key) is None for key in LEVELS) == shape:
                found.append((place.name, region))
    return found


def _raw_pairs(report: Mapping[str, Any], agency: Agency, year: int) -> list[tuple[str, str]]:
    """(old, new) strings to replace in raw text: the agency, then region names most specific first, the year."""
    pairs = [(report["agency"], agency.name)]
    for level in reversed(LEVELS):
        old, new = report["region"].get(level), agency.region.get(level)
        if old and new and old != new:
            pairs.append((old, new))
    pairs += [(f"{report['year']}{word}", f"{year}{word}") for word in ("年", "年度")]
    return pairs


def replace_all(text: str, pairs: list[tuple[str, str]]) -> str:
    """Every old string replaced by its new one in one pass (a new name is never replaced again)."""
    table = dict(pairs)
    return _pattern(tuple(table)).sub(lambda match: table[match.group(0)], text)


@lru_cache(maxsize=4096)
def _pattern(olds: tuple[str, ...]) -> re.Pattern:
    """An alternation of the old strings, longest first, each matched whole (between spaces when spaced)."""
    parts = sorted((old for old in olds if old), key=len, reverse=True)
    return re.compile("|".join(re.escape(part) for part in parts))


def _new_report(report: Mapping[str, Any], agency: Agency, year: int, raw: list[tuple[str, str]],
                rng: random.Random) -> tuple[dict, list[int]]:
    """The report of the variant: names, year and date replaced, table 三's legal-person columns permuted."""
    new = dict(report)
    new["title"] = replace_all(report["title"], raw)
    new["agency"], new["year"], new["region"] = agency.name, year, dict(agency.region)
    new["published_on"] = f"{year + 1}{str(report.get('published_on') or '0000-01-31')[4:]}"
    new["sections"] = {key: replace_all(value, raw) if value else value for key, value in report["sections"].items()}
    order = list(LEGAL_PERSON_COLUMNS)
    rng.shuffle(order)
    rows = {key: _permuted(row, order) for key, row in report["requests"]["rows"].items()}
    new["requests"] = {**report["requests"], "rows": rows}
    new["checks"] = moved_checks(report["checks"], order)
    return new, order


def moved_checks(checks: list[dict[str, Any]], order: list[int]) -> list[dict[str, Any]]:
    """The checks of the table with its legal-person columns permuted, without evaluating it again.

    A column's checks move with its cells (renamed to the column they land in); row checks
    add up the same cells in another order and keep their outcome. Equal to
    checks.evaluate on the permuted table (tests/synth/test_recombine.py).
    """
    source_of = {COLUMNS[target]: COLUMNS[source] for target, source in zip(LEGAL_PERSON_COLUMNS, order)}
    by_id = {check["id"]: check for check in checks}
    moved = []
    for check in checks:
        prefix, column = _split(check["id"])
        source = source_of.get(column, column)
        if source == column:
            moved.append(check)
            continue
        old = by_id[prefix + source]
        moved.append({**old, "id": check["id"],
                      "message": f"{COLUMN_NAMES[column]}列" + old["message"][len(COLUMN_NAMES[source]) + 1:],
                      "message_en": column + old["message_en"][len(source):]})
    return moved


def _split(check_id: str) -> tuple[str, str]:
    """(prefix, column) of a column check id such as t3_identity_commercial; ('', '') otherwise."""
    for prefix in COLUMN_CHECKS:
        if check_id.startswith(prefix):
            return prefix, check_id[len(prefix):]
    return "", ""


def _permuted(row: list[Any], order: list[int]) -> list[Any]:
    """A table 三 row with its legal-person cells in a new order."""
    out = list(row)
    for target, source in zip(LEGAL_PERSON_COLUMNS, order):
        out[target] = row[source]
    return out


def permuted_cells(document: Mapping[str, Any], order: list[int]) -> dict[str, int]:
    """The table 三 cell fields of the document with the legal-person columns moved as in `_permuted`.

    Totals and everything derived from them (denied_total, outcomes, buckets) do not change.
    """
    columns = [COLUMNS[i] for i in LEGAL_PERSON_COLUMNS]
    moved = dict(zip(columns, (COLUMNS[i] for i in order)))
    cells = {}
    for row in T3_ROWS:
        for target, source in moved.items():
            value = document.get(t3_field(row, source))
            if value is not None:
                cells[t3_field(row, target)] = value
    return cells


@lru_cache(maxsize=200_000)
def _ranked(text: str) -> str:
    """Words and sub-words of a short name (names recur across variants)."""
    return ranked(text)


@lru_cache(maxsize=200_000)
def _words(text: str) -> str:
    """Segmented form of a short name (names recur across variants)."""
    return segmented(text)


def _replace_words(words: str, raw: list[tuple[str, str]]) -> str:
    """Whole-word replacement of the raw pairs' segmented forms in space-joined segmented text."""
    table = {_words(old): _words(new) for old, new in raw}
    return _word_pattern(tuple(table)).sub(lambda match: table[match.group(0)], words)


@lru_cache(maxsize=4096)
def _word_pattern(olds: tuple[str, ...]) -> re.Pattern:
    """An alternation of word sequences, longest first, matched only between spaces or the text's ends."""
    parts = sorted((old for old in olds if old), key=len, reverse=True)
    return re.compile("(?<!\\S)(?:" + "|".join(re.escape(part) for part in parts) + ")(?!\\S)")


def _new_document(document: Mapping[str, Any], report: dict, order: list[int], raw: list[tuple[str, str]],
                  index: int, seed: int) -> dict:
    """The index document of the variant: the base's, with every field that depends on what changed rebuilt."""
    new = dict(document)
    region = report["region"]
    text = _replace_words(document["text"], raw)
    new.update({
        "id": hashlib.sha256(f"nianbao-million/{seed}/{index}".encode()).hexdigest()[:16],
        "title": report["title"], "agency": report["agency"], "year": report["year"],
        "published_on": report["published_on"], "region_code": region.get("code"),
        "title_text": _replace_words(document["title_text"], raw),
        "agency_text": _ranked(report["agency"]),
        "region_text": _ranked(" ".join(region_names(report))),
        "place_text": _ranked((region_names(report) or [""])[-1]),
        "problems_text": _replace_words(document["problems_text"], raw),
        "text": text, "subwords": subwords_text(text), "content": replace_all(document["content"], raw),
        "failed_checks": failed_check_ids(report), "failed_check_count": len(failed_check_ids(report)),
        "sort_year": report["year"], "report": report,
    })
    new.update(permuted_cells(document, order))
    for level in LEVELS:
        new.pop(level, None)
        if region.get(level):
            new[level] = region[level]
    return new


def department_of(name: str) -> str:
    """The department a county or city department's name ends with."""
    found = [d for d in DEPARTMENTS if name.endswith(d)]
    if not found:
        raise ValueError(f"{name} does not end with a known department")
    return max(found, key=len)
