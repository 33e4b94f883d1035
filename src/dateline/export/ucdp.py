"""UCDP GED CSV: the 49 columns of the GED event file (codebook 23.1).

UCDP records events of organised violence with at least one death: items whose killed estimate is 0 or absent
are counted in the report's ``skipped``, not written, and so are items without a start date. UCDP's own conflict,
dyad and actor ids cannot be known and stay empty. Where each value comes from: docs/exports.md.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator
from typing import IO, Any

from dateline import estimates
from dateline.export import codes
from dateline.export.items import ExportReport, Item
from dateline.records import Actor, Claim

COLUMNS = ("id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
           "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
           "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
           "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
           "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
           "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
           "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
           "gwnoa", "gwnob")

WHERE_PREC = {"exact": 1, "near": 2, "admin2": 3, "admin1": 4, "country": 6, "unknown": 7}

STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3


def priogrid_gid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (0.5 degrees, numbered from 1 at 90S 180W, row by row eastwards) of a point."""
    row = min(int(math.floor((lat + 90.0) / 0.5)), 359)
    col = min(int(math.floor((lon + 180.0) / 0.5)), 719)
    return row * 720 + col + 1


def _armed(cls: str | None) -> bool:
    return cls in ("rebel", "militia")


def _victims(cls: str | None) -> bool:
    return cls in ("civilians", "opposition")


def type_of_violence(item: Item) -> int | None:
    """1 state-based (a state against a state or an organised armed group), 2 non-state (two armed groups),
    3 one-sided (a state or armed group against civilians); None when the actors do not say."""
    c1, c2 = codes.sector_class(item.actor1), codes.sector_class(item.actor2)
    if (c1 == "state" and (_armed(c2) or c2 == "state")) or (_armed(c1) and c2 == "state"):
        return STATE_BASED
    if _armed(c1) and _armed(c2):
        return NON_STATE
    if (c1 == "state" or _armed(c1)) and (item.actor2 is None or _victims(c2)):
        return ONE_SIDED
    return None


def _side_name(actor: Actor | None) -> str:
    if actor is None:
        return ""
    if codes.sector_class(actor) == "state":
        country = codes.country(actor.country)
        if country is not None:
            return f"Government of {country.name}"
    return actor.name


def _gwno(actor: Actor | None) -> int | str:
    if actor is None or codes.sector_class(actor) != "state":
        return ""
    country = codes.country(actor.country)
    return country.gwno if country and country.gwno is not None else ""


def sides(item: Item, violence: int | None) -> tuple[Actor | None, Actor | None, str, str]:
    """(side a, side b, their names): the state is side a in state-based violence, civilians are side b of
    one-sided violence."""
    a, b = item.actor1, item.actor2
    if violence == STATE_BASED and codes.sector_class(b) == "state" and codes.sector_class(a) != "state":
        a, b = b, a
    name_b = "Civilians" if violence == ONE_SIDED else _side_name(b)
    return a, b, _side_name(a), name_b


_GROUP_OF_CLASS = {"state": "security", "rebel": "armed", "militia": "armed"}


def deaths(item: Item, violence: int | None, best: int) -> tuple[int, int, int, int]:
    """(deaths_a, deaths_b, deaths_civilians, deaths_unknown), adding up to ``best``: the killed claims' victim
    groups (soldiers, militants, civilians: :func:`dateline.estimates.group_of`) go to the side they belong to;
    what no group accounts for is unknown (civilian in one-sided violence)."""
    a, b, _, _ = sides(item, violence)
    group_a = _GROUP_OF_CLASS.get(codes.sector_class(a) or "")
    group_b = _GROUP_OF_CLASS.get(codes.sector_class(b) or "") if violence != ONE_SIDED else None
    by_group: dict[str, list[Claim]] = {}
    for sc in item.claims:
        c = sc.claim
        if c.kind == "killed" and not c.partitive and c.stance != "denies" and c.who:
            group = estimates.group_of(c.who)
            if group in ("security", "armed", "civilian"):
                by_group.setdefault(group, []).append(c)
    counted = {g: est.best for g, cs in by_group.items() if (est := estimates.estimate(cs)) is not None}
    left = best
    out = {"a": 0, "b": 0, "civilians": 0}
    order: tuple[tuple[str | None, str], ...] = ((group_a, "a"), (group_b, "b"), ("civilian", "civilians"))
    for wanted, key in order:
        if wanted and wanted in counted and left > 0:
            n = min(counted.pop(wanted), left)
            out[key] += n
            left -= n
    if violence == ONE_SIDED:
        out["civilians"] += left
        left = 0
    return out["a"], out["b"], out["civilians"], left


def event_clarity(item: Item) -> int:
    """2 when the sources conflict (different death figures, or a denial), else 1."""
    figures = {(c.claim.low, c.claim.high) for c in item.claims
               if c.claim.kind == "killed" and not c.claim.partitive and c.claim.stance != "denies"}
    denied = any(c.claim.stance == "denies" for c in item.claims)
    return 2 if denied or len(figures) > 1 else 1


def date_prec(item: Item) -> int | None:
    start, end = codes.date_range(item)
    p = item.date.precision
    if p == "day" and start is not None and end is not None:
        days = (end - start).days + 1
        return 1 if days == 1 else 2 if days <= 6 else 3
    return {"week": 3, "month": 4, "year": 5}.get(p)


def rows(items: Iterable[Item], report: ExportReport) -> Iterator[dict[str, Any]]:
    for item in items:
        report.items += 1
        killed = item.estimates.get("killed")
        if killed is None or killed.high <= 0:
            report.skip("no deaths")
            continue
        start, end = codes.date_range(item)
        prec = date_prec(item)
        if start is None or end is None or prec is None:
            report.skip("no date")
            continue
        loc = item.location
        country = codes.country(loc.country)
        violence = type_of_violence(item)
        a, b, side_a, side_b = sides(item, violence)
        d_a, d_b, d_civ, d_unknown = deaths(item, violence, killed.best)
        located = loc.lat is not None and loc.lon is not None
        reports = item.reports
        where = ", ".join(p for p in (loc.name, loc.admin1 if loc.admin1 != loc.name else None,
                                      country.name if country and country.name != loc.name else None) if p)
        row: dict[str, Any] = {
            "id": codes.stable_number(item.id), "relid": item.id, "year": start.year, "active_year": "",
            "code_status": "", "type_of_violence": violence or "", "conflict_dset_id": "", "conflict_new_id": "",
            "conflict_name": "", "dyad_dset_id": "", "dyad_new_id": "",
            "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else "",
            "side_a_dset_id": "", "side_a_new_id": "", "side_a": side_a, "side_b_dset_id": "", "side_b_new_id": "",
            "side_b": side_b, "number_of_sources": len(reports),
            "source_article": ";".join(", ".join(x for x in (r.outlet or r.article, r.published, r.title) if x)
                                       for r in reports),
            "source_office": ";".join(item.outlets),
            "source_date": ";".join(r.published or "" for r in reports),
            "source_headline": ";".join(r.title or "" for r in reports),
            "source_original": ";".join(dict.fromkeys(sc.claim.source.name for sc in item.claims
                                                      if sc.claim.kind == "killed")),
            "where_prec": WHERE_PREC.get(loc.precision, 7), "where_coordinates": loc.name or "",
            "where_description": where, "adm_1": loc.admin1 or "",
            "adm_2": loc.name if loc.precision == "admin2" and loc.name else "",
            "latitude": loc.lat if located else "", "longitude": loc.lon if located else "",
            "geom_wkt": f"POINT ({loc.lon} {loc.lat})" if located else "",
            "priogrid_gid": priogrid_gid(loc.lat, loc.lon) if located else "",  # type: ignore[arg-type]
            "country": country.name if country else "",
            "country_id": country.gwno if country and country.gwno is not None else "",
            "region": (country.ucdp_region if country else None) or "", "event_clarity": event_clarity(item),
            "date_prec": prec, "date_start": start.isoformat(), "date_end": end.isoformat(),
            "deaths_a": d_a, "deaths_b": d_b, "deaths_civilians": d_civ, "deaths_unknown": d_unknown,
            "best": killed.best, "high": killed.high, "low": killed.low, "gwnoa": _gwno(a),
            "gwnob": _gwno(b) if violence != ONE_SIDED else "",
        }
        report.rows += 1
        yield row


def write(items: Iterable[Item], out: IO[str], report: ExportReport) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(items, report):
        writer.writerow(row)
