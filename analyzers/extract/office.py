"""Legacy Word (.doc), WPS (.wps) and OLE spreadsheets through LibreOffice run headless.

LibreOffice converts the file to DOCX (or XLSX), which the existing extractors read, so
merged table cells come out exactly as from a DOCX. It runs in its own process group with a
time limit and a private profile folder (two conversions never share one).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from analyzers.errors import UnreadableDocument
from analyzers.extract.blocks import Document

CONVERT_TIMEOUT_SECONDS = 60.0  # a 100-page .doc converts in a few seconds; a hung one is killed
_TARGETS = {"doc": "docx", "wps": "docx", "xls": "xlsx"}
_LOCK = threading.Lock()  # one profile per process: conversions in threads take turns


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile_url() -> str:
    """A per-process profile kept between calls (the first start builds it: ~2 s saved later)."""
    folder = Path(tempfile.gettempdir()) / f"nianbao-soffice-{os.getuid()}-{os.getpid()}"
    return folder.as_uri()


def convert(data: bytes, kind: str, timeout: float = CONVERT_TIMEOUT_SECONDS) -> bytes:
    """Convert legacy `kind` bytes ('doc', 'wps', 'xls') to DOCX/XLSX bytes with LibreOffice."""
    return convert_to(data, kind, _TARGETS[kind], timeout)


def convert_to(data: bytes, source: str, target: str, timeout: float = CONVERT_TIMEOUT_SECONDS) -> bytes:
    """Convert bytes of type `source` (a file extension) to `target` (an extension) with LibreOffice."""
    program = soffice_path()
    if program is None:
        raise UnreadableDocument(f"a .{source} file needs LibreOffice (soffice), which is not installed")
    with _LOCK, tempfile.TemporaryDirectory(prefix="nianbao-convert-") as work:
        (Path(work) / f"input.{source}").write_bytes(data)
        output_dir = Path(work) / "out"
        command = [program, f"-env:UserInstallation={_profile_url()}", "--headless", "--norestore",
                   "--nolockcheck", "--nodefault", "--convert-to", target, "--outdir", str(output_dir),
                   str(Path(work) / f"input.{source}")]
        _run(command, timeout, source)
        output = output_dir / f"input.{target}"
        if not output.exists() or output.stat().st_size == 0:
            raise UnreadableDocument(f"LibreOffice could not read the .{source} file (corrupt or unsupported)")
        return output.read_bytes()


def _run(command: list[str], timeout: float, kind: str) -> None:
    """Run the converter; on timeout kill its whole process group (soffice forks soffice.bin)."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True,
                               env={**os.environ, "HOME": tempfile.gettempdir()})
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise UnreadableDocument(f"converting the .{kind} file took longer than {timeout:.0f} s") from error


def extract_legacy_word(data: bytes, kind: str, label: str | None = None) -> Document:
    """A .doc or Works .wps file: converted to DOCX, then read by the DOCX extractor.

    `label` is the source format reported (WPS Writer saves .wps files in Word's binary
    format, so they are converted as 'doc' but named 'wps')."""
    from analyzers.extract.docx import extract_docx

    label = label or kind
    document = extract_docx(convert(data, kind))
    note = f"source: .{label} file converted to DOCX by LibreOffice before parsing"
    return Document(document.blocks, label, document.title_hint, document.date_hint, notes=(note,))
