"""Per-article cost of geocoding (the dateline_places stage plus the event-place choice) on real texts.

    .venv/bin/python bench/geocoding.py [--input FILE.jsonl] [--limit N] [--json] [--check]

FILE is gold or input JSONL (default ../shared/gold/gvdb_dev.jsonl). The texts are parsed once by
the pipeline up to and including the stages before ``dateline_places`` (not timed); then, per article,
``places.find_places`` (recognition + gazetteer resolution) and ``places.event_place`` for the
article's first sentence are timed together. The first article is a warm-up (it loads the gazetteer
and the lemmatiser's word lists; their load time is reported separately). Reported: median, p90,
mean and max milliseconds per article, mentions per article, and the gazetteer load seconds.
The issue floor: median < 10 ms per article; --check makes the exit status say whether it holds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

DEFAULT_INPUT = Path(__file__).resolve().parents[2] / "shared" / "gold" / "gvdb_dev.jsonl"
FLOOR_MEDIAN_MS = 10.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)

    import dateline.pipeline as nlp
    from dateline import gazetteer
    from dateline.pipeline import places

    t0 = time.perf_counter()
    gazetteer.load()
    load_s = time.perf_counter() - t0

    records = [json.loads(line) for line in args.input.open(encoding="utf-8") if line.strip()]
    if args.limit is not None:
        records = records[: args.limit]
    pipe = nlp.load()
    upto = [name for name, _ in pipe.pipeline]
    upto = upto[: upto.index("dateline_places")]
    docs = []
    for rec in records:
        text = rec["text"]
        doc = nlp.make_doc(text)
        for name in upto:
            doc = pipe.get_pipe(name)(doc)
        docs.append(doc)

    t0 = time.perf_counter()
    _geocode(docs[0], places)               # warm-up: word lists, caches
    warm_s = time.perf_counter() - t0
    times, counts = [], []
    for doc in docs[1:]:
        t = time.perf_counter()
        n = _geocode(doc, places)
        times.append((time.perf_counter() - t) * 1000)
        counts.append(n)
    ms = sorted(times)
    result = {
        "input": str(args.input), "articles": len(times), "gazetteer_load_s": round(load_s, 3),
        "warm_up_s": round(warm_s, 3), "median_ms": round(statistics.median(ms), 2),
        "p90_ms": round(ms[int(0.9 * (len(ms) - 1))], 2), "mean_ms": round(statistics.fmean(ms), 2),
        "max_ms": round(ms[-1], 2), "mentions_per_article": round(statistics.fmean(counts), 1),
    }
    ok = result["median_ms"] < FLOOR_MEDIAN_MS
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:22} {value}")
        print(f"{'floor':22} median < {FLOOR_MEDIAN_MS} ms: {'PASS' if ok else 'FAIL'}")
    return 0 if ok or not args.check else 1


def _geocode(doc, places) -> int:  # type: ignore[no-untyped-def]
    doc._.dateline_places = places.find_places(doc)
    first = next(iter(doc.sents), None)
    if first is not None:
        span = (first.start_char, first.end_char)
        places.event_place(doc, [span], (first.root.idx, first.root.idx + len(first.root)))
    return len(doc._.dateline_places)


if __name__ == "__main__":
    sys.exit(main())
