"""The settings registry: defaults, environment, overrides, derived paths, CLI listing."""

from click.testing import CliRunner

from indexer.settings import load_settings, registry
from portal.cli.main import cli


def test_every_setting_has_help_text():
    assert all(help_text for _name, _default, help_text in registry())


def test_environment_values_are_coerced_to_the_declared_type():
    settings = load_settings(env={"NIANBAO_PAGE_SIZE": "50", "NIANBAO_CRAWL_ALLOW_PRIVATE": "true"})
    assert settings.page_size == 50
    assert settings.crawl_allow_private is True


def test_overrides_win_over_the_environment():
    settings = load_settings(env={"NIANBAO_ENGINE": "opensearch"}, engine="embedded")
    assert settings.engine == "embedded"


def test_paths_derive_from_the_data_dir_unless_set():
    settings = load_settings(env={}, data_dir="/srv/nb", catalog_path="/db/c.sqlite3")
    assert str(settings.archive_path) == "/srv/nb/archive"
    assert str(settings.index_path) == "/srv/nb/index"
    assert str(settings.catalog_file) == "/db/c.sqlite3"


def test_settings_command_lists_every_setting():
    result = CliRunner().invoke(cli, ["settings"], env={"NIANBAO_PAGE_SIZE": "7"})
    assert result.exit_code == 0
    assert "page_size = 7" in result.output
    assert result.output.count("\n    ") == len(registry())
