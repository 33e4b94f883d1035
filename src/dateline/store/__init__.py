"""The corpus store: coded articles kept in SQLite (the default, one file) or PostgreSQL (a team), one schema.

    store = dateline.open_store()                      # $DATELINE_DB, else $DATELINE_HOME/dateline.sqlite ...
    report = store.ingest(["articles.jsonl"])          # codes what is not stored yet, commits in batches
    store.events(Filters(country="IRQ", since=date(2024, 1, 1)))
    store.search('"car bomb" Mosul')

``dateline.open_store`` gives the store its coder (the public ``dateline.code_many``); :func:`open_store` here
opens one that can store and query codings but not code articles (the store never imports the pipeline).

Modules: ``engine`` (URLs, engine settings, the write lock, migrations on open), ``schema`` (the tables),
``rows`` (records -> rows), ``fulltext`` (one search language on FTS5 and tsvector), ``corpus`` (the Store:
writes and queries), ``loader`` (reading inputs, skipping what is stored, coding the rest in batches),
``migrations/`` (Alembic, named and ordered).

Errors::

    DatelineError
    └── StoreError      code "store-error"  the store cannot be opened or used (bad URL, no server, newer schema)
        ├── StoreBusy   code "store-busy"   SQLite: another writer held the lock longer than the busy timeout
        └── NotFound    code "not-found"    no stored article answers to the id asked for
"""

from __future__ import annotations

import sqlalchemy as sa

from dateline.store.corpus import Coder, Filters, NotFound, Store, StoreInfo
from dateline.store.engine import (
    BUSY_TIMEOUT,
    ENV_DB,
    StoreBusy,
    StoreError,
    display_url,
    make_engine,
    migrate,
    resolve_url,
)
from dateline.store.entries import Entry, IngestReport, WriteReport

__all__ = ["BUSY_TIMEOUT", "ENV_DB", "Coder", "Entry", "Filters", "IngestReport", "NotFound", "Store", "StoreBusy",
           "StoreError", "StoreInfo", "WriteReport", "open_store", "resolve_url"]


def open_store(url: str | None = None, *, coder: Coder | None = None, version: str | None = None,
               busy_timeout: float = BUSY_TIMEOUT) -> Store:
    """Opens (creating and migrating as needed) the store at ``url`` (see :func:`resolve_url`)."""
    resolved = resolve_url(url)
    try:
        engine = make_engine(resolved, busy_timeout)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} ({exc})") from exc
    try:
        migrate(engine, busy_timeout)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"cannot open the store {display_url(resolved)}: {reason}") from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, resolved, coder=coder, version=version, busy_timeout=busy_timeout)
