"""`nianbao ingest`, `nianbao crawl` and `nianbao status`: fill the archive and report on it."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from indexer.archive import open_archive
from indexer.archive.status import batch_statuses, failures, last_crawls
from indexer.settings import load_settings

_LABELS = {"new": "new", "unchanged": "unchanged", "new_version": "new version",
           "not_a_report": "not a report", "failed": "failed", "listed": "listing pages",
           "vanished": "vanished upstream", "skipped": "skipped"}


def _print_counts(title: str, counts: dict[str, int]) -> None:
    """Print one line per outcome, in a stable order."""
    click.echo(title)
    for key, count in counts.items():
        click.echo(f"  {_LABELS.get(key, key):<18} {count}")


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--batch", required=True, help="Batch name; re-running the same batch changes nothing.")
def ingest_command(inputs: tuple[str, ...], batch: str) -> None:
    """Archive, parse and catalog files, folders (recursive), URL-list files and URLs."""
    from indexer.ingest.inputs import expand_inputs
    from indexer.ingest.runner import IngestRunner

    settings = load_settings()
    catalog, store = open_archive(settings)
    items = expand_inputs(list(inputs))
    runner = IngestRunner(catalog, store, settings)
    summary = runner.run(items, batch, wrap=lambda it: tqdm(it, total=len(items), file=sys.stderr,
                                                           unit="item", desc=f"ingest {batch}"))
    _print_counts(f"Batch {batch}: {len(items)} items", summary.as_dict())
    for failure in summary.failures:
        click.echo(f"  FAILED {failure.location}: {failure.reason}: {failure.message}")
    catalog.close()
    if summary.failures:
        # The batch went through; a non-zero exit tells scripts that some items need a look.
        raise SystemExit(1)


def _read_seeds(path: Path) -> list[str]:
    """Seed URLs of a seeds file: one per line, blank lines and # comments ignored."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@click.command("crawl")
@click.option("--seeds", "seeds_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File of listing-page URLs, one per line.")
@click.option("--batch", required=True, help="Batch name; an unfinished crawl of it resumes.")
def crawl_command(seeds_file: Path, batch: str) -> None:
    """Crawl listing pages of government sites for annual reports and archive them."""
    from indexer.crawl.crawler import Crawler

    settings = load_settings()
    seeds = _read_seeds(seeds_file)
    if not seeds:
        raise click.UsageError(f"no seed URLs in {seeds_file}")
    catalog, store = open_archive(settings)
    with tqdm(file=sys.stderr, unit="url", desc=f"crawl {batch}") as bar:
        report = Crawler(catalog, store, settings, seeds).run(batch, on_item=lambda _item: bar.update())
    state = "finished" if report.finished else "stopped at crawl_max_pages"
    resumed = " (resumed)" if report.resumed else ""
    _print_counts(f"Crawl run {report.run_id} of batch {batch}{resumed}: {state}", report.outcomes)
    for url, outcome, reason in report.problems:
        click.echo(f"  {outcome.upper()} {url}: {reason}")
    catalog.close()


@click.command("status")
@click.option("--batch", default=None, help="Only this batch's failures.")
def status_command(batch: str | None) -> None:
    """Documents and versions per batch, failures with reasons, last crawl per site."""
    settings = load_settings()
    if not settings.catalog_file.exists():
        raise click.ClickException(f"no catalog at {settings.catalog_file.resolve()}: run `nianbao ingest` "
                                   "first, or set NIANBAO_DATA_DIR to the folder that holds one")
    catalog, _store = open_archive(settings)
    click.echo(f"Catalog: {settings.catalog_file.resolve()}")
    click.echo("Batches:")
    for status in batch_statuses(catalog):
        outcomes = ", ".join(f"{_LABELS.get(k, k)} {v}" for k, v in status.outcomes.items())
        click.echo(f"  {status.name} ({status.kind}): {status.documents} documents,"
                   f" {status.superseded} superseded versions, {status.vanished} vanished upstream,"
                   f" {status.errors} errors [{outcomes}]")
    click.echo("Failures:")
    for failure in failures(catalog, batch):
        click.echo(f"  [{failure.batch}] {failure.location}: {failure.reason}: {failure.message}")
    click.echo("Last crawl per site:")
    for site in last_crawls(catalog):
        state = "finished" if site.finished else "unfinished"
        click.echo(f"  {site.host}: run {site.run_id} of {site.batch}, last fetch {site.last_fetch},"
                   f" {site.fetched} fetched, {site.failed} failed, {state}")
    catalog.close()
