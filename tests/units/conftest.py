"""A temporary catalog holding the seeds, corpus-dev and corpus-years, and its across-years tables."""

from __future__ import annotations

import pytest

from indexer.archive import open_archive
from indexer.ingest.inputs import expand_inputs
from indexer.ingest.runner import IngestRunner
from indexer.settings import load_settings
from indexer.years.runner import run_years
from indexer.years.store import YearsStore, years_file
from tests.conftest import CORPUS_DEV_DIR, CORPUS_YEARS_DIR, SEEDS_DIR, shared_folder


def ingest(settings, paths, batch: str) -> None:
    """Ingest files into a batch of the settings' catalog."""
    catalog, store = open_archive(settings)
    try:
        IngestRunner(catalog, store, settings).run(expand_inputs([str(p) for p in paths]), batch)
    finally:
        catalog.close()


def analyse(settings, batch: str | None):
    """Run the years runner on a batch (None: everything); return its summary."""
    catalog, _store = open_archive(settings)
    years = YearsStore(years_file(settings))
    try:
        return run_years(catalog, years, batch)
    finally:
        years.close()
        catalog.close()


@pytest.fixture(scope="package")
def archive_settings(tmp_path_factory):
    """Settings of a catalog with two batches (dev: seeds + corpus-dev, years: corpus-years), analysed batch by batch."""
    dev, years = shared_folder(CORPUS_DEV_DIR), shared_folder(CORPUS_YEARS_DIR)
    settings = load_settings(env={}, data_dir=str(tmp_path_factory.mktemp("units") / "var"))
    ingest(settings, [SEEDS_DIR, dev], "dev")
    analyse(settings, "dev")
    ingest(settings, [years], "years")
    analyse(settings, "years")
    return settings


@pytest.fixture
def years_store(archive_settings):
    """The derived tables of the test archive (read only)."""
    store = YearsStore(years_file(archive_settings))
    yield store
    store.close()
