"""Fuzz the parser: random bytes and text, and mutated real and synthetic reports (TXT, HTML,
DOCX, PDF). Every input must give a ParsedReport or a typed ReportError (a ParserFailure, the
wrapper of an unexpected exception, counts as a bug), within a time and a memory bound.

Run: .venv/bin/python scripts/fuzz.py [--count N] [--seed S] [--timeout SECONDS] [--json]
Prints inputs, parses, typed errors by reason, bugs, hung inputs, the slowest input (CPU time,
steady on a shared machine; wall time too) and the process's peak RSS (which bounds the memory
of every single input). `--save DIR` writes each
bug or hung input to DIR for reproduction. Exit code 1 when any input failed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import signal
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzers.errors import ParserFailure, ReportError  # noqa: E402  (after the path fix)
from analyzers.report import parse_report  # noqa: E402

SYNTHETIC_REPORTS = 3  # each rendered in the four formats
# Shares of the input kinds: PDFs cost ~100 times a text parse, so they are a small share.
KINDS = (("bytes", 10), ("text", 10), ("txt", 40), ("html", 25), ("docx", 12), ("pdf", 3))
_HOSTILE_VALUES = ("inf", "-1", "0", "x", "", "999999999", "1e9", "NaN", "63", "2", "１")


class Hung(BaseException):
    """Raised by the alarm: an input ran past the hard timeout (BaseException so that no
    `except Exception` inside the parser can swallow it)."""


def corpus_dirs() -> list[Path]:
    """The development corpus, wherever this checkout finds it."""
    candidates = [os.environ.get("NIANBAO_CORPUS_DEV"), ROOT.parent / "shared" / "corpus-dev",
                  ROOT / "tests" / "data" / "corpus-dev"]
    return [Path(c) for c in candidates if c and Path(c).is_dir()][:1]


def load_seeds() -> dict[str, list[bytes]]:
    """Real files by kind: the seeds, corpus-dev's sources, and synthetic reports in four formats."""
    from analyzers.extract.detect import detect_type
    from indexer.synth import make_report

    seeds: dict[str, list[bytes]] = {"txt": [], "html": [], "docx": [], "pdf": []}
    paths = sorted((ROOT / "data" / "seeds").glob("*")) + [p for d in corpus_dirs() for p in sorted(d.glob("*.src"))]
    for path in paths:
        data = path.read_bytes()
        kind = detect_type(data, path.name)
        seeds["txt" if kind == "text" else kind].append(data)
    for index in range(SYNTHETIC_REPORTS):
        report = make_report(20261204, index)
        for fmt in ("txt", "html", "docx", "pdf"):
            seeds[fmt].append(report.render(fmt))
    return seeds


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """Flip, insert, delete, duplicate or truncate byte ranges."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        action = rng.randrange(5)
        if action == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif action == 1:
            out[at:at] = rng.randbytes(rng.randint(1, 64))
        elif action == 2:
            del out[at:at + rng.randint(1, 4096)]
        elif action == 3:
            out[at:at] = out[at:at + rng.randint(1, 2048)] * rng.randint(2, 20)
        else:
            del out[at:]
    return bytes(out)


def _hostile_digits(rng: random.Random) -> str:
    """Digit runs that stress the number reader: huge, fused, repeated, decimal."""
    choice = rng.randrange(5)
    if choice == 0:
        return rng.choice("19") * rng.choice((28, 100, 4301, 5000))
    if choice == 1:
        return "".join(rng.choice("0123456789") for _ in range(rng.randint(8, 60)))
    if choice == 2:
        return " ".join(str(rng.randint(0, 10 ** rng.randint(1, 20))) for _ in range(rng.randint(5, 20)))
    if choice == 3:
        return f"{rng.randint(0, 10 ** 30)}.{rng.randint(0, 99)} " + "9" * rng.randint(16, 400)
    return "\t".join(rng.choice(("/", "-", "0", "1.5", "１２", "1,234", "3件")) for _ in range(rng.randint(3, 20)))


def mutate_text(rng: random.Random, data: bytes) -> bytes:
    """Line edits on a text or HTML report: delete, duplicate, swap, inject digits or tags."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 6)):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        action = rng.randrange(6)
        if action == 0:
            del lines[i:i + rng.randint(1, 30)]
        elif action == 1:
            lines[j:j] = lines[i:i + rng.randint(1, 10)] * rng.randint(1, 50)
        elif action == 2:
            lines[i], lines[j] = lines[j], lines[i]
        elif action == 3:
            lines.insert(i, _hostile_digits(rng).encode())
        elif action == 4:
            lines.insert(i, _hostile_markup(rng).encode())
        else:
            lines[i] = re.sub(rb"\d+", lambda _: _hostile_digits(rng).encode(), lines[i], count=2)
        lines = lines or [b""]
    return b"\n".join(lines)


def _hostile_markup(rng: random.Random) -> str:
    """Table markup with absurd spans, deep nesting or unclosed tags."""
    span = lambda: rng.choice(_HOSTILE_VALUES + ("200", "1000", "65534"))  # noqa: E731
    cells = "".join(f'<td rowspan="{span()}" colspan="{span()}">{rng.randint(0, 99)}</td>'
                    for _ in range(rng.randint(1, 300)))
    rows = f"<tr>{cells}</tr>" + "<tr><td>1</td></tr>" * rng.randint(0, 200)
    return rng.choice((f"<table>{rows}</table>", "<div>" * rng.randint(10, 3000) + "信息公开", f"<table>{rows}"))


def mutate_docx(rng: random.Random, data: bytes) -> bytes:
    """Edit document.xml inside the zip (attribute values, root, cut elements), or its bytes."""
    if rng.random() < 0.3:
        return mutate_bytes(rng, data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts["word/document.xml"].decode()
    for _ in range(rng.randint(1, 4)):
        action = rng.randrange(4)
        if action == 0:
            xml = re.sub(r'(w:val=")[^"]*(")', lambda m: m.group(1) + rng.choice(_HOSTILE_VALUES) + m.group(2),
                         xml, count=rng.randint(1, 20))
        elif action == 1:
            xml = xml.replace("<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{rng.choice(_HOSTILE_VALUES)}"/>', 1)
        elif action == 2:
            xml = xml.replace("w:document", rng.choice(("w:foo", "w:body", "x:document")), 2)
        else:
            at = rng.randrange(len(xml))
            xml = xml[:at] + xml[at + rng.randint(1, 400):]
    parts["word/document.xml"] = mutate_text(rng, xml.encode()) if rng.random() < 0.3 else xml.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def make_input(rng: random.Random, seeds: dict[str, list[bytes]]) -> tuple[str, bytes]:
    """One input and its kind."""
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    if kind == "bytes":
        return kind, rng.randbytes(rng.randint(0, 4096))
    if kind == "text":
        alphabet = "信息公开年度报告一二三四五六七八九十、。（）本年新收总计行政复议 \t\n0123456789/-|."
        return kind, "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3000))).encode(rng.choice(("utf-8", "gb18030")))
    source = rng.choice(seeds[kind])
    if kind in ("txt", "html"):
        return kind, mutate_text(rng, source) if rng.random() < 0.8 else mutate_bytes(rng, source)
    if kind == "docx":
        return kind, mutate_docx(rng, source)
    return kind, mutate_bytes(rng, source)


def _on_alarm(_signum, _frame):
    raise Hung()


def run_one(data: bytes, timeout: int) -> tuple[str, float, float]:
    """('parsed' | reason | 'BUG …' | 'hung', CPU seconds, wall seconds) for one input."""
    signal.alarm(timeout)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        parse_report(data, None, with_keywords=False)
        outcome = "parsed"
    except ParserFailure as error:
        outcome = f"BUG {error}"
    except ReportError as error:
        outcome = error.reason
    except Hung:
        outcome = "hung"
    except Exception as error:  # noqa: BLE001  the very thing a fuzzer looks for
        outcome = f"BUG untyped {type(error).__name__}: {error}"[:300]
    finally:
        signal.alarm(0)
    return outcome, time.process_time() - cpu, time.perf_counter() - start


def peak_rss_kb() -> int:
    """This process's peak resident memory in KB since it started (VmHWM).

    Not getrusage's ru_maxrss: Linux carries that over from the process that forked this
    one (a large pytest run would be counted as this script's own peak).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def fuzz(count: int, seed: int, timeout: int, save: Path | None) -> dict:
    """Run `count` inputs; the figures as a dict."""
    signal.signal(signal.SIGALRM, _on_alarm)
    rng, seeds = random.Random(seed), load_seeds()
    outcomes: Counter[str] = Counter()
    bugs: list[str] = []
    slowest, slowest_wall = (0.0, ""), 0.0
    grew = (0, "")  # the input that raised the process's peak memory most, and by how much
    started = time.perf_counter()
    for index in range(count):
        kind, data = make_input(rng, seeds)
        before = peak_rss_kb()
        outcome, seconds, wall = run_one(data, timeout)
        rise = peak_rss_kb() - before
        if rise > grew[0]:
            grew = (rise, f"#{index} {kind}, {len(data):,} bytes, {outcome[:60]}")
        slowest_wall = max(slowest_wall, wall)
        outcomes["bug" if outcome.startswith("BUG") else outcome] += 1
        if outcome.startswith("BUG") or outcome == "hung":
            bugs.append(f"#{index} {kind} {len(data)} bytes: {outcome}")
            if save:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"fuzz-{seed}-{index}.{kind}").write_bytes(data)
        if seconds > slowest[0]:
            slowest = (seconds, f"#{index} {kind}, {len(data):,} bytes, {outcome[:60]}")
    return {
        "inputs": count, "seed": seed, "seconds": round(time.perf_counter() - started, 1),
        "parsed": outcomes.pop("parsed", 0), "bugs": outcomes.pop("bug", 0), "hung": outcomes.pop("hung", 0),
        "typed_errors": dict(sorted(outcomes.items())), "slowest_cpu_seconds": round(slowest[0], 3),
        "slowest_input": slowest[1], "slowest_wall_seconds": round(slowest_wall, 3), "peak_rss_mb": peak_rss_kb() // 1024,
        "largest_rise_mb": grew[0] // 1024, "largest_rise_input": grew[1],
        "failures": bugs[:50], "seed_files": {k: len(v) for k, v in seeds.items()},
        "corpus_dev": str(corpus_dirs()[0]) if corpus_dirs() else None,
    }


def main() -> None:
    """Parse the options, cap the address space so a runaway input cannot take the machine, run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=30, help="hard limit per input, seconds")
    parser.add_argument("--memory-limit-mb", type=int, default=3072, help="address-space cap of this process")
    parser.add_argument("--save", type=Path, help="write each failing input into this folder")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    limit = args.memory_limit_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    figures = fuzz(args.count, args.seed, args.timeout, args.save)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    sys.exit(1 if figures["bugs"] or figures["hung"] else 0)


if __name__ == "__main__":
    main()
