"""Worst-case time and memory per input class, beside the normal rate of the bundled example.

    .venv/bin/python bench/worst_case.py [--only NAME ...] [--limit-seconds S] [--json] [--check]

Each case codes one constructed input with ``dateline.code`` in a fresh subprocess (so peaks do not mix) and
reports seconds per KB of input and the peak RSS of that process. The classes are those of the hostile-input
issue: regex backtracking in the wire header, long credit-like lines, one verb repeated, one place repeated,
deep nesting of brackets and quotes, one huge token, a huge line without spaces, numbers by the thousand.
The reference is the bundled example, coded in its own subprocess the same way; the issue's bar is: every
case at most 20x the example's seconds per KB, and at most 600 MB peak RSS. ``--check`` makes the exit status
say whether the bar holds. A case that runs past ``--limit-seconds`` is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "riverside-market.txt"
MAX_RATIO = 20.0
MAX_RSS_MB = 600.0
LEAD = "Gunmen killed three villagers in Mosul on Friday, police said. "


def cases() -> dict[str, str]:
    """name -> text. Each stands for a class of input, built at a size well below the 1,000,000-character cap."""
    return {
        "header-spaces": "A" + " " * 600 + LEAD,
        "header-spaces-long": "GUNMEN" + " " * 20_000 + LEAD,
        "credit-line": LEAD + "\n" + "Jane Doe in Mosul " * 2_500 + "reported.",
        "verb-repeated": LEAD + "killed " * 5_000,
        "place-repeated": LEAD + " in Mosul" * 4_000 + ".",
        "nested-parentheses": LEAD + "(" * 50_000 + "x" + ")" * 50_000,
        "nested-quotes": LEAD + "\u201c" * 50_000 + "x" + "\u201d" * 50_000,
        "huge-token": LEAD + "A" * 160_000,
        "line-without-spaces": LEAD + ("killed," * 128_000)[:900_000],
        "verb-flood": LEAD + "killed " * 100_000,
        "numbers": LEAD + " ".join(str(i) for i in range(100_000)),
        "capitals-wire": "MOSUL, 3 JAN 90 (EFE) -- [TEXT] " + ("GUNMEN KILLED TWO SOLDIERS IN MOSUL TODAY. " * 2_000),
    }


def _child(name: str) -> None:
    import dateline

    text = EXAMPLE.read_text(encoding="utf-8") if name == "example" else cases()[name]
    dateline.load_pipeline()
    dateline.code("Police said two people were killed in Springfield on Monday.", published="2024-01-01")
    t0 = time.perf_counter()
    try:
        coding = dateline.code(text, published="2024-01-01")
        outcome = f"{len(coding.events)} events"
    except Exception as exc:   # an error record is an outcome, not a crash of the benchmark
        outcome = f"{type(exc).__name__}: {str(exc)[:80]}"
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"name": name, "kb": len(text.encode("utf-8")) / 1024, "seconds": seconds,
                      "peak_rss_mb": peak_mb, "outcome": outcome}))


def _run(name: str, limit: float) -> dict[str, Any]:
    try:
        done = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True, text=True,
                              timeout=limit, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"name": name, "kb": None, "seconds": None, "peak_rss_mb": None, "outcome": f"stopped after {limit}s"}
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        return {"name": name, "kb": None, "seconds": None, "peak_rss_mb": None, "outcome": f"crashed: {last}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--only", nargs="*", help="Run only these cases.")
    ap.add_argument("--limit-seconds", type=float, default=300.0, help="Stop a case after this long (300).")
    ap.add_argument("--json", action="store_true", help="One JSON object per line.")
    ap.add_argument("--check", action="store_true", help="Exit 1 unless every case meets the bar.")
    args = ap.parse_args()
    if args.child:
        _child(args.child)
        return 0
    ref = _run("example", args.limit_seconds)
    ref_rate = ref["seconds"] / ref["kb"]
    rows = [ref]
    ok = True
    for name in args.only or list(cases()):
        row = _run(name, args.limit_seconds)
        if row["seconds"] is None:
            row["ratio"] = None
            ok = False
        else:
            row["ratio"] = (row["seconds"] / row["kb"]) / ref_rate
            ok &= row["ratio"] <= MAX_RATIO and row["peak_rss_mb"] <= MAX_RSS_MB
        rows.append(row)
    if args.json:
        for row in rows:
            print(json.dumps(row))
    else:
        print(f"{'case':22} {'KB':>8} {'s':>8} {'s/KB':>8} {'x example':>10} {'peak MB':>8}  outcome")
        for row in rows:
            if row["seconds"] is None:
                print(f"{row['name']:22} {'':>8} {'':>8} {'':>8} {'':>10} {'':>8}  {row['outcome']}")
                continue
            ratio = row.get("ratio")
            print(f"{row['name']:22} {row['kb']:8.1f} {row['seconds']:8.2f} {row['seconds'] / row['kb']:8.4f} "
                  f"{(f'{ratio:.1f}' if ratio is not None else '1.0'):>10} {row['peak_rss_mb']:8.0f}  {row['outcome']}")
        print(f"bar: every case <= {MAX_RATIO:g}x the example's s/KB and <= {MAX_RSS_MB:g} MB: "
              f"{'PASS' if ok else 'FAIL'}")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
