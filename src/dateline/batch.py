"""Coding many articles in worker processes that survive faults.

A local pool of ``processes`` workers, each a forked process that codes batches of articles with the coder it is
given (the public :func:`dateline.code_many` in one process, with its per-article time budget; the pipeline
loads once per worker). The parent hands out batches, reads results, and emits one result per input, in input
order:

* a worker that dies (killed, crashed, out of memory) loses no input: the articles of its batch are retried one
  by one in fresh workers; an article that kills its worker again becomes an error record ``worker-lost``;
* a worker that overruns its batch's budget (an article stuck in code that cannot be interrupted from inside)
  is killed: its current article becomes ``timeout`` and the rest of its batch is retried;
* everything else (bad input, a bug) is already an error record from the worker.

Two back-ends behind one interface (:class:`Runner`: ``run`` streams one result per input in input order,
``run_shards`` yields each :class:`Shard` with its results):

* :class:`LocalPool` (``-j N``), above;
* :class:`DaskRunner` (``--dask local[:N]`` starts a ``LocalCluster``, ``--dask tcp://HOST:8786`` uses a running
  scheduler): the input is cut into shards by text volume (:func:`plan_shards`), each shard is one Dask task
  that codes its articles in a worker (which loads the pipeline once) and returns the records. A worker lost
  mid-shard is retried by Dask; a shard whose task kills its worker ``allowed-failures`` times is split and its
  articles retried one by one, and an article that kills its worker again becomes ``worker-lost``. A worker stuck
  in code that cannot be interrupted past twice its article's budget ends its own process (a watchdog thread),
  which Dask treats as a lost worker. The client stays the single writer.

:class:`SerialRunner` codes in this process, for one worker. :func:`make_runner` picks one;
:class:`ShardDirectory` writes one output file per input shard (JSONL or Parquet), atomically, so that a run
started again codes only the shards that are missing.

This module works on records: it imports neither the pipeline nor the public API (the coder is given).
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.connection
import os
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from dateline.errors import Timeout, WorkerLost
from dateline.ingest import Article, Rejected, clean_string
from dateline.records import Coding, ErrorRecord

Result = Coding | ErrorRecord
# codes a batch of articles in a worker, one result per article in order, keeping each article's time budget
# (the public API's ``functools.partial(dateline.code_many, timeout=...)``); must be picklable
Coder = Callable[[list[Article]], Iterable[Result]]
# the parent kills a worker this long after the in-worker budget of its current article has passed
KILL_GRACE_SECONDS = 10.0
# text characters in one shard of a Dask run (about 50 news articles, a few seconds of one core)
SHARD_CHARS = 100_000
# at most this many inputs in one shard (a stream of tiny or rejected inputs still moves)
SHARD_MAX_ITEMS = 1_000
# a Dask task that was on this many workers when they died is given up (then its articles are tried one by one)
ALLOWED_FAILURES = 1
# a LocalCluster's scheduler: a task given up after ALLOWED_FAILURES deaths of its worker; one task at a time on a
# one-thread worker (no task waits on a worker), so that a worker's death counts against the task it ran only
SCHEDULER_CONFIG = {"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                    "distributed.scheduler.worker-saturation": 1.0}
# the first article of a worker also loads the pipeline: the watchdog gives it this much longer
LOAD_GRACE_SECONDS = 120.0
# exit status of a Dask worker process that its watchdog ended (stuck past twice an article's budget)
WATCHDOG_EXIT = 70


class Runner:
    """Codes a stream of inputs with a :data:`Coder`; the back-ends differ in where the coder runs."""

    def run(self, items: Iterable[Article | Rejected]) -> Iterator[Result]:
        """One result per item, in input order."""
        raise NotImplementedError

    def run_shards(self, shards: Iterable[Shard]) -> Iterator[tuple[Shard, list[Result]]]:
        """Each shard with its results (one per item, in the shard's order), as shards finish (here: in order)."""
        queue: deque[Shard] = deque()

        def items() -> Iterator[Article | Rejected]:
            for shard in shards:
                queue.append(shard)
                yield from shard.items

        current: list[Result] = []
        for result in self.run(items()):
            current.append(result)
            if len(current) == len(queue[0].items):
                yield queue.popleft(), current
                current = []


@dataclass(frozen=True)
class Shard:
    """A slice of the input stream coded as one unit of work."""

    number: int                                 # 0, 1, ... in input order
    start: int                                  # input position of its first item
    items: tuple[Article | Rejected, ...]

    @property
    def chars(self) -> int:
        return sum(len(a.text) for a in self.items if isinstance(a, Article))


def plan_shards(items: Iterable[Article | Rejected], *, chars: int = SHARD_CHARS,
                max_items: int = SHARD_MAX_ITEMS) -> Iterator[Shard]:
    """Cuts the inputs into shards of about ``chars`` characters of text (by volume, not count: a shard of long
    reports and one of wire briefs take about as long). The same inputs always give the same shards."""
    chunk: list[Article | Rejected] = []
    size = number = start = 0
    for item in items:
        chunk.append(item)
        size += len(item.text) if isinstance(item, Article) else 0
        if size >= chars or len(chunk) >= max_items:
            yield Shard(number, start, tuple(chunk))
            number, start, chunk, size = number + 1, start + len(chunk), [], 0
    if chunk:
        yield Shard(number, start, tuple(chunk))


def _error_of(item: Rejected) -> ErrorRecord:
    return ErrorRecord(item.input_id, item.error.code, item.error.message)


def code_items(coder: Coder, items: Iterable[Article | Rejected]) -> list[Result]:
    """One result per item: the coder's for the articles, an error record for each rejected input."""
    items = list(items)
    coded = iter(list(coder([a for a in items if isinstance(a, Article)])))
    return [_error_of(i) if isinstance(i, Rejected) else next(coded) for i in items]


class SerialRunner(Runner):
    """Codes in this process, shard by shard (one worker; the coder keeps each article's budget)."""

    def __init__(self, coder: Coder, *, shard_chars: int = SHARD_CHARS) -> None:
        self.coder = coder
        self.shard_chars = shard_chars

    def run(self, items: Iterable[Article | Rejected]) -> Iterator[Result]:
        for shard in plan_shards(items, chars=self.shard_chars):
            yield from code_items(self.coder, shard.items)


def _worker_main(conn: multiprocessing.connection.Connection, coder: Coder) -> None:
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        articles: list[Article] = job
        for result in coder(articles):
            conn.send(result)
        conn.send(None)


@dataclass
class _Job:
    seq: list[int]                  # input positions of the articles
    articles: list[Article]
    retry: bool = False             # a one-article retry after its batch's worker was lost


@dataclass
class _Worker:
    process: BaseProcess
    conn: multiprocessing.connection.Connection
    job: _Job | None = None
    done_in_job: int = 0            # articles of the current job already coded (their results received)
    started: float = 0.0            # when the current article began


class LocalPool(Runner):
    """``processes`` fault-tolerant worker processes; :meth:`run` codes a stream of inputs."""

    def __init__(self, processes: int, coder: Coder, *, timeout: float | None = None, batch_size: int = 16) -> None:
        """``timeout``: the coder's budget per article; a worker silent for twice that (plus a grace) is killed."""
        if processes < 1:
            raise ValueError("processes must be >= 1")
        self.processes = processes
        self.coder = coder
        self.timeout = timeout
        self.batch_size = max(1, batch_size)
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._workers: list[_Worker] = []

    # -- workers

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(child, self.coder), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _kill(self, w: _Worker) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join(5)
        w.conn.close()

    def _budget(self, w: _Worker) -> float | None:
        if self.timeout is None or w.job is None:
            return None
        # the whole batch is first tried at once within one budget, then article by article
        return 2 * self.timeout + KILL_GRACE_SECONDS

    # -- the run

    def run(self, items: Iterable[Article | Rejected]) -> Iterator[Result]:
        """One result per item, in input order."""
        source = iter(items)
        pending: deque[_Job] = deque()     # retries go first
        ready: dict[int, Result] = {}
        next_out = 0
        n_in = 0
        exhausted = False
        self._workers = [self._spawn() for _ in range(self.processes)]
        try:
            while True:
                # fill idle workers
                for w in self._workers:
                    if w.job is not None:
                        continue
                    job = pending.popleft() if pending else None
                    while job is None and not exhausted:
                        batch: list[Article] = []
                        seqs: list[int] = []
                        while len(batch) < self.batch_size:
                            try:
                                item = next(source)
                            except StopIteration:
                                exhausted = True
                                break
                            if isinstance(item, Rejected):
                                ready[n_in] = ErrorRecord(item.input_id, item.error.code, item.error.message)
                            else:
                                batch.append(item)
                                seqs.append(n_in)
                            n_in += 1
                        if batch:
                            job = _Job(seqs, batch)
                        # flush what is ready while reading (a stream of rejected items never stalls)
                        while next_out in ready:
                            yield ready.pop(next_out)
                            next_out += 1
                    if job is None:
                        continue
                    w.job, w.done_in_job, w.started = job, 0, time.monotonic()
                    w.conn.send(job.articles)
                while next_out in ready:
                    yield ready.pop(next_out)
                    next_out += 1
                busy = [w for w in self._workers if w.job is not None]
                if not busy:
                    if exhausted and not pending:
                        break
                    continue
                waitables: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
                multiprocessing.connection.wait(waitables, timeout=1.0)
                for w in busy:
                    self._poll(w, pending, ready)
            while next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
        finally:
            for w in self._workers:
                try:
                    w.conn.send(None)
                except (OSError, ValueError):
                    pass
            for w in self._workers:
                w.process.join(2)
                self._kill(w)

    def _poll(self, w: _Worker, pending: deque[_Job], ready: dict[int, Result]) -> None:
        job = w.job
        assert job is not None
        try:
            while w.conn.poll():
                result = w.conn.recv()
                if result is None:          # the job is done
                    w.job = None
                    return
                ready[job.seq[w.done_in_job]] = result
                w.done_in_job += 1
                w.started = time.monotonic()
        except (EOFError, OSError):
            pass
        lost = not w.process.is_alive()
        budget = self._budget(w)
        overran = budget is not None and time.monotonic() - w.started > budget
        if not (lost or overran):
            return
        # the worker died, or is stuck, on article number done_in_job of its job
        self._kill(w)
        self._workers[self._workers.index(w)] = self._spawn()
        stuck = w.done_in_job
        for k in range(stuck, len(job.articles)):
            seq, article = job.seq[k], job.articles[k]
            if k == stuck and overran:
                err: Timeout | WorkerLost = Timeout(
                    f"coding took longer than its budget ({self.timeout:g} s a try); the worker was stopped")
                ready[seq] = ErrorRecord(article.input_id, err.code, err.message)
            elif k == stuck and job.retry:
                err = WorkerLost(f"the worker process died while coding this article (exit code "
                                 f"{w.process.exitcode}), also on a retry")
                ready[seq] = ErrorRecord(article.input_id, err.code, err.message)
            else:
                # the suspect is retried once on its own; the others of its batch are coded again as usual
                pending.append(_Job([seq], [article], retry=k == stuck))


def cpu_count() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:   # not on Linux
        return os.cpu_count() or 1


# -- Dask distributed

class _Watchdog:
    """Ends this worker process when no article has finished for ``budget`` seconds: the coder is stuck in code
    that its own budget cannot interrupt. Dask sees a lost worker, retries, then isolates the article."""

    def __init__(self, budget: float | None, load_grace: float = LOAD_GRACE_SECONDS) -> None:
        self.budget = budget
        self.last = time.monotonic()
        self.grace = load_grace
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="dateline-watchdog", daemon=True)

    def _watch(self) -> None:
        assert self.budget is not None
        while not self._stop.wait(1.0):
            if time.monotonic() - self.last > self.budget + self.grace:
                os._exit(WATCHDOG_EXIT)

    def tick(self) -> None:
        self.last, self.grace = time.monotonic(), 0.0

    def __enter__(self) -> _Watchdog:
        if self.budget is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()


def code_shard(coder: Coder, articles: list[Article], timeout: float | None, *,
               kill_grace: float = KILL_GRACE_SECONDS, load_grace: float = LOAD_GRACE_SECONDS) -> list[Result]:
    """The task of one shard in a Dask worker: the coder's results for ``articles``, in order. The pipeline is
    loaded once per worker process (the coder's first call) and kept for the worker's next tasks. With a
    ``timeout``, a watchdog ends the process when one article takes twice that plus ``kill_grace`` (the first
    also ``load_grace``: it loads the pipeline)."""
    results: list[Result] = []
    with _Watchdog(2 * timeout + kill_grace if timeout else None, load_grace) as watchdog:
        for result in coder(articles):
            results.append(result)
            watchdog.tick()
    return results


class DaskError(RuntimeError):
    """The Dask cluster failed (not an article): it cannot be reached, or a task failed outside the coder."""


class DaskCluster:
    """A Dask client for ``spec``: ``local`` / ``local:N`` starts a ``LocalCluster`` of N worker processes (one
    thread each; N = the cores by default), ``tcp://HOST:8786`` (any scheduler address) connects to a running
    scheduler. A context manager: leaving it closes the client and a cluster it started."""

    def __init__(self, spec: str, *, dashboard: bool = True) -> None:
        self.spec = spec
        self.dashboard = dashboard
        self.client: Any = None
        self.cluster: Any = None

    def __enter__(self) -> Any:
        import dask
        from distributed import Client, LocalCluster

        m = re.fullmatch(r"local(?::(\d+))?", self.spec.strip())
        try:
            if m:
                workers = int(m.group(1)) if m.group(1) else cpu_count()
                if workers < 1:
                    raise DaskError("--dask local:N needs N >= 1")
                with dask.config.set(SCHEDULER_CONFIG):
                    self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                dashboard_address=":0" if self.dashboard else None)
                self.client = Client(self.cluster)
            elif "://" in self.spec or re.fullmatch(r"[\w.-]+:\d+", self.spec):
                self.client = Client(self.spec, timeout="30s")
            else:
                raise DaskError(f"--dask takes local, local:N or a scheduler address such as tcp://HOST:8786, "
                                f"not {self.spec!r}")
        except (OSError, TimeoutError) as exc:
            self.__exit__()
            raise DaskError(f"cannot reach the Dask scheduler {self.spec}: {exc}") from exc
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None


def dashboard_link(client: Any) -> str | None:
    """The link of the Dask dashboard, when the scheduler serves one."""
    try:
        services = client.scheduler_info().get("services", {})
    except Exception:   # an old or unreachable scheduler: no link
        return None
    return str(client.dashboard_link) if "dashboard" in services else None


@dataclass
class _ShardRun:
    shard: Shard
    results: list[Result | None]
    missing: int = 0


@dataclass
class _Task:
    run: _ShardRun
    positions: list[int]            # positions in the shard of the articles this task codes
    alone: bool = False             # one article retried alone after its shard's task was given up


class DaskRunner(Runner):
    """Shards coded as Dask tasks on ``client`` (a ``distributed.Client``, or a spec for :class:`DaskCluster`,
    started on first use and closed by :meth:`close`). The client process keeps at most ``window`` shards in
    flight and stays the only writer."""

    def __init__(self, client: Any, coder: Coder, *, timeout: float | None = None, shard_chars: int = SHARD_CHARS,
                 window: int | None = None, kill_grace: float = KILL_GRACE_SECONDS,
                 load_grace: float = LOAD_GRACE_SECONDS) -> None:
        self._spec = client if isinstance(client, str) else None
        self._cluster: DaskCluster | None = None
        self.client = None if isinstance(client, str) else client
        self.coder = coder
        self.timeout = timeout
        self.shard_chars = shard_chars
        self.window = window
        self.kill_grace, self.load_grace = kill_grace, load_grace

    def start(self) -> Any:
        if self.client is None:
            assert self._spec is not None
            self._cluster = DaskCluster(self._spec)
            self.client = self._cluster.__enter__()
        return self.client

    def close(self) -> None:
        if self._cluster is not None:
            self._cluster.__exit__()
            self._cluster = None
            self.client = None

    def __enter__(self) -> DaskRunner:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, items: Iterable[Article | Rejected]) -> Iterator[Result]:
        done: dict[int, list[Result]] = {}
        next_shard = 0
        for shard, results in self.run_shards(plan_shards(items, chars=self.shard_chars)):
            done[shard.number] = results
            while next_shard in done:
                yield from done.pop(next_shard)
                next_shard += 1

    def run_shards(self, shards: Iterable[Shard]) -> Iterator[tuple[Shard, list[Result]]]:
        """Shards as they finish (any order)."""
        from distributed import KilledWorker, as_completed

        client = self.start()
        window = self.window or max(4, 2 * len(client.scheduler_info().get("workers", {})) + 2)
        token = uuid.uuid4().hex[:12]
        source = iter(shards)
        open_runs: dict[int, _ShardRun] = {}
        tasks: dict[str, _Task] = {}
        futures = as_completed()
        exhausted = False

        def submit(run: _ShardRun, positions: list[int], alone: bool) -> None:
            articles = [run.shard.items[p] for p in positions]
            key = f"dateline-shard-{run.shard.number}-{positions[0]}{'-alone' if alone else ''}-{token}"
            future = client.submit(code_shard, self.coder, articles, self.timeout, kill_grace=self.kill_grace,
                                   load_grace=self.load_grace, key=key, pure=False)
            tasks[future.key] = _Task(run, positions, alone)
            futures.add(future)

        def finished(run: _ShardRun) -> tuple[Shard, list[Result]]:
            del open_runs[run.shard.number]
            assert all(r is not None for r in run.results)
            return run.shard, [r for r in run.results if r is not None]

        def fill() -> Iterator[tuple[Shard, list[Result]]]:
            nonlocal exhausted
            while not exhausted and len(tasks) < window and \
                    (not open_runs or max(open_runs) - min(open_runs) < 4 * window):
                shard = next(source, None)
                if shard is None:
                    exhausted = True
                    break
                run = _ShardRun(shard, [None] * len(shard.items))
                open_runs[shard.number] = run
                positions = []
                for k, item in enumerate(shard.items):
                    if isinstance(item, Rejected):
                        run.results[k] = _error_of(item)
                    else:
                        positions.append(k)
                if positions:
                    run.missing = len(positions)
                    submit(run, positions, alone=False)
                else:
                    yield finished(run)

        try:
            yield from fill()
            while tasks:
                future = next(futures)
                task = tasks.pop(future.key)
                run = task.run
                try:
                    results = future.result()
                except KilledWorker as exc:
                    if not task.alone:      # the shard's task killed its workers: each article on its own
                        for p in task.positions:
                            submit(run, [p], alone=True)
                        continue
                    item = run.shard.items[task.positions[0]]
                    where = getattr(getattr(exc, "last_worker", None), "address", None) or "a Dask worker"
                    err = WorkerLost(f"the worker process died while coding this article, also when it was "
                                     f"retried alone (last on {where})")
                    results = [ErrorRecord(item.input_id, err.code, err.message)]
                except Exception as exc:
                    raise DaskError(f"a Dask task failed: {type(exc).__name__}: {exc}") from exc
                finally:
                    future.release()
                for p, result in zip(task.positions, results, strict=True):
                    run.results[p] = result
                run.missing -= len(task.positions)
                if run.missing == 0:
                    yield finished(run)
                yield from fill()
        finally:
            if tasks:
                client.cancel(list(futures.futures))


def make_runner(coder: Coder, *, processes: int = 1, dask: Any = None, timeout: float | None = None,
                batch_size: int = 16, shard_chars: int = SHARD_CHARS) -> Runner:
    """The back-end for these options: Dask when ``dask`` (a spec or a client) is given, a local pool for
    ``processes`` > 1, else this process."""
    if dask is not None:
        return DaskRunner(dask, coder, timeout=timeout, shard_chars=shard_chars)
    if processes > 1:
        return LocalPool(processes, coder, timeout=timeout, batch_size=batch_size)
    return SerialRunner(coder, shard_chars=shard_chars)


# -- output shards

SHARD_FORMATS = ("jsonl", "parquet")
MANIFEST = "dateline-shards.json"


@dataclass
class DirectoryReport:
    """What a run into a shard directory did."""

    shards: int = 0                  # shards in the plan
    written: int = 0                 # written by this run
    already: int = 0                 # present from an earlier run (not coded again)
    coded: int = 0                   # inputs of the written shards
    errors: int = 0                  # of which error records
    files: list[str] = field(default_factory=list)


class ShardDirectory:
    """``DIR/part-NNNNN.jsonl`` (or ``.parquet``): one file per input shard, in input order. Each is written under
    a temporary name in the same folder, flushed to disk and moved into place, so a file that exists is whole;
    a run started again skips the shards whose file exists. ``DIR/dateline-shards.json`` records the plan (the
    inputs and the shard size) and a different plan is refused, since its shards would not line up."""

    def __init__(self, path: str | Path, *, fmt: str = "jsonl", plan: dict[str, Any] | None = None) -> None:
        if fmt not in SHARD_FORMATS:
            raise ValueError(f"shard format {fmt!r}: expected one of {', '.join(SHARD_FORMATS)}")
        self.path = Path(path)
        self.fmt = fmt
        self.path.mkdir(parents=True, exist_ok=True)
        manifest = self.path / MANIFEST
        wanted = {"format": fmt, **(plan or {})}
        if manifest.exists():
            found = json.loads(manifest.read_text(encoding="utf-8"))
            if found != wanted:
                raise ValueError(f"{self.path} holds the shards of another run ({found}); use an empty folder or "
                                 f"the same inputs and options")
        else:
            self._atomic(manifest, (json.dumps(wanted, indent=1) + "\n").encode())

    def file(self, shard: Shard) -> Path:
        return self.path / f"part-{shard.number:05d}.{self.fmt}"

    def done(self, shard: Shard) -> bool:
        return self.file(shard).exists()

    def _atomic(self, final: Path, data: bytes) -> None:
        tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
        try:
            with open(tmp, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, final)
        finally:
            if tmp.exists():
                tmp.unlink()

    def write(self, shard: Shard, results: list[Result]) -> Path:
        final = self.file(shard)
        if self.fmt == "jsonl":
            data = "".join(clean_string(json.dumps(r.to_dict(), ensure_ascii=False)) + "\n" for r in results)
            self._atomic(final, data.encode("utf-8"))
        else:
            import io

            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.table({
                "input_id": pa.array([r.article.input_id if isinstance(r, Coding) else r.input_id for r in results],
                                     pa.string()),
                "content_id": pa.array([r.article.id if isinstance(r, Coding) else None for r in results],
                                       pa.string()),
                "error": pa.array([r.code if isinstance(r, ErrorRecord) else None for r in results], pa.string()),
                "record": pa.array([clean_string(json.dumps(r.to_dict(), ensure_ascii=False)) for r in results],
                                   pa.string()),
            })
            sink = io.BytesIO()
            pq.write_table(table, sink)
            self._atomic(final, sink.getvalue())
        return final


def code_to_directory(items: Iterable[Article | Rejected], runner: Runner, directory: ShardDirectory, *,
                      shard_chars: int = SHARD_CHARS,
                      progress: Callable[[int], None] | None = None) -> DirectoryReport:
    """Codes the shards of ``items`` that ``directory`` lacks and writes each as it finishes. ``progress`` gets
    the number of inputs settled so far (those of shards already written count at once)."""
    report = DirectoryReport()
    settled = 0

    def missing() -> Iterator[Shard]:
        nonlocal settled
        for shard in plan_shards(items, chars=shard_chars):
            report.shards += 1
            if directory.done(shard):
                report.already += 1
                settled += len(shard.items)
                if progress is not None:
                    progress(settled)
                continue
            yield shard

    for shard, results in runner.run_shards(missing()):
        report.files.append(str(directory.write(shard, results)))
        report.written += 1
        report.coded += len(results)
        report.errors += sum(isinstance(r, ErrorRecord) for r in results)
        settled += len(results)
        if progress is not None:
            progress(settled)
    return report
