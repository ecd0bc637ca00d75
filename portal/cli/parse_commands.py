"""`nianbao parse FILE` and `nianbao eval DIR`: the parser on the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from analyzers.errors import ReportError


@click.command("parse")
@click.argument("path", type=click.Path(path_type=Path))
def parse_command(path: Path) -> None:
    """Parse one annual report (TXT, HTML, DOCX or PDF) and print its JSON."""
    from analyzers.errors import UnreadableDocument
    from analyzers.report import parse_report

    try:
        try:
            data = path.read_bytes()
        except OSError as error:  # missing, a folder, no permission: one line like any bad input
            raise UnreadableDocument(f"cannot read {path}: {error.strerror or error}") from None
        report = parse_report(data, path.name)
    except ReportError as error:
        click.echo(f"error: {error.reason}: {error.message}", err=True)
        sys.exit(error.exit_code)
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))


@click.command("eval")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Short names must appear in the agency as printed (no 发改局-style abbreviations).")
def eval_command(directory: Path, strict: bool) -> None:
    """Compare parses of NN.src with NN.gold.json labels; the last line is the accuracy."""
    from analyzers.report.evaluate import evaluate_directory

    def show(result) -> None:
        """Print a mismatch as soon as it is found."""
        if not result.ok:
            expected = json.dumps(result.expected, ensure_ascii=False)
            actual = json.dumps(result.actual, ensure_ascii=False)
            click.echo(f"mismatch {result.report} {result.key}: expected {expected}, got {actual}")

    results = evaluate_directory(directory, show, strict=strict)
    if not results:
        click.echo(f"error: no NN.src + NN.gold.json pairs in {directory}", err=True)
        raise SystemExit(2)
    matched = sum(1 for r in results if r.ok)
    total = len(results)
    click.echo(f"accuracy: {matched}/{total} = {matched / total if total else 0:.3f}")
