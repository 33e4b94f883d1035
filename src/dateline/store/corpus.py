"""The Store: writes codings and error records in batches, one transaction each, and answers the queries."""

from __future__ import annotations

import hashlib
import importlib.metadata
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from dateline.batch import SHARD_CHARS
from dateline.ingest import Article, Rejected
from dateline.records import Coding, ErrorRecord
from dateline.store import fulltext, merging, rows
from dateline.store.engine import (
    BUSY_TIMEOUT,
    NotFound,
    StoreError,
    current_revision,
    display_url,
    make_engine,
    sqlite_path,
    writing,
)
from dateline.store.entries import Entry, IngestReport, ShardWrite, WriteReport
from dateline.store.loader import Ingest, Input, entry_of, inputs_from_records, read_sources
from dateline.store.schema import ARTICLE_FIELDS, TABLES, articles, claims, errors, events, quotes, warnings

# codes a stream of Articles / Rejected inputs: one Coding or ErrorRecord per input, in input order
# (dateline.code_many; given by the public dateline.open_store)
Coder = Callable[..., Iterable[Coding | ErrorRecord]]

# the columns that hold a time (given in UTC by both engines)
TIMES = frozenset({"coded_at", "recorded_at"})
# at most this many ids in one IN (...) list
CHUNK = 500


@dataclass
class Filters:
    """What ``articles`` / ``events`` / ``claims`` select (all optional; they combine with AND)."""

    since: date | None = None        # events: the event starts on or after; articles: published on or after
    until: date | None = None
    country: str | None = None       # ISO3 of an event's location
    type: str | None = None          # PLOVER or CAMEO code, or ACLED event / sub-event type
    source: str | None = None        # part of a claim source's name or organization
    text: str | None = None          # full-text query over the article (see dateline.store.fulltext)
    bbox: tuple[float, float, float, float] | None = None   # west, south, east, north of an event's location
    limit: int | None = 50


@dataclass(frozen=True)
class StoreInfo:
    engine: str                      # "sqlite" or "postgresql"
    location: str                    # the file, or the URL without password
    schema_revision: str | None
    counts: dict[str, int]
    bytes: int | None                # size on disk (SQLite: the file and its WAL; PostgreSQL: the tables)

    def to_dict(self) -> dict[str, Any]:
        return {"engine": self.engine, "location": self.location, "schema_revision": self.schema_revision,
                "counts": self.counts, "bytes": self.bytes}


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", version))


def _chunks(seq: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def _error_key(entry: Entry, err: ErrorRecord) -> str:
    parts = (entry.origin, entry.line, err.input_id, entry.content_id, err.code, err.message)
    return "sha256:" + hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts)
                                      .encode("utf-8", "surrogatepass")).hexdigest()


def _utc(value: Any) -> Any:
    """Times come back in UTC from both engines (SQLite keeps no zone)."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _now() -> datetime:
    return datetime.now(UTC)


def _dicts(result: sa.CursorResult[Any]) -> list[dict[str, Any]]:
    """The rows as dicts, fetched at once: the column names are read once, not per row (a list of 500 events
    spent more time building its dicts row by row than the database spent finding them)."""
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]


# the stores that the Dask workers of this process write into (WorkerWriter), each opened once
_worker_stores: dict[tuple[str, str], Store] = {}


@dataclass(frozen=True)
class WorkerWriter:
    """The sink of a Dask ingest into PostgreSQL (:class:`dateline.batch.DaskRunner`): called in the worker that
    coded a shard, it writes the shard's results into the store at ``url`` in one transaction of that worker's
    own, with the store's idempotent write (a text stored already is not stored again, so a shard tried again
    after its worker died stores nothing twice), and returns a :class:`ShardWrite` to the client. Each worker
    process opens the store once (no migration: the client opened it first)."""

    url: str
    version: str

    def __call__(self, items: list[Any], results: list[Coding | ErrorRecord]) -> ShardWrite:
        inputs: list[Input] = items
        store = _worker_stores.get((self.url, self.version))
        if store is None:
            store = _worker_stores[(self.url, self.version)] = Store(make_engine(self.url), self.url,
                                                                     version=self.version)
        written = store.write([entry_of(inp, result) for inp, result in zip(inputs, results, strict=True)])
        return ShardWrite(written, [r.article.id for r in results if isinstance(r, Coding)])


class Store:
    """A corpus store on SQLite or PostgreSQL; open one with :func:`dateline.open_store`."""

    def __init__(self, engine: Engine, url: str, *, coder: Coder | None = None, version: str | None = None,
                 busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.engine = engine
        self.url = url
        self.coder = coder
        self.version = version or importlib.metadata.version("dateline")
        self.busy_timeout = busy_timeout

    # -- the store itself

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def location(self) -> str:
        path = sqlite_path(self.url)
        return str(path) if path is not None else display_url(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<dateline Store {self.dialect} {self.location}>"

    def info(self) -> StoreInfo:
        with self.engine.connect() as conn:
            counts = {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in TABLES}
            revision = current_revision(conn)
            size: int | None = None
            path = sqlite_path(self.url)
            if path is not None:
                size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
            elif self.dialect == "postgresql":
                size = conn.execute(sa.text(
                    "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = current_schema() AND c.relkind = 'r'")).scalar_one()
        return StoreInfo(self.dialect, self.location, revision, counts, None if size is None else int(size))

    def optimize(self) -> None:
        """Refreshes the planner's statistics and compacts the full-text index (after a large import)."""
        if self.dialect == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
                conn.commit()
        else:   # VACUUM (outside a transaction) also marks the pages that index-only scans may trust
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")

    # -- writing

    def stored_versions(self, content_ids: Iterable[str], conn: Connection | None = None) -> dict[str, str]:
        """The dateline version that coded each of these articles, for those stored."""
        ids = sorted(set(content_ids))
        found: dict[str, str] = {}
        if not ids:
            return found
        with self._reading(conn) as c:
            for part in _chunks(ids):
                q = sa.select(articles.c.content_id, articles.c.dateline_version).where(
                    articles.c.content_id.in_(part))
                found.update({cid: v for cid, v in c.execute(q)})
        return found

    def is_current(self, stored_version: str) -> bool:
        """An article coded by ``stored_version`` needs no re-coding by this dateline."""
        return version_key(stored_version) >= version_key(self.version)

    def write(self, entries: Sequence[Entry]) -> WriteReport:
        """Stores codings and error records in one transaction under the write lock.

        A coding whose text is stored already by this (or a newer) dateline changes nothing; one stored by an
        older dateline replaces the article's rows. Error records are kept once (a second report of the same
        error is a no-op); an article's error records are removed when it is stored.
        """
        report = WriteReport()
        with writing(self.engine, self.busy_timeout) as conn:
            self._write_codings(conn, [e for e in entries if isinstance(e.result, Coding)], report)
            self._write_errors(conn, [e for e in entries if isinstance(e.result, ErrorRecord)], report)
        return report

    def add(self, coding: Coding, text: str, *, outlet: str | None = None, url: str | None = None) -> WriteReport:
        """Stores one coding (its article's normalised text beside it)."""
        return self.write([Entry(coding, text=text, outlet=outlet, url=url)])

    def _write_codings(self, conn: Connection, entries: list[Entry], report: WriteReport) -> None:
        if not entries:
            return
        stored = self.stored_versions((e.result.article.id for e in entries if isinstance(e.result, Coding)), conn)
        fresh: dict[str, Entry] = {}
        stale: dict[str, Entry] = {}
        for e in entries:
            assert isinstance(e.result, Coding)
            cid = e.result.article.id
            if e.text is None:
                raise ValueError(f"the coding of {cid} comes without its text")
            if cid in fresh or cid in stale or (cid in stored and self.is_current(stored[cid])):
                report.already += 1
            elif cid in stored:
                stale[cid] = e
            else:
                fresh[cid] = e
        now = _now()
        if stale:
            old = self._article_ids(conn, list(stale))
            for table in (claims, quotes, warnings, events):
                for part in _chunks(list(old.values())):
                    conn.execute(table.delete().where(table.c.article_id.in_(part)))
            for cid, e in stale.items():
                assert isinstance(e.result, Coding) and e.text is not None
                row = rows.article_row(e.result, text=e.text, outlet=e.outlet, url=e.url, version=self.version,
                                       coded_at=now)
                del row["content_id"]
                conn.execute(articles.update().where(articles.c.id == old[cid]), row)
            report.replaced += len(stale)
        if fresh:
            report.reused_input_ids += self._reused_input_ids(conn, fresh)
            conn.execute(articles.insert(), [
                rows.article_row(e.result, text=e.text or "", outlet=e.outlet, url=e.url, version=self.version,
                                 coded_at=now)
                for e in fresh.values() if isinstance(e.result, Coding)])
            report.stored += len(fresh)
        written = {**fresh, **stale}
        ids = self._article_ids(conn, list(written))
        codings = [(e.result, ids[cid]) for cid, e in written.items() if isinstance(e.result, Coding)]
        event_rows = [r for c, aid in codings for r in rows.event_rows(c, aid)]
        if event_rows:
            conn.execute(events.insert(), event_rows)
        event_pks: dict[int, dict[str, int]] = {}
        for part in _chunks([aid for c, aid in codings if c.events]):
            for pk, aid, eid in conn.execute(sa.select(events.c.id, events.c.article_id, events.c.event_id)
                                             .where(events.c.article_id.in_(part))):
                event_pks.setdefault(aid, {})[eid] = pk
        for table, make in ((claims, lambda c, aid: rows.claim_rows(c, aid, event_pks.get(aid, {}))),
                            (quotes, rows.quote_rows), (warnings, rows.warning_rows)):
            batch = [r for c, aid in codings for r in make(c, aid)]
            if batch:
                conn.execute(table.insert(), batch)
        for part in _chunks(list(written)):    # the article is stored now: its earlier failures are resolved
            conn.execute(errors.delete().where(errors.c.content_id.in_(part)))

    def _article_ids(self, conn: Connection, content_ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for part in _chunks(content_ids):
            found.update({cid: aid for aid, cid in conn.execute(
                sa.select(articles.c.id, articles.c.content_id).where(articles.c.content_id.in_(part)))})
        return found

    def _reused_input_ids(self, conn: Connection, fresh: dict[str, Entry]) -> list[tuple[str, str, str]]:
        """New articles whose input id already names another text (both are kept; the caller reports it)."""
        by_input: dict[str, list[str]] = {}
        for cid, e in fresh.items():
            assert isinstance(e.result, Coding)
            if e.result.article.input_id is not None:
                by_input.setdefault(e.result.article.input_id, []).append(cid)
        reused: list[tuple[str, str, str]] = []
        for part in _chunks(sorted(by_input)):
            for input_id, cid in conn.execute(sa.select(articles.c.input_id, articles.c.content_id)
                                              .where(articles.c.input_id.in_(part))
                                              .order_by(articles.c.id)):
                reused += [(input_id, cid, new) for new in by_input[input_id] if new != cid]
        for input_id, cids in by_input.items():     # reused inside this batch
            reused += [(input_id, cids[0], new) for new in cids[1:]]
        return reused

    def _write_errors(self, conn: Connection, entries: list[Entry], report: WriteReport) -> None:
        if not entries:
            return
        keyed: dict[str, tuple[Entry, ErrorRecord]] = {}
        for e in entries:
            assert isinstance(e.result, ErrorRecord)
            keyed.setdefault(_error_key(e, e.result), (e, e.result))
        known: set[str] = set()
        for part in _chunks(sorted(keyed)):
            known.update(conn.execute(sa.select(errors.c.key).where(errors.c.key.in_(part))).scalars())
        now = _now()
        new = [{"key": key, "origin": e.origin, "line": e.line, "input_id": err.input_id, "content_id": e.content_id,
                "code": err.code, "message": err.message, "dateline_version": self.version, "recorded_at": now}
               for key, (e, err) in keyed.items() if key not in known]
        if new:
            conn.execute(errors.insert(), new)
        report.errors += len(entries)
        report.errors_new += len(new)

    def worker_writer(self) -> WorkerWriter:
        """What a Dask worker writes this store's codings with (PostgreSQL: each worker its own transactions)."""
        return WorkerWriter(self.url, self.version)

    # -- ingesting

    def ingest(self, sources: Iterable[str | Path], *, processes: int = 1, timeout: float | None = 30.0,
               batch_size: int = 50, commit_seconds: float = 5.0, stdin: BinaryIO | None = None,
               progress: Callable[[int], None] | None = None, dask: Any = None,
               shard_chars: int = SHARD_CHARS) -> IngestReport:
        """Codes and stores the articles of ``sources`` (.txt files, .jsonl files, ``-`` for ``stdin``).

        Articles already stored by this dateline are not coded again; the rest are coded (in ``processes``
        workers) and written every ``batch_size`` results or ``commit_seconds``, each batch in one transaction,
        so that an interrupted ingest keeps its committed batches and the same command run again stores every
        article exactly once. ``progress`` is called with the number of inputs handled so far after each one.
        ``dask`` (a scheduler spec such as ``"local:2"`` or ``"tcp://HOST:8786"``, or a ``distributed.Client``)
        codes on a Dask cluster instead (:mod:`dateline.batch`), in shards of about ``shard_chars`` characters of
        text. On SQLite this process stays the only writer; on PostgreSQL each worker writes the shards it coded
        in transactions of its own (one per shard), and this process only counts what they report.
        """
        return self.ingest_inputs(read_sources(sources, stdin=stdin), processes=processes, timeout=timeout,
                                  batch_size=batch_size, commit_seconds=commit_seconds, progress=progress, dask=dask,
                                  shard_chars=shard_chars)

    def ingest_records(self, records: Iterable[dict[str, Any] | Article | Rejected], *, origin: str | None = None,
                       **options: Any) -> IngestReport:
        """Like :meth:`ingest`, for input records ({"id", "text", "title"?, "published"?, "url"?, "outlet"?})
        or Articles in memory."""
        return self.ingest_inputs(inputs_from_records(records, origin), **options)

    def ingest_inputs(self, inputs: Iterable[Any], *, processes: int = 1, timeout: float | None = 30.0,
                      batch_size: int = 50, commit_seconds: float = 5.0,
                      progress: Callable[[int], None] | None = None, dask: Any = None,
                      shard_chars: int = SHARD_CHARS) -> IngestReport:
        if self.coder is None:
            raise StoreError("this store has no coder to code articles with: open it with dateline.open_store()")
        run = Ingest(self, self.coder, processes=processes, timeout=timeout, batch_size=batch_size,
                     commit_seconds=commit_seconds, progress=progress, dask=dask, shard_chars=shard_chars)
        return run.run(inputs)

    # -- reading

    def _reading(self, conn: Connection | None) -> Any:
        if conn is not None:
            from contextlib import nullcontext

            return nullcontext(conn)
        return self.engine.connect()

    def _where_event(self, f: Filters) -> list[Any]:
        cond: list[Any] = []
        if f.since:
            cond.append(events.c.date_start >= f.since)
        if f.until:
            cond.append(events.c.date_start <= f.until)
        if f.country:
            cond.append(events.c.country == f.country.upper())
        if f.type:
            t = f.type.strip()
            cond.append(sa.or_(events.c.plover == t.upper(), events.c.cameo == t,
                               sa.func.lower(events.c.acled_event_type) == t.lower(),
                               sa.func.lower(events.c.acled_sub_event_type) == t.lower()))
        if f.bbox:
            west, south, east, north = f.bbox
            cond.append(events.c.lat_band.in_(list(range(math.floor(south), math.floor(north) + 1))))
            cond.append(events.c.lat.between(south, north))
            if west <= east:
                cond.append(events.c.lon.between(west, east))
            else:   # across the antimeridian
                cond.append(sa.or_(events.c.lon >= west, events.c.lon <= east))
        if f.source:
            cond.append(sa.exists().where(claims.c.event_pk == events.c.id, self._source_matches(f.source)))
        return cond

    @staticmethod
    def _source_matches(source: str) -> Any:
        pattern = f"%{source}%"
        return sa.or_(claims.c.source_name.ilike(pattern), claims.c.source_organization.ilike(pattern))

    def _where_article_text(self, f: Filters, article_id: Any = None) -> list[Any]:
        return [fulltext.matches(self.dialect, f.text, article_id)] if f.text else []

    def events(self, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Events (with their article's ids, title and published date), latest event date first."""
        f = filters or Filters()
        order = (events.c.date_start.desc().nulls_last(), events.c.id.desc())
        # the events are chosen (and limited) first, then joined to their articles: an article row is large
        chosen = (sa.select(events.c.id).where(*self._where_event(f),
                                                *self._where_article_text(f, events.c.article_id))
                  .order_by(*order))
        if f.limit is not None:
            chosen = chosen.limit(f.limit)
        ids = chosen.subquery()
        # the article's fields come from the event row itself (migration 0005), not from the large article rows
        q = (sa.select(events.c.article_content_id.label("article"), events.c.article_input_id.label("input_id"),
                       events.c.article_title.label("title"), events.c.article_published.label("published"),
                       *[c for c in events.c if c.name not in ("id", "article_id", *ARTICLE_FIELDS)])
             .select_from(ids).join(events, events.c.id == ids.c.id)
             .order_by(*order))
        return self._rows(q, None)

    def articles(self, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Articles (without text and coding), latest published first; the event filters keep the articles
        with at least one such event."""
        f = filters or Filters()
        cond: list[Any] = []
        if f.since:
            cond.append(articles.c.published >= f.since)
        if f.until:
            cond.append(articles.c.published <= f.until)
        event_filters = Filters(country=f.country, type=f.type, source=f.source, bbox=f.bbox)
        event_cond = self._where_event(event_filters)
        if event_cond:
            cond.append(sa.exists().where(events.c.article_id == articles.c.id, *event_cond))
        n_events = (sa.select(sa.func.count()).where(events.c.article_id == articles.c.id)
                    .correlate(articles).scalar_subquery())
        q = (sa.select(articles.c.content_id.label("article"), articles.c.input_id, articles.c.title,
                       articles.c.published, articles.c.outlet, articles.c.url, articles.c.chars,
                       n_events.label("events"), articles.c.dateline_version, articles.c.coded_at)
             .where(*cond, *self._where_article_text(f))
             .order_by(articles.c.published.desc().nulls_last(), articles.c.id.desc()))
        return self._rows(q, f.limit)

    def claims(self, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Claims with their event and article; the date, country and type filters apply to the event."""
        f = filters or Filters()
        event_cond = self._where_event(Filters(since=f.since, until=f.until, country=f.country, type=f.type,
                                               bbox=f.bbox))
        q = (sa.select(articles.c.content_id.label("article"), articles.c.input_id, articles.c.published,
                       events.c.event_id.label("event"), events.c.date_start, events.c.country,
                       *[c for c in claims.c if c.name not in ("id", "article_id", "event_pk")])
             .join_from(claims, events, claims.c.event_pk == events.c.id)
             .join(articles, claims.c.article_id == articles.c.id)
             .where(*event_cond, *self._where_article_text(f),
                    *([self._source_matches(f.source)] if f.source else []))
             .order_by(articles.c.published.desc().nulls_last(), articles.c.id.desc(), events.c.ordinal,
                       claims.c.ordinal))
        return self._rows(q, f.limit)

    def errors(self, code: str | None = None, limit: int | None = 50) -> list[dict[str, Any]]:
        """Error records, latest first."""
        q = (sa.select(*[c for c in errors.c if c.name not in ("id", "key")])
             .where(*([errors.c.code == code] if code else [])).order_by(errors.c.id.desc()))
        return self._rows(q, limit)

    def search(self, query: str, limit: int = 20, *, candidates: int = fulltext.CANDIDATES) -> list[dict[str, Any]]:
        """Full-text search over titles and texts (the query language of :mod:`dateline.store.fulltext`): article
        ids, title, published and score, best first, ranked among the ``candidates`` (500) most recently stored
        matches."""
        if self.dialect == "postgresql":
            scored = self._search_postgresql(query, limit, candidates)
        elif fulltext.fts5_query(query) is None:
            return []
        else:
            with self.engine.connect() as conn:
                scored = [(int(i), float(s)) for i, s in conn.execute(fulltext.ranked(query, limit, candidates))]
        if not scored:
            return []
        score = dict(scored)
        q = (sa.select(articles.c.content_id.label("article"), articles.c.input_id, articles.c.title,
                       articles.c.published, articles.c.id).where(articles.c.id.in_(list(score))))
        found = {r["id"]: r for r in self._rows(q, None)}
        out = []
        for article_id, _ in scored:
            row = found[article_id]
            del row["id"]
            out.append({**row, "score": score[article_id]})
        return out

    def _search_postgresql(self, query: str, limit: int, candidates: int) -> list[tuple[int, float]]:
        """(article id, ts_rank) of the best ``limit`` among the ``candidates`` newest matches.

        A GIN index yields matches in no order, and PostgreSQL's planner, asked for the newest ones, walks the
        primary key backwards reading every row's TOASTed tsvector: slow when matches are sparse. So plain index
        scans are off here (only bitmap scans, which read matching rows only), and the newest matches are sought
        in a window of the newest ids that grows until it holds enough of them (:func:`fulltext.next_window`); only
        those are ranked. The index also keys each article by its block of 1,024 ids (:data:`fulltext.WINDOW_BITS`):
        a window of up to 256 blocks is part of the index condition, so that GIN skips the older entries of common
        words instead of decoding their lists whole.
        """
        with self.engine.connect() as conn:
            top = int(conn.execute(sa.select(sa.func.max(articles.c.id))).scalar() or 0)   # by the index: first
            conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
            window = 4 * candidates
            while True:
                floor = max(top - window, 0)
                # the newest ``candidates`` of the window's matches: the server sorts, the client reads no more
                ids: list[int] = list(conn.execute(fulltext.matches_since(query, floor, top)
                                                   .order_by(articles.c.id.desc()).limit(candidates)).scalars().all())
                if len(ids) >= candidates or floor == 0:
                    break
                window = fulltext.next_window(window, len(ids), candidates)
            if not ids:
                return []
            scored = [(int(i), float(s)) for i, s in conn.execute(fulltext.rank_postgresql(query, ids)).all()]
        scored.sort(key=lambda x: (-x[1], -x[0]))
        return scored[:limit]

    def resolve(self, ref: str) -> str:
        """The content id of the article ``ref`` names: its content id, a unique prefix of it (with or without
        ``sha256:``, at least 6 hex digits), or its input id."""
        ref = ref.strip()
        with self.engine.connect() as conn:
            hexpart = ref.removeprefix("sha256:")
            if re.fullmatch(r"[0-9a-f]{6,64}", hexpart):
                # a range of the unique index, not LIKE (which an index serves on neither engine as declared)
                prefix = f"sha256:{hexpart}"
                found = list(conn.execute(sa.select(articles.c.content_id)
                                          .where(articles.c.content_id >= prefix,
                                                 articles.c.content_id < prefix + "g")
                                          .order_by(articles.c.content_id).limit(2)).scalars())
                if len(found) == 1:
                    return found[0]
                if len(found) > 1:
                    raise NotFound(f"{ref!r} is the start of several article ids: give more of it")
            found = list(conn.execute(sa.select(articles.c.content_id).where(articles.c.input_id == ref)
                                      .order_by(articles.c.id)).scalars())
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise NotFound(f"input id {ref!r} names {len(found)} articles (its texts differ): "
                           + ", ".join(found))
        raise NotFound(f"no stored article {ref!r} (give a content id, a prefix of one, or an input id)")

    def coding(self, ref: str, *, include_text: bool = False) -> dict[str, Any]:
        """The stored coding (contract JSON) of the article ``ref`` names (see :meth:`resolve`)."""
        cid = self.resolve(ref)
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(articles.c.coding, articles.c.text).where(articles.c.content_id == cid)
                               ).one()
        coding = dict(row.coding)
        if include_text:
            coding["article"] = {**coding["article"], "text": row.text}
        return coding

    def codings(self, filters: Filters | None = None, *, include_text: bool = False,
                batch: int = CHUNK) -> Iterator[dict[str, Any]]:
        """Every stored coding (``{"coding", "outlet", "url"}``, and ``"text"`` with ``include_text``), in the order
        they were stored, read ``batch`` articles at a time; the event filters (since, until, country, type, source,
        bbox) keep the articles with at least one such event, ``text`` those the full-text query matches. The
        limit of ``filters`` is not applied (exports read everything selected)."""
        f = filters or Filters()
        event_cond = self._where_event(Filters(since=f.since, until=f.until, country=f.country, type=f.type,
                                               source=f.source, bbox=f.bbox))
        cond: list[Any] = [*self._where_article_text(f)]
        if event_cond:
            cond.append(sa.exists().where(events.c.article_id == articles.c.id, *event_cond))
        columns = [articles.c.id, articles.c.coding, articles.c.outlet, articles.c.url]
        if include_text:
            columns.append(articles.c.text)
        last = 0
        while True:
            q = sa.select(*columns).where(articles.c.id > last, *cond).order_by(articles.c.id).limit(batch)
            with self.engine.connect() as conn:
                found = list(conn.execute(q).mappings())
            for r in found:
                out = {"coding": dict(r["coding"]), "outlet": r["outlet"], "url": r["url"]}
                if include_text:
                    out["text"] = r["text"]
                yield out
            if len(found) < batch:
                return
            last = found[-1]["id"]

    def article(self, ref: str) -> dict[str, Any]:
        """One article's row with its events and each event's claims (what a page about the article shows)."""
        cid = self.resolve(ref)
        with self.engine.connect() as conn:
            a = conn.execute(sa.select(*[c for c in articles.c if c.name not in ("coding", "text")])
                             .where(articles.c.content_id == cid)).mappings().one()
            evs = _dicts(conn.execute(sa.select(*[c for c in events.c if c.name not in ARTICLE_FIELDS])
                                      .where(events.c.article_id == a["id"])
                                      .order_by(events.c.ordinal)))
            by_event: dict[int, list[dict[str, Any]]] = {}
            for r in _dicts(conn.execute(sa.select(claims).where(claims.c.article_id == a["id"])
                                         .order_by(claims.c.event_pk, claims.c.ordinal))):
                by_event.setdefault(r["event_pk"], []).append(r)
        out = dict(a)
        out["events"] = [{**e, "claims": by_event.get(e["id"], [])} for e in evs]
        return out

    # -- incidents (the rule: dateline.incidents; the store's side: dateline.store.merging)

    def merge(self, *, rebuild: bool = False) -> merging.MergeReport:
        """Places the reported events that belong to no incident yet (all of them again with ``rebuild``)."""
        return merging.merge(self, rebuild=rebuild)

    def incidents(self, filters: Filters | None = None, *, min_killed: int | None = None,
                  offset: int = 0) -> list[dict[str, Any]]:
        """Incident records (the contract's), latest incident date first, then by id (a stable order)."""
        return merging.list_incidents(self, filters or Filters(), min_killed=min_killed, offset=offset)

    def count_incidents(self, filters: Filters | None = None, *, min_killed: int | None = None) -> int:
        return merging.count_incidents(self, filters or Filters(), min_killed=min_killed)

    def incident_cells(self, filters: Filters | None = None, *, cell: float,
                       min_killed: int | None = None) -> list[dict[str, Any]]:
        """The selected located incidents counted on a grid of ``cell`` degrees (what a map draws)."""
        return merging.incident_cells(self, filters or Filters(), cell=cell, min_killed=min_killed)

    def incidents_of_article(self, ref: str) -> list[str]:
        """The ids of the incidents the events of the article ``ref`` names belong to."""
        return merging.incidents_of_article(self, self.resolve(ref))

    def incident(self, ref: str) -> dict[str, Any]:
        """The record of one incident: its id, an alias (the id of an incident it absorbed) or a unique prefix."""
        return merging.get_incident(self, ref)

    def _rows(self, q: sa.Select[Any], limit: int | None) -> list[dict[str, Any]]:
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            found = _dicts(conn.execute(q))
        for key in TIMES.intersection(found[0]) if found else ():
            for row in found:
                row[key] = _utc(row[key])
        return found
