"""One vocabulary and one table of exit codes for the archive commands (ingest, crawl, status, index, reindex).

Every item ends as one of: indexed (or archived: new, unchanged, new version), skipped (not
a report: readable, but not an annual report, such as the corpus's *.gold.json labels) or
failed (with a reason). Only failures make a command exit 1.
"""

from __future__ import annotations

import re

import click

EXIT_OK = 0  # done; skipped non-reports are no failure
EXIT_FAILED = 1  # done, but some items failed (each named with its file or URL and reason), or the run could not start
EXIT_USAGE = 2  # wrong arguments or options, unknown batch (nothing was done)

EXIT_CODE_TABLE = """\b
Exit codes (ingest, crawl, status, index, reindex):
  0  done; files that are not reports are skipped, never failed
  1  ingest, index or reindex: some items failed (each listed with its file
     or URL and reason); any command: it could not run (no catalog, search
     engine down, index busy with another run, unexpected problem)
  2  wrong arguments or options, or an unknown batch; nothing was done
crawl lists its failed fetches and exits 0 (the next run retries them).
`nianbao parse` exits 3-6 by kind of bad input (docs/report-json.md)."""

SKIPPED = "skipped (not a report)"
LABELS = {
    "new": "new",
    "unchanged": "unchanged",
    "new_version": "new version",
    "not_a_report": SKIPPED,
    "failed": "failed",
    "indexed": "indexed",
    "listed": "listing pages",
    "vanished": "vanished upstream",
    "skipped": "skipped",
}

# Engines and libraries word their messages with exception names ("ValueError: …",
# "ConnectionError(HTTPConnection(…) …)", "(ReadTimeout)"), which tell an archivist nothing.
_NAME = r"[A-Z][A-Za-z]*(?:Error|Exception|Timeout|Warning)"
_CALL = re.compile(rf"\b{_NAME}\(")  # a repr with its arguments: the message ends before it
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^)\]'\"]+)")
_PREFIX = re.compile(rf"\b{_NAME}:\s*")
_BARE = re.compile(rf"\s*\(?\b{_NAME}\b\)?")


def plain(text: str | None) -> str:
    """A message in plain words: exception names and reprs removed (an OS error's words kept), bounded."""
    text = str(text or "")
    call, errno = _CALL.search(text), _ERRNO.search(text)
    if call:
        text = text[:call.start()].rstrip(" :,(") + (f": {errno.group(1).strip().lower()}" if errno else "")
    text = _BARE.sub("", _PREFIX.sub("", text))
    return " ".join(text.split()).rstrip(" :")[:500]


def label(outcome: str) -> str:
    """The word shown for an outcome."""
    return LABELS.get(outcome, outcome.replace("_", " "))


def echo_counts(title: str, counts: dict[str, int]) -> None:
    """A title, then one line per outcome in a stable order."""
    click.echo(title)
    for key, count in counts.items():
        click.echo(f"  {label(key):<18} {count}")


def echo_problem(kind: str, where: str, reason: str, message: str | None = None) -> None:
    """One problem line: what, the file or URL, and the reason in plain words."""
    text = plain(f"{reason}: {message}" if message else reason)
    click.echo(f"  {kind} {where}: {text}")
