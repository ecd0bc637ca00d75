"""Alert secrets stay out of `nianbao settings` output."""

from __future__ import annotations


def test_the_settings_command_never_prints_the_smtp_password_or_the_signing_key():
    from click.testing import CliRunner

    from portal.cli.main import cli

    env = {"NIANBAO_SMTP_PASSWORD": "hunter2-secret", "NIANBAO_ALERTS_SECRET_KEY": "signing-key-secret"}
    output = CliRunner().invoke(cli, ["settings"], env=env).output
    assert "hunter2-secret" not in output and "signing-key-secret" not in output
    assert "smtp_password = '(set, not shown)'" in output
