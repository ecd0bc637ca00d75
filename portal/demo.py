"""Sample data for the demo: the seed reports plus a synthetic corpus, archived, parsed, indexed.

Everything goes through the real pipeline: files are ingested into the archive (so the
report page can offer the original), parsed by the report parser, and indexed on the
configured engine. Synthetic reports live in their own batch and are marked synthetic
in the index (facet 数据来源: 合成样例, a badge on every page that shows them).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping

from indexer.documents import SAMPLE_BATCH
from indexer.settings import Settings

SEED_BATCH = "demo-seeds"
SYNTHETIC_BATCH = SAMPLE_BATCH
MARKER = "demo.json"
# Most synthetic reports as TXT and HTML (fast to parse); one in fifty as DOCX or PDF.
RARE_FORMATS = {0: "docx", 25: "pdf"}

Echo = Callable[[str], None]


@dataclass(frozen=True)
class DemoSummary:
    """What a demo build did: ingest counts per batch and documents indexed."""

    ingested: Mapping[str, Mapping[str, int]]
    indexed: int
    failures: tuple[tuple[str, str], ...]


def marker_path(settings: Settings) -> Path:
    """The file recording that sample data was built (and with what)."""
    return Path(settings.data_dir) / MARKER


def is_built(settings: Settings) -> bool:
    """True when sample data was built and an index is live."""
    from indexer.backends import open_backend

    if not marker_path(settings).exists():
        return False
    backend = open_backend(settings)
    try:
        return backend.ping()
    finally:
        backend.close()


def synthetic_format(index: int) -> str:
    """The file format of the index-th synthetic report."""
    return RARE_FORMATS.get(index % 50, "txt" if index % 2 == 0 else "html")


def write_synthetic(folder: Path, count: int, seed: int) -> int:
    """Render `count` synthetic reports into `folder` (kept if already written)."""
    from indexer.synth import generate_reports

    folder.mkdir(parents=True, exist_ok=True)
    for report in generate_reports(count, seed=seed):
        fmt = synthetic_format(report.index)
        path = folder / report.filename(fmt)
        if not path.exists():
            path.write_bytes(report.render(fmt))
    return count


def ingest_folder(settings: Settings, folder: Path, batch: str) -> dict[str, int]:
    """Ingest every file of a folder into a batch; returns the outcome counts."""
    from indexer.archive import open_archive
    from indexer.ingest.inputs import expand_inputs
    from indexer.ingest.runner import IngestRunner

    from tqdm import tqdm

    catalog, store = open_archive(settings)
    items = expand_inputs([str(folder)])
    try:
        bar = lambda it: tqdm(it, total=len(items), unit="report", desc=batch, file=sys.stderr, disable=None)  # noqa: E731
        return IngestRunner(catalog, store, settings).run(items, batch, wrap=bar).as_dict()
    finally:
        catalog.close()


def index_documents(settings: Settings, batches: Mapping[str, bool]) -> Iterator[dict]:
    """Index documents of every parsed report of the batches (value: is the batch synthetic)."""
    from indexer.archive import open_archive
    from indexer.documents import build_index_document
    from indexer.years.fields import with_years
    from indexer.years.sync import YearsFields, open_years

    catalog, _store = open_archive(settings)
    years = YearsFields(open_years(catalog))  # the across-years fields (analyse_years ran first)
    try:
        for batch, synthetic in batches.items():
            for entry in catalog.iter_documents(batch):
                parse = catalog.latest_parse(entry.sha256)
                if parse is None or parse.report is None or entry.superseded_by:
                    continue
                report = dict(parse.report, synthetic=True) if synthetic else dict(parse.report)
                document = build_index_document(entry.report_id, report, _provenance(entry, batch))
                yield with_years(document, years(entry.report_id, report))
    finally:
        years.store.close()
        catalog.close()


def _provenance(entry, batch: str) -> dict:
    """Where an archived document came from, as `nianbao reindex` stores it, under the demo batch."""
    from indexer.reindex import provenance_of

    return dict(provenance_of(entry), batch=batch)


def analyse_years(settings: Settings) -> None:
    """Units, cross-year checks, timeliness and copied text over the whole catalog (unit pages)."""
    from indexer.archive import open_archive
    from indexer.years.runner import run_years
    from indexer.years.store import YearsStore, years_file

    catalog, _store = open_archive(settings)
    years = YearsStore(years_file(settings))
    try:
        run_years(catalog, years, None)
    finally:
        years.close()
        catalog.close()


def build_demo(settings: Settings, seeds_dir: Path, synthetic: int, seed: int, echo: Echo) -> DemoSummary:
    """Ingest the seeds and a synthetic corpus, then (re)build the index from the catalog."""
    from indexer.backends import open_backend
    from indexer.search.model import SearchRequest
    from portal.stats.figures_cache import figures_for

    echo(f"ingesting the seed reports from {seeds_dir}")
    ingested = {SEED_BATCH: ingest_folder(settings, seeds_dir, SEED_BATCH)}
    folder = Path(settings.data_dir) / "demo-synthetic"
    echo(f"writing {synthetic} synthetic reports (marked 合成样例) to {folder}")
    write_synthetic(folder, synthetic, seed)
    echo("ingesting and parsing the synthetic reports")
    ingested[SYNTHETIC_BATCH] = ingest_folder(settings, folder, SYNTHETIC_BATCH)
    echo("comparing each unit's years (unit pages and the across-years facets: nianbao years --all)")
    analyse_years(settings)
    echo(f"indexing on the {settings.engine} engine")
    backend = open_backend(settings)
    try:
        report = backend.rebuild(index_documents(settings, {SEED_BATCH: False, SYNTHETIC_BATCH: True}))
        echo("summing the tables for the statistics page")
        figures_for(settings.data_dir, backend, SearchRequest())
    finally:
        backend.close()
    marker_path(settings).write_text(json.dumps({"synthetic": synthetic, "seed": seed, "indexed": report.indexed}), encoding="utf-8")
    return DemoSummary(ingested, report.indexed, tuple(report.failures))
