"""`nianbao status`: batches, failures, skipped files, the live index and what it lacks, last crawls."""

from __future__ import annotations

import json

import click

from indexer.backends import ENGINES
from indexer.settings import Settings, load_settings
from portal.cli.words import EXIT_CODE_TABLE, SKIPPED, echo_problem, label, plain

SHOWN = 50  # problems listed per kind; the counts are always complete


def _check_batch(catalog, batch: str | None) -> None:
    """An unknown batch is a usage error naming the batches there are."""
    from indexer.archive.status import batch_names

    names = batch_names(catalog)
    if batch is not None and batch not in names:
        known = ", ".join(names) or "none yet"
        raise click.UsageError(f"no batch named {batch!r} in the catalog (batches: {known})")


def gather(settings: Settings, batch: str | None, engine: str) -> dict:
    """Everything status shows, as one JSON-ready dict (of one batch, if given)."""
    from indexer.archive import open_archive
    from indexer.archive.status import batch_statuses, failures, last_crawls, skipped
    from indexer.backends import open_backend
    from indexer.index_status import indexed_ids, live_index, not_indexed

    catalog, _store = open_archive(settings)
    backend = open_backend(settings, engine)
    try:
        _check_batch(catalog, batch)
        live = live_index(settings, catalog, backend, engine)
        ids = indexed_ids(backend) if live.problem is None else None
        waiting = not_indexed(catalog, ids or set(), batch)
        return {
            "catalog": str(settings.catalog_file.resolve()),
            "batch": batch,
            "live_index": dict(live.to_dict(), problem=live.problem and plain(live.problem)),
            "not_indexed": {"count": len(waiting), "locations": waiting[:SHOWN]},
            "batches": [_batch_dict(status) for status in batch_statuses(catalog, batch)],
            "failed": [dict(vars(failure), message=plain(failure.message)) for failure in failures(catalog, batch, SHOWN)],
            "skipped": skipped(catalog, batch, SHOWN),
            "crawls": [vars(site) for site in last_crawls(catalog, batch)],
        }
    finally:
        backend.close()
        catalog.close()


def _batch_dict(status) -> dict:
    """One batch's counts in the CLI's words: archived outcomes, skipped, failed."""
    outcomes = dict(status.outcomes)
    counts = {key: outcomes.pop(key, 0) for key in ("new", "unchanged", "new_version")}
    counts["skipped"] = outcomes.pop("not_a_report", 0)
    outcomes.pop("failed", None)
    counts["failed"] = status.errors  # one per failed item, fetch failures included
    counts.update(outcomes)
    return {"name": status.name, "kind": status.kind, "documents": status.documents,
            "superseded": status.superseded, "vanished": status.vanished, "items": counts}


def show(data: dict) -> None:
    """Print the status dict for a reader."""
    click.echo(f"Catalog: {data['catalog']}" + (f" (batch {data['batch']} only)" if data["batch"] else ""))
    _show_live(data["live_index"], data["not_indexed"])
    click.echo("Batches:")
    for batch in data["batches"]:
        items = ", ".join(f"{SKIPPED if key == 'skipped' else label(key)} {value}" for key, value in batch["items"].items())
        click.echo(f"  {batch['name']} ({batch['kind']}): {batch['documents']} documents, {batch['superseded']}"
                   f" superseded versions, {batch['vanished']} vanished upstream; {items}")
    click.echo("Failed:" if data["failed"] else "Failed: none")
    for failure in data["failed"]:
        echo_problem(f"[{failure['batch']}]", failure["location"], failure["reason"], failure["message"])
    click.echo(f"Skipped (not a report): {len(data['skipped'])}" + (" (first ones)" if len(data["skipped"]) == SHOWN else ""))
    for location in data["skipped"]:
        click.echo(f"  {location}")
    click.echo("Last crawl per site:" if data["crawls"] else "Last crawl per site: none")
    for site in data["crawls"]:
        state = "finished" if site["finished"] else "unfinished"
        click.echo(f"  {site['host']}: run {site['run_id']} of {site['batch']}, last fetch {site['last_fetch']},"
                   f" {site['fetched']} fetched, {site['failed']} failed, {state}")


def _show_live(live: dict, waiting: dict) -> None:
    """The live index lines and what it does not hold yet."""
    if live["problem"]:
        click.echo(f"Live index ({live['engine']}): cannot be read: {live['problem']}")
    else:
        click.echo(f"Live index ({live['engine']}): {live['name'] or 'unnamed'}, {live['documents']} documents,"
                   f" parser {live['parser_version'] or 'not recorded'}, built at {live['built_at'] or 'not recorded'}"
                   + (f", updated at {live['updated_at']}" if live["updated_at"] else ""))
    click.echo(f"Not yet indexed: {waiting['count']} reports" + (" (run `nianbao index`)" if waiting["count"] else ""))
    for location in waiting["locations"]:
        click.echo(f"  {location}")


@click.command("status", epilog=EXIT_CODE_TABLE)
@click.option("--batch", default=None, help="Only this batch: its counts, failures, skipped files, crawls and what is not indexed.")
@click.option("--engine", type=click.Choice(ENGINES), default=None, help="Search engine to describe (default: the ENGINE setting).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def status_command(batch: str | None, engine: str | None, as_json: bool) -> None:
    """Batches, failures and skipped files, the live index and what it lacks, last crawl per site."""
    settings = load_settings()
    if not settings.catalog_file.exists():
        raise click.ClickException(f"no catalog at {settings.catalog_file.resolve()}: run `nianbao ingest` "
                                   "first, or set NIANBAO_DATA_DIR to the folder that holds one")
    data = gather(settings, batch, engine or settings.engine)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        show(data)
