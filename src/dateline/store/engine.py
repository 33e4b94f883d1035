"""Where the store lives and how it is opened: the URL rules, the engine settings of each database, the one
writer lock, and the migrations run on open."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from dateline.errors import DatelineError
from dateline.store.schema import SCHEMA_REVISION

ENV_DB = "DATELINE_DB"
SQLITE_FILE = "dateline.sqlite"
# seconds a writer waits for another one to finish its batch on SQLite before giving up with StoreBusy
BUSY_TIMEOUT = 60.0
# bytes of an SQLite store mapped into memory (address space, not RAM: the OS keeps what is read)
SQLITE_MMAP_BYTES = 1 << 30
# the key of the PostgreSQL advisory lock that serialises writers (any constant; "dateline" in ASCII)
WRITE_LOCK_KEY = 0x646174656C696E65
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(DatelineError):
    """The store cannot be opened or used (a bad URL, no server, a schema newer than this dateline knows)."""

    code = "store-error"


class NotFound(StoreError):
    """No stored article (or incident) answers to the id asked for."""

    code = "not-found"


class StoreBusy(StoreError):
    """Another process held the SQLite store's write lock for longer than the busy timeout."""

    code = "store-busy"


def resolve_url(url: str | None = None) -> str:
    """The SQLAlchemy URL of the store: ``url``, else ``$DATELINE_DB``, else SQLite at
    ``user_data_dir()/dateline.sqlite``. A bare path is an SQLite file; ``postgresql://`` and ``postgres://`` URLs
    use psycopg 3."""
    url = url or os.environ.get(ENV_DB) or None
    if url is None:
        from dateline.gazetteer import user_data_dir

        return f"sqlite:///{user_data_dir() / SQLITE_FILE}"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for PostgreSQL or an in-memory database)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def display_url(url: str) -> str:
    """The URL without its password (and without the driver name dateline adds)."""
    return sa.engine.make_url(url).render_as_string(hide_password=True).replace("postgresql+psycopg://",
                                                                                 "postgresql://", 1)


def make_engine(url: str, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    parsed = sa.engine.make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": busy_timeout})
        _sqlite_settings(engine, busy_timeout)
        return engine
    if backend == "postgresql":
        return sa.create_engine(url)
    raise StoreError(f"unsupported database {backend!r} in {display_url(url)}: use SQLite (a path or sqlite:///...) "
                     "or PostgreSQL (postgresql://host/db)")


def _wal(cursor: Any, busy_timeout: float) -> None:
    """Puts the database in WAL mode (it stays so in the file). Two processes opening a new store at once both
    switch it; SQLite may answer the second "database is locked" at once instead of waiting for the busy timeout,
    so the switch is retried until then."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _sqlite_settings(engine: Engine, busy_timeout: float) -> None:
    """WAL (readers never block the writer), foreign keys, and transactions begun by us: a writer starts with
    ``BEGIN IMMEDIATE`` so that it waits for the lock (busy timeout) instead of failing at its first write."""

    @event.listens_for(engine, "connect")
    def connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None        # the driver starts no transaction of its own
        cursor = dbapi_connection.cursor()
        _wal(cursor, busy_timeout)
        cursor.execute("PRAGMA synchronous=NORMAL")    # with WAL: a killed process loses no committed batch
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        # a large store is read through the memory map and a 64 MB page cache instead of a read() per 4 KB page
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("dateline_write") else "BEGIN")


@contextmanager
def writing(engine: Engine, busy_timeout: float = BUSY_TIMEOUT) -> Iterator[Connection]:
    """A transaction that holds the store's one write lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory
    transaction lock), so that writers never interleave; committed when the block ends without an exception."""
    try:
        with engine.connect() as conn:
            conn.execution_options(dateline_write=True)
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
                yield conn
    except sa.exc.OperationalError as exc:
        if engine.dialect.name == "sqlite" and "locked" in str(exc.orig):
            raise StoreBusy(f"the store {sqlite_path(str(engine.url)) or engine.url} is locked: another dateline "
                            f"has been writing to it for more than {busy_timeout:g} s; try again when it is done"
                            ) from exc
        raise


def current_revision(conn: Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, busy_timeout: float = BUSY_TIMEOUT) -> None:
    """Brings the schema up to :data:`SCHEMA_REVISION` with the Alembic migrations, under the write lock (two
    processes opening a new store at once migrate it once)."""
    with engine.connect() as conn:
        if current_revision(conn) == SCHEMA_REVISION:
            return
    with writing(engine, busy_timeout) as conn:
        found = current_revision(conn)
        if found == SCHEMA_REVISION:
            return
        if found is not None and found > SCHEMA_REVISION:
            raise StoreError(f"the store's schema {found} is newer than this dateline knows ({SCHEMA_REVISION}): "
                             "upgrade dateline")
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, SCHEMA_REVISION)
