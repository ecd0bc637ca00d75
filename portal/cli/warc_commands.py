"""`nianbao export-warc`: write a batch of archived originals as a WARC file."""

from __future__ import annotations

from pathlib import Path

import click

from indexer.archive import open_archive
from indexer.settings import load_settings
from portal.cli.words import EXIT_CODE_TABLE, EXIT_FAILED, echo_problem


@click.command("export-warc", epilog=EXIT_CODE_TABLE)
@click.option("--batch", required=True, help="Batch whose documents to export.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="WARC file to write (gzipped per record, e.g. batch.warc.gz).")
def export_warc_command(batch: str, out: Path) -> None:
    """Write every document of a batch as WARC/1.1 response (URLs) and resource (local files) records."""
    from indexer.crawl.warc_export import UnknownBatch, export_batch

    settings = load_settings()
    if not settings.catalog_file.exists():
        raise click.ClickException(f"no catalog at {settings.catalog_file.resolve()}: run `nianbao ingest` "
                                   "first, or set NIANBAO_DATA_DIR to the folder that holds one")
    catalog, store = open_archive(settings)
    try:
        summary = export_batch(catalog, store, batch, out)
    except UnknownBatch as error:
        raise click.UsageError(f"{error} (see `nianbao status`)") from None
    finally:
        catalog.close()
    records = ", ".join(f"{count} {kind}" for kind, count in summary.records.items())
    click.echo(f"Batch {batch}: {summary.documents} documents -> {out} ({records} records)")
    for where, message in summary.failures:
        echo_problem("FAILED", where, "unreadable_blob", message)
    if summary.failures:
        raise SystemExit(EXIT_FAILED)
