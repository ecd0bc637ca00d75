"""A resident LibreOffice converter, run by the Python that has LibreOffice's `uno` module
(Debian's python3-uno, for /usr/bin/python3): `python3 uno_bridge.py SOFFICE PROFILE_URL`.

It starts one headless soffice listening on a private pipe, then converts one file per line
of standard input, `{"input": path, "output": path, "filter": name}` as JSON, and answers
each with one line `{"ok": true}` or `{"ok": false, "error": "..."}`. Converting in a running
LibreOffice costs a tenth of a second; starting one costs about two. It imports nothing from
the project: it runs under another interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def _connect(soffice: str, profile: str):
    """Start soffice on a private pipe and return (its process, the desktop), waiting up to 30 s."""
    import uno

    pipe = f"nianbao{os.getpid()}"
    process = subprocess.Popen([soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible",
                                "--norestore", "--nolockcheck", "--nodefault",
                                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 30
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:  # noqa: BLE001 - NoConnectException until soffice listens
            if time.monotonic() > deadline or process.poll() is not None:
                raise
            time.sleep(0.1)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return process, desktop


def _property(name: str, value):
    from com.sun.star.beans import PropertyValue

    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def _convert(desktop, source: str, target: str, filter_name: str) -> None:
    import uno

    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                            (_property("Hidden", True), _property("ReadOnly", True)))
    if document is None:
        raise ValueError("LibreOffice could not open the file")
    try:
        document.storeToURL(uno.systemPathToFileUrl(target), (_property("FilterName", filter_name),))
    finally:
        document.close(True)


def main() -> None:
    """Serve conversions until standard input closes, then stop soffice."""
    soffice, profile = sys.argv[1], sys.argv[2]
    process, desktop = _connect(soffice, profile)
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    try:
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _convert(desktop, request["input"], request["output"], request["filter"])
                answer = {"ok": True}
            except Exception as error:  # noqa: BLE001 - any failure is one file's, reported back
                answer = {"ok": False, "error": f"{error.__class__.__name__}: {str(error)[:200]}"}
            print(json.dumps(answer), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge is gone with soffice already
            pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
