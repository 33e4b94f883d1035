"""Throughput and peak memory of the raw spaCy pipeline and of full dateline coding over one corpus.

    .venv/bin/python bench/throughput.py [--input FILE.jsonl] [--limit N] [--batch-size B]
                                         [--processes N] [--json] [--check]

FILE is gold or input JSONL (one {"id", "text", "title"?, "published"?, ...} a line; default
../shared/gold/gvdb_dev.jsonl). Each mode runs in a fresh subprocess, one after the other, so the
peaks do not mix and the modes do not compete for the cores:

  raw       spacy.load(dateline.pipeline.model_name()) and nlp.pipe over the texts
  dateline  dateline.code_many over the records (id, text, title, published only), .to_dict() each

Reported per mode: articles/s and words/s (whitespace words) of the timed loop, articles per CPU
second (what one idle core would do; the machine is shared, so wall-clock rates vary with the
load average, printed too), the seconds spent
loading the model and coding one warm-up sentence (not in the rate), and the peak RSS of the
worker's process tree (psutil, sampled every 50 ms, and never below the worker's own ru_maxrss).
The issue floor: dateline >= 8 articles/s on the GVDB dev texts with peak RSS < 800 MB on the
2-core machine; --check makes the exit status say whether it holds.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

DEFAULT_INPUT = Path(__file__).resolve().parents[2] / "shared" / "gold" / "gvdb_dev.jsonl"
MODES = ("raw", "dateline")
FLOOR_ARTICLES_PER_SECOND = 8.0
FLOOR_PEAK_RSS_MB = 800.0
SAMPLE_SECONDS = 0.05
WARM_UP_TEXT = "Police said two people were killed in Springfield on Monday."


def read_records(path: Path, limit: int | None) -> list[dict[str, Any]]:
    """The input fields of each line (never a gold annotation)."""
    records = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            records.append({k: row[k] for k in ("id", "text", "title", "published")
                            if row.get(k) is not None})
            if limit is not None and len(records) >= limit:
                break
    return records


# -- worker side (runs in the subprocess) ----------------------------------------------------------


def _own_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _cpu_seconds() -> float:
    """CPU time of this process and its ended children (n_process workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_raw(records: list[dict[str, Any]], batch_size: int, processes: int) -> dict[str, Any]:
    import spacy

    import dateline.pipeline as nlp

    started = time.perf_counter()
    nlp = spacy.load(nlp.model_name())
    nlp(WARM_UP_TEXT)
    loaded, cpu = time.perf_counter(), _cpu_seconds()
    n_docs = sum(1 for _ in nlp.pipe((r["text"] for r in records), batch_size=batch_size,
                                     n_process=processes))
    return {"load_s": loaded - started, "elapsed_s": time.perf_counter() - loaded,
            "cpu_s": _cpu_seconds() - cpu, "n_out": n_docs, "n_errors": 0}


def run_dateline(records: list[dict[str, Any]], batch_size: int, processes: int) -> dict[str, Any]:
    import dateline

    options: dict[str, Any] = {"batch_size": batch_size}
    if processes > 1:
        options["processes"] = processes  # main() checked that code_many takes it
    started = time.perf_counter()
    for result in dateline.code_many([{"id": "warm-up", "text": WARM_UP_TEXT}]):
        result.to_dict()
    loaded, cpu = time.perf_counter(), _cpu_seconds()
    n_out = n_errors = 0
    for result in dateline.code_many(records, **options):
        n_out += 1
        n_errors += "error" in result.to_dict()
    return {"load_s": loaded - started, "elapsed_s": time.perf_counter() - loaded,
            "cpu_s": _cpu_seconds() - cpu, "n_out": n_out, "n_errors": n_errors}


def worker(mode: str, path: Path, limit: int | None, batch_size: int, processes: int) -> None:
    records = read_records(path, limit)
    runner = run_raw if mode == "raw" else run_dateline
    measured = runner(records, batch_size, processes)
    measured["own_peak_rss_mb"] = _own_peak_rss_mb()
    print(json.dumps(measured))


# -- parent side -------------------------------------------------------------------------------------


def measure(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    """Runs one mode in a fresh interpreter and samples the RSS of its whole process tree."""
    import psutil

    command = [sys.executable, __file__, "--worker", mode, "--input", str(args.input),
               "--batch-size", str(args.batch_size), "--processes", str(args.processes)]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    proc = psutil.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:  # a child ended between listing and reading it
            pass
        time.sleep(SAMPLE_SECONDS)
    output = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"{mode} worker failed with exit status {proc.returncode}")
    measured: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    measured["peak_rss_mb"] = max(peak / 2**20, measured["own_peak_rss_mb"])
    return measured


def summarise(records: list[dict[str, Any]], results: dict[str, dict[str, Any]],
              args: argparse.Namespace) -> dict[str, Any]:
    n, words = len(records), sum(len(r["text"].split()) for r in records)
    for measured in results.values():
        elapsed, cpu = measured["elapsed_s"], measured["cpu_s"]
        measured["articles_per_second"] = n / elapsed if elapsed > 0 else None
        measured["words_per_second"] = words / elapsed if elapsed > 0 else None
        # what one idle core would do: robust to the other jobs on a shared machine
        measured["articles_per_cpu_second"] = n / cpu if cpu > 0 else None
    summary: dict[str, Any] = {"input": str(args.input), "n_articles": n, "n_words": words,
                               "batch_size": args.batch_size, "processes": args.processes,
                               "cores": os.cpu_count(), "load_average_before": os.getloadavg()[0],
                               "modes": results}
    if set(results) == set(MODES):
        raw, full = results["raw"], results["dateline"]
        summary["ratio_dateline_to_raw"] = {
            key: full[key] / raw[key] for key in ("articles_per_second", "words_per_second",
                                                  "articles_per_cpu_second", "peak_rss_mb")
        }
    if "dateline" in results:
        full = results["dateline"]
        summary["floors"] = {
            f"articles_per_second >= {FLOOR_ARTICLES_PER_SECOND:g}":
                full["articles_per_second"] >= FLOOR_ARTICLES_PER_SECOND,
            f"peak_rss_mb < {FLOOR_PEAK_RSS_MB:g}": full["peak_rss_mb"] < FLOOR_PEAK_RSS_MB,
        }
    return summary


COLUMNS = (("articles/s", "articles_per_second", "{:.2f}"), ("words/s", "words_per_second", "{:.0f}"),
           ("articles/cpu-s", "articles_per_cpu_second", "{:.2f}"), ("load s", "load_s", "{:.2f}"),
           ("elapsed s", "elapsed_s", "{:.2f}"), ("peak RSS MB", "peak_rss_mb", "{:.0f}"),
           ("errors", "n_errors", "{}"))


def format_summary(summary: dict[str, Any]) -> str:
    lines = [f"input: {summary['input']} ({summary['n_articles']} articles, {summary['n_words']:,} words; "
             f"batch size {summary['batch_size']}, processes {summary['processes']}; "
             f"{summary['cores']} cores, load average {summary['load_average_before']:.1f} before)",
             f"{'mode':<14}" + "".join(f"{title:>{len(title) + 2}}" for title, _, _ in COLUMNS)]
    for mode, m in summary["modes"].items():
        lines.append(f"{mode:<14}" + "".join(
            f"{form.format(m[key]):>{len(title) + 2}}" for title, key, form in COLUMNS))
    ratio = summary.get("ratio_dateline_to_raw")
    if ratio:
        lines.append(f"{'dateline/raw':<14}" + "".join(
            f"{f'{ratio[key]:.2f}x' if key in ratio else '':>{len(title) + 2}}" for title, key, _ in COLUMNS))
    for floor, holds in summary.get("floors", {}).items():
        lines.append(f"floor dateline {floor}: {'PASS' if holds else 'FAIL'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="gold or input JSONL")
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    parser.add_argument("--batch-size", type=int, default=16, help="texts per nlp.pipe / code_many batch")
    parser.add_argument("--processes", type=int, default=1,
                        help="worker processes (raw: nlp.pipe n_process; dateline: code_many processes)")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated subset of raw,dateline")
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a floor does not hold")
    parser.add_argument("--worker", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.input, args.limit, args.batch_size, args.processes)
        return 0
    modes = [m for m in args.modes.split(",") if m]
    if not set(modes) <= set(MODES):
        parser.error(f"--modes takes {', '.join(MODES)}")
    if args.processes > 1 and "dateline" in modes:
        import dateline

        if "processes" not in inspect.signature(dateline.code_many).parameters:
            parser.error("dateline.code_many takes no processes argument: --processes needs it")
    records = read_records(args.input, args.limit)
    results = {mode: measure(mode, args) for mode in modes}
    summary = summarise(records, results, args)
    print(json.dumps(summary, indent=1) if args.json else format_summary(summary))
    if args.check and not all(summary.get("floors", {}).values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
