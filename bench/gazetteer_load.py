"""Gazetteer load time, peak memory and lookup speed, each run in a fresh subprocess.

    .venv/bin/python bench/gazetteer_load.py            # 5 fresh loads, median and worst
    .venv/bin/python bench/gazetteer_load.py --check    # exit 1 unless load < 1 s and peak RSS < 300 MB
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import json, resource, time, tracemalloc
t0 = time.perf_counter()
from dateline import gazetteer
gaz = gazetteer.load()
load_s = time.perf_counter() - t0
names = ["Mosul", "Paris", "Washington", "Georgia", "Tripoli", "Diyala", "Ceres", "San Salvador", "Reading",
         "Nowhereville", "Kabul", "Springfield"] * 500
t1 = time.perf_counter()
hits = sum(bool(gaz.lookup(n)) for n in names)
lookup_us = (time.perf_counter() - t1) / len(names) * 1e6
t2 = time.perf_counter()
n_names = sum(1 for _ in gaz.names())
names_s = time.perf_counter() - t2
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": load_s, "rss_mb": rss_mb, "lookup_us": lookup_us, "names": n_names,
                  "names_s": names_s, "hits": hits}))
"""


def run_once(env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--check", action="store_true", help="exit 1 unless load < 1 s and peak RSS < 300 MB")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:                 # an empty user gazetteer
        env = dict(os.environ, DATELINE_HOME=home)
        runs = [run_once(env) for _ in range(args.runs)]
    load = [r["load_s"] for r in runs]
    rss = max(r["rss_mb"] for r in runs)
    print(f"load-average {os.getloadavg()[0]:.2f}, {args.runs} fresh processes")
    print(f"load s: median {statistics.median(load):.3f}, worst {max(load):.3f}")
    print(f"peak RSS MB (interpreter included): {rss:.0f}")
    print(f"lookup us (median of runs): {statistics.median(r['lookup_us'] for r in runs):.1f}")
    print(f"names(): {int(runs[0]['names'])} keys iterated in {statistics.median(r['names_s'] for r in runs):.3f} s")
    if args.check and (max(load) >= 1.0 or rss >= 300):
        print("FAIL: gazetteer load must be < 1 s and < 300 MB", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
