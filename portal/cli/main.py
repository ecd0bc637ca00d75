"""Entry point of the `nianbao` command: a click group whose subcommands load on demand.

Each command group lives in its own module (parse_commands, archive_commands, ...);
importing them lazily keeps `nianbao parse` free of Flask and search-engine imports.
"""

from __future__ import annotations

import importlib

import click

# command name -> "module:attribute" of a click command
COMMANDS: dict[str, str] = {
    "settings": "portal.cli.settings_commands:settings_command",
    "parse": "portal.cli.parse_commands:parse_command",
    "eval": "portal.cli.parse_commands:eval_command",
    "ingest": "portal.cli.archive_commands:ingest_command",
    "crawl": "portal.cli.archive_commands:crawl_command",
    "status": "portal.cli.archive_commands:status_command",
    "synth": "portal.cli.synth_commands:synth_command",
    "serve": "portal.cli.serve_commands:serve_command",
    "demo": "portal.cli.demo_commands:demo_command",
    "index": "portal.cli.search_commands:index_command",
    "reindex": "portal.cli.search_commands:reindex_command",
    "export-warc": "portal.cli.warc_commands:export_warc_command",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)


@click.group(cls=LazyGroup)
@click.version_option(package_name="nianbao")
def cli() -> None:
    """Nianbao (年报): archive, parse and search government information disclosure reports."""
