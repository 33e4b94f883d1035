"""JSONL: the contract records themselves, one a line: per event ``{"schema", "article", "event"}`` (the article
without its text), per incident the incident record as it came."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from dateline.export.items import ExportReport, Item


def write(items: Iterable[Item], out: IO[str], report: ExportReport) -> None:
    for item in items:
        report.items += 1
        report.rows += 1
        out.write(json.dumps(item.record, ensure_ascii=False) + "\n")
