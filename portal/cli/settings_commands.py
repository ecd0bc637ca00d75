"""`nianbao settings`: print every setting, its current value and its help."""

from __future__ import annotations

import click

from indexer.settings import load_settings, registry


@click.command("settings")
def settings_command() -> None:
    """Show every setting (env NIANBAO_<NAME>), its value and what it does."""
    current = load_settings()
    for name, _default, help_text in registry():
        click.echo(f"{name} = {getattr(current, name)!r}\n    {help_text}")
