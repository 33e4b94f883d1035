"""Exports in the formats the field uses: ACLED CSV, UCDP GED CSV, PLOVER JSONL, GeoJSON, Parquet, JSONL.

Records in, rows out: the codings (contract JSON) of a file or of the store, or incident records, become
:class:`Item` s (:mod:`dateline.export.items`); one module per format turns items into rows::

    report = export.export(export.items_from_file("codings.jsonl"), "acled", "events.csv")
    report.rows, report.skipped          # what was written, and what the format cannot hold (and why)

Modules: ``items`` (items, readers, selection), ``codes`` (the shipped country and code tables, shared rules),
``acled``, ``ucdp``, ``plover``, ``geojson``, ``parquet``, ``jsonl`` (one per format), ``sources`` (the store).
No spaCy and no pipeline here. Columns and the origin of every value: docs/exports.md.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from dateline.export import acled, geojson, jsonl, parquet, plover, ucdp
from dateline.export.items import (
    LEVELS,
    ExportInputError,
    ExportReport,
    Item,
    Report,
    Selection,
    item_from_incident,
    items_from_coding,
    items_from_records,
    read_records,
)

__all__ = ["FORMATS", "LEVELS", "ExportInputError", "ExportReport", "Item", "Report", "Selection", "export",
           "item_from_incident", "items_from_coding", "items_from_file", "needs_text"]

FORMATS = ("acled", "ucdp", "plover", "geojson", "parquet", "jsonl")
# formats that write bytes to a file of their own, never to a stream
FILE_ONLY = ("parquet",)


def needs_text(fmt: str) -> bool:
    """The format shows the sentences of each event (PLOVER's ``event_text``): read the article texts."""
    return fmt == "plover"


def items_from_file(path: str | Path, level: str = "events", selection: Selection | None = None,
                    report: ExportReport | None = None) -> Iterator[Item]:
    """Items of a JSONL file of codings (``dateline code`` output) or of incident records, selected."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r} (one of {', '.join(LEVELS)})")
    report = report if report is not None else ExportReport()
    sel = selection or Selection()
    for item in items_from_records(read_records(path), level, report, where=str(path)):
        if sel.keeps(item):
            yield item


def export(items: Iterable[Item], fmt: str, output: str | Path | IO[str], *, report: ExportReport | None = None,
           acled_version: str = "current", located_only: bool = False, timestamp: int | None = None
           ) -> ExportReport:
    """Writes ``items`` in format ``fmt`` to ``output`` (a path, or a text stream for every format but Parquet)
    and says what it wrote and skipped."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    report = report if report is not None else ExportReport()
    if fmt == "parquet":
        if not isinstance(output, (str, Path)):
            raise ValueError("Parquet is written to a file: give a path")
        parquet.write(items, Path(output), report)
        return report
    with contextlib.ExitStack() as stack:
        if isinstance(output, (str, Path)):
            out: IO[str] = stack.enter_context(open(output, "w", encoding="utf-8", newline=""))
            report.paths.append(Path(output))
        else:
            out = output
        writers: dict[str, Any] = {
            "acled": lambda: acled.write(items, out, report, version=acled_version, timestamp=timestamp),
            "ucdp": lambda: ucdp.write(items, out, report),
            "plover": lambda: plover.write(items, out, report, version=_version()),
            "geojson": lambda: geojson.write(items, out, report, located_only=located_only),
            "jsonl": lambda: jsonl.write(items, out, report),
        }
        writers[fmt]()
    return report


def _version() -> str:
    try:
        return importlib.metadata.version("dateline")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
