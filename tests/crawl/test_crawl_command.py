"""`nianbao crawl` and `nianbao status` end to end through the CLI."""

from __future__ import annotations

from click.testing import CliRunner

from crawl.govsite import COLUMN
from portal.cli.main import cli


def test_crawl_prints_its_outcomes_and_status_shows_the_last_crawl_of_the_site(site, tmp_path, monkeypatch):
    for name, value in {"DATA_DIR": str(tmp_path / "var"), "CRAWL_ALLOW_PRIVATE": "1", "CRAWL_DELAY_SECONDS": "0",
                        "CRAWL_TIMEOUT_SECONDS": "0.4", "CRAWL_RETRIES": "1", "CRAWL_BACKOFF_SECONDS": "0"}.items():
        monkeypatch.setenv("NIANBAO_" + name, value)
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"# the local site\n{site.url(COLUMN + 'index.html')}\n", encoding="utf-8")
    runner = CliRunner()
    crawl = runner.invoke(cli, ["crawl", "--seeds", str(seeds), "--batch", "local"])
    assert crawl.exit_code == 0, crawl.output
    assert "Crawl run 1 of batch local: finished" in crawl.output
    assert "listing pages      2" in crawl.output
    assert f"SKIPPED {site.url('/private/2023.htm')}: robots_disallowed" in crawl.output
    assert f"WARC: {tmp_path / 'var' / 'warc' / 'local'}" in crawl.output
    status = runner.invoke(cli, ["status"])
    assert "local (crawl): 8 documents, 0 superseded versions" in status.output
    assert "127.0.0.1: run 1 of local" in status.output
    assert "http_404" in status.output and "timeout" in status.output


def test_a_seeds_file_without_urls_is_a_usage_error(tmp_path):
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("# nothing yet\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["crawl", "--seeds", str(seeds), "--batch", "x"])
    assert result.exit_code == 2
    assert "no seed URLs" in result.output
