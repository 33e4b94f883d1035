"""The local worker pool survives faults: a worker killed, crashing or stuck on an article loses no input.

The workers are real forked processes; the coding inside them is replaced by a stand-in (no spaCy model) that
dies, hangs or codes according to the article's text, so the pool's bookkeeping is what is tested.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from dateline import batch
from dateline.errors import BadRecord
from dateline.ingest import Article, Rejected
from dateline.records import ArticleInfo, Coding, ErrorRecord, Published

pytestmark = [pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                                 reason="the stand-in coder reaches the workers by fork"),
              pytest.mark.timeout(120)]     # a pool that waits forever fails its test (pytest-timeout, thread)

DIED_ONCE = "/tmp/dateline-test-died-once-{}"


def fake_code_many(articles: list[Article], **_: object) -> Iterator[Coding | ErrorRecord]:
    for a in articles:
        if "DIE" in a.text:
            os._exit(3)
        if "ONCE" in a.text:   # dies the first time only (a flaky worker, not a poison input)
            flag = DIED_ONCE.format(a.input_id)
            if not os.path.exists(flag):
                open(flag, "w").close()
                os._exit(4)
        if "HANG" in a.text:
            time.sleep(3600)
        yield Coding(article=ArticleInfo(id=a.id, input_id=a.input_id, title=None, published=Published(None, None),
                                         chars=len(a.text), dateline=None), events=(), quotes=(), warnings=())


def arts(*texts: str) -> list[Article]:
    return [Article(text=t, input_id=str(i)) for i, t in enumerate(texts)]


def ids(results: list[Coding | ErrorRecord]) -> list[str | None]:
    return [r.article.input_id if isinstance(r, Coding) else r.input_id for r in results]


def codes(results: list[Coding | ErrorRecord]) -> list[str]:
    return ["ok" if isinstance(r, Coding) else r.code for r in results]


def test_all_inputs_in_order_with_rejected_ones_in_place() -> None:
    items: list[Article | Rejected] = [*arts(*[f"text {i}" for i in range(25)])]
    items.insert(7, Rejected("bad", BadRecord("line 8: not valid JSON")))
    out = list(batch.LocalPool(2, fake_code_many, batch_size=4).run(items))
    assert ids(out) == [x.input_id for x in items]
    assert codes(out).count("bad-record") == 1 and codes(out)[7] == "bad-record"


def test_a_poison_article_becomes_worker_lost_and_the_run_goes_on() -> None:
    texts = [f"text {i}" for i in range(12)]
    texts[5] = "this one DIE s"
    out = list(batch.LocalPool(2, fake_code_many, batch_size=4).run(arts(*texts)))
    assert ids(out) == [str(i) for i in range(12)]
    assert codes(out) == ["ok"] * 5 + ["worker-lost"] + ["ok"] * 6
    assert "also on a retry" in out[5].message   # type: ignore[union-attr]


def test_a_worker_that_dies_once_is_retried_without_loss(tmp_path: object) -> None:
    texts = [f"text {i}" for i in range(9)]
    texts[4] = f"flaky ONCE {os.getpid()}"
    items = arts(*texts)
    flag = DIED_ONCE.format(items[4].input_id)
    if os.path.exists(flag):
        os.remove(flag)
    try:
        out = list(batch.LocalPool(2, fake_code_many, batch_size=3).run(items))
    finally:
        if os.path.exists(flag):
            os.remove(flag)
    assert codes(out) == ["ok"] * 9 and ids(out) == [str(i) for i in range(9)]


def test_a_stuck_worker_is_killed_and_its_article_is_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "KILL_GRACE_SECONDS", 0.5)
    texts = ["a", "b", "HANG here", "c", "d"]
    started = time.monotonic()
    out = list(batch.LocalPool(2, fake_code_many, batch_size=2, timeout=0.5).run(arts(*texts)))
    assert codes(out) == ["ok", "ok", "timeout", "ok", "ok"]
    assert time.monotonic() - started < 30


def test_every_worker_is_gone_after_the_run() -> None:
    pool = batch.LocalPool(2, fake_code_many, batch_size=2)
    list(pool.run(arts("a", "b", "c")))
    assert all(not w.process.is_alive() for w in pool._workers)


def test_pool_refuses_zero_processes() -> None:
    with pytest.raises(ValueError):
        batch.LocalPool(0, fake_code_many)
