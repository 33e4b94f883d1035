"""Scaling of the two batch back-ends: articles/s for one process, the local pool with 2 workers, and a Dask
LocalCluster with 1 and 2 workers, over the same articles, in one run.

    .venv/bin/python bench/scaling.py [--input FILE.jsonl] [--limit N] [--shard-chars C] [--batch-size B]
                                      [--configs serial,j2,dask1,dask2] [--json FILE]

FILE defaults to ../shared/gold/gva_incidents_dev.jsonl (4,167 articles); --limit N codes the first N in each
configuration (about 8 minutes of CPU per configuration for all of them). The configurations run one after the
other so that they do not compete for the cores.

What keeps the comparison fair:

* Warm-up apart. Each configuration starts its workers, loads the pipeline in each and codes one short article
  there (examples/riverside-market.txt: the first coding also reads the lexicons and the gazetteer) before the
  clock starts; that start-up is reported apart ("start s"). The local pool's workers are forked from a process
  that has warmed up; each Dask worker warms up with ``client.run``.
* Small units of work. A worker idle at the end while the other finishes a long last unit lowers the 2-worker
  rate for nothing but the tail. By default the Dask shards hold about 1/16 of each worker's share of the text
  (at most 50,000 characters, at least 2,000) and the pool's batches 1/16 of its share of the articles (at most
  16), so the tail is at most about a sixteenth of a worker's work; both are printed.
* Same input, same run. All four configurations code the same articles one after the other, with the load
  average recorded before and after each: an efficiency is only meaningful when it stays well under the core
  count.

Reported: articles/s; the scaling efficiency of each back-end, rate with 2 workers / (2 x rate with 1) (one
process for the local pool, a 1-worker LocalCluster for Dask); the Dask overhead, 1 - Dask rate / local rate
with as many workers; the peak RSS of each worker process (psutil, sampled every 0.2 s: the coding process, the
pool's forked workers, the Dask worker processes; a forked worker shares the model's pages with its parent, so
its RSS counts them once more).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT.parent / "shared" / "gold" / "gva_incidents_dev.jsonl"
# coded once in every worker before the clock starts (a short article the team wrote)
WARM_UP = ROOT / "examples" / "riverside-market.txt"
# units of work (Dask shards, pool batches) per worker and run: the tail of the last one is this small a share
UNITS_PER_WORKER = 16


def warm_up() -> int:
    """Loads the pipeline and codes one short article in this process; its pid."""
    import dateline
    from dateline.ingest import read_path

    dateline.load_pipeline()
    list(dateline.code_many(read_path(str(WARM_UP))))
    return os.getpid()


class PeakRSS:
    """Samples the RSS of this process and of every process under it; the peak per process."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for proc in [me, *me.children(recursive=True)]:
                try:
                    rss = proc.memory_info().rss
                    name = " ".join(proc.cmdline()[1:3])[:60]
                except psutil.Error:
                    continue
                if rss > self.peaks.get(proc.pid, ("", 0))[1]:
                    self.peaks[proc.pid] = (name, rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def read_articles(path: Path, limit: int | None) -> list[Any]:
    from dateline.ingest import read_path

    items = []
    for item in read_path(str(path)):
        items.append(item)
        if limit and len(items) >= limit:
            break
    return items


def measure(name: str, items: list[Any], start: Callable[[], Any], code: Callable[[Any, list[Any]], Iterator[Any]],
            stop: Callable[[Any], None], worker_pids: Callable[[Any], set[int]]) -> dict[str, Any]:
    load_before = os.getloadavg()
    t0 = time.monotonic()
    with PeakRSS() as rss:
        handle = start()
        started = time.monotonic() - t0
        t1 = time.monotonic()
        n = errors = 0
        for result in code(handle, items):
            n += 1
            errors += hasattr(result, "code")
        seconds = time.monotonic() - t1
        pids = worker_pids(handle)
        stop(handle)
    peaks = [rss.peaks[p][1] for p in pids if p in rss.peaks]
    row = {"config": name, "articles": n, "errors": errors, "seconds": round(seconds, 2),
           "articles_per_s": round(n / seconds, 3), "start_s": round(started, 2),
           "workers": len(pids), "peak_rss_mb_per_worker": [round(p / 2**20) for p in peaks],
           "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in os.getloadavg()]}
    print(f"{name:<18} {n:>6} {row['articles_per_s']:>10.2f} {seconds:>9.1f} {started:>8.1f} "
          f"{max(row['peak_rss_mb_per_worker'] or [0]):>8} MB  load {row['load_before'][0]:.2f} -> "
          f"{row['load_after'][0]:.2f}", flush=True)
    return row


def serial() -> tuple[Callable[[], Any], Callable[[Any, list[Any]], Iterator[Any]], Callable[[Any], None],
                      Callable[[Any], set[int]]]:
    import dateline

    return warm_up, lambda _, items: dateline.code_many(items), lambda _: None, lambda _: {os.getpid()}


def local_pool(processes: int, batch_size: int) -> tuple[Any, Any, Any, Any]:
    import dateline
    from dateline import batch

    seen: set[int] = set()

    def start() -> batch.LocalPool:
        warm_up()                          # the forked workers inherit the loaded, warmed-up pipeline
        coder = functools.partial(dateline.code_many, timeout=dateline.DEFAULT_TIMEOUT)
        return batch.LocalPool(processes, coder, timeout=dateline.DEFAULT_TIMEOUT, batch_size=batch_size)

    def code(pool: batch.LocalPool, items: list[Any]) -> Iterator[Any]:
        for k, result in enumerate(pool.run(items)):
            if k % 20 == 0:
                seen.update(w.process.pid for w in pool._workers if w.process.pid is not None)
            yield result

    return start, code, lambda _: None, lambda _: seen


def dask_cluster(workers: int, shard_chars: int) -> tuple[Any, Any, Any, Any]:
    import dateline
    from dateline import batch

    def start() -> tuple[batch.DaskCluster, Any]:
        cluster = batch.DaskCluster(f"local:{workers}", dashboard=False)
        client = cluster.__enter__()
        client.run(warm_up)               # every worker: the pipeline loaded, one article coded
        return cluster, client

    def code(handle: tuple[batch.DaskCluster, Any], items: list[Any]) -> Iterator[Any]:
        return dateline.code_many(items, dask=handle[1], shard_chars=shard_chars)

    def pids(handle: tuple[batch.DaskCluster, Any]) -> set[int]:
        return set(handle[1].run(os.getpid).values())

    return start, code, lambda handle: handle[0].__exit__(), pids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--limit", type=int, default=None, help="code the first N articles in each configuration")
    ap.add_argument("--shard-chars", type=int, default=None,
                    help="characters of text in one Dask shard (default: 1/16 of a worker's share, 2,000 to 50,000)")
    ap.add_argument("--batch-size", type=int, default=None,
                    help="articles in one batch of the local pool (default: 1/16 of a worker's share, 1 to 16)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--configs", default="serial,j2,dask1,dask2", help="which configurations, in order")
    args = ap.parse_args()
    if not args.input.exists():
        sys.exit(f"no {args.input}: the shared folder must sit beside the checkout")
    items = read_articles(args.input, args.limit)
    chars = sum(len(getattr(i, "text", "")) for i in items)
    workers = 2
    shard_chars = args.shard_chars or min(50_000, max(2_000, chars // (UNITS_PER_WORKER * workers)))
    batch_size = args.batch_size or min(16, max(1, len(items) // (UNITS_PER_WORKER * workers)))
    print(f"{len(items)} inputs ({chars:,} characters) from {args.input.name}; {psutil.cpu_count()} cores; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; Dask shards of {shard_chars:,} "
          f"characters, pool batches of {batch_size}")
    print(f"{'config':<18} {'inputs':>6} {'articles/s':>10} {'seconds':>9} {'start s':>8} {'peak RSS':>11}")
    configs = {"serial": ("1 process", serial), "j2": ("local pool -j 2", lambda: local_pool(2, batch_size)),
               "dask1": ("Dask 1 worker", lambda: dask_cluster(1, shard_chars)),
               "dask2": ("Dask 2 workers", lambda: dask_cluster(2, shard_chars))}
    rows = {}
    for key in args.configs.split(","):
        label, make = configs[key]
        rows[key] = measure(label, items, *make())
    summary: dict[str, Any] = {"input": str(args.input), "limit": args.limit, "inputs": len(items), "chars": chars,
                               "shard_chars": shard_chars, "batch_size": batch_size, "cores": psutil.cpu_count(),
                               "rows": rows}
    rate = {k: r["articles_per_s"] for k, r in rows.items()}
    if {"serial", "j2"} <= rate.keys():
        summary["efficiency_local"] = round(rate["j2"] / (2 * rate["serial"]), 3)
    if {"dask1", "dask2"} <= rate.keys():
        summary["efficiency_dask"] = round(rate["dask2"] / (2 * rate["dask1"]), 3)
    if {"j2", "dask2"} <= rate.keys():
        summary["dask_overhead_2_workers"] = round(1 - rate["dask2"] / rate["j2"], 3)
    if {"serial", "dask1"} <= rate.keys():
        summary["dask_overhead_1_worker"] = round(1 - rate["dask1"] / rate["serial"], 3)
    peaks = [p for r in rows.values() for p in r["peak_rss_mb_per_worker"]]
    summary["peak_rss_mb_per_worker"] = max(peaks or [0])
    for key in ("efficiency_local", "efficiency_dask", "dask_overhead_1_worker", "dask_overhead_2_workers",
                "peak_rss_mb_per_worker"):
        if key in summary:
            print(f"{key}: {summary[key]}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n")


if __name__ == "__main__":
    main()
