"""`nianbao alerts send`: mail the due digests of saved searches (run it from cron, e.g. hourly)."""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from typing import Iterator

import click

from indexer.settings import Settings, load_settings
from portal.cli.words import EXIT_CODE_TABLE, EXIT_FAILED


@click.group("alerts", epilog=EXIT_CODE_TABLE)
def alerts_group() -> None:
    """Saved searches with e-mail alerts."""


@contextmanager
def _one_run_at_a_time(settings: Settings) -> Iterator[None]:
    """Hold DATA_DIR/locks/alerts-send.lock: two overlapping cron runs would mail a digest twice."""
    path = settings.alerts_file.parent / "locks" / "alerts-send.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise click.ClickException(f"another `nianbao alerts send` is running [lock {path}]") from None
        yield  # the kernel releases the lock when the file closes, or the process dies


@click.command("send", epilog=EXIT_CODE_TABLE)
def send_command() -> None:
    """Send each confirmed subscription's digest of new matches when it is due (daily or weekly)."""
    from indexer.alerts import open_alert_store
    from portal.alerts.digest import send_due_digests
    from portal.app import create_app

    settings = load_settings()
    app = create_app({"SETTINGS": settings})
    with _one_run_at_a_time(settings):
        store = open_alert_store(settings)
        try:
            # links in the mails are built on alerts_public_url (portal.alerts.links)
            with app.test_request_context("/", base_url=settings.alerts_public_url):
                run = send_due_digests(store)
        finally:
            store.close()
    click.echo(f"{run.sent} digests sent, {run.nothing_new} due with nothing new, {len(run.failed)} failed")
    for failure in run.failed:
        click.echo(f"FAILED {failure}", err=True)
    if run.failed:
        raise SystemExit(EXIT_FAILED)


alerts_group.add_command(send_command)
