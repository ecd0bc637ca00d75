"""Missing, late and region pages over a years store of ~100k reports, through the Flask test client.

Run: PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_missing.py [--units 22700] [--rounds 20]

`years.sqlite3` is filled directly (running `nianbao years` over 100k parsed reports takes
minutes and is measured in bench_years.py): reporting bodies drawn on real gazetteer places
(indexer/synth/regions.draw_agency), 2–7 consecutive years of 2019–2025 (12 % with a year
missing in the middle), 8 % published late, 4 % without a date, 3 % duplicates at a second
URL (rows not counted); each row's timeliness verdict is the analysis' own
(analyzers.years.timeliness) and its result JSON is padded to the 0.7–5 KB that real rows
hold, so reading the table costs what it costs in production. The search index holds only
the five seed reports: region pages need it for their own listing, which is not measured
here. Prints the first request after a run (the picture is built) and p50/p95 of the rest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import tempfile
import time
from pathlib import Path

from analyzers.years.timeliness import timeliness
from indexer.settings import load_settings
from indexer.synth.regions import draw_agency
from indexer.years.regional import region_path
from indexer.years.store import YearsStore, dumps, years_file
from portal.app import create_app

REPO_ROOT = Path(__file__).resolve().parents[1]
FILLER = "本机关坚持以公开为常态、不公开为例外，持续推进政府信息公开工作。"


def _report_id(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _published(rng: random.Random, year: int) -> str | None:
    roll = rng.random()
    if roll < 0.04:
        return None
    if roll < 0.12:
        return f"{year + 1}-{rng.randint(4, 9):02d}-{rng.randint(1, 28):02d}"
    return f"{year + 1}-01-{rng.randint(2, 28):02d}"


def _years(rng: random.Random) -> list[int]:
    start = rng.randint(2019, 2022)
    years = list(range(start, rng.randint(start + 2, 2025) + 1))
    if len(years) > 2 and rng.random() < 0.12:
        years.remove(rng.choice(years[1:-1]))
    return years


def _rows(unit_index: int, rng: random.Random) -> tuple[tuple, list[tuple]]:
    """One unit row and its report rows."""
    agency = draw_agency(rng)
    unit_id = f"{agency.region.get('code')}:u{unit_index}"
    reports = []
    for year in _years(rng):
        parse = {"agency": agency.name, "year": year, "published_on": _published(rng, year)}
        copies = 2 if rng.random() < 0.03 else 1
        for copy in range(copies):
            report_id = _report_id(f"{unit_id}/{year}/{copy}")
            result = {"counted": copy == 0, "unit_id": unit_id, "timeliness": timeliness(parse),
                      "copied_from_previous": {"passages": [FILLER * rng.randint(1, 100)]}}
            reports.append((report_id, report_id * 4, unit_id, unit_id, agency.name, year, int(copy == 0),
                            agency.name, parse["published_on"], f"https://example.gov.cn/{report_id}.html",
                            dumps({"new": rng.randint(0, 50)}), dumps(result)))
    detail = {"years": sorted({r[5] for r in reports}), "names": {agency.name: []}, "merges": [], "versions": {}}
    return (unit_id, agency.name, dumps(agency.region), dumps(detail)), reports


def fill(data_dir: str, units: int, seed: int = 5, chunk: int = 1000) -> int:
    """Write the units and their reports (a chunk of units per transaction); the number of report rows."""
    settings = load_settings(env={}, data_dir=data_dir)
    store = YearsStore(years_file(settings))
    rng = random.Random(seed)
    written = 0
    for start in range(0, units, chunk):
        made = [_rows(index, rng) for index in range(start, min(units, start + chunk))]
        with store.transaction() as conn:
            conn.executemany("INSERT INTO units VALUES (?, ?, ?, ?)", [unit for unit, _ in made])
            conn.executemany("INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [row for _, reports in made for row in reports])
        written += sum(len(reports) for _, reports in made)
    with store.transaction() as conn:
        conn.execute("INSERT INTO runs(batch, finished_at, summary_json) VALUES (NULL, '2026-12-05T00:00:00Z', '{}')")
    store.close()
    return written


def index_seeds(data_dir: str) -> None:
    """Ingest and index the seed reports (the region pages' own listing needs an index)."""
    from indexer.archive import open_archive
    from indexer.backends import open_backend
    from indexer.ingest.inputs import expand_inputs
    from indexer.ingest.runner import IngestRunner
    from indexer.reindex import index_catalog

    settings = load_settings(env={}, data_dir=data_dir)
    catalog, store = open_archive(settings)
    try:
        IngestRunner(catalog, store, settings).run(expand_inputs([str(REPO_ROOT / "data" / "seeds")]), "seeds")
        backend = open_backend(settings)
        index_catalog(catalog, store, backend)
        backend.close()
    finally:
        catalog.close()


def timed(client, url: str, rounds: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds per request, each sorted (CPU is the steadier figure on a shared machine)."""
    wall, cpu = [], []
    for _ in range(rounds):
        started, used = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
        assert response.status_code == 200, (url, response.status_code)
    return sorted(wall), sorted(cpu)


def quantiles(found: list[float]) -> str:
    """p50 and p95 in milliseconds."""
    p50, p95 = found[len(found) // 2], found[min(len(found) - 1, int(len(found) * 0.95))]
    return f"p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms"


def main() -> None:
    """Fill, then time each page."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=22700)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--data-dir", help="a folder filled by an earlier run (no fill)")
    args = parser.parse_args()
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="nianbao-missing-")
    if not args.data_dir:
        started = time.perf_counter()
        reports = fill(data_dir, args.units)
        print(f"filled {reports} report rows of {args.units} units in {time.perf_counter() - started:.1f} s ({data_dir})")
        index_seeds(data_dir)
    client = create_app({"TESTING": True, "SETTINGS": load_settings(env={}, data_dir=data_dir)}).test_client()
    wall, cpu = timed(client, "/missing/?on=2026-12-05", 1)
    print(f"first request after the run (picture built): {wall[0] * 1000:.0f} ms wall, {cpu[0] * 1000:.0f} ms CPU")
    store = YearsStore(years_file(load_settings(env={}, data_dir=data_dir)), readonly=True)
    province = "/".join(region_path(json.loads(store.conn.execute("SELECT region_json FROM units LIMIT 1").fetchone()[0]))[:1])
    store.close()
    for url in ("/missing/?on=2026-12-05", f"/missing/{province}?on=2026-12-05", "/missing.csv?on=2026-12-05",
                "/api/missing?on=2026-12-05", "/late/", f"/late/{province}?year=2024", "/regions/", "/regions/山东省"):
        wall, cpu = timed(client, url, args.rounds)
        print(f"{url:34s} wall {quantiles(wall)}   CPU {quantiles(cpu)}")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
