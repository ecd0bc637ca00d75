"""`nianbao serve` and `nianbao demo` are registered; the demo builds once."""

from click.testing import CliRunner

from portal import demo
from portal.cli.main import cli


def test_serve_and_demo_are_nianbao_commands():
    runner = CliRunner()
    assert "serve" in runner.invoke(cli, ["--help"]).output
    assert "--port" in runner.invoke(cli, ["serve", "--help"]).output
    assert "--synthetic" in runner.invoke(cli, ["demo", "--help"]).output


def test_the_demo_is_not_rebuilt_when_its_index_is_live(portal_settings, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_DIR", portal_settings.data_dir)
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0 and "already built" in result.output
    assert demo.is_built(portal_settings)


def test_synthetic_files_take_every_format_in_turn():
    assert {demo.synthetic_format(i) for i in range(50)} == {"txt", "html", "docx", "pdf"}
