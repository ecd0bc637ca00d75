"""Segmentation throughput (MB/s), segmenter start-up, gazetteer load and region resolution times.

Run: .venv/bin/python benchmarks/bench_segment.py [--repeat N] [--compare]
Inputs are the 5 seeds and the 11 corpus-dev reports of ../shared/corpus-dev, beside the clone
(tags stripped from HTML). Start-up
figures run in fresh interpreters, so module caches do not flatter them. --compare also
times jieba (the [test] extra) and jieba-next with HMM on and off and checks that they cut
identically: the measurement behind analyzers/segment.py's choice.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
TAG_RE = re.compile(r"<[^>]+>")


def _texts() -> list[str]:
    """The seeds and corpus-dev reports as text (HTML tags replaced by spaces)."""
    paths = sorted((ROOT / "data" / "seeds").glob("*.txt")) + sorted(
        (ROOT.parent / "shared" / "corpus-dev").glob("*.src"))
    return [TAG_RE.sub(" ", p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def _fresh(setup: str, statement: str, runs: int) -> float:
    """Median wall time (s) of `statement` in `runs` fresh interpreters, after `setup` (imports)."""
    code = f"import time\n{setup}\nt = time.perf_counter()\n{statement}\nprint(time.perf_counter() - t)"
    out = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True, cwd=ROOT).stdout) for _ in range(runs)]
    return statistics.median(out)


def _throughput(cut: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """Best-of-`repeat` MB/s of UTF-8 input through `cut`."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            cut(text)
        best = min(best, time.perf_counter() - start)
    return size / best / 1e6


def _compare(texts: list[str], repeat: int) -> None:
    """jieba vs jieba-next, HMM on and off, same user dictionary: speed and equality."""
    import jieba

    from analyzers.segment import PLACE_FREQ, TERM_FREQ, _add_word, gov_terms, normalize, place_parts, tokenizer

    reference = jieba.Tokenizer()
    reference.initialize()
    for name in place_parts():
        _add_word(reference, name, PLACE_FREQ, "ns")
    for term in gov_terms():
        _add_word(reference, term, TERM_FREQ, "n")
    ours = tokenizer()
    normalized = [normalize(t) for t in texts]
    for hmm in (False, True):
        same = sum(list(ours.cut(t, HMM=hmm)) == list(reference.cut(t, HMM=hmm)) for t in normalized)
        for label, engine in (("jieba", reference), ("jieba-next", ours)):
            speed = _throughput(lambda t, e=engine: list(e.cut(t, HMM=hmm)), normalized, repeat)
            print(f"  {label:<10} HMM {'on ' if hmm else 'off'}: {speed:6.3f} MB/s")
        print(f"  identical cuts with HMM {'on' if hmm else 'off'}: {same}/{len(normalized)} texts")


def main() -> None:
    """Print the figures recorded in BENCHMARKS.md (## Segmentation)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3, help="fresh interpreters per start-up figure")
    parser.add_argument("--compare", action="store_true", help="also time jieba and HMM on")
    args = parser.parse_args()
    texts = _texts()
    size = sum(len(t.encode("utf-8")) for t in texts)

    print(f"inputs: {len(texts)} reports, {size / 1e6:.2f} MB")
    load = _fresh("from analyzers.gazetteer import load_gazetteer", "load_gazetteer()", args.runs)
    print(f"gazetteer load (fresh process): {1000 * load:.0f} ms")
    first = _fresh("from analyzers.segment import segment", "segment('政府信息公开')", args.runs)
    print(f"segmenter first call (fresh process, snapshot cached): {1000 * first:.0f} ms")

    from analyzers.issues import issue_keywords, issue_tags
    from analyzers.region import resolve_region
    from analyzers.segment import index_text, segment

    segment("预热")
    print(f"segment(): {_throughput(segment, texts, args.repeat):.3f} MB/s")
    print(f"index_text(): {_throughput(index_text, texts, args.repeat):.3f} MB/s")
    resolve_region(texts[0])
    times = []
    for text in texts:
        start = time.perf_counter()
        resolve_region(text)
        times.append(time.perf_counter() - start)
    print(f"resolve_region (text only), median per report: {1000 * statistics.median(times):.1f} ms, max {1000 * max(times):.1f} ms")
    issue_keywords(texts[0])
    start = time.perf_counter()
    for text in texts:
        issue_tags(text[-3000:])
        issue_keywords(text[-3000:])
    print(f"issue_tags + issue_keywords on 3,000 characters: {1000 * (time.perf_counter() - start) / len(texts):.1f} ms per report")
    if args.compare:
        _compare(texts, args.repeat)


if __name__ == "__main__":
    main()
