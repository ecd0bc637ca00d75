"""`nianbao synth`: write a synthetic corpus (files plus manifest.jsonl) for demos and benchmarks."""

from __future__ import annotations

import json
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    from indexer.synth import SyntheticReport

FORMAT_CHOICES = ("txt", "html", "docx", "pdf")


def _parse_formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    """Split and validate a comma-separated format list."""
    formats = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [fmt for fmt in formats if fmt not in FORMAT_CHOICES]
    if unknown or not formats:
        raise click.BadParameter(f"choose from {','.join(FORMAT_CHOICES)} (got {value!r})")
    return formats


@click.command("synth")
@click.option("--count", type=click.IntRange(min=0), default=100, show_default=True, help="Reports to generate.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, byte-identical corpus.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the files and manifest.jsonl.")
@click.option("--formats", default="txt,html,docx,pdf", show_default=True, callback=_parse_formats,
              help="Comma-separated formats; reports take them in turn.")
@click.option("--all-formats", is_flag=True, help="Write every listed format for every report.")
@click.option("--inconsistent-share", type=click.FloatRange(0.0, 1.0), default=0.05, show_default=True,
              help="Share of reports whose figures break one relation on purpose.")
@click.option("--truth", "write_truth", is_flag=True, help="Also write truth.jsonl (the expected parse per report).")
@click.option("--truth-only", is_flag=True, help="Write only truth.jsonl: no document files, no manifest.")
def synth_command(count: int, seed: int, out_dir: Path, formats: tuple[str, ...], all_formats: bool,
                  inconsistent_share: float, write_truth: bool, truth_only: bool) -> None:
    """Generate COUNT synthetic annual reports (marked 合成样例) into OUT."""
    from tqdm import tqdm

    from indexer.synth import generate_reports

    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    per_format: Counter[str] = Counter()
    broken: Counter[str] = Counter()
    reports = generate_reports(count, seed=seed, inconsistent_share=inconsistent_share)
    with ExitStack() as files:
        manifest = None if truth_only else files.enter_context((out_dir / "manifest.jsonl").open("w", encoding="utf-8"))
        truth_file = files.enter_context((out_dir / "truth.jsonl").open("w", encoding="utf-8")) \
            if write_truth or truth_only else None
        for report in tqdm(reports, total=count, unit="report", disable=None):
            if manifest:
                chosen = formats if all_formats else (formats[report.index % len(formats)],)
                _write_files(report, chosen, out_dir, manifest, per_format)
            if report.truth["broken_relation"]:
                broken[report.truth["broken_relation"]] += 1
            if truth_file:
                truth_file.write(json.dumps({"id": report.report_id, "truth": report.truth}, ensure_ascii=False) + "\n")
    _print_summary(count, per_format, broken, time.perf_counter() - started, out_dir)


def _write_files(report: "SyntheticReport", formats: tuple[str, ...], out_dir: Path, manifest: TextIO,
                 per_format: Counter[str]) -> None:
    """Render one report in each format, write the files and their manifest lines."""
    for fmt in formats:
        (out_dir / report.filename(fmt)).write_bytes(report.render(fmt))
        manifest.write(json.dumps(_manifest_row(report, fmt), ensure_ascii=False) + "\n")
        per_format[fmt] += 1


def _manifest_row(report: "SyntheticReport", fmt: str) -> dict[str, object]:
    """One manifest line: which file holds which report and whether its figures add up."""
    truth = report.truth
    return {
        "id": report.report_id,
        "filename": report.filename(fmt),
        "format": fmt,
        "template": truth["format"],
        "agency": truth["agency"],
        "year": truth["year"],
        "expected_consistent": truth["expected_consistent"],
        "broken_relation": truth["broken_relation"],
    }


def _print_summary(count: int, per_format: Counter[str], broken: Counter[str], elapsed: float, out_dir: Path) -> None:
    """Closing lines: files per format, speed, and the share of deliberately inconsistent reports."""
    files = sum(per_format.values())
    formats = ", ".join(f"{fmt} {n}" for fmt, n in sorted(per_format.items())) or "none"
    rate = count / elapsed if elapsed > 0 else 0.0
    click.echo(f"wrote {files} files for {count} reports to {out_dir} ({formats})")
    click.echo(f"time: {elapsed:.1f} s, {rate:.1f} reports/s")
    inconsistent = sum(broken.values())
    share = inconsistent / count if count else 0.0
    detail = ", ".join(f"{name} {n}" for name, n in sorted(broken.items())) or "none"
    click.echo(f"inconsistent on purpose: {inconsistent}/{count} = {share:.3f} ({detail})")
