"""Times the web API on a store of 100,000 synthetic incidents, over HTTP to a real ``dateline serve``.

    python bench/web.py [--db URL] [--incidents 100000] [--runs 200] [--browser]

The store (a new SQLite file in a temporary folder unless ``--db`` names an empty one) first gets the example
articles (``examples/*.txt``, coded and merged: real incident records); then ``--incidents`` rows are inserted
straight into the ``incidents`` table with SQLAlchemy, each a copy of a real record moved in time (a random day of
2015-2024) and in place (a random town of the shipped gazetteer with 15,000 people or more, weighted by the square
root of its population, as ``bench/store.py`` does), with a new id and a killed / injured figure scaled at random.
Then ``dateline serve`` runs over it and ``--runs`` requests of each kind are timed from this process:

- ``incidents``: ``GET /api/v1/incidents?country=C&since=D&until=D+90`` (a random country among those present and
  a random 90-day window): the page's list, with the total;
- ``cells``: ``GET /api/v1/incidents/cells`` over the same filters at the page's first zoom (11.25-degree cells);
- ``cells-world``: the cells of the whole store, unfiltered (the page's first load);
- with ``--browser``, the page's first render in Debian's Chromium (the time the page itself records when the
  outlines, the circles and the list are drawn), over this store.

Reported: p50 and p95 in milliseconds per kind, and the store's size.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import sqlalchemy as sa  # noqa: E402

from dateline.store import open_store  # noqa: E402
from dateline.store.schema import incidents  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from store import places  # noqa: E402  (bench/store.py: the shipped towns of 15,000 people or more)

BATCH = 5000


def synthetic_rows(templates: list[dict[str, Any]], n: int, seed: int = 1) -> Any:
    rng = random.Random(seed)
    pool, weights = places()
    start = date(2015, 1, 1)
    days = (date(2024, 12, 31) - start).days
    now = datetime.now(UTC)
    for i in range(n):
        record = copy.deepcopy(rng.choice(templates))
        inc = record["incident"]
        name, iso3, lat, lon = rng.choices(pool, weights)[0]
        lat, lon = lat + rng.uniform(-0.1, 0.1), lon + rng.uniform(-0.1, 0.1)
        day = start + timedelta(days=rng.randrange(days))
        inc["id"] = f"inc-{rng.getrandbits(64):016x}"
        inc["date"] = {"start": day.isoformat(), "end": day.isoformat(), "precision": "day"}
        inc["location"] = {"name": name, "country": iso3, "admin1": None, "lat": lat, "lon": lon,
                           "geonames_id": None, "precision": "exact"}
        scale = rng.choice((0, 0.5, 1, 1, 2, 5))
        figures: dict[str, int | None] = {}
        for kind in ("killed", "injured"):
            est = (inc.get("estimates") or {}).get(kind)
            if est:
                inc["estimates"][kind] = {k: int(v * scale) for k, v in est.items()}
                figures[kind] = int(est["best"] * scale)
        published = (day + timedelta(days=1)).isoformat()
        inc["first_reported"] = inc["last_reported"] = published
        yield {"id": inc["id"], "plover": (inc.get("type") or {}).get("plover"), "date_start": day, "date_end": day,
               "date_precision": "day", "country": iso3, "lat": lat, "lon": lon, "killed": figures.get("killed"),
               "injured": figures.get("injured"), "members": len(inc["members"]),
               "first_reported": day + timedelta(days=1), "last_reported": day + timedelta(days=1),
               "record": record, "updated_at": now}
        if i and i % 20000 == 0:
            print(f"  {i} rows", file=sys.stderr)


def build(url: str, n: int) -> None:
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*.txt"))
    done = subprocess.run([sys.executable, "-m", "dateline.cli", "ingest", *examples, "--db", url],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr)
    with open_store(url) as store:
        templates = store.incidents()
        started = time.monotonic()
        batch: list[dict[str, Any]] = []
        with store.engine.begin() as conn:
            for row in synthetic_rows(templates, n):
                batch.append(row)
                if len(batch) >= BATCH:
                    conn.execute(incidents.insert(), batch)
                    batch = []
            if batch:
                conn.execute(incidents.insert(), batch)
        store.optimize()
        print(f"inserted {n} incidents in {time.monotonic() - started:.1f} s; store: "
              f"{store.info().counts['incidents']} incidents, {(store.info().bytes or 0) / 1e6:.0f} MB",
              file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as r:
        r.read()
        assert r.status == 200, (url, r.status)
    return (time.perf_counter() - started) * 1000


def percentiles(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {"p50": round(statistics.median(ordered), 1),
            "p95": round(ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)], 1), "n": len(ordered)}


def first_render(base: str) -> int:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(base + "/")
        page.wait_for_function("() => document.documentElement.dataset.firstRender", timeout=30_000)
        ms = int(page.evaluate("document.documentElement.dataset.firstRender"))
        browser.close()
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty store to fill (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--browser", action="store_true", help="also time the page's first render in Chromium")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="dateline-web-bench-")
    url = args.db or str(Path(folder) / "store.sqlite")
    build(url, args.incidents)
    with open_store(url) as store, store.engine.connect() as conn:
        countries = [c for (c,) in conn.execute(sa.select(incidents.c.country).where(incidents.c.country.is_not(None))
                                                .group_by(incidents.c.country)
                                                .having(sa.func.count() >= 100))]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(Path(folder) / "serve.log", "wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", "--db", url, "--port", str(port)],
                                  stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
        try:
            for _ in range(300):
                try:
                    get(f"{base}/api/v1/health")
                    break
                except OSError:
                    time.sleep(0.1)
            rng = random.Random(3)
            results: dict[str, Any] = {}
            for kind in ("incidents", "cells", "cells-world"):
                times = []
                for _ in range(args.runs):
                    since = date(2015, 1, 1) + timedelta(days=rng.randrange(3560))
                    query = f"country={rng.choice(countries)}&since={since}&until={since + timedelta(days=90)}"
                    path = {"incidents": f"/api/v1/incidents?{query}",
                            "cells": f"/api/v1/incidents/cells?{query}&cell=11.25",
                            "cells-world": "/api/v1/incidents/cells?cell=11.25"}[kind]
                    times.append(get(base + path))
                results[kind] = percentiles(times)
            if args.browser:
                results["first_render_ms"] = [first_render(base) for _ in range(3)]
        finally:
            server.terminate()
            server.wait(timeout=10)
    if not args.db:
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps({"incidents": args.incidents, "countries_queried": len(countries), **results}, indent=2))


if __name__ == "__main__":
    main()
