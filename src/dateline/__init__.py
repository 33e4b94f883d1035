"""dateline: news reports of political violence in, sourced, dated event records out.

Public API::

    coding = dateline.code(text, published="2017-12-18", title=None)
    for result in dateline.code_many(records):     # Coding or ErrorRecord, in input order
        print(result.to_dict())
    store = dateline.open_store()                  # the corpus store: SQLite by default, or a PostgreSQL URL
    store.ingest(["articles.jsonl"])               # codes what it does not hold yet
"""

from __future__ import annotations

import ctypes
import functools
import signal
import threading
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from dateline.batch import SHARD_CHARS, make_runner
from dateline.errors import BadRecord, DatelineError, InputError, InternalError, Timeout
from dateline.ingest import Article, Rejected, article_from_fields, record_to_article
from dateline.records import Claim, Coding, ErrorRecord, Event, Quote

if TYPE_CHECKING:
    from dateline.store import Store

__version__ = "0.1.0"
__all__ = ["Article", "Claim", "Coding", "DatelineError", "ErrorRecord", "Event", "InputError", "Quote",
           "__version__", "code", "code_article", "code_many", "load_pipeline", "open_store"]

BATCH_SIZE = 16
# seconds one article may take; a news article takes well under one
DEFAULT_TIMEOUT = 30.0


def code(text: str, *, published: str | date | None = None, title: str | None = None,
         include_text: bool = False) -> Coding:
    """Codes one article. Raises an :class:`InputError` subclass for text that cannot be coded."""
    article = article_from_fields(text, title=title, published=published, published_source="argument")
    return code_article(article, include_text=include_text)


def load_pipeline() -> None:
    """Loads the English pipeline and dateline's stages now (otherwise they load on first use, once per process).

    Importing :mod:`dateline` never loads spaCy: the record-level parts (records, store, exports, web) stay light.
    """
    import dateline.pipeline as nlp

    nlp.load()


def code_article(article: Article, include_text: bool = False) -> Coding:
    import dateline.pipeline as nlp
    from dateline.pipeline.coding import build_coding

    doc = nlp.analyse(article.text, article.published)
    return build_coding(article, doc, include_text=include_text)


def _error(input_id: str | None, exc: Exception) -> ErrorRecord:
    if isinstance(exc, DatelineError):
        return ErrorRecord(input_id, exc.code, exc.message)
    return ErrorRecord(input_id, InternalError.code, f"{type(exc).__name__}: {exc}")


def _as_item(rec: Any) -> Article | Rejected:
    if isinstance(rec, (Article, Rejected)):
        return rec
    if isinstance(rec, dict):
        return record_to_article(rec)
    return Rejected(None, BadRecord(f"expected a record object, got {type(rec).__name__}"))


def _batches(records: Iterable[Any], size: int) -> Iterator[list[Article | Rejected]]:
    batch: list[Article | Rejected] = []
    for rec in records:
        batch.append(_as_item(rec))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_many(records: Iterable[dict[str, Any] | Article | Rejected], *, include_text: bool = False,
              batch_size: int = BATCH_SIZE, processes: int = 1, timeout: float | None = DEFAULT_TIMEOUT,
              dask: Any = None, shard_chars: int = SHARD_CHARS) -> Iterator[Coding | ErrorRecord]:
    """Codes a stream of input records ({"id", "text", "title"?, "published"?}) or Articles.

    Yields one result per record, in input order: a :class:`Coding`, or an :class:`ErrorRecord`
    saying why that record could not be coded. The stream goes on after a bad record.
    ``processes`` > 1 codes batches in that many worker processes (each loads the pipeline once; a worker
    that dies or hangs is replaced and its articles retried: :mod:`dateline.batch`).
    ``timeout``: seconds one article may take (``None``: no limit); an article over it becomes a ``timeout``
    error record. In one process the budget is kept by ``SIGALRM`` in the main thread, in another thread (a Dask
    worker's) by raising :class:`~dateline.errors.Timeout` in it.
    ``dask``: a Dask scheduler (``"local"``, ``"local:N"``, ``"tcp://HOST:8786"`` or a ``distributed.Client``)
    that codes shards of about ``shard_chars`` characters of text (:class:`dateline.batch.DaskRunner`).
    """
    if processes <= 1 and dask is None:
        for batch in _batches(records, batch_size):
            yield from _code_batch_iter(batch, include_text, timeout)
        return
    coder = functools.partial(code_many, include_text=include_text, batch_size=batch_size, timeout=timeout)
    runner = make_runner(coder, processes=processes, dask=dask, timeout=timeout, batch_size=batch_size,
                         shard_chars=shard_chars)
    try:
        yield from runner.run(_as_item(r) for r in records)
    finally:
        close = getattr(runner, "close", None)
        if close is not None:
            close()


def open_store(url: str | None = None, *, busy_timeout: float | None = None) -> Store:
    """Opens the corpus store (creating and migrating it as needed) that codes with :func:`code_many`.

    ``url``: an SQLite path or ``sqlite:///...`` URL, or ``postgresql://host/db``; without one, ``$DATELINE_DB``,
    else SQLite at ``dateline.sqlite`` in the user data folder (``$DATELINE_HOME``, ...). See :mod:`dateline.store`.
    """
    from dateline import store

    options = {} if busy_timeout is None else {"busy_timeout": busy_timeout}
    return store.open_store(url, coder=code_many, version=__version__, **options)


class _Overrun(Timeout):
    """A :class:`Timeout` raised into a worker thread from outside (an exception class without arguments)."""

    def __init__(self, message: str = "coding took longer than its budget") -> None:
        super().__init__(message)


class _Budget:
    """Raises :class:`~dateline.errors.Timeout` in this thread when ``seconds`` pass: by ``SIGALRM`` in the main
    thread, else (a Dask worker's task thread) by a timer that raises it asynchronously in this thread. Either
    way it lands at the next Python instruction, like a signal; code stuck in C is left to the process's
    watchdog (:mod:`dateline.batch`)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        limited = seconds is not None and seconds > 0
        self.main = threading.current_thread() is threading.main_thread()
        self.active = limited and (hasattr(signal, "setitimer") or not self.main)
        self.previous: Any = None
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()
        self.inside = False

    def _expired(self, signum: int, frame: Any) -> None:
        raise Timeout(f"coding took longer than its budget ({self.seconds:g} s)")

    def _raise_in_thread(self, ident: int) -> None:
        with self.lock:
            if self.inside:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(_Overrun))

    def __enter__(self) -> _Budget:
        if self.active and self.main:
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, float(self.seconds or 0))
        elif self.active:
            self.inside = True
            self.timer = threading.Timer(float(self.seconds or 0), self._raise_in_thread,
                                         args=(threading.get_ident(),))
            self.timer.daemon = True
            self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.active and self.main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        elif self.timer is not None:
            with self.lock:
                self.inside = False
                self.timer.cancel()


def _code_batch_iter(batch: list[Article | Rejected], include_text: bool,
                     timeout: float | None = DEFAULT_TIMEOUT) -> Iterator[Coding | ErrorRecord]:
    import dateline.pipeline as nlp
    from dateline.pipeline.coding import build_coding

    good = [a for a in batch if isinstance(a, Article)]
    if good:
        try:   # loading the model and the lexicons is no article's work: never inside a time budget
            nlp.load()
        except DatelineError as exc:   # a broken set-up (a user places file, no model): said for every record
            for item in batch:
                yield _error(item.input_id, item.error if isinstance(item, Rejected) else exc)
            return
    docs: list[Any] = []
    if len(good) > 1:
        try:   # the whole batch at once, within one article's budget
            with _Budget(timeout):
                docs = nlp.analyse_many([(a.text, a.published) for a in good], batch_size=max(1, len(good)))
        except Exception:  # one bad or slow article must not sink the batch: code them one by one
            docs = []
    by_pos = dict(zip(range(len(good)), docs, strict=False))
    gi = 0
    for item in batch:
        if isinstance(item, Rejected):
            yield _error(item.input_id, item.error)
            continue
        try:
            with _Budget(timeout):
                doc = by_pos.get(gi)
                if doc is None:
                    doc = nlp.analyse(item.text, item.published)
                coding = build_coding(item, doc, include_text=include_text)
            yield coding
        except Exception as exc:  # reported per record, never silently dropped
            yield _error(item.input_id, exc)
        gi += 1
