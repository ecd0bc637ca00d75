"""Entry point of the `nianbao` command: a click group whose subcommands load on demand.

Each command group lives in its own module (parse_commands, archive_commands, ...);
importing them lazily keeps `nianbao parse` free of Flask and search-engine imports.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import sys

import click

from portal.cli.words import EXIT_CODE_TABLE, plain

# command name -> "module:attribute" of a click command
COMMANDS: dict[str, str] = {
    "settings": "portal.cli.settings_commands:settings_command",
    "parse": "portal.cli.parse_commands:parse_command",
    "eval": "portal.cli.parse_commands:eval_command",
    "ingest": "portal.cli.archive_commands:ingest_command",
    "crawl": "portal.cli.archive_commands:crawl_command",
    "status": "portal.cli.status_commands:status_command",
    "synth": "portal.cli.synth_commands:synth_command",
    "serve": "portal.cli.serve_commands:serve_command",
    "demo": "portal.cli.demo_commands:demo_command",
    "index": "portal.cli.search_commands:index_command",
    "reindex": "portal.cli.search_commands:reindex_command",
    "export-warc": "portal.cli.warc_commands:export_warc_command",
    "alerts": "portal.cli.alerts_commands:alerts_group",
    "years": "portal.cli.years_commands:years_command",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is invoked.

    Errors no command foresaw end as one plain line and exit 1, never as a traceback.
    """

    def invoke(self, ctx: click.Context) -> object:
        """Run the subcommand; an unforeseen error becomes a one-line message (exit 1)."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # the reader went away (`| head`): stop quietly, stdout pointed at /dev/null as
            # Python's documentation advises so the interpreter's final flush cannot fail
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(1) from None
        except sqlite3.DatabaseError as error:
            raise click.ClickException(f"the catalog cannot be read ({plain(str(error))}): is NIANBAO_DATA_DIR right?") from error
        except OSError as error:
            where = f" {error.filename}" if error.filename else ""
            raise click.ClickException(f"cannot use{where}: {(error.strerror or plain(str(error))).lower()}") from error
        except Exception as error:  # noqa: BLE001 - the last guard before a traceback reaches a user
            raise click.ClickException(f"unexpected problem: {plain(str(error)) or 'no details'}") from error

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, sorted."""
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command of a name, its module imported now; None for an unknown name."""
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)


@click.group(cls=LazyGroup, epilog=EXIT_CODE_TABLE)
@click.version_option(package_name="nianbao")
def cli() -> None:
    """Nianbao (年报): archive, parse and search government information disclosure reports."""
