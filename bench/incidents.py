"""Times the incident merge on 25,000 / 50,000 / 100,000 synthetic events made from real codings.

    python bench/incidents.py CODINGS.jsonl [--inputs INPUTS.jsonl] [--sizes 25000,50000,100000]

CODINGS: the output of ``dateline code --include-text`` (or give the inputs' texts with ``--inputs``; the
texts supply the names the merge compares). Each synthetic event is a real reported event moved in time (a
random day within the period), in place (a random town among the real codings' places, the coordinates
jittered by up to 0.2 degree) and given names of its own (the real names with a clone suffix, so that clones
of one article do not share names). The same article's events keep their relation, so the synthetic corpus has
incidents of several reports like the real one. Reported: mentions, incidents, seconds to merge, seconds to
build the incident records, and the time per 1,000 events at each size (near-constant = linear growth).
Records only: no store and no model.

Two designs, both printed: ``density`` keeps the events per day constant (the period grows with the corpus:
25,000 events a year, about the rate of the Gun Violence Archive's US incidents, 60,000 a year), which is how a
corpus grows by covering more time; ``window`` puts every size into the same three years, so that each day
and city holds more events as the corpus grows (a denser feed), where the work per event grows with the
events of its day and town.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dateline import incidents as inc  # noqa: E402


def load(codings: str, inputs: str | None) -> list[tuple[list[inc.Mention], dict[tuple[str, str], dict]]]:
    texts: dict[str, str] = {}
    if inputs:
        with open(inputs, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                texts[str(r["id"])] = r["text"]
    out = []
    with open(codings, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            if "error" in c or not c.get("events"):
                continue
            art = c["article"]
            text = art.get("text") or texts.get(str(art.get("input_id")), "")
            ms = inc.mentions_of(c, text)
            if ms:
                out.append((ms, {(art["id"], e["id"]): e for e in c["events"]}))
    return out


def synthesize(real: list, n: int, days: int, seed: int = 7) -> tuple[list[inc.Mention], dict]:
    rnd = random.Random(seed)
    places = [(m.place, m.country, m.admin1, m.lat, m.lon, m.geonames_id) for ms, _ in real for m in ms
              if m.lat is not None and m.place_precision in ("exact", "near")]
    base = date(2021, 1, 1)
    mentions: list[inc.Mention] = []
    events: dict = {}
    clone = 0
    while len(mentions) < n:
        ms, evs = real[rnd.randrange(len(real))]
        clone += 1
        shift = timedelta(days=rnd.randrange(days))
        place = places[rnd.randrange(len(places))] if places else (None,) * 6
        jitter = (rnd.uniform(-0.2, 0.2), rnd.uniform(-0.2, 0.2))
        for m in ms:
            anchor = m.start or m.published or base
            moved = base + shift + (anchor - (ms[0].start or ms[0].published or anchor))
            cid = f"{m.article_id}#{clone}"
            new = dataclasses.replace(
                m, article_id=cid, article=f"{m.article}#{clone}",
                start=moved if m.start else None, end=moved if m.end else None,
                published=moved + timedelta(days=1) if m.published else None,
                place=place[0], country=place[1], admin1=place[2],
                lat=None if place[3] is None else place[3] + jitter[0],
                lon=None if place[4] is None else place[4] + jitter[1], geonames_id=place[5],
                names=frozenset(f"{x} {clone}" for x in m.names))
            mentions.append(new)
            events[new.key] = evs.get(m.key, {})
    return mentions[:n], events


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("codings")
    ap.add_argument("--inputs")
    ap.add_argument("--sizes", default="25000,50000,100000")
    a = ap.parse_args()
    real = load(a.codings, a.inputs)
    print(f"{len(real)} real articles with reported events", file=sys.stderr)
    print(f"{'design':>8} {'events':>8} {'days':>6} {'incidents':>10} {'merge s':>8} {'records s':>9} "
          f"{'ms / 1,000 events':>18}")
    for design in ("density", "window"):
        for n in (int(x) for x in a.sizes.split(",")):
            days = max(1, round(365 * n / 25000)) if design == "density" else 3 * 365
            run(real, design, n, days)


def run(real: list, design: str, n: int, days: int) -> None:
    mentions, events = synthesize(real, n, days)
    t0 = time.perf_counter()
    merger = inc.merge(mentions)
    t1 = time.perf_counter()
    for cid, cluster in merger.clusters.items():
        inc.incident_record(cid, cluster.members, events)
    t2 = time.perf_counter()
    print(f"{design:>8} {n:>8} {days:>6} {len(merger.clusters):>10} {t1 - t0:>8.1f} {t2 - t1:>9.1f} "
          f"{1000 * (t2 - t0) / n * 1000:>18.0f}", flush=True)


if __name__ == "__main__":
    main()
