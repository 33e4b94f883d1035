"""What is written to the store and what a write or an ingest reports (plain records)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.records import SCHEMA, Coding, ErrorRecord


@dataclass(frozen=True)
class Entry:
    """One input's outcome to store: a :class:`Coding` with its normalised text, or an :class:`ErrorRecord`."""

    result: Coding | ErrorRecord
    text: str | None = None          # required with a Coding: the text its offsets index
    outlet: str | None = None
    url: str | None = None
    origin: str | None = None        # the file it came from ("-": standard input)
    line: int | None = None          # its line in a JSONL file
    content_id: str | None = None    # of an article that could be read but not coded (a timeout, a bug)


@dataclass
class WriteReport:
    """What one write did (and, summed, what an ingest did)."""

    stored: int = 0                  # new articles
    replaced: int = 0                # articles re-coded by a newer dateline: their rows replaced
    already: int = 0                 # same text already stored by this (or a newer) dateline
    errors: int = 0                  # error records seen
    errors_new: int = 0              # of which stored for the first time
    # (input id, content id already stored under it, the new article's content id)
    reused_input_ids: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: WriteReport) -> None:
        self.stored += other.stored
        self.replaced += other.replaced
        self.already += other.already
        self.errors += other.errors
        self.errors_new += other.errors_new
        self.reused_input_ids += other.reused_input_ids


@dataclass
class IngestReport(WriteReport):
    """What an ingest did: every input is counted once, as stored, replaced, already stored or an error."""

    inputs: int = 0
    seconds: float = 0.0
    schema: str = SCHEMA

    @property
    def nothing_new(self) -> bool:
        return self.stored == 0 and self.replaced == 0 and self.errors_new == 0


@dataclass
class ShardWrite:
    """What a Dask worker wrote for one shard (PostgreSQL): its write report and the content ids of the codings
    the store holds now, whether this write stored them or an earlier try of the same shard did."""

    written: WriteReport
    coded_ids: list[str] = field(default_factory=list)
