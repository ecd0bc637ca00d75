"""`nianbao settings`: print every setting, its current value and its help."""

from __future__ import annotations

import click

from indexer.settings import load_settings, registry

SECRETS = frozenset({"smtp_password", "alerts_secret_key"})


@click.command("settings")
def settings_command() -> None:
    """Show every setting (env NIANBAO_<NAME>), its value and what it does."""
    current = load_settings()
    for name, _default, help_text in registry():
        value = getattr(current, name)
        if name in SECRETS and value:  # a terminal or a pasted log must not carry them
            value = "(set, not shown)"
        click.echo(f"{name} = {value!r}\n    {help_text}")
