"""The Dask back-end and the output shards, with real processes and no spaCy model: a ``LocalCluster`` of two
worker processes codes with the fake coder of ``test_store_support``. A worker killed mid-run, the client killed
mid-run, a poison input and a stuck worker: every article ends stored (or written) exactly once. A cluster that
loses its workers, its scheduler or its progress ends the run with a clear error instead of a hang.

Each test that needs a cluster starts a fresh one (``client``): tests kill workers, and a cluster another test
has damaged must not decide the next one's fate.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from dateline import _Budget, batch
from dateline.errors import BadRecord, Timeout
from dateline.ingest import Article, Rejected
from dateline.records import Coding, ErrorRecord
from dateline.store import Store, open_store

from .conftest import ROOT
from .test_store_support import (  # noqa: F401
    article_text,
    drop_pg_schema,
    fake_code_many,
    pg_schema_url,
    store_url,
)

# no test here may run longer than this: pytest-timeout's thread method (pyproject.toml) ends the run with every
# thread's stack instead of letting it hang
TEST_SECONDS = 240
pytestmark = pytest.mark.timeout(TEST_SECONDS)


@pytest.fixture
def client() -> Iterator[Any]:
    """A fresh LocalCluster of two worker processes for one test, closed after it."""
    with batch.DaskCluster("local:2", dashboard=False) as dask_client:
        yield dask_client


@pytest.fixture
def pg_url() -> Iterator[str]:
    """An empty PostgreSQL store (a schema of its own)."""
    schema, url = pg_schema_url()
    try:
        yield url
    finally:
        drop_pg_schema(schema)


def _articles(n: int, start: int = 0) -> list[Article]:
    return [Article(article_text(k), input_id=f"a{k}") for k in range(start, start + n)]


def _ids(results: list[Coding | ErrorRecord]) -> list[str | None]:
    return [r.article.input_id if isinstance(r, Coding) else r.input_id for r in results]


def _count(url: str, sql: str) -> int:
    with open_store(url) as s, s.engine.connect() as conn:
        return int(conn.execute(sa.text(sql)).scalar_one())


def _exactly_once(url: str, n: int) -> None:
    assert _count(url, "SELECT count(*) FROM articles") == n
    assert _count(url, "SELECT count(DISTINCT content_id) FROM articles") == n
    assert _count(url, "SELECT count(*) FROM events") == n
    assert _count(url, "SELECT count(DISTINCT article_id) FROM events") == n


def test_shards_are_cut_by_text_volume() -> None:
    items: list[Article | Rejected] = [Article("x" * 600, input_id="long"), *(Article("y" * 100, input_id=str(k))
                                                                               for k in range(10))]
    shards = list(batch.plan_shards(items, chars=500))
    assert [len(s.items) for s in shards] == [1, 5, 5]
    assert [s.start for s in shards] == [0, 1, 6] and [s.number for s in shards] == [0, 1, 2]
    assert list(batch.plan_shards(items, chars=500)) == shards     # the same inputs, the same shards


def test_dask_codes_in_input_order_with_rejected_and_poison_inputs_in_place(client: Any) -> None:
    items: list[Article | Rejected] = [*_articles(40)]
    items[5] = Rejected("bad", BadRecord("line 6: not valid JSON"))
    items[17] = Article("POISON " + article_text(17), input_id="a17")
    runner = batch.DaskRunner(client, functools.partial(fake_code_many, delay=0.005), shard_chars=1_000)
    out = list(runner.run(items))
    assert _ids(out) == [i.input_id for i in items]
    codes = ["ok" if isinstance(r, Coding) else r.code for r in out]
    assert codes[5] == "bad-record" and codes[17] == "worker-lost"
    assert codes.count("ok") == 38
    assert "also when it was retried alone" in out[17].message     # type: ignore[union-attr]


def test_a_worker_stuck_in_c_code_ends_itself_and_its_article_is_isolated(client: Any) -> None:
    items = _articles(6)
    items[2] = Article("WEDGED " + article_text(2), input_id="a2")
    runner = batch.DaskRunner(client, fake_code_many, timeout=0.2, shard_chars=1_000, kill_grace=0.5,
                              load_grace=5.0)
    started = time.monotonic()
    out = list(runner.run(items))
    assert ["ok" if isinstance(r, Coding) else r.code for r in out] == ["ok", "ok", "worker-lost", "ok", "ok", "ok"]
    assert time.monotonic() - started < 120


def test_the_budget_holds_in_a_worker_thread() -> None:
    caught: list[BaseException] = []

    def stuck() -> None:
        try:
            with _Budget(0.2):
                while True:
                    time.sleep(0.01)
        except Timeout as exc:
            caught.append(exc)

    thread = threading.Thread(target=stuck)
    thread.start()
    thread.join(10)
    assert not thread.is_alive() and len(caught) == 1 and caught[0].code == "timeout"


def test_a_worker_killed_mid_ingest_loses_nothing(client: Any, store_url: str) -> None:  # noqa: F811
    n = 60
    records = [{"id": f"a{k}", "text": article_text(k)} for k in range(n)]
    workers = client.run(os.getpid)
    killed: list[int] = []

    def progress(done: int) -> None:
        if done >= 12 and not killed:         # results are flowing: kill one worker process, not its nanny
            pid = sorted(workers.values())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    coder = functools.partial(fake_code_many, delay=0.03)
    with open_store(store_url, coder=coder, version="1.0.0") as store:
        report = store.ingest_records(records, dask=client, batch_size=5, commit_seconds=0.2, progress=progress,
                                      shard_chars=2_000)
    # on PostgreSQL the workers write: a shard run again after its worker died finds what its first try stored,
    # which still counts as stored by this ingest
    assert killed and (report.stored, report.already, report.errors) == (n, 0, 0)
    _exactly_once(store_url, n)
    with open_store(store_url, coder=coder, version="1.0.0") as store:
        again = store.ingest_records(records, dask=client, shard_chars=2_000)
    assert (again.stored, again.already) == (0, n)
    _exactly_once(store_url, n)


def test_on_postgresql_the_workers_write_and_the_client_only_counts(
        client: Any, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def client_writes(self: Store, entries: Any) -> Any:
        raise AssertionError("the client process wrote into the store")

    n = 30
    records: list[dict[str, Any]] = [{"id": f"a{k}", "text": article_text(k)} for k in range(n)]
    records.insert(7, {"id": "empty", "text": "   "})
    records.insert(20, {"id": "poison", "text": "POISON " + article_text(99)})
    open_store(pg_url).close()
    monkeypatch.setattr(Store, "write", client_writes)        # in this process only: the workers are others
    with open_store(pg_url, coder=fake_code_many, version="1.0.0") as store:
        report = store.ingest_records(records, dask=client, shard_chars=1_000)
    assert (report.inputs, report.stored, report.already, report.errors) == (n + 2, n, 0, 2)
    _exactly_once(pg_url, n)
    assert _count(pg_url, "SELECT count(*) FROM errors WHERE code = 'empty-text'") == 1
    assert _count(pg_url, "SELECT count(*) FROM errors WHERE code = 'worker-lost' AND input_id = 'poison'") == 1
    monkeypatch.undo()
    with open_store(pg_url, coder=fake_code_many, version="1.0.0") as store:
        again = store.ingest_records(records, dask=client, shard_chars=1_000)
    assert (again.stored, again.already, again.errors_new) == (0, n, 0)
    _exactly_once(pg_url, n)


def test_a_local_cluster_gets_back_the_workers_it_gave_up(client: Any) -> None:
    """The hang of the first Dask merge: under load a killed worker's restart outlasted
    ``distributed.deploy.lost-worker-timeout`` (15 s), the LocalCluster closed its nanny for good, and after a few
    kills no worker was left while the run waited. Here that timeout is 0 s: every killed worker is given up at
    once, and the runner has to start them again."""
    items = _articles(60)
    runner = batch.DaskRunner(client, functools.partial(fake_code_many, delay=0.02), shard_chars=1_000,
                              lost_timeout=90)
    out: list[Coding | ErrorRecord] = []
    with dask.config.set({"distributed.deploy.lost-worker-timeout": "0s"}):
        for result in runner.run(items):
            out.append(result)
            if len(out) == 10:          # every worker killed at once: none is left to restart on its own
                for pid in client.run(os.getpid).values():
                    os.kill(pid, signal.SIGKILL)
    assert _ids(out) == [a.input_id for a in items]
    assert all(isinstance(r, Coding) for r in out)
    client.wait_for_workers(2, timeout=60)
    assert len(client.cluster.workers) == 2


def test_a_cluster_without_workers_ends_the_run_with_a_clear_error() -> None:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=0, processes=True, dashboard_address=None) as cluster, Client(cluster) as bare:
        runner = batch.DaskRunner(bare, fake_code_many, shard_chars=1_000, lost_timeout=3)
        started = time.monotonic()
        with pytest.raises(batch.DaskError, match="has had no worker for 3 s"):
            list(runner.run(_articles(5)))
        assert time.monotonic() - started < 60


def test_a_cluster_that_stops_finishing_tasks_ends_the_run_with_a_clear_error(client: Any) -> None:
    items = _articles(4)
    items[0] = Article("WEDGED " + article_text(0), input_id="a0")     # stuck, and no budget to end it
    runner = batch.DaskRunner(client, fake_code_many, shard_chars=1_000, stall_timeout=3)
    started = time.monotonic()
    with pytest.raises(batch.DaskError, match="no Dask task finished in 3 s"):
        list(runner.run(items))
    assert time.monotonic() - started < 60


def _spawn(module: str, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}      # the worker imports the fake coder from tests/
    return subprocess.Popen([sys.executable, "-m", f"distributed.cli.{module}", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def test_a_scheduler_killed_mid_run_ends_the_run_with_a_clear_error(tmp_path: Path) -> None:
    """A real cluster of processes (``dask scheduler`` and one ``dask worker``); the scheduler is killed."""
    address_file = tmp_path / "scheduler.json"
    scheduler = _spawn("dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                       "--scheduler-file", str(address_file))
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists():
            assert time.monotonic() < deadline and scheduler.poll() is None, "the scheduler did not start"
            time.sleep(0.1)
        address = json.loads(address_file.read_text())["address"]
        worker = _spawn("dask_worker", address, "--nthreads", "1", "--no-dashboard", "--no-nanny")
        with batch.DaskCluster(address) as remote:
            remote.wait_for_workers(1, timeout=60)
            runner = batch.DaskRunner(remote, functools.partial(fake_code_many, delay=0.05), shard_chars=500,
                                      lost_timeout=5)
            started = time.monotonic()
            with pytest.raises(batch.DaskError, match="scheduler"):
                for k, _ in enumerate(runner.run(_articles(60))):
                    if k == 3:
                        scheduler.kill()
            assert time.monotonic() - started < 90
    finally:
        for proc in (scheduler, worker):
            if proc is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(30)


INGEST = """
import functools, json, sys
from dateline.store import open_store
from tests.test_store_support import fake_code_many
if __name__ == "__main__":
    url, path, delay = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with open_store(url, coder=functools.partial(fake_code_many, delay=delay), version="1.0.0") as store:
        report = store.ingest([path], batch_size=5, commit_seconds=0.2, dask="local:2", shard_chars=2_000)
    print(json.dumps({"stored": report.stored, "already": report.already, "errors": report.errors}))
"""


def _ingest(script: Path, url: str, path: Path, delay: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(script), url, str(path), str(delay)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def test_the_client_killed_mid_ingest_then_the_same_ingest_stores_each_article_once(
        store_url: str, tmp_path: Path) -> None:  # noqa: F811
    n = 80
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{k}", "text": article_text(k)}) + "\n" for k in range(n)))
    script = tmp_path / "ingest.py"          # a file, not -c: the Dask workers are spawned and import __main__
    script.write_text(INGEST)
    open_store(store_url).close()
    proc = _ingest(script, store_url, path, delay=0.05)
    try:
        deadline = time.monotonic() + 90
        while _count(store_url, "SELECT count(*) FROM articles") < 10:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the ingest committed nothing"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)       # the client only; its workers are left to notice
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)     # what is left of its cluster
    kept = _count(store_url, "SELECT count(*) FROM articles")
    assert 10 <= kept < n
    again = _ingest(script, store_url, path, delay=0.0)
    try:
        out, err = again.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(again.pid, signal.SIGKILL)
    assert again.returncode == 0, err
    report = json.loads(out.strip().splitlines()[-1])
    assert (report["stored"], report["already"], report["errors"]) == (n - kept, kept, 0)
    _exactly_once(store_url, n)


def _rows(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for f in sorted(folder.glob("part-*.jsonl")) for line in f.read_text().splitlines()]


def test_output_shards_are_written_once_and_a_rerun_codes_only_the_missing_ones(tmp_path: Path) -> None:
    items: list[Article | Rejected] = [*_articles(30)]
    items[3] = Rejected("bad", BadRecord("line 4: not valid JSON"))
    folder = batch.ShardDirectory(tmp_path / "out", plan={"inputs": ["x.jsonl"], "shard_chars": 1_000})
    runner = batch.SerialRunner(fake_code_many, shard_chars=1_000)
    first = batch.code_to_directory(items, runner, folder, shard_chars=1_000)
    assert first.written == first.shards > 3 and first.coded == 30 and first.errors == 1
    rows = _rows(tmp_path / "out")
    assert [r["article"]["input_id"] for r in rows] == [i.input_id for i in items]
    assert rows[3]["error"]["code"] == "bad-record"
    (tmp_path / "out" / "part-00001.jsonl").unlink()        # as if the run had been killed before it
    calls: list[int] = []

    def counting(articles: list[Article], **kw: Any) -> Any:
        calls.append(len(articles))
        return fake_code_many(articles, **kw)

    second = batch.code_to_directory(items, batch.SerialRunner(counting, shard_chars=1_000), folder,
                                     shard_chars=1_000)
    assert (second.written, second.already) == (1, first.shards - 1) and sum(calls) == len(
        [i for i in batch.plan_shards(items, chars=1_000)][1].items)
    assert [r["article"]["input_id"] for r in _rows(tmp_path / "out")] == [i.input_id for i in items]
    assert not list((tmp_path / "out").glob(".*tmp*"))
    with pytest.raises(ValueError, match="another run"):
        batch.ShardDirectory(tmp_path / "out", plan={"inputs": ["x.jsonl"], "shard_chars": 2_000})


def test_output_shards_killed_mid_run_then_rerun_hold_each_input_once(client: Any, tmp_path: Path) -> None:
    items = _articles(40)
    plan = {"inputs": ["x"], "shard_chars": 800}
    runner = batch.DaskRunner(client, functools.partial(fake_code_many, delay=0.01), shard_chars=800)
    folder = batch.ShardDirectory(tmp_path / "out", plan=plan)
    stream = runner.run_shards(batch.plan_shards(items, chars=800))
    for _ in range(3):                  # three shards written, then the run is gone
        shard, results = next(stream)
        folder.write(shard, results)
    stream.close()
    report = batch.code_to_directory(items, runner, batch.ShardDirectory(tmp_path / "out", plan=plan),
                                     shard_chars=800)
    assert report.already == 3 and report.written == report.shards - 3
    assert sorted(r["article"]["input_id"] for r in _rows(tmp_path / "out")) == sorted(i.input_id or "" for i in items)


def test_parquet_shards(tmp_path: Path) -> None:
    items: list[Article | Rejected] = [*_articles(8), Rejected("bad", BadRecord("line 9: not valid JSON"))]
    folder = batch.ShardDirectory(tmp_path / "out", fmt="parquet")
    batch.code_to_directory(items, batch.SerialRunner(fake_code_many, shard_chars=1_000), folder, shard_chars=1_000)
    tables = [pq.read_table(f).to_pylist() for f in sorted((tmp_path / "out").glob("part-*.parquet"))]
    rows = [r for t in tables for r in t]
    assert [r["input_id"] for r in rows] == [i.input_id for i in items]
    assert rows[-1]["error"] == "bad-record" and rows[-1]["content_id"] is None
    assert json.loads(rows[0]["record"])["article"]["id"] == rows[0]["content_id"]


def test_a_bad_dask_spec_is_a_clear_error() -> None:
    with pytest.raises(batch.DaskError, match="local:N or a scheduler address"), batch.DaskCluster("lokal"):
        pass


HUNG_TEST = """
import time

def test_hangs_and_swallows_every_exception():
    while True:
        try:
            time.sleep(0.1)
        except BaseException:   # as library code may: a signal raised into this wait would never end it
            pass
"""


def test_the_bound_of_a_test_fires_whatever_the_test_waits_in(tmp_path: Path) -> None:
    """With this project's settings (pyproject.toml), a test that outlasts its bound ends even when it swallows
    what a signal would raise into it (the SIGALRM bound of the first Dask tests could be swallowed so)."""
    (tmp_path / "test_hung.py").write_text(HUNG_TEST)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir",
                           str(tmp_path), "-p", "no:cacheprovider", "--timeout", "2", str(tmp_path / "test_hung.py")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and time.monotonic() - started < 60
    assert "Timeout" in done.stdout + done.stderr
