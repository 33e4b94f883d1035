"""A mutation fuzzer for long runs: mutated news texts through ``dateline.code_many``; every output must be a
valid record (``tests/contract_check.py``) and never an ``internal-error``.

    .venv/bin/python fuzz/fuzz_code.py --n 100000 --seed 1 [--chunk 2000] [--processes 2] [--out fuzz/crashes]

Inputs are derived from the bundled example and a few sentences of our own by 1-6 random mutations: inserted
characters from hostile Unicode classes (format characters, surrogates, combining marks, controls, space-like
and line separators, brackets and quotes), deleted, duplicated or swapped stretches, huge and odd numbers, case
changes, truncation. Runs in chunks so that progress is printed and a crash never loses what was done; every
failing input is written to ``--out`` with the failure. The exit status is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dateline  # noqa: E402
from dateline.ingest import normalise  # noqa: E402
from tests.contract_check import check_record  # noqa: E402

SENTENCES = [
    "Gunmen killed three villagers in Mosul on Friday, police said.",
    "The army denied that anyone was hurt; rebels claimed 40 soldiers died.",
    "\u201cWe saw the bodies,\u201d a witness said. At least 12 people were wounded.",
    "BAGHDAD, 3 JAN 90 (EFE) -- [TEXT] GUERRILLAS ATTACKED AN ARMY POST, KILLING FOUR SOLDIERS.",
    "Police arrested two suspects on Tuesday in a December homicide in St. Louis County.",
    "Dozens were killed and hundreds displaced when fighting reached the town, the U.N. said.",
]
HOSTILE = ("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2069\ufeff\u00ad"
           "\u0301\u0308\u20dd\x00\x01\x07\x1b\x7f\u00a0\u2009\u3000\u2028\u2029\x85"
           "()[]{}\u201c\u201d\"'\u00ab\u00bb--\u2014\u2013\ufffd\ud800\udc00")
WORDS = ["killed", "wounded", "dead", "said", "police", "in", "on", "Friday", "000", "1e9", "NaN", "-5", "½",
         "99999999999999999999", "twenty-three", "hundreds", "Mosul", "Camp", "(AP)", "—", "\n\n", "[TEXT]"]


def seeds() -> list[str]:
    example = (ROOT / "examples" / "riverside-market.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in example.split("\n\n") if p.strip()]
    return [example, *paragraphs, *SENTENCES, " ".join(SENTENCES)]


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(9)
        n = len(text)
        i = rng.randrange(n + 1) if n else 0
        if op == 0:      # hostile characters
            text = text[:i] + "".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 8))) + text[i:]
        elif op == 1 and n:   # delete a stretch
            text = text[:i] + text[i + rng.randint(1, 40):]
        elif op == 2 and n:   # duplicate a stretch, sometimes many times
            j = min(n, i + rng.randint(1, 60))
            text = text[:j] + text[i:j] * rng.choice((1, 2, 5, 50)) + text[j:]
        elif op == 3:    # words of the domain
            text = text[:i] + " " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))) + " " + text[i:]
        elif op == 4:    # case
            text = text.upper() if rng.random() < 0.5 else text.lower()
        elif op == 5 and n:   # truncate
            text = text[:i]
        elif op == 6:    # a number of any size
            text = text[:i] + str(rng.choice((0, 1, 7, 10**rng.randint(2, 40)))) + text[i:]
        elif op == 7:    # brackets and quotes, nested
            k = rng.randint(1, 30)
            o, c = rng.choice((("(", ")"), ("\u201c", "\u201d"), ("[", "]"), ('"', '"')))
            text = text[:i] + o * k + text[i:i + 20] + c * rng.randint(0, k) + text[i + 20:]
        elif op == 8 and n > 2:   # swap two stretches
            a, b = sorted((rng.randrange(n), rng.randrange(n)))
            text = text[b:] + text[a:b] + text[:a]
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="How many inputs (1000).")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=1000, help="Inputs per chunk (progress is printed per chunk).")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--out", type=Path, default=ROOT / "fuzz" / "crashes")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    base = seeds()
    failures = errors = done = 0
    started = time.perf_counter()
    while done < args.n:
        size = min(args.chunk, args.n - done)
        texts = [mutate(rng, rng.choice(base)) for _ in range(size)]
        records = [{"id": f"fuzz-{args.seed}-{done + k}", "text": t} for k, t in enumerate(texts)]
        for rec, result in zip(records, dateline.code_many(records, processes=args.processes), strict=True):
            d = result.to_dict()
            try:
                check_record(d, None if "error" in d else normalise(rec["text"]))
            except AssertionError as exc:   # a failure is kept with its input, never lost
                failures += 1
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"{rec['id']}.json").write_text(json.dumps(
                    {"input": rec, "failure": repr(exc)[:2000], "output": d}, ensure_ascii=True), encoding="utf-8")
            errors += "error" in d
        done += size
        rate = done / (time.perf_counter() - started)
        print(f"{done} inputs, {failures} failures, {errors} error records (documented codes), {rate:.1f}/s",
              flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
