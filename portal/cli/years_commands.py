"""`nianbao years`: fill the across-years tables (units, cross-year checks, timeliness, copied text) from the catalog."""

from __future__ import annotations

import sys

import click

from indexer.settings import load_settings
from portal.cli.words import EXIT_CODE_TABLE, EXIT_FAILED, SKIPPED, echo_problem

SHOWN = 50  # problems listed per kind; the counts are always complete


def _report(summary, scope: str) -> None:
    """The closing summary in the CLI's words (analysed, skipped, failed), each problem by file or URL."""
    click.echo(f"years ({scope}): {summary.analysed} of {summary.documents} documents analysed, "
               f"{len(summary.skipped)} {SKIPPED}, {len(summary.failed)} failed in {summary.seconds:.1f} s")
    click.echo(f"  units rebuilt: {summary.units}; reports of other units re-compared for copied text: "
               f"{summary.neighbours}")
    for where, _reason in summary.skipped[:SHOWN]:
        echo_problem("skipped", where, "not a report")
    for where, reason in summary.failed[:SHOWN]:
        echo_problem("failed", where, reason)


@click.command("years", epilog=EXIT_CODE_TABLE)
@click.option("--batch", default=None, help="Recompute for this batch and the units it touches.")
@click.option("--all", "everything", is_flag=True, help="Rebuild the tables from every document of the archive.")
def years_command(batch: str | None, everything: bool) -> None:
    """Units over the years, cross-year checks, timeliness and copied text, from the catalog's parses.

    `nianbao ingest`, `index` and `reindex` run it for their batch; this command reruns it by hand.
    """
    from indexer.archive import open_archive
    from indexer.archive.status import batch_names
    from indexer.years.runner import run_years
    from indexer.years.store import YearsStore, years_file

    if (batch is None) == (not everything):
        raise click.UsageError("give either --batch NAME or --all")
    settings = load_settings()
    catalog, _store = open_archive(settings)
    years = YearsStore(years_file(settings))
    try:
        if batch is not None and batch not in batch_names(catalog):
            known = ", ".join(batch_names(catalog)) or "none yet"
            raise click.UsageError(f"no batch named {batch!r} in the catalog (batches: {known})")
        summary = run_years(catalog, years, batch)
    finally:
        years.close()
        catalog.close()
    _report(summary, f"batch {batch}" if batch else "whole archive")
    if summary.failed:
        sys.exit(EXIT_FAILED)
