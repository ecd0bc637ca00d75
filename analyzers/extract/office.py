"""Legacy Word (.doc), WPS (.wps) and OLE spreadsheets through LibreOffice run headless.

LibreOffice converts the file to DOCX (or XLSX), which the existing extractors read, so
merged table cells come out exactly as from a DOCX. Where LibreOffice's Python bridge is
installed (Debian's python3-uno), one LibreOffice is kept running per process and each file
is converted in it (uno_bridge.py: ~0.1-0.3 s a file instead of a ~2 s start); otherwise, or
if that LibreOffice fails to start, each conversion starts its own `soffice`. Either runs in
its own process group with a time limit and a private profile folder.
"""

from __future__ import annotations

import atexit
import json
import os
import select
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
RESIDENT = True  # keep one LibreOffice running per process when python3-uno is installed
UNO_PYTHONS = ("/usr/bin/python3",)  # interpreters that may have LibreOffice's `uno` module
START_TIMEOUT_SECONDS = 40.0
# The export filter per target type, for the resident LibreOffice (other targets: one soffice start)
_FILTERS = {"docx": "MS Word 2007 XML", "doc": "MS Word 97", "xlsx": "Calc MS Excel 2007 XML", "xls": "MS Excel 97"}


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile_url(kind: str = "soffice") -> str:
    """A per-process profile kept between calls (the first start builds it: ~2 s saved later);
    the resident LibreOffice has its own, or a one-off `soffice` would hand it its file."""
    folder = Path(tempfile.gettempdir()) / f"nianbao-{kind}-{os.getuid()}-{os.getpid()}"
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
        path = Path(work) / f"input.{source}"
        path.write_bytes(data)
        output = Path(work) / "out" / f"input.{target}"
        output.parent.mkdir()
        resident = _resident(program) if target in _FILTERS else None
        if resident is not None:
            resident.convert(path, output, _FILTERS[target], timeout, source)
        else:
            command = [program, f"-env:UserInstallation={_profile_url()}", "--headless", "--norestore",
                       "--nolockcheck", "--nodefault", "--convert-to", target, "--outdir", str(output.parent), str(path)]
            _run(command, timeout, source)
        if not output.exists() or output.stat().st_size == 0:
            raise UnreadableDocument(f"LibreOffice could not read the .{source} file (corrupt or unsupported)")
        return output.read_bytes()


class _Resident:
    """A LibreOffice kept running behind uno_bridge.py; one conversion at a time (under _LOCK)."""

    def __init__(self, python: str, program: str) -> None:
        bridge = Path(__file__).with_name("uno_bridge.py")
        self.owner = os.getpid()  # a forked child (a server's worker) starts its own
        self.process = subprocess.Popen([python, str(bridge), program, _profile_url("resident")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        start_new_session=True, text=True,
                                        env={**os.environ, "HOME": tempfile.gettempdir()})
        try:
            ready = self._answer(START_TIMEOUT_SECONDS).get("ready")
        except (OSError, TimeoutError, ValueError):
            ready = False
        if not ready:
            self.stop(graceful=False)
            raise OSError("the resident LibreOffice did not start")

    def convert(self, source: Path, target: Path, filter_name: str, timeout: float, kind: str) -> None:
        """Convert one file; a failure is the file's, a timeout kills LibreOffice (restarted next time)."""
        try:
            self.process.stdin.write(json.dumps({"input": str(source), "output": str(target),
                                                 "filter": filter_name}) + "\n")
            self.process.stdin.flush()
            answer = self._answer(timeout)
        except (OSError, TimeoutError) as error:
            _drop_resident(graceful=False)
            raise UnreadableDocument(f"converting the .{kind} file took longer than {timeout:.0f} s or stopped "
                                     "LibreOffice") from error
        if not answer.get("ok"):
            raise UnreadableDocument(f"LibreOffice could not read the .{kind} file (corrupt or unsupported)")

    def _answer(self, timeout: float) -> dict:
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            raise TimeoutError("no answer from the resident LibreOffice")
        return json.loads(line)

    def stop(self, graceful: bool = True) -> None:
        """End LibreOffice and its bridge: asked to quit (closing the bridge's input), then
        their whole process group killed if it is still there after 10 s (or at once)."""
        if graceful:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


_RESIDENT: _Resident | None = None
_NO_RESIDENT = False  # set once starting one failed: this process converts with one-off starts


def _resident(program: str) -> _Resident | None:
    """The running LibreOffice (started on first use), or None where it cannot run."""
    global _RESIDENT, _NO_RESIDENT
    if _RESIDENT is not None and _RESIDENT.owner != os.getpid():
        _RESIDENT = None  # the parent's, inherited by fork: its pipes are not this process's to use
    if _RESIDENT is not None and _RESIDENT.process.poll() is None:
        return _RESIDENT
    _drop_resident(graceful=False)  # one that died: its process group goes too
    if not RESIDENT or _NO_RESIDENT:
        return None
    python = next((p for p in UNO_PYTHONS if _has_uno(p)), None)
    try:
        if python is None:
            raise OSError("no Python with LibreOffice's uno module")
        _RESIDENT = _Resident(python, program)
    except (OSError, TimeoutError, ValueError):
        _drop_resident(graceful=False)
        _NO_RESIDENT = True
        return None
    return _RESIDENT


def _has_uno(python: str) -> bool:
    if not os.access(python, os.X_OK):
        return False
    check = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30, check=False)
    return check.returncode == 0


@atexit.register
def _drop_resident(graceful: bool = True) -> None:
    """Stop the resident LibreOffice, if any (at exit, or killed after it hung)."""
    global _RESIDENT
    if _RESIDENT is not None and _RESIDENT.owner == os.getpid():
        _RESIDENT.stop(graceful)
        _RESIDENT = None


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
