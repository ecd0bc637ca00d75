"""`nianbao index` and `nianbao reindex`: fill the search index from the catalog and archive."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Callable

import click
from tqdm import tqdm

from indexer.backends import ENGINES, open_backend
from indexer.backends.writelock import IndexLocked, write_lock
from indexer.search.errors import EngineUnavailable
from indexer.settings import Settings, load_settings
from portal.cli.words import EXIT_CODE_TABLE, EXIT_FAILED, SKIPPED, echo_problem, plain

if TYPE_CHECKING:
    from indexer.reindex import IndexSummary

ENGINE_OPTION = click.option("--engine", type=click.Choice(ENGINES), default=None,
                             help="Search engine to fill (default: the ENGINE setting).")


def _print_summary(summary: "IndexSummary", verb: str) -> None:
    """The closing summary in the CLI's words (indexed, skipped, failed), each problem by file or URL."""
    click.echo(f"{verb}: {summary.indexed} of {summary.documents} documents indexed, {len(summary.skipped)} {SKIPPED},"
               f" {len(summary.failed)} failed in {summary.seconds:.1f} s"
               f" ({summary.parsed} parsed now, {summary.reused} parses reused)")
    if summary.in_place:
        click.echo("  live index updated in place: the batch's documents replaced, the rest untouched")
    elif summary.index_name:
        click.echo(f"  live index: {summary.index_name}{' (swapped in atomically)' if summary.swapped else ''}")
    elif verb == "reindex" and not summary.swapped:
        click.echo("  live index kept: no document could be indexed, so the new build was not swapped in")
    if summary.years is not None:
        years = summary.years
        click.echo(f"  years: {years.analysed} reports analysed ({years.units} units) in {years.seconds:.1f} s; "
                   f"{years.refreshed} other indexed reports updated in place (years fields changed)")
    for where, reason in summary.skipped:
        echo_problem("skipped", where, "not a report")
    for where, reason in summary.failed:
        echo_problem("failed", where, reason)


def _run(run: Callable[..., "IndexSummary"], batch: str | None, engine: str | None, verb: str) -> None:
    """Open the archive and engine, run one indexing function under a progress bar, report.

    A second writer of the same index waits for the lock up to INDEX_LOCK_TIMEOUT_SECONDS,
    then exits 1; an unknown batch is a usage error (exit 2) before anything runs.
    """
    settings = load_settings()
    try:
        # one writer per engine and index: an index run beside a rebuild would lose its writes at the swap
        with write_lock(settings, engine, owner=f"nianbao {verb}"):
            summary = _locked_run(run, settings, batch, engine or settings.engine, verb)
    except IndexLocked as error:
        raise click.ClickException(str(error)) from error
    _print_summary(summary, verb)
    if summary.failed:
        sys.exit(EXIT_FAILED)


def _locked_run(
    run: Callable[..., "IndexSummary"], settings: Settings, batch: str | None, engine: str, verb: str
) -> "IndexSummary":
    """The run itself, once the write lock is held; the catalog remembers what it did."""
    from analyzers.version import PARSER_VERSION
    from indexer.archive import IndexRun, open_archive
    from indexer.archive.status import batch_names
    from indexer.reindex import index_entries

    catalog, store = open_archive(settings)
    try:
        if batch is not None and batch not in batch_names(catalog):
            raise click.UsageError(f"no batch named {batch!r} in the catalog (see `nianbao status`)")
        backend = open_backend(settings, engine)
        # the progress bar counts what the run goes through: a rebuild covers every document
        total = len(index_entries(catalog, batch if verb == "index" or batch else None))
        try:
            parsing = ({"workers": max(settings.reindex_workers, 0), "parse_timeout": settings.reindex_parse_timeout_seconds}
                       if verb == "reindex" else {})
            with tqdm(total=total, file=sys.stderr, unit="doc", desc=verb) as bar:
                summary = run(catalog, store, backend, batch=batch, progress=bar.update, **parsing)
        except EngineUnavailable as error:
            raise click.ClickException(f"search engine unavailable: {plain(str(error))}") from error
        finally:
            backend.close()
        catalog.record_index_run(engine, verb, batch, IndexRun(
            summary.index_name, PARSER_VERSION, summary.documents, summary.indexed, len(summary.skipped),
            len(summary.failed), summary.swapped))
        return summary
    finally:
        catalog.close()


@click.command("index", epilog=EXIT_CODE_TABLE)
@click.option("--batch", default=None, help="Only this batch's documents (default: every catalogued document).")
@ENGINE_OPTION
def index_command(batch: str | None, engine: str | None) -> None:
    """Add or replace catalogued reports in the live search index (parsing those not parsed yet)."""
    from indexer.reindex import index_catalog

    _run(index_catalog, batch, engine, "index")


@click.command("reindex", epilog=EXIT_CODE_TABLE)
@click.option("--batch", default=None, help="Re-parse only this batch and replace its documents in the live index (time in proportion to the batch).")
@click.option("--all", "everything", is_flag=True, help="Re-parse every catalogued document.")
@ENGINE_OPTION
def reindex_command(batch: str | None, everything: bool, engine: str | None) -> None:
    """Re-parse with the current parser: --all builds a new index and swaps it in, --batch replaces the batch's documents in the live index."""
    from indexer.reindex import reindex

    if bool(batch) == everything:
        raise click.UsageError("give exactly one of --batch NAME or --all")
    _run(reindex, batch, engine, "reindex")
