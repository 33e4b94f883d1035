"""dateline: news reports of political violence in, sourced, dated event records out.

Public API::

    coding = dateline.code(text, published="2017-12-18", title=None)
    for result in dateline.code_many(records):     # Coding or ErrorRecord, in input order
        print(result.to_dict())
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from dateline.errors import BadRecord, DatelineError, InputError, InternalError
from dateline.ingest import Article, Rejected, article_from_fields, record_to_article
from dateline.records import Claim, Coding, ErrorRecord, Event, Quote

__version__ = "0.1.0"
__all__ = ["Article", "Claim", "Coding", "DatelineError", "ErrorRecord", "Event", "InputError", "Quote",
           "__version__", "code", "code_article", "code_many", "load_pipeline"]

BATCH_SIZE = 16


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


def _code_batch(batch: list[Article | Rejected], include_text: bool = False) -> list[Coding | ErrorRecord]:
    return list(_code_batch_iter(batch, include_text))


def code_many(records: Iterable[dict[str, Any] | Article | Rejected], *, include_text: bool = False,
              batch_size: int = BATCH_SIZE, processes: int = 1) -> Iterator[Coding | ErrorRecord]:
    """Codes a stream of input records ({"id", "text", "title"?, "published"?}) or Articles.

    Yields one result per record, in input order: a :class:`Coding`, or an :class:`ErrorRecord`
    saying why that record could not be coded. The stream goes on after a bad record.
    ``processes`` > 1 codes batches in that many worker processes (each loads the pipeline once).
    """
    if processes <= 1:
        for batch in _batches(records, batch_size):
            yield from _code_batch_iter(batch, include_text)
        return
    import functools
    import multiprocessing

    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    work = functools.partial(_code_batch, include_text=include_text)
    with ctx.Pool(processes) as pool:
        for results in pool.imap(work, _batches(records, batch_size)):
            yield from results


def _code_batch_iter(batch: list[Article | Rejected], include_text: bool) -> Iterator[Coding | ErrorRecord]:
    import dateline.pipeline as nlp
    from dateline.pipeline.coding import build_coding

    def flush() -> Iterator[Coding | ErrorRecord]:
        good = [a for a in batch if isinstance(a, Article)]
        try:
            docs = nlp.analyse_many([(a.text, a.published) for a in good], batch_size=max(1, len(good)))
        except Exception:  # one bad article must not sink the batch: retry one by one
            docs = []
        by_pos = dict(zip(range(len(good)), docs, strict=False))
        gi = 0
        for item in batch:
            if isinstance(item, Rejected):
                yield _error(item.input_id, item.error)
                continue
            try:
                doc = by_pos.get(gi)
                if doc is None:
                    doc = nlp.analyse(item.text, item.published)
                yield build_coding(item, doc, include_text=include_text)
            except Exception as exc:  # reported per record, never silently dropped
                yield _error(item.input_id, exc)
            gi += 1

    yield from flush()
