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
  that codes its articles in a worker (which loads the pipeline once) and returns the records, or hands them to
  a :data:`Sink` there (the store on PostgreSQL writes them from the worker) and returns its summary. A worker
  lost mid-shard is retried by Dask; a shard whose task kills its worker ``allowed-failures`` times is split and
  its articles retried one by one, and an article that kills its worker again becomes ``worker-lost``. A worker
  stuck in code that cannot be interrupted past twice its article's budget ends its own process (a watchdog
  thread), which Dask treats as a lost worker.

  No wait on Dask is unbounded: the client waits for tasks a second at a time and looks at the cluster in
  between. A ``LocalCluster`` that gave up a killed worker (its restart outlasted
  ``distributed.deploy.lost-worker-timeout``) gets it started again; a scheduler without workers or out of
  reach for ``lost_timeout``, tasks that stop finishing, or results that cannot be fetched end the run with a
  :class:`DaskError`.

:class:`SerialRunner` codes in this process, for one worker. :func:`make_runner` picks one;
:class:`ShardDirectory` writes one output file per input shard (JSONL or Parquet), atomically, so that a run
started again codes only the shards that are missing.

This module works on records: it imports neither the pipeline nor the public API (the coder is given).
"""

from __future__ import annotations

import contextlib
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
from typing import Any, Protocol

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
# no wait on Dask is unbounded: one wait for a task lasts at most this long, then the runner looks at the cluster
POLL_SECONDS = 1.0
# ... and looks at it at least this often while tasks keep finishing (a LocalCluster's lost workers restarted)
CHECK_SECONDS = 5.0
# the scheduler may have no worker (or not answer) this long before the run fails
LOST_SECONDS = 120.0
# one call that fetches a finished shard's results, or connects to a scheduler
CALL_SECONDS = 60.0
# one call that asks the scheduler how many workers it has
HEALTH_CALL_SECONDS = 10.0
# closing a client or a cluster
CLOSE_SECONDS = 30.0
# no task finished for the budget of the longest task in flight this many times (its tries, as a scheduler's
# allowed-failures allows: 3 by default) plus this grace: the cluster is stuck
STALL_TRIES = 4
STALL_GRACE_SECONDS = 120.0
# a task whose result went with its worker before it was fetched: Dask computes it again
_AGAIN = object()


class Carrier(Protocol):
    """An input with its context (the store's inputs carry where each came from): the runners code its ``item``
    and hand the whole of it to a :data:`Sink`."""

    @property
    def item(self) -> Article | Rejected: ...


# one input of a runner: an article, an input rejected before coding, or either of them carried with its context
Item = Article | Rejected | Carrier


def item_of(entry: Item) -> Article | Rejected:
    return entry if isinstance(entry, (Article, Rejected)) else entry.item


class Runner:
    """Codes a stream of inputs with a :data:`Coder`; the back-ends differ in where the coder runs."""

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """One result per item, in input order."""
        raise NotImplementedError

    def run_shards(self, shards: Iterable[Shard]) -> Iterator[tuple[Shard, list[Result]]]:
        """Each shard with its results (one per item, in the shard's order), as shards finish (here: in order)."""
        queue: deque[Shard] = deque()

        def items() -> Iterator[Item]:
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
    items: tuple[Item, ...]

    @property
    def chars(self) -> int:
        return sum(len(a.text) for a in map(item_of, self.items) if isinstance(a, Article))


def plan_shards(items: Iterable[Item], *, chars: int = SHARD_CHARS,
                max_items: int = SHARD_MAX_ITEMS) -> Iterator[Shard]:
    """Cuts the inputs into shards of about ``chars`` characters of text (by volume, not count: a shard of long
    reports and one of wire briefs take about as long). The same inputs always give the same shards."""
    chunk: list[Item] = []
    size = number = start = 0
    for entry in items:
        chunk.append(entry)
        item = item_of(entry)
        size += len(item.text) if isinstance(item, Article) else 0
        if size >= chars or len(chunk) >= max_items:
            yield Shard(number, start, tuple(chunk))
            number, start, chunk, size = number + 1, start + len(chunk), [], 0
    if chunk:
        yield Shard(number, start, tuple(chunk))


def _error_of(item: Rejected) -> ErrorRecord:
    return ErrorRecord(item.input_id, item.error.code, item.error.message)


def code_items(coder: Coder, items: Iterable[Item], tick: Callable[[], None] | None = None) -> list[Result]:
    """One result per item: the coder's for the articles, an error record for each rejected input. ``tick`` is
    called after each article is coded."""
    inputs = [item_of(i) for i in items]
    coded: list[Result] = []
    for result in coder([a for a in inputs if isinstance(a, Article)]):
        coded.append(result)
        if tick is not None:
            tick()
    results = iter(coded)
    return [_error_of(i) if isinstance(i, Rejected) else next(results) for i in inputs]


class SerialRunner(Runner):
    """Codes in this process, shard by shard (one worker; the coder keeps each article's budget)."""

    def __init__(self, coder: Coder, *, shard_chars: int = SHARD_CHARS) -> None:
        self.coder = coder
        self.shard_chars = shard_chars

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
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

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """One result per item, in input order."""
        source = (item_of(i) for i in items)
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


# the result of one shard's task in a worker when the run has a sink: the sink's summary of what it did with the
# shard's results there (the store on PostgreSQL: its WriteReport), returned to the client instead of the results
Sink = Callable[[list[Item], list[Result]], Any]


def code_shard(coder: Coder, items: list[Item], timeout: float | None, *, kill_grace: float = KILL_GRACE_SECONDS,
               load_grace: float = LOAD_GRACE_SECONDS, sink: Sink | None = None) -> Any:
    """The task of one shard in a Dask worker: the results for ``items`` in order (the coder's for the articles,
    error records for rejected inputs), or with a ``sink``, what the sink returns for them. The pipeline is loaded
    once per worker process (the coder's first call) and kept for the worker's next tasks. With a ``timeout``, a
    watchdog ends the process when one article takes twice that plus ``kill_grace`` (the first also
    ``load_grace``: it loads the pipeline)."""
    with _Watchdog(2 * timeout + kill_grace if timeout else None, load_grace) as watchdog:
        results = code_items(coder, items, watchdog.tick)
    return results if sink is None else sink(items, results)


def sink_results(sink: Sink, items: list[Item], results: list[Result]) -> Any:
    """A task that only hands results made by the client (an article isolated as ``worker-lost``) to the sink."""
    return sink(items, results)


class DaskError(RuntimeError):
    """The Dask cluster failed (not an article): it cannot be reached, has lost every worker, has stopped finishing
    tasks, or a task failed outside the coder."""


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
                # death_timeout bounds a worker's start (and ends a worker that lost its scheduler)
                with dask.config.set(SCHEDULER_CONFIG):
                    self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                dashboard_address=":0" if self.dashboard else None,
                                                death_timeout=f"{LOST_SECONDS:g}s")
                self.client = Client(self.cluster, timeout=f"{CALL_SECONDS:g}s")
            elif "://" in self.spec or re.fullmatch(r"[\w.-]+:\d+", self.spec):
                self.client = Client(self.spec, timeout=f"{CALL_SECONDS:g}s")
            else:
                raise DaskError(f"--dask takes local, local:N or a scheduler address such as tcp://HOST:8786, "
                                f"not {self.spec!r}")
        except (OSError, TimeoutError) as exc:
            self.__exit__()
            what = "start a Dask LocalCluster" if m else "reach the Dask scheduler"
            raise DaskError(f"cannot {what} {self.spec}: {exc}") from exc
        return self.client

    def __exit__(self, *exc: object) -> None:
        # bounded: a cluster that cannot be closed in time is left to end with this process (its workers are
        # daemonic children)
        with contextlib.suppress(OSError, TimeoutError, RuntimeError):
            if self.client is not None:
                self.client.close(timeout=CLOSE_SECONDS)
        with contextlib.suppress(OSError, TimeoutError, RuntimeError):
            if self.cluster is not None:
                self.cluster.close(timeout=CLOSE_SECONDS)
        self.client = self.cluster = None


def dashboard_link(client: Any) -> str | None:
    """The link of the Dask dashboard, when the scheduler serves one."""
    try:
        services = client.sync(client.scheduler.identity, n_workers=0,
                               callback_timeout=HEALTH_CALL_SECONDS).get("services", {})
    except Exception:   # an old or unreachable scheduler: no link
        return None
    return str(client.dashboard_link) if "dashboard" in services else None


def running_workers(client: Any, timeout: float = HEALTH_CALL_SECONDS) -> int | None:
    """How many workers the scheduler has running, or None when it does not answer within ``timeout``."""
    if client.status != "running":
        return None
    try:
        return len(client.sync(client.scheduler.ncores_running, callback_timeout=timeout))
    except (OSError, TimeoutError):
        return None


def heal(client: Any) -> bool:
    """Starts the missing workers of a ``LocalCluster`` (any ``SpecCluster``) behind ``client``: when a killed
    worker's restart outlasts ``distributed.deploy.lost-worker-timeout`` (15 s: a loaded machine), the cluster
    closes its nanny for good and would stay one worker short, down to none. True when workers were asked for."""
    from distributed import SpecCluster

    cluster = getattr(client, "cluster", None)
    if not isinstance(cluster, SpecCluster) or client.status != "running":
        return False
    wanted = len(cluster.worker_spec)
    if len(cluster.workers) >= wanted:
        return False
    cluster.scale(wanted)       # opens a nanny for each planned worker it lacks; returns at once
    return True


@dataclass
class _ShardRun:
    shard: Shard
    results: list[Result | None]
    missing: int = 0


@dataclass
class _Task:
    run: _ShardRun
    positions: list[int]            # positions in the shard of the items this task codes
    future: Any = None
    alone: bool = False             # one item retried alone after its shard's task was given up
    lost: bool = False              # a worker-lost error record on its way to the sink


@dataclass
class _Watch:
    """What the runner knows about the cluster's health while it waits."""

    last_done: float                # when a task last finished (or the run started)
    unhealthy_since: float | None = None    # since when the scheduler has had no worker or has not answered
    last_check: float = 0.0
    last_heal: float = 0.0


class DaskRunner(Runner):
    """Shards coded as Dask tasks on ``client`` (a ``distributed.Client``, or a spec for :class:`DaskCluster`,
    started on first use and closed by :meth:`close`). The client process keeps at most ``window`` shards in
    flight.

    Without a ``sink`` the tasks return their results and this process writes them (:meth:`run`,
    :meth:`run_shards`); with one, each task hands its results to the sink in the worker and returns only the
    sink's summary (:meth:`run_into`).

    No wait on Dask is unbounded: the runner waits at most ``poll`` seconds at a time and in between looks at
    the cluster. It restarts the missing workers of a ``LocalCluster`` (:func:`heal`), and fails with a
    :class:`DaskError` when the scheduler has had no worker (or has not answered) for ``lost_timeout`` seconds,
    when no task has finished for ``stall_timeout`` seconds (by default the budget of the longest task in
    flight, each of its tries, plus a grace; none without a per-article ``timeout``), or when a finished shard's
    results cannot be fetched within ``call_timeout``."""

    def __init__(self, client: Any, coder: Coder, *, timeout: float | None = None, shard_chars: int = SHARD_CHARS,
                 window: int | None = None, kill_grace: float = KILL_GRACE_SECONDS,
                 load_grace: float = LOAD_GRACE_SECONDS, sink: Sink | None = None,
                 lost_timeout: float = LOST_SECONDS, stall_timeout: float | None = None,
                 call_timeout: float = CALL_SECONDS, poll: float = POLL_SECONDS) -> None:
        self._spec = client if isinstance(client, str) else None
        self._cluster: DaskCluster | None = None
        self.client = None if isinstance(client, str) else client
        self.coder = coder
        self.timeout = timeout
        self.shard_chars = shard_chars
        self.window = window
        self.kill_grace, self.load_grace = kill_grace, load_grace
        self.sink = sink
        self.lost_timeout, self.stall_timeout = lost_timeout, stall_timeout
        self.call_timeout, self.poll = call_timeout, poll

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

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        done: dict[int, list[Result]] = {}
        next_shard = 0
        for shard, results in self.run_shards(plan_shards(items, chars=self.shard_chars)):
            done[shard.number] = results
            while next_shard in done:
                yield from done.pop(next_shard)
                next_shard += 1

    def run_shards(self, shards: Iterable[Shard]) -> Iterator[tuple[Shard, list[Result]]]:
        """Shards as they finish (any order), with their results."""
        if self.sink is not None:
            raise ValueError("a runner with a sink returns the sink's summaries: use run_into")
        for task, results in self._tasks(shards):
            run = task.run
            for p, result in zip(task.positions, results, strict=True):
                run.results[p] = result
            if run.missing == 0:
                assert all(r is not None for r in run.results)
                yield run.shard, [r for r in run.results if r is not None]

    def run_into(self, shards: Iterable[Shard]) -> Iterator[tuple[Shard, int, Any]]:
        """With a sink: for each task as it finishes, its shard, how many of the shard's items it settled and
        the sink's summary. Every item is settled once, whatever the retries."""
        if self.sink is None:
            raise ValueError("run_into needs a runner with a sink")
        for task, summary in self._tasks(shards):
            yield task.run.shard, len(task.positions), summary

    # -- the tasks

    def _budget(self, items: int) -> float | None:
        """The longest one try of a task of ``items`` articles may take before its worker's watchdog ends it."""
        if not self.timeout:
            return None
        return self.load_grace + items * (2 * self.timeout + self.kill_grace)

    def _stall_bound(self, tasks: Iterable[_Task]) -> float | None:
        if self.stall_timeout is not None:
            return self.stall_timeout
        budgets = [self._budget(len(t.positions)) for t in tasks]
        if not budgets or any(b is None for b in budgets):
            return None
        return STALL_TRIES * max(b for b in budgets if b is not None) + STALL_GRACE_SECONDS

    def _tasks(self, shards: Iterable[Shard]) -> Iterator[tuple[_Task, Any]]:
        """Each task as it finishes, with what it returned: its results, or its sink's summary. A task given up
        by Dask (its worker died ``allowed-failures`` times) is split into one task per item; an article that
        kills its worker alone as well becomes a ``worker-lost`` error record (handed to the sink in a task of
        its own when there is one). A shard's ``missing`` count is down to 0 when its last task is yielded."""
        from distributed import KilledWorker

        client = self.start()
        window = self.window or max(4, 2 * (running_workers(client, self.call_timeout) or 1) + 2)
        token = uuid.uuid4().hex[:12]
        source = iter(shards)
        open_runs: dict[int, _ShardRun] = {}
        tasks: dict[str, _Task] = {}
        ready: deque[_Task] = deque()       # shards settled without Dask (only rejected inputs, no sink)
        exhausted = False
        watch = _Watch(last_done=time.monotonic())

        def submit(run: _ShardRun, positions: list[int], *, alone: bool = False,
                   lost: list[Result] | None = None) -> None:
            items = [run.shard.items[p] for p in positions]
            kind = "-lost" if lost is not None else "-alone" if alone else ""
            key = f"dateline-shard-{run.shard.number}-{positions[0]}{kind}-{token}"
            if lost is not None:
                future = client.submit(sink_results, self.sink, items, lost, key=key, pure=False)
            else:
                future = client.submit(code_shard, self.coder, items, self.timeout, kill_grace=self.kill_grace,
                                       load_grace=self.load_grace, sink=self.sink, key=key, pure=False)
            tasks[future.key] = _Task(run, positions, future, alone, lost is not None)

        def fill() -> None:
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
                for k, entry in enumerate(shard.items):
                    item = item_of(entry)
                    if isinstance(item, Rejected) and self.sink is None:
                        run.results[k] = _error_of(item)     # settled here; a sink is handed every item
                    else:
                        positions.append(k)
                run.missing = len(positions)
                if positions:
                    submit(run, positions)
                else:
                    ready.append(_Task(run, []))

        def settled(task: _Task) -> _Task:
            task.run.missing -= len(task.positions)
            if task.run.missing == 0:
                del open_runs[task.run.shard.number]
            return task

        try:
            fill()
            while tasks or ready:
                while ready:
                    yield settled(ready.popleft()), []
                for task in self._wait(client, tasks, watch):
                    del tasks[task.future.key]
                    value = self._value(task)
                    if value is _AGAIN:             # its result went with its worker: Dask computes it again
                        tasks[task.future.key] = task
                        continue
                    task.future.release()
                    if isinstance(value, KilledWorker):
                        if task.lost:
                            raise DaskError(f"handing an error record to the sink kept killing Dask workers: {value}")
                        if not task.alone:    # the shard's task killed its workers: each item on its own
                            for p in task.positions:
                                submit(task.run, [p], alone=True)
                            continue
                        # the message names no worker: the same article lost again is the same error record
                        item = item_of(task.run.shard.items[task.positions[0]])
                        err = WorkerLost("the worker process died while coding this article, also when it was "
                                         "retried alone")
                        record: Result = ErrorRecord(item.input_id, err.code, err.message)
                        if self.sink is not None:
                            submit(task.run, task.positions, lost=[record])
                            continue
                        value = [record]
                    yield settled(task), value
                fill()
        finally:
            for task in tasks.values():     # a run given up or cut short: the scheduler may forget its tasks
                task.future.release()       # (does not wait: the client only tells the scheduler)

    def _wait(self, client: Any, tasks: dict[str, _Task], watch: _Watch) -> list[_Task]:
        """The tasks that have finished, after waiting at most ``poll`` seconds for one; every few seconds (and
        whenever none finished) a look at the cluster's health, which raises :class:`DaskError`."""
        from distributed import wait
        from distributed.client import FuturesCancelledError

        # a cancelled task (the scheduler lost) is among the finished ones and fails in _value
        with contextlib.suppress(TimeoutError, FuturesCancelledError):
            wait([t.future for t in tasks.values()], timeout=self.poll, return_when="FIRST_COMPLETED")
        done = [t for t in tasks.values() if t.future.done()]
        now = time.monotonic()
        if done:
            watch.last_done = now
        if not done or now - watch.last_check >= CHECK_SECONDS:
            watch.last_check = now
            self._check(client, tasks, watch, now)
        return done

    def _check(self, client: Any, tasks: dict[str, _Task], watch: _Watch, now: float) -> None:
        if client.status in ("closing", "closed"):
            raise DaskError("the Dask client was closed during the run")
        if now - watch.last_heal >= CHECK_SECONDS and heal(client):
            watch.last_heal = now
        workers = running_workers(client)
        if workers:
            watch.unhealthy_since = None
        elif watch.unhealthy_since is None:
            watch.unhealthy_since = now
        elif now - watch.unhealthy_since > self.lost_timeout:
            what = "has had no worker" if workers == 0 else "has not answered"
            raise DaskError(f"the Dask scheduler {client.scheduler.address} {what} for {self.lost_timeout:g} s; "
                            f"{len(tasks)} shard task(s) were left uncoded (start workers, or run again: what was "
                            f"written is kept)")
        stall = self._stall_bound(tasks.values())
        if stall is not None and now - watch.last_done > stall:
            raise DaskError(f"no Dask task finished in {stall:g} s although the cluster has {workers} worker(s): "
                            f"it is stuck; {len(tasks)} shard task(s) were left uncoded")

    def _value(self, task: _Task) -> Any:
        """What a finished task returned, the KilledWorker that ended it, or _AGAIN when its result was lost
        with its worker before it was fetched (Dask computes it again)."""
        from distributed import KilledWorker

        future, number = task.future, task.run.shard.number
        if future.status == "cancelled":
            raise DaskError(f"the task of shard {number} was cancelled: the connection to the Dask scheduler "
                            f"{self.client.scheduler.address if self.client else ''} was lost, or it was restarted")
        if future.status == "error":
            exc = future.exception(timeout=self.call_timeout)
            if isinstance(exc, KilledWorker):
                return exc
            raise DaskError(f"a Dask task failed: {type(exc).__name__}: {exc}") from exc
        try:
            return future.result(timeout=self.call_timeout)
        except KilledWorker as exc:     # lost, computed again, and given up meanwhile
            return exc
        except TimeoutError as exc:
            if future.status != "finished":
                return _AGAIN
            raise DaskError(f"the results of shard {number} could not be fetched from the Dask workers in "
                            f"{self.call_timeout:g} s") from exc


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


def code_to_directory(items: Iterable[Item], runner: Runner, directory: ShardDirectory, *,
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
