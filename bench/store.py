"""The corpus store at scale: bulk-insert rate, query latency and size on disk, on SQLite and PostgreSQL.

    .venv/bin/python bench/store.py --from-db gva.sqlite [--events 1000000] [--engine sqlite|postgresql|both]
                                    [--pg postgresql://127.0.0.1/test] [--queries 200] [--json]
    .venv/bin/python bench/store.py --codings codings.jsonl ...     # `dateline code --include-text` output
    .venv/bin/python bench/store.py ...                              # codes 200 articles of gva_incidents_dev

A synthetic store of ``--events`` events is generated from real codings (the stored codings of ``--from-db``,
a JSONL of codings with their texts, or 200 articles of ``../shared/gold/gva_incidents_dev.jsonl`` coded
here): synthetic article *i* is real coding ``i mod K`` with its text marked (a new content id), its published
date moved to a random day of 2010-2024 (the event dates move with it) and each event put at a random populated
place of the shipped gazetteer (weighted by the square root of the population). It is written through the store's
own path (``Store.write``, 500 articles a transaction) into a fresh SQLite file and a fresh PostgreSQL database
(created and dropped here), then each engine answers the queries the web page will make, ``--queries`` times
each with random arguments:

  range+country  events of one country in a 90-day window, latest first (100)
  bbox           events in a 2 x 2 degree box around a stored event, latest first (500)
  article        one article with its events and their claims (Store.article)
  fulltext       a full-text query of one or two words (Store.search, best 20)

``--keep --skip-queries`` builds without querying (two builds may then run at once); ``--query-only STORE``
queries a kept store later.

Reported: articles, events and rows written per second (wall clock, and per CPU second of this process, which
generates the entries too: the machine is shared, so the wall-clock rate varies with its load); p50 / p95 / max
milliseconds per query (the issue's bar: p95 under 50 ms); bytes on disk per 1,000 articles (SQLite: the file
after a checkpoint; PostgreSQL: the tables with their indexes and TOAST).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import itertools
import json
import math
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from dateline.records import Coding, EventDate, Location
from dateline.store import Entry, Filters, Store, open_store
from dateline.store.rows import coding_from_dict

GVA = Path(__file__).resolve().parents[2] / "shared" / "gold" / "gva_incidents_dev.jsonl"
BATCH = 500
FIRST_DAY, DAYS = date(2010, 1, 1), 15 * 365
WORDS = ["shooting", "police", "killed", "wounded", "gunman", "robbery", "suspect", "victim", "hospital",
         "officers", "teenager", "funeral", "arrested", "homicide", "neighbors", "witnesses", "shot dead",
         "domestic violence", "gang", "vigil", "motive", "manhunt", "school", "parking lot", "nightclub"]


# -- the real codings the synthetic store is made of

def codings_from_db(url: str) -> list[tuple[Coding, str]]:
    with open_store(url) as store, store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT coding, text FROM articles ORDER BY id"))
        return [(coding_from_dict(c if isinstance(c, dict) else json.loads(c)), t) for c, t in rows]


def codings_from_jsonl(path: Path) -> list[tuple[Coding, str]]:
    out = []
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        if "error" not in d and d["article"].get("text"):
            out.append((coding_from_dict(d), d["article"]["text"]))
    return out


def codings_coded_here(n: int) -> list[tuple[Coding, str]]:
    import dateline

    recs = [json.loads(line) for _, line in zip(range(n), GVA.open(encoding="utf-8"), strict=False)]
    inputs = [{k: r.get(k) for k in ("id", "text", "title", "published")} for r in recs]
    out = []
    for result in dateline.code_many(inputs, include_text=True):
        if isinstance(result, Coding) and result.article.text:
            out.append((dataclasses.replace(result, article=dataclasses.replace(result.article, text=None)),
                        result.article.text))
    return out


def places() -> tuple[list[tuple[str, str, float, float]], list[float]]:
    """(name, ISO3, lat, lon) of the shipped populated places of 15,000 people or more, and their weights."""
    pool, weights = [], []
    with gzip.open(str(files("dateline") / "data" / "gazetteer_places.tsv.gz"), "rt", encoding="utf-8") as rows:
        for row in rows:
            if row.startswith("#"):
                continue
            _, name, iso3, _, lat, lon, population, kind, _ = row.rstrip("\n").split("\t")
            if lat and lon and kind not in ("country", "admin1", "admin2") and int(population or 0) >= 15000:
                pool.append((name, iso3, float(lat), float(lon)))
                weights.append(math.sqrt(int(population)))
    return pool, weights


def synthetic(base: list[tuple[Coding, str]], n_events: int, seed: int = 1) -> Iterator[Entry]:
    """Entries until ``n_events`` events are generated (see the module docstring)."""
    rng = random.Random(seed)
    pool, weights = places()
    cum = list(itertools.accumulate(weights))
    with_events = [b for b in base if b[0].events]
    made, i = 0, 0
    while made < n_events:
        coding, text = with_events[i % len(with_events)]
        text = f"{text}\n\n[synthetic article {i}]"
        cid = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        real = date.fromisoformat(coding.article.published.date) if coding.article.published.date else published
        shift = published - real
        events = []
        for ev in coding.events[:n_events - made]:
            name, iso3, lat, lon = rng.choices(pool, cum_weights=cum)[0]
            start = date.fromisoformat(ev.date.start) + shift if ev.date.start else published
            end = date.fromisoformat(ev.date.end) + shift if ev.date.end else start
            events.append(dataclasses.replace(
                ev, date=EventDate(start.isoformat(), end.isoformat(), ev.date.precision, ev.date.text, ev.date.span),
                location=Location(name, iso3, None, lat, lon, None, "exact", ev.location.span)))
        made += len(events)
        article = dataclasses.replace(coding.article, id=cid, input_id=f"synthetic-{i}", chars=len(text),
                                      published=dataclasses.replace(coding.article.published,
                                                                    date=published.isoformat()))
        yield Entry(dataclasses.replace(coding, article=article, events=tuple(events)), text=text,
                    outlet=f"Outlet {i % 50}", url=f"https://news.example/{i}")
        i += 1


# -- one engine

def load(store: Store, entries: Iterator[Entry], total: int) -> dict[str, float]:
    started, cpu = time.perf_counter(), time.process_time()
    articles = events = rows = 0
    batch: list[Entry] = []

    def flush() -> None:
        nonlocal articles, events, rows
        store.write(batch)
        for e in batch:
            assert isinstance(e.result, Coding)
            articles += 1
            events += len(e.result.events)
            rows += 1 + len(e.result.events) + sum(len(ev.claims) for ev in e.result.events) \
                + len(e.result.quotes) + len(e.result.warnings)
        batch.clear()

    last_report = started
    for entry in entries:
        batch.append(entry)
        if len(batch) >= BATCH:
            flush()
            if time.perf_counter() - last_report > 30:
                last_report = time.perf_counter()
                print(f"  {events:,}/{total:,} events, {events / (last_report - started):,.0f}/s", file=sys.stderr)
    flush()
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu
    t = time.perf_counter()
    store.optimize()
    return {"articles": articles, "events": events, "rows": rows, "seconds": round(seconds, 1),
            "articles_per_s": round(articles / seconds), "events_per_s": round(events / seconds),
            "rows_per_s": round(rows / seconds), "client_cpu_s": round(cpu_seconds, 1),
            "articles_per_client_cpu_s": round(articles / cpu_seconds), "analyze_s": round(time.perf_counter() - t, 1)}


def timed(fn: Any, n: int) -> dict[str, float]:
    fn()    # warm
    ms = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t) * 1000)
    ms.sort()
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[max(0, math.ceil(0.95 * n) - 1)], 2),
            "max_ms": round(ms[-1], 2)}


def queries(store: Store, n: int, seed: int = 2) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)
    with store.engine.connect() as conn:
        countries = [c for (c,) in conn.execute(sa.text(
            "SELECT country FROM events WHERE country IS NOT NULL GROUP BY country ORDER BY count(*) DESC LIMIT 50"))]
        max_id = conn.execute(sa.text("SELECT max(id) FROM events")).scalar_one()
        sample = [tuple(r) for r in conn.execute(sa.text(
            "SELECT lat, lon FROM events WHERE id IN :ids AND lat IS NOT NULL").bindparams(
            sa.bindparam("ids", expanding=True)), {"ids": [rng.randint(1, max_id) for _ in range(500)]})]
        n_articles = conn.execute(sa.text("SELECT max(id) FROM articles")).scalar_one()
        content_ids = [c for (c,) in conn.execute(sa.text(
            "SELECT content_id FROM articles WHERE id IN :ids").bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": [rng.randint(1, n_articles) for _ in range(500)]})]

    def range_country() -> None:
        since = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 90))
        store.events(Filters(country=rng.choice(countries), since=since, until=since + timedelta(days=90), limit=100))

    def bbox() -> None:
        lat, lon = rng.choice(sample)
        store.events(Filters(bbox=(lon - 1, lat - 1, lon + 1, lat + 1), limit=500))

    def article() -> None:
        store.article(rng.choice(content_ids))

    def fulltext() -> None:
        store.search(" ".join(rng.sample(WORDS, rng.choice((1, 2)))), limit=20)

    return {name: timed(fn, n) for name, fn in (("range+country", range_country), ("bbox", bbox),
                                                 ("article", article), ("fulltext", fulltext))}


def size(store: Store) -> int:
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    info = store.info()
    return int(info.bytes or 0)


def run_engine(engine: str, base: list[tuple[Coding, str]], args: argparse.Namespace) -> dict[str, Any]:
    import psycopg

    dbname = None
    if engine == "sqlite":
        folder = tempfile.mkdtemp(prefix="dateline-bench-")
        url = os.path.join(folder, "bench.sqlite")
    else:
        dbname = f"dateline_bench_{secrets.token_hex(4)}"
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')
        url = f"{args.pg.rpartition('/')[0]}/{dbname}"
    print(f"{engine}: writing {args.events:,} events to {url}", file=sys.stderr)
    try:
        with open_store(url) as store:
            result: dict[str, Any] = {"engine": engine, "load": load(store, synthetic(base, args.events),
                                                                     args.events)}
            print(f"{engine}: {result['load']}", file=sys.stderr)
            if not args.skip_queries:
                result["queries"] = queries(store, args.queries, args.seed)
            result["bytes"] = size(store)
            result["bytes_per_1000_articles"] = round(result["bytes"] / result["load"]["articles"] * 1000)
            return result
    finally:
        if engine == "sqlite" and not args.keep:
            for suffix in ("", "-wal", "-shm"):
                Path(url + suffix).unlink(missing_ok=True)
        if dbname and not args.keep:
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--from-db", help="A store whose codings the synthetic ones are made of.")
    parser.add_argument("--codings", type=Path,
                        help="JSONL of codings with their texts (dateline code --include-text).")
    parser.add_argument("--pg", default="postgresql://127.0.0.1:5432/test",
                        help="A PostgreSQL server (any database on it) where a bench database is created.")
    parser.add_argument("--queries", type=int, default=200, help="Runs of each query.")
    parser.add_argument("--keep", action="store_true", help="Keep the synthetic stores.")
    parser.add_argument("--skip-queries", action="store_true", help="Only build (with --keep: query later).")
    parser.add_argument("--query-only", metavar="STORE",
                        help="Only run the queries, on this store (a synthetic one kept by --keep).")
    parser.add_argument("--seed", type=int, default=2, help="Seed of the queries' random arguments (another seed: "
                        "other boxes, countries, words than a run before).")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.query_only:
        with open_store(args.query_only) as store:
            result = {"engine": store.dialect, "queries": queries(store, args.queries, args.seed), "bytes": size(store),
                      "articles": store.info().counts["articles"]}
        result["bytes_per_1000_articles"] = round(result["bytes"] / result["articles"] * 1000)
        print(json.dumps(result, indent=2))
        return
    if args.from_db:
        base = codings_from_db(args.from_db)
    elif args.codings:
        base = codings_from_jsonl(args.codings)
    else:
        base = codings_coded_here(200)
    print(f"{len(base)} real codings, {sum(len(c.events) for c, _ in base)} events", file=sys.stderr)
    engines = ("sqlite", "postgresql") if args.engine == "both" else (args.engine,)
    results = [run_engine(e, base, args) for e in engines]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        if "queries" not in r:
            print(json.dumps(r, indent=2))
            continue
        ld = r["load"]
        print(f"\n{r['engine']}: {ld['articles']:,} articles, {ld['events']:,} events, {ld['rows']:,} rows in "
              f"{ld['seconds']} s: {ld['articles_per_s']:,} articles/s, {ld['events_per_s']:,} events/s, "
              f"{ld['rows_per_s']:,} rows/s; {ld['articles_per_client_cpu_s']:,} articles per CPU second of this "
              f"process (generation included); ANALYZE {ld['analyze_s']} s")
        print(f"  size {r['bytes'] / 1e6:,.0f} MB, {r['bytes_per_1000_articles'] / 1e6:.2f} MB per 1,000 articles")
        print(f"  {'query':<15}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        for name, q in r["queries"].items():
            flag = "" if q["p95_ms"] < 50 else "  over 50 ms"
            print(f"  {name:<15}{q['p50_ms']:>9}{q['p95_ms']:>9}{q['max_ms']:>9}{flag}")


if __name__ == "__main__":
    main()
