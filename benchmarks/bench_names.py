"""Cost of analyzers.names: building and loading the name index, and the time of one lookup.

    .venv/bin/python benchmarks/bench_names.py            # load, build with 1,000 agencies, lookups
    .venv/bin/python benchmarks/bench_names.py --cold     # also the first build of the place keys

Start-up figures come from fresh processes (what a portal worker pays): importing
pypinyin, loading the snapshotted place keys, building the agency part. Lookups are
wall time in this process over a fixed mix of inputs, each repeated.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzers.names import build_name_index  # noqa: E402
from indexer.synth import generate_reports  # noqa: E402

AGENCIES = 1000  # what /api/suggest reads from the agency facet (its maximum size)
INPUTS = {
    "expand_latin": ["panjiabao", "pjb", "pjbz", "zhangdian", "shuyang", "pingtan", "beijing", "xyz", "tangwu"],
    "nearest": ["潘家宝镇", "唐吾", "沐阳", "海滩片区", "郑国镇", "平谭", "年报", "北京", "行政复议"],
    "suggest": ["潘", "潘家", "pjb", "panj", "平潭", "公安", "张", "s", "shuy", "沭阳县"],
}
STARTUP = """
import json, time
def rss(): return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) / 1024
from analyzers.gazetteer import load_gazetteer
load_gazetteer()
r0, t0 = rss(), time.perf_counter()
import analyzers.names as names
names.lazy_pinyin("潘家堡")
r1, t1 = rss(), time.perf_counter()
names.place_table()
r2, t2 = rss(), time.perf_counter()
names.build_name_index(json.loads({agencies!r}))
r3, t3 = rss(), time.perf_counter()
print(json.dumps({{"pypinyin": [t1 - t0, r1 - r0], "places": [t2 - t1, r2 - r1], "agencies": [t3 - t2, r3 - r2]}}))
"""


def agency_names(count: int) -> list[str]:
    """Distinct reporting bodies of synthetic reports, as the agency facet would list them."""
    names: dict[str, None] = {}
    for report in generate_reports(count * 5, seed=11):
        names.setdefault(report.truth["agency"])
        if len(names) >= count:
            break
    return list(names)


def startup(agencies: list[str]) -> dict:
    """Seconds and MB of each start-up step, measured in a fresh process."""
    code = STARTUP.format(agencies=json.dumps(agencies, ensure_ascii=False))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def cold_build() -> float:
    """Seconds of the first build of the place keys (what the snapshot saves)."""
    from analyzers.names import _build_place_keys

    started = time.perf_counter()
    _build_place_keys()
    return time.perf_counter() - started


def lookups(agencies: list[str], repeat: int) -> dict[str, dict[str, list[float]]]:
    """Milliseconds of each lookup of the mix, per method and input."""
    index = build_name_index(agencies)
    times: dict[str, dict[str, list[float]]] = {}
    for method, words in INPUTS.items():
        call = getattr(index, method)
        for _ in range(repeat):
            for word in words:
                started = time.perf_counter()
                call(word)
                times.setdefault(method, {}).setdefault(word, []).append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    """Print start-up costs and lookup latencies."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", action="store_true", help="also time the first build of the place keys")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    agencies = agency_names(AGENCIES)
    if args.cold:
        print(f"place keys, first build: {cold_build():.1f} s")
    for step, (seconds, mb) in startup(agencies).items():
        print(f"start-up {step:<9} {seconds * 1000:7.0f} ms {mb:6.1f} MB")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (cores: {os.cpu_count()})")
    for method, per_input in lookups(agencies, args.repeat).items():
        times = sorted(t for runs in per_input.values() for t in runs)
        p95 = times[int(len(times) * 0.95) - 1]
        # the slowest input's best run: what a lookup costs when the machine is not busy elsewhere
        word, runs = max(per_input.items(), key=lambda pair: min(pair[1]))
        print(f"{method:<13} p50 {statistics.median(times):.3f} ms  p95 {p95:.3f} ms  max {times[-1]:.3f} ms  "
              f"slowest input {word!r} best {min(runs):.3f} ms  ({len(times)} calls)")


if __name__ == "__main__":
    main()
