"""Copied text, two ways, on the synthetic truths: sentence hashing (used) against MinHash LSH (datasketch).

Run: .venv/bin/python benchmarks/bench_copy_methods.py [--units 600]   (needs the `compare` extra)
Both get the same planted truths from indexer/synth/years.py: reports copied from the
unit's previous report, and report pairs of one year sharing a copied passage. MinHash
works on whole narratives (character 5-gram shingles, 128 permutations); a pair counts as
found when LSH returns it at the given Jaccard threshold. Prints precision, recall and
the CPU time of each method.
"""

from __future__ import annotations

import argparse
import time

from datasketch import MinHash, MinHashLSH

from analyzers.years.analysis import YearsAnalysis
from analyzers.years.series import NARRATIVE_KEYS, Filing
from analyzers.years.units import load_aliases
from indexer.synth.years import generate_years

SHINGLE = 5
PERMUTATIONS = 128


def _minhash(parse: dict) -> MinHash:
    text = "".join((parse["sections"] or {}).get(k) or "" for k in NARRATIVE_KEYS)
    signature = MinHash(num_perm=PERMUTATIONS)
    signature.update_batch([text[i:i + SHINGLE].encode() for i in range(max(1, len(text) - SHINGLE + 1))])
    return signature


def _pr(found: set, truth: set) -> str:
    hits = len(found & truth)
    return f"precision {hits / len(found) if found else 1:.3f} recall {hits / len(truth) if truth else 1:.3f}"


def minhash_pairs(counted: list[Filing], threshold: float) -> set[frozenset]:
    """Pairs of counted reports LSH calls near-duplicates (one year apart or the same year)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    signatures = {f.report_id: _minhash(f.parse) for f in counted}
    for report_id, signature in signatures.items():
        lsh.insert(report_id, signature)
    return {frozenset((a, b)) for a, s in signatures.items() for b in lsh.query(s) if a != b}


def main() -> None:
    """Generate, run both methods, print their scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=600)
    args = parser.parse_args()
    filings, truth = generate_years(args.units, seed=5)
    counted_ids = set(truth.counted.values())
    counted = [f for f in filings if f.report_id in counted_ids]
    previous = {rid: truth.counted.get((truth.unit_of[rid], int(rid.split("-")[2]) - 1)) for rid in truth.copied_prev}
    prev_pairs = {frozenset((rid, p)) for rid, p in previous.items() if p}
    other_pairs = {frozenset(pair) for pair in truth.copied_other.items()}
    start = time.process_time()
    analysis = YearsAnalysis(aliases=load_aliases("\n".join(truth.aliases_tsv)))
    analysis.add(filings)
    results = analysis.results
    found_prev = {frozenset((r, v["previous_report_id"])) for r, v in results.items()
                  if v.get("copied_from_previous") and v["copied_from_previous"]["copied"]}
    found_other = {frozenset((r, s["report_id"])) for r, v in results.items() if v["counted"] and v["copied_from_others"]["copied"]
                   for s in v["copied_from_others"]["sources"][:1]}
    print(f"sentence hashing ({time.process_time() - start:.1f} s CPU, all analyses): "
          f"copied from previous {_pr(found_prev, prev_pairs)}; copied across units {_pr(found_other, other_pairs)}")
    years = {f.report_id: f.year for f in counted}
    for threshold in (0.8, 0.5, 0.2):
        start = time.process_time()
        pairs = minhash_pairs(counted, threshold)
        elapsed = time.process_time() - start
        # Fair to MinHash: the unit of each report is taken as known (the truth's).
        same_unit = {p for p in pairs if len({truth.unit_of[r] for r in p}) == 1
                     and abs(years[min(p)] - years[max(p)]) == 1}
        across = {p for p in pairs if len({years[r] for r in p}) == 1}
        print(f"MinHash LSH t={threshold} ({elapsed:.1f} s CPU): copied from previous {_pr(same_unit, prev_pairs)}; "
              f"copied across units {_pr(across, other_pairs)}")

if __name__ == "__main__":
    main()
