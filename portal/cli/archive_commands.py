"""`nianbao ingest`, `nianbao crawl` and `nianbao status`: fill the archive and report on it."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from indexer.archive import open_archive
from indexer.settings import load_settings
from portal.cli.words import EXIT_CODE_TABLE, EXIT_FAILED, echo_counts, echo_problem, plain


@click.command("ingest", epilog=EXIT_CODE_TABLE)
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
    echo_counts(f"Batch {batch}: {len(items)} items", summary.as_dict())
    for item in summary.skipped:
        echo_problem("skipped", item.location, "not a report")
    for failure in summary.failures:
        echo_problem("failed", failure.location, failure.reason or "failed", failure.message)
    _years_step(settings, catalog, batch)
    catalog.close()
    click.echo(f"Next: nianbao index --batch {batch}   (puts the batch's reports into the search index)")
    if summary.failures:
        # The batch went through; a non-zero exit tells scripts that some items need a look.
        raise SystemExit(EXIT_FAILED)


def _years_step(settings, catalog, batch: str) -> None:
    """Across-years analysis of the batch; indexed reports of the units it touches updated in place."""
    from indexer.ingest.years_step import after_ingest

    sync, skipped = after_ingest(settings, catalog, batch)
    click.echo(f"Years: {sync.analysed} reports analysed ({sync.units} units) in {sync.seconds:.1f} s; "
               f"{sync.refreshed} indexed reports of their units updated")
    if skipped:
        click.echo(f"  {plain(skipped)}")


def _read_seeds(path: Path) -> list[str]:
    """Seed URLs of a seeds file: one per line, blank lines and # comments ignored."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@click.command("crawl", epilog=EXIT_CODE_TABLE)
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
    echo_counts(f"Crawl run {report.run_id} of batch {batch}{resumed}: {state}", report.outcomes)
    for url, outcome, reason in report.problems:
        click.echo(f"  {outcome.upper()} {url}: {plain(reason)}")
    for path in report.warc_files:
        click.echo(f"WARC: {path}")
    catalog.close()
    click.echo(f"Next: nianbao index --batch {batch}   (puts the batch's reports into the search index)")


