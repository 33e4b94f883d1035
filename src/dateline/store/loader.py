"""Ingesting: inputs are read (with the url and outlet of JSONL records), those stored already are skipped before
coding, the rest are coded through the coder the store was given and written in batches."""

from __future__ import annotations

import functools
import io
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from dateline.batch import SHARD_CHARS, DaskRunner, plan_shards
from dateline.errors import BadRecord, InputError
from dateline.ingest import (
    JSON_WHITESPACE,
    Article,
    Rejected,
    decode,
    has_json_object_line,
    load_jsonl_record,
    read_path,
    record_to_article,
)
from dateline.records import Coding, ErrorRecord
from dateline.store.entries import Entry, IngestReport, ShardWrite, WriteReport

if TYPE_CHECKING:
    from dateline.store.corpus import Coder, Store

# inputs looked up in the store at once before coding
LOOKUP_CHUNK = 256


@dataclass(frozen=True)
class Input:
    """One input with where it came from."""

    item: Article | Rejected
    origin: str | None = None
    line: int | None = None
    outlet: str | None = None
    url: str | None = None


def _text_field(rec: Any, name: str) -> str | None:
    value = rec.get(name) if isinstance(rec, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def _jsonl_inputs(lines: Iterable[bytes], origin: str) -> Iterator[Input]:
    """One Input per non-empty line, as :func:`dateline.ingest.iter_jsonl` reads them, with url and outlet."""
    for lineno, raw in enumerate(lines, 1):
        try:
            line = decode(raw, f"line {lineno}")
        except InputError as exc:
            yield Input(Rejected(None, exc), origin, lineno)
            continue
        if not line.strip(JSON_WHITESPACE):     # a line of other control characters is not blank: it is reported
            continue
        rec = load_jsonl_record(line, lineno)    # parsed once: the article, its url and outlet come from it
        if isinstance(rec, Rejected):
            yield Input(rec, origin, lineno)
            continue
        item = record_to_article(rec, where=f"line {lineno}")
        outlet = url = None
        if isinstance(item, Article):
            outlet, url = _text_field(rec, "outlet"), _text_field(rec, "url")
        yield Input(item, origin, lineno, outlet, url)


def read_sources(sources: Iterable[str | Path], stdin: BinaryIO | None = None) -> Iterator[Input]:
    """Inputs from .txt files, .jsonl / .ndjson files and ``-`` (JSONL when a line is a JSON object, else one
    text), in order."""
    for source in sources:
        name = str(source)
        if name == "-":
            if stdin is None:
                raise ValueError("reading '-' needs a stdin")
            data = stdin.read()
            if has_json_object_line(data):
                yield from _jsonl_inputs(data.splitlines(), "-")
            else:
                yield from (Input(item, "-") for item in read_path("-", stdin=io.BytesIO(data), fmt="text"))
        elif Path(name).suffix.lower() in (".jsonl", ".ndjson"):
            with open(name, "rb") as lines:
                yield from _jsonl_inputs(lines, name)
        else:
            yield from (Input(item, name) for item in read_path(name))


def count_inputs(sources: Iterable[str | Path]) -> int | None:
    """How many inputs the files hold (non-empty lines of a JSONL file, one per text file); None with ``-``."""
    total = 0
    for source in sources:
        name = str(source)
        if name == "-":
            return None
        if Path(name).suffix.lower() in (".jsonl", ".ndjson"):
            with open(name, "rb") as lines:
                total += sum(1 for raw in lines if raw.strip(JSON_WHITESPACE.encode()))
        else:
            total += 1
    return total


def inputs_from_records(records: Iterable[dict[str, Any] | Article | Rejected],
                        origin: str | None = None) -> Iterator[Input]:
    for n, rec in enumerate(records, 1):
        if isinstance(rec, (Article, Rejected)):
            yield Input(rec, origin, None)
        elif isinstance(rec, dict):
            yield Input(record_to_article(rec, where=f"record {n}"), origin, None, _text_field(rec, "outlet"),
                        _text_field(rec, "url"))
        else:
            yield Input(Rejected(None, BadRecord(f"record {n}: expected a record object, got {type(rec).__name__}")),
                        origin, None)


def entry_of(inp: Input, result: Coding | ErrorRecord) -> Entry:
    """What is written for one input: its coding with the text and where it came from, or its error record."""
    if isinstance(result, Coding):
        assert isinstance(inp.item, Article)
        return Entry(result, text=inp.item.text, outlet=inp.outlet, url=inp.url, origin=inp.origin, line=inp.line)
    content_id = inp.item.id if isinstance(inp.item, Article) else None
    return Entry(result, origin=inp.origin, line=inp.line, content_id=content_id)


class Ingest:
    """One ingest run: a single streaming call of the coder (so that its workers load the pipeline once), fed
    only the inputs that need coding; results are written every ``batch_size`` or ``commit_seconds``.

    On Dask with a PostgreSQL store the workers write instead: each shard's results go into the store from the
    worker that coded them, in a transaction of its own (:meth:`Store.worker_writer`), and this process only
    counts what they report."""

    def __init__(self, store: Store, coder: Coder, *, processes: int, timeout: float | None, batch_size: int,
                 commit_seconds: float, progress: Callable[[int], None] | None, dask: Any = None,
                 shard_chars: int = SHARD_CHARS) -> None:
        self.store, self.coder = store, coder
        self.processes, self.timeout = processes, timeout
        self.dask = dask                           # a Dask scheduler spec or client: the coder's shards go there
        self.shard_chars = shard_chars
        self.batch_size, self.commit_seconds = max(1, batch_size), commit_seconds
        self.progress = progress
        self.report = IngestReport()
        self.pending: deque[Input] = deque()       # fed to the coder, result not yet received
        self.seen: set[str] = set()                # content ids fed in this run
        self.stale: set[str] = set()               # of which stored by an older dateline (re-coded, replaced)
        self.done = 0                              # inputs settled: skipped, or their result received

    def _tick(self, n: int = 1) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done)

    def _wanted(self, inputs: Iterable[Input]) -> Iterator[Input]:
        """The inputs that need coding: not stored by this dateline already, each text once."""
        chunk: list[Input] = []
        for inp in inputs:
            chunk.append(inp)
            if len(chunk) >= LOOKUP_CHUNK:
                yield from self._wanted_chunk(chunk)
                chunk = []
        yield from self._wanted_chunk(chunk)

    def _wanted_chunk(self, chunk: list[Input]) -> Iterator[Input]:
        stored = self.store.stored_versions(i.item.id for i in chunk if isinstance(i.item, Article))
        for inp in chunk:
            self.report.inputs += 1
            if isinstance(inp.item, Article):
                cid = inp.item.id
                version = stored.get(cid)
                if cid in self.seen or (version is not None and self.store.is_current(version)):
                    self.report.already += 1         # the same text: stored already, or twice in this input
                    self._tick()
                    continue
                self.seen.add(cid)
                if version is not None:
                    self.stale.add(cid)
            yield inp

    def _feed(self, inputs: Iterable[Input]) -> Iterator[Article | Rejected]:
        for inp in self._wanted(inputs):
            self.pending.append(inp)
            yield inp.item

    def _flush(self, batch: list[Entry]) -> None:
        if batch:
            self.report.add(self.store.write(batch))
            batch.clear()

    def run(self, inputs: Iterable[Input]) -> IngestReport:
        started = time.monotonic()
        if self.dask is not None and self.store.dialect == "postgresql":
            self._run_writing_workers(inputs)
        else:
            self._run_writing_here(inputs)
        self.report.seconds = time.monotonic() - started
        return self.report

    def _run_writing_here(self, inputs: Iterable[Input]) -> None:
        batch: list[Entry] = []
        last = time.monotonic()
        if self.processes > 1:
            # the workers are forked: let them inherit no open database connection
            self.store.engine.dispose()
        try:
            options = {} if self.dask is None else {"dask": self.dask, "shard_chars": self.shard_chars}
            for result in self.coder(self._feed(inputs), processes=self.processes, timeout=self.timeout, **options):
                batch.append(entry_of(self.pending.popleft(), result))
                if len(batch) >= self.batch_size or time.monotonic() - last >= self.commit_seconds:
                    pending, batch = batch, []
                    self._flush(pending)
                    last = time.monotonic()
                self._tick()
        except BaseException:
            # interrupted (Ctrl-C, a coder failure): what was coded is still written; a failed write is not retried
            if batch:
                self._flush(batch)
            raise
        self._flush(batch)

    def _run_writing_workers(self, inputs: Iterable[Input]) -> None:
        """Dask on PostgreSQL: the workers code and write each shard (its own transaction, the store's idempotent
        write); a shard tried again after its worker died finds what its first try committed and stores nothing
        twice. ``batch_size`` and ``commit_seconds`` do not apply: a shard is one transaction.

        Stored and re-coded articles are counted from this process's look-up before coding (each article fed was
        missing or stored by an older dateline), not from the worker's write: a shard that Dask runs again (its
        worker died before its report was fetched) finds its own articles stored, and they still count as
        stored by this run."""
        coder = functools.partial(self.coder, timeout=self.timeout)
        runner = DaskRunner(self.dask, coder, timeout=self.timeout, shard_chars=self.shard_chars,
                            sink=self.store.worker_writer())
        try:
            for _shard, settled, shard in runner.run_into(plan_shards(self._wanted(inputs), chars=self.shard_chars)):
                assert isinstance(shard, ShardWrite)
                replaced = sum(cid in self.stale for cid in shard.coded_ids)
                self.report.add(WriteReport(stored=len(shard.coded_ids) - replaced, replaced=replaced,
                                            errors=shard.written.errors, errors_new=shard.written.errors_new,
                                            reused_input_ids=shard.written.reused_input_ids))
                self._tick(settled)
        finally:
            runner.close()      # a cluster it started from a spec ("local:2"); a given client is left open
