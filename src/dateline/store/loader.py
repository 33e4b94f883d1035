"""Ingesting: inputs are read (with the url and outlet of JSONL records), those stored already are skipped before
coding, the rest are coded through the coder the store was given and written in batches."""

from __future__ import annotations

import io
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from dateline.batch import SHARD_CHARS
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
from dateline.store.entries import Entry, IngestReport

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


class Ingest:
    """One ingest run: a single streaming call of the coder (so that its workers load the pipeline once), fed
    only the inputs that need coding; results are written every ``batch_size`` or ``commit_seconds``."""

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
        self.done = 0                              # inputs settled: skipped, or their result received

    def _tick(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done)

    def _feed(self, inputs: Iterable[Input]) -> Iterator[Article | Rejected]:
        chunk: list[Input] = []
        for inp in inputs:
            chunk.append(inp)
            if len(chunk) >= LOOKUP_CHUNK:
                yield from self._feed_chunk(chunk)
                chunk = []
        yield from self._feed_chunk(chunk)

    def _feed_chunk(self, chunk: list[Input]) -> Iterator[Article | Rejected]:
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
            self.pending.append(inp)
            yield inp.item

    def _entry(self, inp: Input, result: Coding | ErrorRecord) -> Entry:
        if isinstance(result, Coding):
            assert isinstance(inp.item, Article)
            return Entry(result, text=inp.item.text, outlet=inp.outlet, url=inp.url, origin=inp.origin,
                         line=inp.line)
        content_id = inp.item.id if isinstance(inp.item, Article) else None
        return Entry(result, origin=inp.origin, line=inp.line, content_id=content_id)

    def _flush(self, batch: list[Entry]) -> None:
        if batch:
            self.report.add(self.store.write(batch))
            batch.clear()

    def run(self, inputs: Iterable[Input]) -> IngestReport:
        started = time.monotonic()
        batch: list[Entry] = []
        last = time.monotonic()
        if self.processes > 1:
            # the workers are forked: let them inherit no open database connection
            self.store.engine.dispose()
        try:
            options = {} if self.dask is None else {"dask": self.dask, "shard_chars": self.shard_chars}
            for result in self.coder(self._feed(inputs), processes=self.processes, timeout=self.timeout, **options):
                batch.append(self._entry(self.pending.popleft(), result))
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
        self.report.seconds = time.monotonic() - started
        return self.report
