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
from portal.cli.words import EXIT_FAILED, SKIPPED, echo_problem

if TYPE_CHECKING:
    from indexer.reindex import IndexSummary

ENGINE_OPTION = click.option("--engine", type=click.Choice(ENGINES), default=None,
                             help="Search engine to fill (default: the ENGINE setting).")


def _print_summary(summary: "IndexSummary", verb: str) -> None:
    """The closing summary in the CLI's words (indexed, skipped, failed), each problem by file or URL."""
    click.echo(f"{verb}: {summary.indexed} of {summary.documents} documents indexed, {len(summary.skipped)} {SKIPPED},"
               f" {len(summary.failed)} failed in {summary.seconds:.1f} s"
               f" ({summary.parsed} parsed now, {summary.reused} parses reused)")
    if summary.index_name:
        click.echo(f"  live index: {summary.index_name}{' (swapped in atomically)' if summary.swapped else ''}")
    elif verb == "reindex" and not summary.swapped:
        click.echo("  live index kept: no document could be indexed, so the new build was not swapped in")
    for where, reason in summary.skipped:
        echo_problem("skipped", where, "not a report")
    for where, reason in summary.failed:
        echo_problem("failed", where, reason)


def _run(
    run: Callable[..., "IndexSummary"], batch: str | None, engine: str | None, verb: str, counted_batch: str | None
) -> None:
    """Open the archive and engine, run one indexing function under a progress bar, report.

    `counted_batch` sizes the progress bar: the documents the run will go through. A second
    writer of the same index waits for the lock up to INDEX_LOCK_TIMEOUT_SECONDS, then exits 1.
    """
    settings = load_settings()
    try:
        # one writer per engine and index: an index run beside a rebuild would lose its writes at the swap
        with write_lock(settings, engine, owner=f"nianbao {verb}"):
            summary = _locked_run(run, settings, batch, engine, verb, counted_batch)
    except IndexLocked as error:
        raise click.ClickException(str(error)) from error
    _print_summary(summary, verb)
    if summary.failed:
        sys.exit(EXIT_FAILED)


def _locked_run(
    run: Callable[..., "IndexSummary"], settings: Settings, batch: str | None, engine: str | None, verb: str,
    counted_batch: str | None,
) -> "IndexSummary":
    """The run itself, once the write lock is held."""
    from indexer.archive import open_archive

    catalog, store = open_archive(settings)
    backend = open_backend(settings, engine)
    total = sum(1 for _ in catalog.iter_documents(counted_batch))
    try:
        with tqdm(total=total, file=sys.stderr, unit="doc", desc=verb) as bar:
            return run(catalog, store, backend, batch=batch, progress=bar.update)
    except EngineUnavailable as error:
        raise click.ClickException(f"search engine unavailable: {error}") from error
    finally:
        catalog.close()
        backend.close()


@click.command("index")
@click.option("--batch", default=None, help="Only this batch's documents (default: every catalogued document).")
@ENGINE_OPTION
def index_command(batch: str | None, engine: str | None) -> None:
    """Add or replace catalogued reports in the live search index (parsing those not parsed yet)."""
    from indexer.reindex import index_catalog

    _run(index_catalog, batch, engine, "index", counted_batch=batch)


@click.command("reindex")
@click.option("--batch", default=None, help="Re-parse only this batch; the rest keep their stored parse.")
@click.option("--all", "everything", is_flag=True, help="Re-parse every catalogued document.")
@ENGINE_OPTION
def reindex_command(batch: str | None, everything: bool, engine: str | None) -> None:
    """Re-parse with the current parser, build a new index beside the live one and swap it in."""
    from indexer.reindex import reindex

    if bool(batch) == everything:
        raise click.UsageError("give exactly one of --batch NAME or --all")
    _run(reindex, batch, engine, "reindex", counted_batch=None)  # a rebuild covers every document
