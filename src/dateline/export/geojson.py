"""GeoJSON (RFC 7946): a FeatureCollection of Point features ``[lon, lat]`` with the item's fields as
properties; an item without coordinates has ``"geometry": null`` (valid in RFC 7946) unless ``located_only``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from dateline.export.items import ExportReport, Item


def properties(item: Item) -> dict[str, Any]:
    loc, d, t = item.location, item.date, item.type
    return {
        "id": item.id, "level": item.level,
        "plover": t.plover, "cameo": t.cameo, "acled_event_type": t.acled_event_type,
        "acled_sub_event_type": t.acled_sub_event_type,
        "date_start": d.start, "date_end": d.end, "date_precision": d.precision,
        "location": loc.name, "country": loc.country, "admin1": loc.admin1, "geonames_id": loc.geonames_id,
        "location_precision": loc.precision,
        "actor1": item.actor1.name if item.actor1 else None, "actor1_cameo": item.actor1.cameo if item.actor1 else None,
        "actor2": item.actor2.name if item.actor2 else None, "actor2_cameo": item.actor2.cameo if item.actor2 else None,
        "killed": item.estimates["killed"].best if "killed" in item.estimates else None,
        "injured": item.estimates["injured"].best if "injured" in item.estimates else None,
        "estimates": {k: v.to_dict() for k, v in item.estimates.items()},
        "sources": sorted({sc.claim.source.name for sc in item.claims}),
        "outlets": item.outlets,
        "articles": [r.article_id for r in item.reports],
        "published": item.first_reported,
        "claims": len(item.claims),
    }


def features(items: Iterable[Item], report: ExportReport, *, located_only: bool = False
             ) -> Iterator[dict[str, Any]]:
    for item in items:
        report.items += 1
        loc = item.location
        geometry = None
        if loc.lat is not None and loc.lon is not None:
            geometry = {"type": "Point", "coordinates": [loc.lon, loc.lat]}
        elif located_only:
            report.skip("no coordinates")
            continue
        report.rows += 1
        yield {"type": "Feature", "id": item.id, "geometry": geometry, "properties": properties(item)}


def write(items: Iterable[Item], out: IO[str], report: ExportReport, *, located_only: bool = False) -> None:
    """Streams the collection: one feature a line inside it."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    first = True
    for feature in features(items, report, located_only=located_only):
        out.write(("" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
        first = False
    out.write("\n]}\n")
