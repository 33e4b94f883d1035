"""ACLED CSV: the current codebook's columns, or the 2020 export's (``version="2020"``).

One row per item with an ACLED event type, a date of at least month precision and a place below the country;
the rest are counted in the report's ``skipped`` (ACLED records no country-only or undated events). Where each
value comes from: docs/exports.md.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

from dateline.export import codes
from dateline.export.items import ExportReport, Item
from dateline.records import Actor

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")

COLUMNS_2020 = ("data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
                "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
                "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
                "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3")

VERSIONS = ("current", "2020")

# ACLED's actor types ("inter" codes), as text in the current codebook and as numbers in the 2020 export
INTER = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
         6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
INTER_CODE = {name: code for code, name in INTER.items()}

GEO_PRECISION = {"exact": 1, "near": 2, "admin2": 2, "admin1": 3}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}


def inter(actor: Actor | None, item: Item, role: int) -> str:
    """The actor's ACLED type from its sector, the event type and its role (1 initiator, 2 target); "" unknown."""
    if actor is None:
        return ""
    event_type = item.type.acled_event_type
    cls = codes.sector_class(actor)
    if event_type in ("Protests", "Riots") and role == 1 and cls in (None, "opposition", "civilians"):
        return "Protesters" if event_type == "Protests" else "Rioters"
    if cls == "state":
        return "External/Other forces" if codes.is_foreign(actor, item.location.country) else "State forces"
    if cls == "opposition":
        return "Political militia" if role == 1 else "Civilians"
    return {"rebel": "Rebel group", "militia": "Political militia", "civilians": "Civilians",
            "external": "External/Other forces"}.get(cls or "", "")


_STATE_NAMES = {"MIL": "Military Forces of {}", "COP": "Police Forces of {}", "SPY": "Military Forces of {}"}


def actor_name(actor: Actor | None, kind: str) -> tuple[str, str]:
    """(ACLED's generic name, the name as written when it differs) for an actor of ACLED type ``kind``."""
    if actor is None:
        return "", ""
    country = codes.country(actor.country)
    cname = country.name if country else None
    generic: str | None = None
    if kind in ("State forces", "External/Other forces") and cname and codes.sector_class(actor) == "state":
        generic = _STATE_NAMES.get((actor.sector or "")[:3].upper(), "Government of {}").format(cname)
    elif kind in ("Civilians", "Protesters", "Rioters"):
        generic = f"{kind} ({cname})" if cname else kind
    elif kind == "Political militia" and (actor.sector or "").upper().startswith("UAF"):
        generic = f"Unidentified Armed Group ({cname})" if cname else "Unidentified Armed Group"
    if generic is None:
        return actor.name, ""
    return generic, actor.name if actor.name != generic else ""


def _figure_text(item: Item, kind: str) -> str | None:
    parts = []
    for sc in item.claims:
        c = sc.claim
        if c.kind != kind or c.partitive:
            continue
        who = c.source.name
        if c.source.organization and c.source.organization not in who:
            who += f" ({c.source.organization})"
        parts.append(f"'{c.text}' ({who}, {c.stance})")
    return "; ".join(dict.fromkeys(parts)) or None


def notes(item: Item) -> str:
    """One generated sentence: date, place, actors, what happened, and each figure with its source."""
    start, _ = codes.date_range(item)
    when = f"On {start.day} {start:%B} {start.year}" if start else "On an unknown date"
    loc = item.location
    country = codes.country(loc.country)
    place = ", ".join(p for p in (loc.name, loc.admin1 if loc.admin1 != loc.name else None,
                                  country.name if country and country.name != loc.name else None) if p)
    who = " against ".join(a.name for a in (item.actor1, item.actor2) if a) or "unidentified actors"
    what = item.type.acled_sub_event_type.lower()
    if item.trigger:
        what += f" (reported as '{item.trigger}')"
    sentence = f"{when}, in {place or 'an unknown place'}: {who}, {what}."
    figures = []
    for kind in ("killed", "injured", "arrested", "kidnapped", "missing", "displaced"):
        text = _figure_text(item, kind)
        if text:
            figures.append(f"{kind}: {text}")
    denials = ["'" + sc.claim.text.strip("“”\" ,") + f"' ({sc.claim.source.name}, denies)"
               for sc in item.claims if sc.claim.stance == "denies" and sc.claim.kind == "fact"]
    if figures:
        sentence += " Figures: " + "; ".join(figures) + "."
    if denials:
        sentence += " Denied: " + "; ".join(denials) + "."
    return sentence


def _interaction_2020(i1: str, i2: str) -> int:
    a, b = INTER_CODE.get(i1, 0), INTER_CODE.get(i2, 0)
    if a and b:
        return int(f"{min(a, b)}{max(a, b)}")
    return (a or b) * 10


def rows(items: Iterable[Item], report: ExportReport, *, version: str = "current",
         timestamp: int | None = None) -> Iterator[dict[str, Any]]:
    """ACLED rows (dicts keyed by the version's columns); what ACLED would not record is counted, not written."""
    if version not in VERSIONS:
        raise ValueError(f"unknown ACLED version {version!r} (one of {', '.join(VERSIONS)})")
    stamp = int(datetime.now(UTC).timestamp()) if timestamp is None else timestamp
    disorder = codes.code_table("acled_disorder")
    for item in items:
        report.items += 1
        t = item.type
        if not t.acled_event_type or t.acled_event_type == "none":
            report.skip("no ACLED event type")
            continue
        loc = item.location
        geo = GEO_PRECISION.get(loc.precision)
        if geo is None:
            report.skip("country-only place" if loc.precision == "country" else "no place")
            continue
        start, end = codes.date_range(item)
        precision = TIME_PRECISION.get(item.date.precision)
        if start is None or end is None or precision is None:
            report.skip("no date of month precision or better")
            continue
        if precision == 1 and end != start:
            precision = 2                   # a few days: ACLED codes the middle day with precision 2
        if precision == 3:                  # a month: its middle
            event_date = start.replace(day=15)
        else:
            event_date = codes.middle(start, end)
        country = codes.country(loc.country)
        i1, i2 = inter(item.actor1, item, 1), inter(item.actor2, item, 2)
        a1, assoc1 = actor_name(item.actor1, i1)
        a2, assoc2 = actor_name(item.actor2, i2)
        dis = disorder.get(f"{t.acled_event_type}/{t.acled_sub_event_type}") or disorder.get(t.acled_event_type, "")
        iso3 = (loc.country or "").upper()
        number = codes.stable_number(item.id)
        row: dict[str, Any] = {
            "event_id_cnty": f"{iso3}{number}", "event_date": event_date.isoformat(), "year": event_date.year,
            "time_precision": precision, "disorder_type": dis, "event_type": t.acled_event_type,
            "sub_event_type": t.acled_sub_event_type, "actor1": a1, "assoc_actor_1": assoc1, "actor2": a2,
            "assoc_actor_2": assoc2,
            "civilian_targeting": "Civilian targeting" if i2 == "Civilians" and "Political violence" in dis else "",
            "iso": country.iso_numeric if country and country.iso_numeric is not None else "",
            "region": (country.acled_region if country else None) or "",
            "country": country.name if country else "", "admin1": loc.admin1 or "",
            "admin2": loc.name if loc.precision == "admin2" and loc.name else "", "admin3": "",
            "location": loc.name or loc.admin1 or "", "latitude": "" if loc.lat is None else loc.lat,
            "longitude": "" if loc.lon is None else loc.lon, "geo_precision": geo,
            "source": "; ".join(item.outlets), "source_scale": "", "notes": notes(item),
            "fatalities": codes.acled_fatalities(item), "timestamp": stamp,
        }
        if version == "current":
            row.update(inter1=i1, inter2=i2, tags="",
                       interaction=f"{i1}-{i2}" if i1 and i2 else f"{i1 or i2} only" if (i1 or i2) else "")
        else:
            del row["disorder_type"], row["civilian_targeting"]          # not in the 2020 export
            row.update(data_id=number, event_id_no_cnty=number, iso3=iso3,
                       inter1=INTER_CODE.get(i1, 0), inter2=INTER_CODE.get(i2, 0),
                       interaction=_interaction_2020(i1, i2))
        report.rows += 1
        yield row


def write(items: Iterable[Item], out: IO[str], report: ExportReport, *, version: str = "current",
          timestamp: int | None = None) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS if version == "current" else COLUMNS_2020,
                            lineterminator="\n")
    writer.writeheader()
    for row in rows(items, report, version=version, timestamp=timestamp):
        writer.writerow(row)
