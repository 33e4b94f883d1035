"""Crash safety and concurrency, with real processes: ``kill -9`` in the middle of an ingest, then the same ingest
again, stores every article exactly once; two ingests into one store at once store each article once.

The ingests run the fake coder of ``test_store_support`` in a subprocess (no spaCy model), slowed down so that
the kill lands between and inside batches.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from dateline.store import open_store

from .conftest import ROOT
from .test_store_support import article_text, store_url  # noqa: F401

INGEST = """
import functools, json, sys
from dateline.store import open_store
from tests.test_store_support import fake_code_many
url, path, delay = sys.argv[1], sys.argv[2], float(sys.argv[3])
with open_store(url, coder=functools.partial(fake_code_many, delay=delay), version="1.0.0") as store:
    report = store.ingest([path], batch_size=5, commit_seconds=0.2)
print(json.dumps({"stored": report.stored, "already": report.already, "errors": report.errors}))
"""


def _jsonl(path: Path, numbers: range) -> Path:
    path.write_text("".join(json.dumps({"id": f"a{n}", "text": article_text(n)}) + "\n" for n in numbers))
    return path


def _ingest(url: str, path: Path, delay: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", INGEST, url, str(path), str(delay)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _count(url: str, table: str = "articles") -> int:
    with open_store(url) as s, s.engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


def _finish(proc: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return dict(json.loads(out))


def test_kill_9_then_the_same_ingest_stores_each_article_once(store_url: str, tmp_path: Path) -> None:  # noqa: F811
    n = 80
    path = _jsonl(tmp_path / "in.jsonl", range(n))
    open_store(store_url).close()                     # migrated before the race starts
    proc = _ingest(store_url, path, delay=0.05)
    deadline = time.monotonic() + 60
    while _count(store_url) < 10:                     # two batches committed at least
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the ingest committed nothing"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()                                # reaps it and closes its pipes
    assert proc.returncode == -signal.SIGKILL
    kept = _count(store_url)
    assert 10 <= kept < n                             # killed in the middle
    report = _finish(_ingest(store_url, path, delay=0.0))
    assert (report["stored"], report["already"]) == (n - kept, kept)
    assert [_count(store_url, t) for t in ("articles", "events", "claims")] == [n, n, n]
    with open_store(store_url) as s, s.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(DISTINCT content_id) FROM articles")).scalar_one() == n
        assert conn.execute(sa.text("SELECT count(DISTINCT article_id) FROM events")).scalar_one() == n


def test_two_ingests_at_once_store_each_article_once(store_url: str, tmp_path: Path) -> None:  # noqa: F811
    first = _jsonl(tmp_path / "first.jsonl", range(0, 60))
    second = _jsonl(tmp_path / "second.jsonl", range(30, 90))      # 30 articles in both
    a, b = _ingest(store_url, first, 0.01), _ingest(store_url, second, 0.01)
    ra, rb = _finish(a), _finish(b)
    assert ra["stored"] + ra["already"] == 60 and rb["stored"] + rb["already"] == 60
    assert ra["stored"] + rb["stored"] == 90
    assert [_count(store_url, t) for t in ("articles", "events", "claims")] == [90, 90, 90]


def test_switching_a_new_store_to_wal_waits_for_a_lock(tmp_path: Path) -> None:
    # two processes opening a new store at once: SQLite may refuse the second switch to WAL at once ("database is
    # locked") instead of waiting; the switch is retried until the busy timeout
    import sqlite3

    from dateline.store import engine as store_engine

    class Refusing:
        def __init__(self, refusals: int, name: str) -> None:
            self.refusals = refusals
            self.conn = sqlite3.connect(tmp_path / name)

        def execute(self, sql: str) -> sqlite3.Cursor:
            if sql == "PRAGMA journal_mode=WAL" and self.refusals:
                self.refusals -= 1
                raise sqlite3.OperationalError("database is locked")
            return self.conn.execute(sql)

    waited = Refusing(3, "a.sqlite")
    store_engine._wal(waited, busy_timeout=5.0)
    assert waited.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with pytest.raises(sqlite3.OperationalError):
        store_engine._wal(Refusing(1000, "b.sqlite"), busy_timeout=0.2)   # still locked at the timeout
