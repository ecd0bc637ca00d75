"""`nianbao demo`: build the sample data (seeds + synthetic corpus) once, ready to serve."""

from __future__ import annotations

from pathlib import Path

import click

REPO_ROOT = Path(__file__).resolve().parents[2]


@click.command("demo")
@click.option("--synthetic", type=click.IntRange(min=0), default=None,
              help="Synthetic reports to generate (default NIANBAO_SAMPLE_SYNTHETIC_REPORTS).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the synthetic corpus.")
@click.option("--seeds-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=REPO_ROOT / "data" / "seeds", show_default=True, help="Folder of real seed reports.")
@click.option("--force", is_flag=True, help="Rebuild even if sample data already exists.")
def demo_command(synthetic: int | None, seed: int, seeds_dir: Path, force: bool) -> None:
    """Archive, parse and index the seed reports and a synthetic corpus (skipped when built)."""
    from indexer.settings import load_settings
    from portal import demo

    settings = load_settings()
    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    if not force and demo.is_built(settings):
        click.echo(f"sample data already built in {settings.data_dir} (use --force to rebuild)")
        return
    count = settings.sample_synthetic_reports if synthetic is None else synthetic
    summary = demo.build_demo(settings, seeds_dir, count, seed, click.echo)
    for batch, counts in summary.ingested.items():
        click.echo(f"batch {batch}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    click.echo(f"indexed {summary.indexed} reports")
    for report_id, reason in summary.failures[:10]:
        click.echo(f"  FAILED {report_id}: {reason}")
