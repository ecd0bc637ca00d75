"""Archives for the missing and late pages: the real Pingtan units, and synthetic units with planted truths.

Synthetic filings enter the catalog as the benchmarks' do: their bytes archived (one
document per filing, each at its own URL) and their truths stored as the parser's parses;
then `run_years` fills `years.sqlite3` exactly as `nianbao years` does, so the pages read
what they read in production.
"""

from __future__ import annotations

import json

import pytest

from analyzers.version import PARSER_VERSION
from analyzers.years import units as unit_rules
from analyzers.years.series import Filing
from analyzers.years.units import load_aliases
from indexer.archive import FetchMeta, open_archive
from indexer.backends import open_backend
from indexer.reindex import index_catalog
from indexer.settings import load_settings
from indexer.synth.years import generate_years
from indexer.years.store import YearsStore, years_file
from portal.app import create_app
from tests.conftest import CORPUS_DEV_DIR, CORPUS_YEARS_DIR, SEEDS_DIR, shared_folder
from tests.units.conftest import analyse, ingest

SYNTH_UNITS, SYNTH_SEED = 300, 11
ON = "2026-12-05"  # the reference date of every page request in these tests


def location_of(synthetic_id: str) -> str:
    """The URL a planted filing is archived from (its own one, so ids map back)."""
    return f"https://synth.invalid/{synthetic_id}.html"


def plant(settings, filings: list[Filing], batch: str) -> None:
    """Archive filings as documents whose stored parse is the filing's parse."""
    catalog, store = open_archive(settings)
    try:
        catalog.ensure_batch(batch, "test")
        for filing in filings:
            data = json.dumps({"id": filing.report_id, "parse": filing.parse}, ensure_ascii=False).encode()
            sha = store.put(data)
            meta = FetchMeta(location=location_of(filing.report_id), fetched_at="2026-12-01T00:00:00+00:00",
                             filename=f"{filing.report_id}.txt")
            catalog.record_item(batch, meta, sha, len(data), "text/plain", "new")
            catalog.record_parse(sha, PARSER_VERSION, dict(filing.parse), None, None)
    finally:
        catalog.close()


def index(settings) -> None:
    """Put the archive's reports in the embedded search index (region and report pages read it)."""
    catalog, store = open_archive(settings)
    backend = open_backend(settings)
    try:
        index_catalog(catalog, store, backend)
    finally:
        backend.close()
        catalog.close()


def client_of(settings):
    """A portal test client over an archive."""
    return create_app({"TESTING": True, "SETTINGS": settings}).test_client()


@pytest.fixture(scope="package")
def pingtan_settings(tmp_path_factory) -> object:
    """Seeds, corpus-dev and corpus-years, analysed in two batches as tests/units does."""
    dev, years = shared_folder(CORPUS_DEV_DIR), shared_folder(CORPUS_YEARS_DIR)
    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("missing-real") / "var"))
    ingest(settings, [SEEDS_DIR, dev], "dev")
    analyse(settings, "dev")
    ingest(settings, [years], "years")
    analyse(settings, "years")
    index(settings)
    return settings


@pytest.fixture(scope="package")
def synthetic(tmp_path_factory):
    """(settings, truth, synthetic id of each stored report id) for SYNTH_UNITS synthetic units.

    The generator's renames by alias row are known to the run as if its rows were in the
    shipped alias table (what an operator does for a rename the rules cannot see).
    """
    filings, truth = generate_years(SYNTH_UNITS, seed=SYNTH_SEED)
    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("missing-synth") / "var"))
    plant(settings, filings, "synthetic")
    table = load_aliases("\n".join(truth.aliases_tsv))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(unit_rules, "_default_aliases", lambda: table)
        analyse(settings, None)
    store = YearsStore(years_file(settings))
    try:
        synthetic_of = {row[0]: row[1].rsplit("/", 1)[-1].removesuffix(".html")
                        for row in store.conn.execute("SELECT report_id, url FROM reports")}
    finally:
        store.close()
    return settings, truth, synthetic_of
