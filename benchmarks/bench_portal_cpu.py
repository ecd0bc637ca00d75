"""CPU time per search page, in process, side by side with an older commit (a busy machine's view of cost).

    .venv/bin/python benchmarks/bench_portal_cpu.py --baseline REF [--reports 10000] [--pages 100] [--rounds 2]
        [--repeats 7] [--same-index]

Throughput under load (bench_portal.py) moves with what else the machine runs; the least
CPU time of a repeated call moves much less. For the same URLs (bench_portal's new
searches: two words and a filter, page 1, and their page 2 by year), the current code and
REF's code (exported with git archive, over the index bench_portal.py built for it, or the
current one with --same-index) each measure in their own process, alternately per round:
the engine search of the page's request (no cache involved), and the page served from the
result cache (parsing the URL, the page model, the template). Each figure is the least
process time (the engine's threads count too) of `--repeats` tries, averaged over the URLs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "out"
CHILD = """
import json, os, sys, time
from urllib.parse import quote
sys.path.insert(0, 'benchmarks')
os.environ['NIANBAO_DATA_DIR'] = sys.argv[1]
import bench_portal as B
from portal.app import create_app
app = create_app()
client = app.test_client()
wanted = int(sys.argv[2])

def new_searches(count):
    # page 1 of two-word searches with a filter and a full page of hits, as bench_portal's third phase
    for first in B.WORDS:
        for second in B.WORDS:
            for extra in B.YEARS:
                path = f'/?q={quote(first + " " + second)}{extra}'
                if first != second and client.get('/api/search' + path[1:] + '&size=1').get_json()['total'] >= 20:
                    count -= 1
                    yield path
                    if count == 0:
                        return

paths = list(new_searches(wanted))
paths += [p + '&sort=year_asc&page=2' for p in paths]
repeats = int(sys.argv[3])
answer = {'engine search (uncached)': [], 'page from the result cache': []}
from portal.extensions import resources
from portal.search.presenters import sidebar_facets
from portal.search.runner import search_request
with app.test_request_context('/'):
    backend = resources().backend()
for path in paths:
    with app.test_request_context(path):
        req = sidebar_facets(search_request())
    costs = []
    for _ in range(repeats):
        started = time.process_time()
        backend.search(req)
        costs.append(time.process_time() - started)
    answer['engine search (uncached)'].append(min(costs) * 1000)
    costs = []
    client.get(path)  # the result is cached from here on: what follows is parsing, the page model and the template
    for _ in range(repeats):
        started = time.process_time()
        assert client.get(path).status_code == 200, path
        costs.append(time.process_time() - started)
    answer['page from the result cache'].append(min(costs) * 1000)
print(json.dumps(answer))
"""


def measure(tree: Path, data_dir: Path, pages: int, repeats: int) -> dict[str, list[float]]:
    """The least CPU milliseconds of each URL over `repeats` tries, by part, for one tree's code."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(data_dir), str(pages), str(repeats)], cwd=tree, check=True,
                          capture_output=True, text=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Export the baseline, then measure both trees alternately and print medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=7, help="tries per URL; the least CPU time counts")
    parser.add_argument("--same-index", action="store_true",
                        help="the baseline reads the current code's index (a commit with the same index schema)")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="nianbao-cpu-baseline-"))
    subprocess.run(f"git archive {args.baseline} | tar -x -C {base}", shell=True, cwd=REPO, check=True)
    trees = {"current": (REPO, OUT / f"portal-{args.reports}"),
             f"baseline {args.baseline}": (base, OUT / (f"portal-{args.reports}" if args.same_index
                                                        else f"portal-{args.reports}-{args.baseline}"))}
    for name, (_tree, data) in trees.items():
        if not data.exists():
            sys.exit(f"no benchmark index at {data}: run bench_portal.py --reports {args.reports} --baseline {args.baseline} first")
    for round_number in range(1, args.rounds + 1):
        order = list(trees.items()) if round_number % 2 else list(reversed(trees.items()))
        for name, (tree, data) in order:
            for kind, costs in measure(tree, data, args.pages, args.repeats).items():
                print(f"round {round_number} {name:>18} {kind:<26} URLs {len(costs):4d}  mean {statistics.fmean(costs):6.3f} ms"
                      f"  median {statistics.median(costs):6.3f} ms CPU", flush=True)


if __name__ == "__main__":
    main()
