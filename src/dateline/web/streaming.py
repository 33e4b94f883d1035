"""Streams an export: the writers of :mod:`dateline.export` write to a text stream; here that stream feeds the
HTTP response chunk by chunk from a worker thread, so an export of the whole store never sits in memory."""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Callable, Iterator
from typing import IO

CHUNK = 64 * 1024
# chunks waiting for the client at most (memory stays bounded when the client reads slowly)
QUEUED = 16


class Stopped(Exception):
    """The client went away: the export stops."""


class _QueueWriter(io.TextIOBase):
    def __init__(self, chunks: queue.Queue[bytes | BaseException | None], stop: threading.Event) -> None:
        self.chunks = chunks
        self.stop = stop
        self.parts: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        self.parts.append(s)
        self.size += len(s)
        if self.size >= CHUNK:
            self.flush()
        return len(s)

    def flush(self) -> None:
        if self.parts:
            self._put("".join(self.parts).encode("utf-8"))
            self.parts, self.size = [], 0

    def _put(self, item: bytes | BaseException | None) -> None:
        while True:
            if self.stop.is_set():
                raise Stopped
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue


def stream(write: Callable[[IO[str]], object]) -> Iterator[bytes]:
    """The bytes ``write(stream)`` writes, as they come; an error in the writer ends the response early."""
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(QUEUED)
    stop = threading.Event()
    out = _QueueWriter(chunks, stop)

    def run() -> None:
        try:
            write(out)   # type: ignore[arg-type]
            out.flush()
            out._put(None)
        except Stopped:
            return
        except BaseException as exc:   # handed to the response, which ends there
            try:
                out._put(exc)
            except Stopped:
                return

    worker = threading.Thread(target=run, name="dateline-export", daemon=True)
    worker.start()
    try:
        while True:
            item = chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
