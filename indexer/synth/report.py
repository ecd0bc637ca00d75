"""Synthetic annual reports: the truth a parser should produce, and renderings in four formats."""

from __future__ import annotations

import datetime
import hashlib
import random
from dataclasses import dataclass, field
from typing import Any, Iterator

from indexer.synth import numbers, text
from indexer.synth.checks import evaluate
from indexer.synth.regions import Agency, draw_agency
from indexer.synth.template import COLUMNS

FORMATS = ("txt", "html", "docx", "pdf")
SYNTHETIC_MARK = "（合成样例）"
YEARS = range(2019, 2026)
# Consecutive reports come from one agency, one year each, as a real archive holds an
# agency's reports of several years (the report page links them).
SERIES_LENGTH = 4
LATE_ADOPTER_SHARE = 0.03  # 2021-2022 reports still printed on the 2019 template
DEFAULT_INCONSISTENT_SHARE = 0.05


@dataclass(frozen=True)
class SyntheticReport:
    """One generated report: its id, the expected parse (`truth`) and lazy renderings."""

    index: int
    seed: int
    report_id: str
    truth: dict[str, Any] = field(repr=False)

    def filename(self, fmt: str) -> str:
        """File name of a rendering, e.g. synth-000042-1a2b3c4d5e6f7a8b.pdf."""
        _check_format(fmt)
        return f"synth-{self.index:06d}-{self.report_id}.{fmt}"

    def render(self, fmt: str) -> bytes:
        """The report as the bytes of a TXT, HTML, DOCX or PDF file (same seed, same bytes)."""
        _check_format(fmt)
        from indexer.synth import render  # renderers import python-docx and reportlab: load on use

        return render.render(self, fmt)

    def style_rng(self, fmt: str) -> random.Random:
        """The random stream of one rendering's cosmetic choices, independent of the truth's."""
        return random.Random(f"nianbao-synth/{self.seed}/{self.index}/style/{fmt}")


def _check_format(fmt: str) -> None:
    """Reject a format name outside FORMATS with a clear message."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def generate_reports(count: int, seed: int = 0,
                     inconsistent_share: float = DEFAULT_INCONSISTENT_SHARE) -> Iterator[SyntheticReport]:
    """`count` reports, deterministic from `seed`; about `inconsistent_share` break one relation."""
    if count < 0:
        raise ValueError("count must not be negative")
    if not 0.0 <= inconsistent_share <= 1.0:
        raise ValueError("inconsistent_share must be between 0 and 1")
    for index in range(count):
        yield make_report(seed, index, inconsistent_share)


def make_report(seed: int, index: int, inconsistent_share: float = DEFAULT_INCONSISTENT_SHARE) -> SyntheticReport:
    """The `index`-th report of the corpus of `seed` (each report has its own random stream)."""
    key = f"nianbao-synth/{seed}/{index}"
    rng = random.Random(key)
    report_id = hashlib.sha256(key.encode()).hexdigest()[:16]
    series = random.Random(f"nianbao-synth/{seed}/series/{index // SERIES_LENGTH}")
    agency = draw_agency(series)
    year = series.sample(YEARS, SERIES_LENGTH)[index % SERIES_LENGTH]
    return SyntheticReport(index, seed, report_id, build_truth(rng, inconsistent_share, agency, year))


def _template_for(year: int, rng: random.Random) -> str:
    """The national template a report of that year prints its tables in."""
    if year <= 2020 or (year <= 2022 and rng.random() < LATE_ADOPTER_SHARE):
        return "2019"
    return "2021"


def _published_on(year: int, rng: random.Random) -> str:
    """Publication date: most by the end of January of the next year, some later."""
    if rng.random() < 0.85:
        day = datetime.date(year + 1, 1, rng.randint(8, 31))
    else:
        day = datetime.date(year + 1, rng.choice((2, 3)), rng.randint(1, 28))
    return day.isoformat()


def build_truth(rng: random.Random, inconsistent_share: float, agency: Agency, year: int) -> dict[str, Any]:
    """The DESIGN §2 dict of one agency's report of one year, plus `synthetic`, `expected_consistent`, `broken_relation`."""
    fmt = _template_for(year, rng)
    requests = numbers.requests_table(fmt, agency.level, rng)
    review = numbers.review_table(agency.level, requests["new"][6], rng)
    active = numbers.active_table(fmt, agency.level, rng)
    broken = rng.choice(numbers.RELATIONS) if rng.random() < inconsistent_share else None
    if broken:
        numbers.break_relation(broken, requests, review, rng)
    published = rng.randint(0, 30) if agency.level == "town" else rng.randint(30, 3000)
    narrative = text.compose(rng, agency, year, requests, published)
    # Drawn last so that adding it left every earlier draw, and so every report, unchanged.
    period = "年度" if rng.random() < 0.3 else "年"
    return {
        "title": f"{agency.name}{year}{period}政府信息公开工作年度报告{SYNTHETIC_MARK}",
        "agency": agency.name,
        "year": year,
        "published_on": _published_on(year, rng),
        "format": fmt,
        "region": agency.region,
        "sections": narrative.sections,
        "active_disclosure": active,
        "requests": {"columns": list(COLUMNS), "rows": requests},
        "review_litigation": review,
        "checks": evaluate(fmt, requests, review),
        "issue_tags": list(narrative.categories),
        "issue_keywords": list(narrative.keywords),
        "warnings": [],
        "synthetic": True,
        "expected_consistent": broken is None,
        "broken_relation": broken,
        "agency_level": agency.level,
    }
