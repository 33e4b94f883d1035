"""Parquet (pyarrow): an events table (one row per item) and a long claims table (one row per claim, keyed by the
item's ``id``), typed: dates as ``date32``, counts as nullable ``int64``, coordinates as ``float64``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.export import codes
from dateline.export.items import ExportReport, Item, iso_date
from dateline.records import CASUALTY_KINDS

BATCH = 5000


def _actor_fields(n: int) -> list[pa.Field]:
    return [pa.field(f"actor{n}_{k}", pa.string()) for k in ("name", "country", "sector", "cameo")]


EVENTS = pa.schema(
    [pa.field("id", pa.string(), nullable=False), pa.field("level", pa.string()),
     pa.field("plover", pa.string()), pa.field("cameo", pa.string()), pa.field("acled_event_type", pa.string()),
     pa.field("acled_sub_event_type", pa.string()),
     pa.field("date_start", pa.date32()), pa.field("date_end", pa.date32()), pa.field("date_precision", pa.string()),
     pa.field("location", pa.string()), pa.field("country", pa.string()), pa.field("admin1", pa.string()),
     pa.field("lat", pa.float64()), pa.field("lon", pa.float64()), pa.field("geonames_id", pa.int64()),
     pa.field("location_precision", pa.string()),
     *_actor_fields(1), *_actor_fields(2),
     *[pa.field(f"{kind}_{b}", pa.int64()) for kind in CASUALTY_KINDS for b in ("low", "best", "high")],
     pa.field("acled_fatalities", pa.int64()), pa.field("claims", pa.int64()), pa.field("reports", pa.int64()),
     pa.field("outlets", pa.list_(pa.string())), pa.field("articles", pa.list_(pa.string())),
     pa.field("first_reported", pa.date32()), pa.field("last_reported", pa.date32()),
     pa.field("confidence", pa.float64())])

CLAIMS = pa.schema(
    [pa.field("id", pa.string(), nullable=False), pa.field("article", pa.string()), pa.field("event", pa.string()),
     pa.field("ordinal", pa.int64()), pa.field("kind", pa.string()), pa.field("low", pa.int64()),
     pa.field("high", pa.int64()), pa.field("who", pa.string()), pa.field("source_name", pa.string()),
     pa.field("source_type", pa.string()), pa.field("source_role", pa.string()),
     pa.field("source_organization", pa.string()), pa.field("source_country", pa.string()),
     pa.field("source_sector", pa.string()), pa.field("stance", pa.string()), pa.field("partitive", pa.bool_()),
     pa.field("text", pa.string()), pa.field("span_start", pa.int64()), pa.field("span_end", pa.int64())])


def claims_path(path: Path) -> Path:
    """Where the claims table of the events table at ``path`` goes: ``x.parquet`` -> ``x.claims.parquet``."""
    return path.with_name(path.name.removesuffix(".parquet") + ".claims.parquet")


def event_row(item: Item) -> dict[str, Any]:
    loc = item.location
    row: dict[str, Any] = {
        "id": item.id, "level": item.level, "plover": item.type.plover, "cameo": item.type.cameo,
        "acled_event_type": item.type.acled_event_type, "acled_sub_event_type": item.type.acled_sub_event_type,
        "date_start": iso_date(item.date.start), "date_end": iso_date(item.date.end),
        "date_precision": item.date.precision, "location": loc.name, "country": loc.country, "admin1": loc.admin1,
        "lat": loc.lat, "lon": loc.lon, "geonames_id": loc.geonames_id, "location_precision": loc.precision,
        "acled_fatalities": codes.acled_fatalities(item), "claims": len(item.claims), "reports": len(item.reports),
        "outlets": item.outlets, "articles": [r.article_id for r in item.reports],
        "first_reported": iso_date(item.first_reported), "last_reported": iso_date(item.last_reported),
        "confidence": item.confidence,
    }
    for n, actor in ((1, item.actor1), (2, item.actor2)):
        for k in ("name", "country", "sector", "cameo"):
            row[f"actor{n}_{k}"] = getattr(actor, k) if actor else None
    for kind in CASUALTY_KINDS:
        est = item.estimates.get(kind)
        for b in ("low", "best", "high"):
            row[f"{kind}_{b}"] = getattr(est, b) if est else None
    return row


def claim_rows(item: Item) -> list[dict[str, Any]]:
    out = []
    for i, sc in enumerate(item.claims):
        c, s = sc.claim, sc.claim.source
        out.append({"id": item.id, "article": sc.article, "event": sc.event, "ordinal": i, "kind": c.kind,
                    "low": c.low, "high": c.high, "who": c.who, "source_name": s.name, "source_type": s.type,
                    "source_role": s.role, "source_organization": s.organization, "source_country": s.country,
                    "source_sector": s.sector, "stance": c.stance, "partitive": c.partitive, "text": c.text,
                    "span_start": c.span[0] if c.span else None, "span_end": c.span[1] if c.span else None})
    return out


def write(items: Iterable[Item], path: Path, report: ExportReport) -> None:
    """Writes the events table to ``path`` and the claims table beside it (:func:`claims_path`), in batches."""
    path = Path(path)
    cpath = claims_path(path)
    events: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, EVENTS) as ew, pq.ParquetWriter(cpath, CLAIMS) as cw:
        def flush() -> None:
            if events:
                ew.write_table(pa.Table.from_pylist(events, schema=EVENTS))
                events.clear()
            if claims:
                cw.write_table(pa.Table.from_pylist(claims, schema=CLAIMS))
                claims.clear()

        for item in items:
            report.items += 1
            report.rows += 1
            events.append(event_row(item))
            rows = claim_rows(item)
            report.claims += len(rows)
            claims.extend(rows)
            if len(events) >= BATCH or len(claims) >= 4 * BATCH:
                flush()
        flush()
    report.paths += [path, cpath]
