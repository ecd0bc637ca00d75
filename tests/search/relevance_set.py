"""The judged relevance set of issue 9: real reports, synthetic distractors, queries and scores.

The corpus is every real report we may read (the five seeds in data/seeds, the shared
corpus-dev and corpus-years folders beside the repository), each parsed by the real parser,
plus synthetic distractors from indexer.synth: a broad sample of reports on real places and
a set of near neighbours (towns of the same county, names sharing the first characters,
other departments of the same county) so a query has to find the right unit, not just a unit.

Queries live in relevance_queries.tsv: category, query, the answering reports (keys
"<folder>/<file name>"), a note. A query is scored by recall@3 = answers found among the
first three hits / min(3, number of answers): a query with one answer needs it in the top
three; a query answered by seven reports of one unit needs three of them there.

Queries run through `portal.services.search`, the portal's entry point, so whatever the
query pipeline adds (normalisation, synonyms, partial matches) is what gets judged.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from analyzers.errors import NotAReport
from analyzers.gazetteer import Place, load_char_table
from analyzers.report import parse_report
from indexer.documents import build_index_document
from indexer.reindex import synthetic_documents
from indexer.search.model import SearchRequest
from indexer.synth import generate_reports
from indexer.synth.report import build_truth
from indexer.synth.regions import Agency, place_pool, region_of

REPO_ROOT = Path(__file__).resolve().parents[2]
QUERY_FILE = Path(__file__).with_name("relevance_queries.tsv")
SOURCE_DIRS = {
    "seeds": REPO_ROOT / "data" / "seeds",
    "corpus-dev": REPO_ROOT.parent / "shared" / "corpus-dev",
    "corpus-years": REPO_ROOT.parent / "shared" / "corpus-years",
}
SOURCE_SUFFIXES = (".txt", ".src")
DISTRACTOR_COUNT = 1500
DISTRACTOR_SEED = 909
TOP_K = 3
CATEGORIES = (
    "title", "everyday", "traditional", "pinyin", "typo", "abbreviation",
    "pasted_title", "fullwidth", "year", "region_unit", "table",
)
# Counties of the real reports whose other towns and departments make near-miss distractors.
NEIGHBOUR_COUNTIES = ("临清市", "辽中区", "昌乐县", "项城市", "张店区", "沭阳县", "平潭县")
# Towns whose names begin like a real report's town (潘家堡镇 vs 潘家庄镇, 潘家湾镇 …).
NEIGHBOUR_PREFIXES = ("潘家", "南定", "郑郭", "潘庄")
NEIGHBOUR_DEPARTMENTS = ("教育局", "水利局", "民政局", "市场监督管理局", "人力资源和社会保障局", "自然资源局")
# (no 财政局 or 公安局 twin in 平潭县: "平潭 财政局" means the real 财政金融局, not a made-up namesake)


@dataclass(frozen=True)
class Query:
    """One judged query: its category, text, answering report keys and a note for readers."""

    category: str
    text: str
    answers: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Outcome:
    """What one query returned: the keys of its top hits, total matches and its recall@3."""

    query: Query
    top: tuple[str, ...]
    total: int
    recall: float


def missing_sources() -> list[str]:
    """Source folders that are absent on this machine (corpus-dev and corpus-years live outside the repo)."""
    return [f"{name}: {path}" for name, path in SOURCE_DIRS.items() if not path.is_dir()]


def report_id(key: str) -> str:
    """The 16-hex-digit report id of a source key, as the archive would name it."""
    return hashlib.sha256(f"relevance/{key}".encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _parsed_sources() -> tuple[dict[str, dict], tuple[str, ...]]:
    """Every real report parsed, by key, and the keys of the files the parser rejects."""
    reports: dict[str, dict] = {}
    rejected: list[str] = []
    for folder, path in SOURCE_DIRS.items():
        for file in sorted(path.iterdir()) if path.is_dir() else ():
            if file.suffix not in SOURCE_SUFFIXES:
                continue
            try:
                reports[f"{folder}/{file.name}"] = parse_report(file.read_bytes(), file.name).to_dict()
            except NotAReport:
                rejected.append(f"{folder}/{file.name}")
    return reports, tuple(rejected)


def real_reports() -> dict[str, dict]:
    """Every readable real report, parsed, by key."""
    return _parsed_sources()[0]


def rejected_sources() -> tuple[str, ...]:
    """Keys of the source files that are not reports (left out of the corpus)."""
    return _parsed_sources()[1]


def _agency_for(place: Place, department: str | None) -> Agency:
    """A reporting body at a place: its government (towns) or one of its departments."""
    region = region_of(place, place_pool().gazetteer)
    if department:
        return Agency(place.name + department, "county_department", "本局", region)
    if place.level == "town":
        return Agency(place.name + "人民政府", "town", "本" + place.name[-1], region)
    return Agency(place.name + "人民政府", "county", "本机关", region)


def neighbour_agencies(real_names: Iterable[str]) -> list[Agency]:
    """Near-miss reporting bodies: sibling towns, look-alike town names, sibling departments."""
    pool = place_pool()
    gazetteer = pool.gazetteer
    # a homophone is the same place written another way (the gazetteer's 唐吾镇 is 鄌郚镇)
    sounds = load_char_table().pinyin_key
    taken = set(real_names) | {sounds(name) for name in real_names}
    agencies: list[Agency] = []
    for county_name in NEIGHBOUR_COUNTIES:
        county = next(p for p in gazetteer.lookup(county_name) if p.level == "county")
        towns = [p for p in pool.towns if p.parent == county.index and not {p.name, sounds(p.name)} & taken][:4]
        agencies += [_agency_for(town, None) for town in towns]
        agencies += [_agency_for(county, department) for department in NEIGHBOUR_DEPARTMENTS]
    for town in pool.towns:
        if town.name.startswith(NEIGHBOUR_PREFIXES) and not {town.name, sounds(town.name)} & taken:
            agencies.append(_agency_for(town, None))
    return agencies


def neighbour_documents() -> Iterator[dict]:
    """Index documents of two synthetic reports (different years) for each near-miss body."""
    names = {report.get("agency") or "" for report in real_reports().values()}
    names |= {(report.get("region") or {}).get("town") or "" for report in real_reports().values()}
    for number, agency in enumerate(neighbour_agencies(names)):
        rng = random.Random(f"relevance/neighbour/{number}/{agency.name}")
        for year in rng.sample(range(2019, 2026), 2):
            truth = build_truth(rng, 0.05, agency, year)
            truth["title"] = f"{agency.name}{year}年政府信息公开工作年度报告（合成样例）"
            key = f"neighbour/{agency.name}/{year}"
            yield build_index_document(report_id(key), truth, _provenance(key, "neighbour"))


def _provenance(key: str, batch: str) -> dict[str, Any]:
    """A well-formed provenance record for a corpus document."""
    return {"url": f"file:///relevance/{key}", "sha256": hashlib.sha256(key.encode()).hexdigest(),
            "fetched_at": "2026-01-05T08:00:00+00:00", "archived_at": "2026-01-05T08:00:00+00:00",
            "batch": batch, "superseded": False}


@lru_cache(maxsize=1)
def corpus_documents() -> tuple[dict, ...]:
    """The whole corpus as index documents: real reports, near neighbours, broad distractors."""
    real = [build_index_document(report_id(key), report, _provenance(key, "real"))
            for key, report in real_reports().items()]
    broad = synthetic_documents(generate_reports(DISTRACTOR_COUNT, seed=DISTRACTOR_SEED))
    return (*real, *neighbour_documents(), *broad)


def load_queries(path: Path = QUERY_FILE) -> list[Query]:
    """The judged queries of the TSV file (comment lines start with #)."""
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        category, text, answers, *note = line.split("\t")
        if category not in CATEGORIES:
            raise ValueError(f"{path.name}:{number}: unknown category {category!r}")
        queries.append(Query(category, text, tuple(answers.split()), note[0] if note else ""))
    return queries


def run_query(backend: Any, query: Query, keys_by_id: dict[str, str]) -> Outcome:
    """Search one query through the portal's entry point and score its first TOP_K hits."""
    from portal.services import search  # the portal's pipeline is what users meet

    result = search(backend, SearchRequest(query=query.text, page_size=TOP_K, facets=(), highlight=False))
    # a distractor is shown by its title, so a reader of the table sees what outranked the answer
    top = tuple(keys_by_id.get(hit.id) or str(hit.document.get("title")) for hit in result.hits[:TOP_K])
    found = len(set(top) & set(query.answers))
    return Outcome(query, top, result.total, found / min(TOP_K, len(query.answers)))


def evaluate(backend: Any, queries: Iterable[Query]) -> list[Outcome]:
    """Every query's outcome on one loaded backend."""
    keys_by_id = {report_id(key): key for key in real_reports()}
    return [run_query(backend, query, keys_by_id) for query in queries]


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    """Mean recall@3 per category and overall, and the share of queries with no hit at all."""
    by_category: dict[str, list[float]] = defaultdict(list)
    for outcome in outcomes:
        by_category[outcome.query.category].append(outcome.recall)
    scores = {category: sum(values) / len(values) for category, values in by_category.items()}
    scores["overall"] = sum(o.recall for o in outcomes) / len(outcomes)
    scores["zero_result_rate"] = sum(o.total == 0 for o in outcomes) / len(outcomes)
    return scores


def format_table(engine: str, outcomes: list[Outcome]) -> str:
    """A plain-text table of recall@3 per category, the zero-result rate and the misses."""
    scores = summary(outcomes)
    counts: dict[str, int] = defaultdict(int)
    for outcome in outcomes:
        counts[outcome.query.category] += 1
    lines = [f"engine {engine}: {len(outcomes)} queries, {len(corpus_documents())} documents",
             f"{'category':<14}{'queries':>8}{'recall@3':>10}"]
    lines += [f"{c:<14}{counts[c]:>8}{scores[c]:>10.2f}" for c in CATEGORIES if c in counts]
    lines.append(f"{'overall':<14}{len(outcomes):>8}{scores['overall']:>10.2f}")
    lines.append(f"zero-result rate: {scores['zero_result_rate']:.2f}")
    misses = [o for o in outcomes if o.recall < 1.0]
    lines += [f"  miss [{o.query.category}] {o.query.text!r}: {o.total} hits, top {list(o.top)}" for o in misses]
    return "\n".join(lines)

