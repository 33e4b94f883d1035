"""PLOVER JSONL: one record a line with the data fields of the PLOVER manual (2021): ``id, date, enddate,
actor, recipient, event, mode, context, event_loc, size, event_text, cite_info`` (and ``dateline`` fields
beside them, which the manual allows). Actors are entity objects with an ISO3 ``code`` and a sector code."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from dateline.export import codes
from dateline.export.items import ExportReport, Item
from dateline.records import SCHEMA, Actor

# PLOVER's location resolution: 5 sub-city, 4 city, 3 district, 2 province, 1 country
RESOLUTION = {"exact": 4, "near": 4, "admin2": 3, "admin1": 2, "country": 1}


def entity(actor: Actor) -> dict[str, Any]:
    return {"code": actor.country, "sector": actor.sector, "entity_text": actor.name, "cameo": actor.cameo}


def modes(item: Item) -> list[str]:
    mode = codes.code_table("plover_mode").get(item.type.acled_sub_event_type)
    if mode is None and item.trigger:
        words = codes.code_table("plover_mode_word")
        mode = next((words[w] for w in item.trigger.lower().split() if w in words), None)
    return [mode] if mode else []


def record(item: Item, version: str) -> dict[str, Any]:
    loc = item.location
    country = codes.country(loc.country)
    start, end = codes.date_range(item)
    size = {k: item.estimates[kind].best for k, kind in (("dead", "killed"), ("injured", "injured"),
                                                          ("arrested", "arrested")) if kind in item.estimates}
    return {
        "id": item.id,
        "date": start.isoformat() if start else None,
        "enddate": end.isoformat() if end and end != start else None,
        "date_resolution": item.date.precision,
        "actor": [entity(item.actor1)] if item.actor1 else [],
        "recipient": [entity(item.actor2)] if item.actor2 else [],
        "event": [item.type.plover],
        "mode": modes(item),
        "context": [],
        "event_loc": {
            "extracted_place": loc.name, "resolved_place": loc.name if loc.precision != "unknown" else None,
            "geonameid": loc.geonames_id, "lat": loc.lat, "lon": loc.lon,
            "district": loc.name if loc.precision == "admin2" else None, "province": loc.admin1,
            "country": country.name if country else None, "country_code": loc.country,
            "resolution": RESOLUTION.get(loc.precision), "precision": loc.precision,
        },
        "size": size,
        "event_text": list(item.text),
        "cite_info": [{"citation": r.article_id, "id": r.article, "url": r.url, "title": r.title,
                       "publication": r.outlet, "date": r.published, "language": "en",
                       "coder": f"dateline {version}", "codebook": f"plover-base-2021; {SCHEMA}"}
                      for r in item.reports],
        "dateline": {"level": item.level, "cameo": item.type.cameo,
                     "acled": {"event_type": item.type.acled_event_type,
                               "sub_event_type": item.type.acled_sub_event_type},
                     "estimates": {k: v.to_dict() for k, v in item.estimates.items()},
                     "confidence": item.confidence},
    }


def rows(items: Iterable[Item], report: ExportReport, *, version: str = "") -> Iterator[dict[str, Any]]:
    for item in items:
        report.items += 1
        if codes.date_range(item)[0] is None:
            report.skip("no date")      # the manual requires date
            continue
        report.rows += 1
        yield record(item, version)


def write(items: Iterable[Item], out: IO[str], report: ExportReport, *, version: str = "") -> None:
    for row in rows(items, report, version=version):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
