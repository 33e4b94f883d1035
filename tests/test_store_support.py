"""Helpers of the store tests (no tests here): both engines as a fixture, and a fake coder that builds codings
from a tiny notation in the text, so that store tests need no spaCy model.

Each store test runs on SQLite (a file in the test's folder) and on PostgreSQL: a database
``dateline_test_<random>`` is created on the server of ``$DATELINE_TEST_POSTGRES``
(``postgresql://127.0.0.1:5432/test``) for the session, and each test gets a schema of its own in it. Without a
server the PostgreSQL tests are skipped, unless ``DATELINE_REQUIRE_POSTGRES=1`` (set by ``.ci/run``), which
makes a missing server a failure.

The fake coder reads events written as ``event PLOVER YYYY-MM-DD ISO3 Place LAT LON killed N by Source`` and
fails an article that contains ``FAIL`` (an ``internal-error``), so tests write their own short texts.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import secrets
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.batch import DaskRunner
from dateline.errors import InternalError
from dateline.ingest import Article, Rejected
from dateline.records import (
    Actor,
    ArticleInfo,
    Claim,
    Coding,
    ErrorRecord,
    Estimate,
    Event,
    EventDate,
    EventType,
    Location,
    Published,
    Quote,
    Source,
    Speaker,
    Warning,
)

PG_URL = os.environ.get("DATELINE_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("DATELINE_REQUIRE_POSTGRES", "") not in ("", "0")
ENGINES = ("sqlite", "postgresql")

EVENT = re.compile(r"event (?P<plover>[A-Z]+) (?P<date>\d{4}-\d{2}-\d{2}) (?P<country>[A-Z]{3}) (?P<place>\w+) "
                   r"(?P<lat>-?[\d.]+) (?P<lon>-?[\d.]+) killed (?P<killed>\d+) by (?P<source>\w+)")
QUOTE = re.compile(r'"(?P<text>[^"]+)," said (?P<speaker>\w+)')
ACLED = {"ASSAULT": ("Violence against civilians", "Attack"), "PROTEST": ("Protests", "Peaceful protest"),
         "COERCE": ("Strategic developments", "Arrests")}


def fake_coding(article: Article) -> Coding:
    events = []
    for n, m in enumerate(EVENT.finditer(article.text), 1):
        span = m.span()
        killed = int(m["killed"])
        claim = Claim("killed", killed, killed, "people", Source(m["source"], "official", (m.start("source"),
                      m.end("source"))), "asserts", m.group(0), span)
        events.append(Event(
            id=f"e{n}", status="reported",
            type=EventType(m["plover"], "19", *ACLED.get(m["plover"], ("Battles", "Armed clash")), rule="fake"),
            date=EventDate(m["date"], m["date"], "day", m["date"], (m.start("date"), m.end("date"))),
            location=Location(m["place"], m["country"], None, float(m["lat"]), float(m["lon"]), None, "exact",
                              (m.start("place"), m.end("place"))),
            actor1=Actor("gunmen"), actor2=None, claims=(claim,),
            estimates={"killed": Estimate(killed, killed, killed)}, evidence=(span,), confidence=0.7,
            trigger="killed"))
    quotes = tuple(Quote(Speaker(m["speaker"], span=(m.start("speaker"), m.end("speaker"))), "said", m["text"],
                         (m.start("text"), m.end("text")), "direct") for m in QUOTE.finditer(article.text))
    warnings = () if events else (Warning("no-event", "no reported event of political violence found"),)
    pub = article.published.isoformat() if article.published else None
    info = ArticleInfo(article.id, article.input_id, article.title, Published(pub, article.published_source),
                       len(article.text), title_span=article.title_span)
    return Coding(info, tuple(events), quotes, warnings)


def fake_code_many(records: Iterable[Article | Rejected], *, processes: int = 1, timeout: float | None = None,
                   delay: float = 0.0, dask: Any = None, shard_chars: int = 2_000,
                   **_: Any) -> Iterator[Coding | ErrorRecord]:
    """What ``dateline.code_many`` does, with the fake coding; ``delay`` seconds per article. With ``dask`` the
    shards (``shard_chars``, small: a few articles) go to that Dask scheduler as ``code_many`` sends them."""
    if dask is not None:
        coder = functools.partial(fake_code_many, timeout=timeout, delay=delay)
        runner = DaskRunner(dask, coder, timeout=timeout, shard_chars=shard_chars)
        try:
            yield from runner.run(records)
        finally:
            runner.close()
        return
    for item in records:
        if isinstance(item, Rejected):
            yield ErrorRecord(item.input_id, item.error.code, item.error.message)
        elif "POISON" in item.text:     # kills the process that codes it (only ever in a Dask worker)
            os._exit(3)
        elif "WEDGED" in item.text:     # stuck where no budget reaches (only ever in a Dask worker)
            time.sleep(3600)
        elif "FAIL" in item.text:
            yield ErrorRecord(item.input_id, InternalError.code, "the fake coder fails on FAIL")
        else:
            if delay:
                time.sleep(delay)
            yield fake_coding(item)


def article_text(n: int, *, country: str = "IRQ", date: str = "2024-03-01", killed: int = 3, extra: str = "") -> str:
    """A short article the fake coder codes into one event (different for each ``n``)."""
    return (f"Report number {n} from the wire. Officials said there was an attack: event ASSAULT {date} {country} "
            f"Town{n % 7} {30 + n % 10}.5 {40 + n % 10}.25 killed {killed} by police. {extra}").strip()


# -- PostgreSQL: one database per session, one schema per test

@functools.cache
def pg_database() -> str | None:
    """The URL of this session's test database, or None (the PostgreSQL tests are skipped) without a server."""
    import psycopg

    name = f"dateline_test_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required (DATELINE_REQUIRE_POSTGRES) but {PG_URL} cannot be reached: {exc}",
                        pytrace=False)
        return None

    def drop() -> None:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    atexit.register(drop)
    base, _, _ = PG_URL.rpartition("/")
    return f"{base}/{name}"


def pg_schema_url() -> tuple[str, str]:
    """A new, empty schema in the session database: (its name, a store URL whose search_path is it)."""
    import psycopg

    db = pg_database()
    if db is None:
        pytest.skip(f"no PostgreSQL at {PG_URL} (DATELINE_REQUIRE_POSTGRES=1 makes this a failure)")
    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return schema, f"{db}?options=-csearch_path%3D{schema}"


def drop_pg_schema(schema: str) -> None:
    import psycopg

    db = pg_database()
    assert db is not None
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(params=ENGINES)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty store, once per engine."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite")
        return
    schema, url = pg_schema_url()
    try:
        yield url
    finally:
        drop_pg_schema(schema)


@pytest.fixture
def store(store_url: str) -> Iterator[Any]:
    """An open, empty store (each engine) that codes with the fake coder."""
    from dateline.store import open_store

    s = open_store(store_url, coder=fake_code_many, version="1.0.0")
    try:
        yield s
    finally:
        s.close()
