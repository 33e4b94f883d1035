"""Times every export format on a codings file (the output of ``dateline code``) and on a store loaded with the same
codings, reports each file's size, and checks what the issue asks of the results: the GeoJSON has RFC 7946's
structure, the ACLED CSV loads in pandas with the dtypes of ACLED's own files, every column list is exact.

    python bench/export.py CODINGS.jsonl --inputs INPUTS.jsonl [--db URL] [--out DIR]

``--inputs`` (the input records that were coded) gives the store the articles' texts: the codings are written to
the store directly (``Store.write``), nothing is coded again. Without ``--db`` a fresh SQLite file in DIR is used.
Needs pandas (the dev extra).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from dateline.export import acled, ucdp
from dateline.ingest import Article, record_to_article
from dateline.store import Entry, open_store
from dateline.store.rows import coding_from_dict

RUNS = [("acled", ["--format", "acled"], "csv"),
        ("acled-2020", ["--format", "acled", "--acled-version", "2020"], "csv"),
        ("ucdp", ["--format", "ucdp"], "csv"), ("plover", ["--format", "plover"], "jsonl"),
        ("geojson", ["--format", "geojson"], "geojson"), ("parquet", ["--format", "parquet"], "parquet"),
        ("jsonl", ["--format", "jsonl"], "jsonl")]
ACLED_DTYPES = {"year": "int64", "time_precision": "int64", "iso": "int64", "latitude": "float64",
                "longitude": "float64", "geo_precision": "int64", "fatalities": "int64", "timestamp": "int64"}


def load_store(url: str, codings: Path, inputs: Path) -> tuple[int, float]:
    texts: dict[str, tuple[str, str | None, str | None]] = {}
    with open(inputs, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            art = record_to_article(rec)
            if isinstance(art, Article):
                texts[art.id] = (art.text, rec.get("outlet"), rec.get("url"))
    started = time.monotonic()
    stored = 0
    with open_store(url) as store, open(codings, encoding="utf-8") as fh:
        batch: list[Entry] = []
        for line in fh:
            rec = json.loads(line)
            if "error" in rec or rec["article"]["id"] not in texts:
                continue
            text, outlet, url_ = texts[rec["article"]["id"]]
            batch.append(Entry(coding_from_dict(rec), text=text, outlet=outlet, url=url_))
            if len(batch) >= 500:
                stored += store.write(batch).stored
                batch = []
        stored += store.write(batch).stored
        store.optimize()
    return stored, time.monotonic() - started


def check(name: str, path: Path) -> str:
    if name.startswith("acled"):
        frame = pd.read_csv(path)
        columns = acled.COLUMNS if name == "acled" else acled.COLUMNS_2020
        assert tuple(frame.columns) == columns, name
        wrong = {c: str(frame[c].dtype) for c, t in ACLED_DTYPES.items() if c in frame and str(frame[c].dtype) != t
                 and not (len(frame) == 0)}
        assert not wrong, wrong
        assert frame["geo_precision"].isin([1, 2, 3]).all() and frame["time_precision"].isin([1, 2, 3]).all()
        return f"pandas dtypes ok ({len(frame)} rows)"
    if name == "ucdp":
        with open(path, encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        assert tuple(header) == ucdp.COLUMNS
        frame = pd.read_csv(path)
        assert frame["where_prec"].isin(range(1, 8)).all() and frame["date_prec"].isin(range(1, 6)).all()
        return f"49 columns, domains ok ({len(frame)} rows)"
    if name == "geojson":
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
        for f in doc["features"]:
            assert f["type"] == "Feature" and isinstance(f["properties"], dict)
            g = f["geometry"]
            assert g is None or (g["type"] == "Point" and -180 <= g["coordinates"][0] <= 180
                                 and -90 <= g["coordinates"][1] <= 90)
        located = sum(f["geometry"] is not None for f in doc["features"])
        return f"RFC 7946 structure ok ({len(doc['features'])} features, {located} located)"
    if name == "parquet":
        frame = pd.read_parquet(path)
        claims = pd.read_parquet(path.with_name(path.name.removesuffix(".parquet") + ".claims.parquet"))
        return f"{len(frame)} events, {len(claims)} claims"
    return f"{sum(1 for _ in open(path, encoding='utf-8'))} lines"


def size(path: Path) -> int:
    extra = path.with_name(path.name.removesuffix(".parquet") + ".claims.parquet")
    return path.stat().st_size + (extra.stat().st_size if path.suffix == ".parquet" and extra.exists() else 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("codings", type=Path)
    ap.add_argument("--inputs", type=Path, help="the input records that were coded (texts for the store)")
    ap.add_argument("--db", help="a store URL to load the codings into (default: a new SQLite file in --out)")
    ap.add_argument("--out", type=Path, default=Path("bench-export-out"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sources: list[tuple[str, list[str]]] = [("file", [str(args.codings)])]
    if args.inputs:
        url = args.db or str(args.out / "store.sqlite")
        stored, seconds = load_store(url, args.codings, args.inputs)
        print(f"store {url}: {stored} codings written in {seconds:.1f} s")
        sources.append(("store", ["--db", url]))
    print(f"{'from':<6} {'format':<11} {'seconds':>8} {'MB':>8}  check")
    for source, where in sources:
        for name, options, suffix in RUNS:
            path = args.out / f"{source}-{name}.{suffix}"
            started = time.monotonic()
            done = subprocess.run([sys.executable, "-m", "dateline.cli", "export", *where, *options, "-o", str(path)],
                                  capture_output=True, text=True)
            seconds = time.monotonic() - started
            if done.returncode != 0:
                raise SystemExit(f"{source} {name} failed: {done.stderr}")
            print(f"{source:<6} {name:<11} {seconds:>8.2f} {size(path) / 1e6:>8.2f}  {check(name, path)}")
            for line in done.stderr.splitlines():
                if "left out" in line:
                    print(f"{'':<28}{line.removeprefix('dateline: ')}")


if __name__ == "__main__":
    main()
