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

This module works on records: it imports neither the pipeline nor the public API (the coder is given).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any

from dateline.errors import Timeout, WorkerLost
from dateline.ingest import Article, Rejected
from dateline.records import Coding, ErrorRecord

Result = Coding | ErrorRecord
# codes a batch of articles in a worker, one result per article in order, keeping each article's time budget
# (the public API's ``functools.partial(dateline.code_many, timeout=...)``); must be picklable
Coder = Callable[[list[Article]], Iterable[Result]]
# the parent kills a worker this long after the in-worker budget of its current article has passed
KILL_GRACE_SECONDS = 10.0


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


class LocalPool:
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
