"""The store's side of incidents: which reported events are not placed yet, the incidents near them, and the rows.

``merge(store)`` places every reported event that belongs to no incident (new articles, re-coded ones) into
the incidents of its block, in one transaction under the write lock: existing incidents gain members or are
joined (the absorbed id becomes an alias), nothing else is recomputed. ``merge(store, rebuild=True)`` drops
the incidents and places every reported event again, in the canonical order, which gives the same incidents
and ids as any earlier rebuild. The rule itself is :mod:`dateline.incidents` (records only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dateline import incidents as rule
from dateline.records import iso_date
from dateline.store import fulltext
from dateline.store.engine import NotFound, writing
from dateline.store.schema import articles, events, incident_aliases, incident_members, incidents

if TYPE_CHECKING:
    from dateline.store.corpus import Filters, Store

CHUNK = 500


@dataclass
class MergeReport:
    placed: int = 0                  # reported events given an incident in this run
    new_incidents: int = 0
    joined: int = 0                  # incidents absorbed into another (their ids kept as aliases)
    updated: int = 0                 # incident records written (new or changed)
    removed: int = 0                 # incidents left without members (their articles were re-coded) and dropped
    incidents: int = 0               # incidents in the store after the run
    aliases: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"placed": self.placed, "new_incidents": self.new_incidents, "joined": self.joined,
                "updated": self.updated, "removed": self.removed, "incidents": self.incidents}


def _chunks(seq: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def _load_articles(conn: Connection, ids: Sequence[int], *, text: bool) -> dict[int, dict[str, Any]]:
    cols = [articles.c.id, articles.c.coding, articles.c.published, articles.c.outlet]
    if text:
        cols.append(articles.c.text)
    out: dict[int, dict[str, Any]] = {}
    for part in _chunks(sorted(set(ids))):
        for r in conn.execute(sa.select(*cols).where(articles.c.id.in_(part))).mappings():
            out[r["id"]] = dict(r)
    return out


def _unplaced(conn: Connection) -> list[tuple[int, int, str]]:
    """(event pk, article pk, event id) of the reported events that belong to no incident."""
    placed = sa.select(incident_members.c.event_pk).where(incident_members.c.event_pk == events.c.id)
    q = (sa.select(events.c.id, events.c.article_id, events.c.event_id)
         .where(events.c.status == "reported", ~sa.exists(placed)).order_by(events.c.id))
    return [(int(a), int(b), str(c)) for a, b, c in conn.execute(q)]


def _mentions(conn: Connection, todo: list[tuple[int, int, str]]) -> list[tuple[int, int, rule.Mention]]:
    """The mentions of the unplaced events, each with its event pk and article pk."""
    wanted: dict[int, dict[str, int]] = {}
    for pk, aid, eid in todo:
        wanted.setdefault(aid, {})[eid] = pk
    out: list[tuple[int, int, rule.Mention]] = []
    ids = sorted(wanted)
    for part in _chunks(ids, 200):
        arts = _load_articles(conn, part, text=True)
        for aid in part:
            a = arts[aid]
            for m in rule.mentions_of(a["coding"], a["text"], published=a["published"], outlet=a["outlet"]):
                found = wanted[aid].get(m.event)
                if found is not None:
                    out.append((found, aid, m))
    return out


def _seed(conn: Connection, merger: rule.Merger, new: Sequence[rule.Mention]) -> dict[tuple[str, str], int]:
    """Loads into ``merger`` the stored members of the blocks the new mentions fall in; returns their keys'
    article pks (to write rows for incidents that change)."""
    spans = [s for m in new if (s := m.days()) is not None]
    countries = sorted({m.country for m in new if m.country})
    cond: list[Any] = []
    country_cond = [incident_members.c.country.is_(None)]
    if countries:
        country_cond.append(incident_members.c.country.in_(countries))
    cond.append(sa.or_(*country_cond))
    if spans:
        lo = min(s[0] for s in spans) - timedelta(days=rule.FOLLOW_UP_DAYS)
        hi = max(s[1] for s in spans) + timedelta(days=rule.FOLLOW_UP_DAYS)
        cond.append(sa.or_(incident_members.c.day_lo.is_(None),
                           sa.and_(incident_members.c.day_hi >= lo, incident_members.c.day_lo <= hi)))
    by_incident, pks = _stored_members(conn, cond)
    for iid in sorted(by_incident):
        merger.seed(iid, sorted(by_incident[iid], key=lambda m: m.order))
    return pks


def merge(store: Store, *, rebuild: bool = False) -> MergeReport:
    """Places the reported events that belong to no incident (all of them with ``rebuild``)."""
    report = MergeReport()
    with writing(store.engine, store.busy_timeout) as conn:
        old_aliases: list[tuple[str, str]] = []
        if rebuild:
            old_aliases = [(a, i) for a, i in conn.execute(sa.select(incident_aliases.c.alias,
                                                                      incident_aliases.c.incident_id))]
            conn.execute(incident_members.delete())
            conn.execute(incidents.delete())
            conn.execute(incident_aliases.delete())
        report.removed = _drop_emptied(conn)
        todo = _unplaced(conn)
        found = _mentions(conn, todo)
        new = sorted(found, key=lambda x: x[2].order)
        merger = rule.Merger()
        article_of = _seed(conn, merger, [m for _, _, m in new]) if not rebuild else {}
        before = set(merger.clusters)
        event_pk: dict[tuple[str, str], int] = {}
        for pk, aid, m in new:
            merger.add(m)
            event_pk[m.key] = pk
            article_of[m.key] = aid
        report.placed = len(new)
        gone = {a: merger.live(a) for a in merger.aliases}
        report.joined = sum(1 for a in gone if a in before)
        report.new_incidents = len(set(merger.clusters) - before)
        _write(conn, merger, before, gone, event_pk, article_of, report)
        if rebuild:   # earlier aliases stay valid where their incident still exists (under its id or an alias)
            live = {r for r in conn.execute(sa.select(incidents.c.id)).scalars()}
            known = {a for a in conn.execute(sa.select(incident_aliases.c.alias)).scalars()}
            alias_to = {a: i for a, i in conn.execute(sa.select(incident_aliases.c.alias,
                                                                 incident_aliases.c.incident_id))}
            keep = []
            for alias, target in old_aliases:
                target = alias_to.get(target, target)
                if alias not in live and alias not in known and target in live:
                    keep.append({"alias": alias, "incident_id": target})
            if keep:
                conn.execute(incident_aliases.insert(), keep)
        report.incidents = int(conn.execute(sa.select(sa.func.count()).select_from(incidents)).scalar_one())
    return report


def _drop_emptied(conn: Connection) -> int:
    """Incidents whose members were all re-coded away are removed; those that lost some are rewritten later."""
    counts: dict[str, int] = dict(conn.execute(sa.select(incident_members.c.incident_id, sa.func.count())
                               .group_by(incident_members.c.incident_id)).all())
    stale = [(iid, n) for iid, n in conn.execute(sa.select(incidents.c.id, incidents.c.members))
             if counts.get(iid, 0) != n]
    empty = [iid for iid, _ in stale if not counts.get(iid)]
    for part in _chunks(empty):
        conn.execute(incidents.delete().where(incidents.c.id.in_(part)))
    shrunk = [iid for iid, _ in stale if counts.get(iid)]
    if shrunk:
        _rewrite(conn, shrunk)
    return len(empty)


def _rewrite(conn: Connection, ids: Sequence[str]) -> None:
    """Recomputes the records of incidents from their stored members."""
    for part in _chunks(list(ids)):
        _rewrite_part(conn, part)


def _rewrite_part(conn: Connection, ids: Sequence[str]) -> None:
    members, article_of = _stored_members(conn, [incident_members.c.incident_id.in_(list(ids))])
    _store_records(conn, members, article_of)


def _stored_members(conn: Connection, cond: list[Any]
                    ) -> tuple[dict[str, list[rule.Mention]], dict[tuple[str, str], int]]:
    """The stored members that meet ``cond``, as mentions by incident, and each mention's article pk."""
    q = (sa.select(incident_members.c.incident_id, incident_members.c.article_id, incident_members.c.features,
                   events.c.event_id, articles.c.content_id)
         .join(events, events.c.id == incident_members.c.event_pk)
         .join(articles, articles.c.id == incident_members.c.article_id)
         .where(*cond))
    members: dict[str, list[rule.Mention]] = {}
    article_of: dict[tuple[str, str], int] = {}
    for iid, aid, feats, eid, cid in conn.execute(q):
        m = rule.Mention.from_features(cid, eid, feats)
        members.setdefault(iid, []).append(m)
        article_of[m.key] = aid
    return members, article_of


def _store_records(conn: Connection, members: dict[str, list[rule.Mention]],
                   article_of: dict[tuple[str, str], int]) -> int:
    if not members:
        return 0
    arts = _load_articles(conn, list({article_of[m.key] for ms in members.values() for m in ms}), text=False)
    evs: dict[tuple[str, str], dict[str, Any]] = {}
    for a in arts.values():
        coding = a["coding"]
        cid = coding["article"]["id"]
        for e in coding.get("events") or []:
            evs[(cid, e["id"])] = e
    aliases: dict[str, list[str]] = {}
    for part in _chunks(sorted(members)):
        for alias, target in conn.execute(sa.select(incident_aliases.c.alias, incident_aliases.c.incident_id)
                                          .where(incident_aliases.c.incident_id.in_(part))):
            aliases.setdefault(target, []).append(alias)
    now = _now()
    rows = []
    for iid, ms in members.items():
        rec = rule.incident_record(iid, ms, evs, aliases.get(iid, []))
        row = _row(rec, now)
        row["key"] = row.pop("id")
        rows.append(row)
    # updated in place: deleting the row would take its members with it (ON DELETE CASCADE)
    values: dict[str, Any] = {k: sa.bindparam(k) for k in rows[0] if k != "key"}
    conn.execute(incidents.update().where(incidents.c.id == sa.bindparam("key")).values(values), rows)
    return len(rows)


def _now() -> datetime:
    return datetime.now(UTC)


def _row(rec: dict[str, Any], now: Any) -> dict[str, Any]:
    inc = rec["incident"]
    d = inc.get("date") or {}
    loc = inc.get("location") or {}
    est = inc.get("estimates") or {}
    return {"id": inc["id"], "plover": (inc.get("type") or {}).get("plover"),
            "date_start": iso_date(d.get("start")), "date_end": iso_date(d.get("end")),
            "date_precision": d.get("precision"), "country": loc.get("country"), "lat": loc.get("lat"),
            "lon": loc.get("lon"), "killed": (est.get("killed") or {}).get("best"),
            "injured": (est.get("injured") or {}).get("best"), "members": len(inc["members"]),
            "first_reported": iso_date(inc.get("first_reported")),
            "last_reported": iso_date(inc.get("last_reported")), "record": rec, "updated_at": now}


def _write(conn: Connection, merger: rule.Merger, before: set[str], gone: dict[str, str],
           event_pk: dict[tuple[str, str], int], article_of: dict[tuple[str, str], int],
           report: MergeReport) -> None:
    # incidents absorbed into another: their members move, their ids become aliases (and aliases to them follow)
    for alias, target in sorted(gone.items()):
        if alias not in before:     # founded and absorbed in this run: never seen outside it
            continue
        conn.execute(incident_members.update().where(incident_members.c.incident_id == alias)
                     .values(incident_id=target))
        conn.execute(incidents.delete().where(incidents.c.id == alias))
        conn.execute(incident_aliases.update().where(incident_aliases.c.incident_id == alias)
                     .values(incident_id=target))
        conn.execute(incident_aliases.delete().where(incident_aliases.c.alias == alias))
        conn.execute(incident_aliases.insert(), {"alias": alias, "incident_id": target})
        report.aliases.append((alias, target))
    changed = {merger.live(c) for c in merger.changed}
    members = {cid: merger.clusters[cid].members for cid in sorted(changed) if cid in merger.clusters}
    # the incident rows first (members point at them), then the new members
    placeholder = _now()
    fresh = [cid for cid in members if cid not in before]
    for part in _chunks(fresh):
        conn.execute(incidents.insert(), [{"id": cid, "members": 0, "record": {}, "updated_at": placeholder}
                                          for cid in part])
    rows = []
    for cid, ms in members.items():
        for m in ms:
            if m.key in event_pk:
                span = m.days()
                rows.append({"event_pk": event_pk[m.key], "incident_id": cid, "article_id": article_of[m.key],
                             "country": m.country, "day_lo": span[0] if span else None,
                             "day_hi": span[1] if span else None, "features": m.features()})
    for part in _chunks(rows):
        conn.execute(incident_members.insert(), list(part))
    # each changed incident's record is made from all its stored members (the merge saw only those near)
    _rewrite(conn, list(members))
    report.updated = len(members)


# -- reading

def incident_filters(f: Filters, min_killed: int | None = None, dialect: str = "sqlite") -> list[Any]:
    """Conditions on ``incidents``: the incident's date, country, PLOVER type, box, killed (best), and a full-text
    query that one of its member articles matches (``dialect`` says which index answers it)."""
    cond: list[Any] = []
    if f.since:
        cond.append(incidents.c.date_start >= f.since)
    if f.until:
        cond.append(incidents.c.date_start <= f.until)
    if f.country:
        cond.append(incidents.c.country == f.country.upper())
    if f.type:
        cond.append(incidents.c.plover == f.type.strip().upper())
    if f.bbox:
        west, south, east, north = f.bbox
        cond.append(incidents.c.lat.between(south, north))
        cond.append(incidents.c.lon.between(west, east) if west <= east else
                    sa.or_(incidents.c.lon >= west, incidents.c.lon <= east))
    if min_killed is not None:
        cond.append(incidents.c.killed >= min_killed)
    if f.text:
        cond.append(sa.exists().where(incident_members.c.incident_id == incidents.c.id,
                                      fulltext.matches(dialect, f.text, incident_members.c.article_id)))
    return cond


def list_incidents(store: Store, f: Filters, *, min_killed: int | None = None, offset: int = 0
                   ) -> list[dict[str, Any]]:
    """Incident records (contract), latest first, in a stable order (date, then id)."""
    q = (sa.select(incidents.c.record).where(*incident_filters(f, min_killed, store.dialect))
         .order_by(incidents.c.date_start.desc().nulls_last(), incidents.c.id))
    if f.limit is not None:
        q = q.limit(f.limit)
    if offset:
        q = q.offset(offset)
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).scalars()]


def count_incidents(store: Store, f: Filters, *, min_killed: int | None = None) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(incidents)
                                .where(*incident_filters(f, min_killed, store.dialect))).scalar_one())


# SQLite (3.40) has no floor(): a cast truncates towards zero, so the value is shifted positive first
_FLOOR_SHIFT = 1_000_000


def _floor(dialect: str, value: Any) -> Any:
    if dialect == "postgresql":
        return sa.cast(sa.func.floor(value), sa.BigInteger)
    return sa.cast(value + _FLOOR_SHIFT, sa.BigInteger) - _FLOOR_SHIFT


def incident_cells(store: Store, f: Filters, *, cell: float, min_killed: int | None = None
                   ) -> list[dict[str, Any]]:
    """The located incidents the filters select, counted on a grid of ``cell`` degrees: per occupied cell the
    number of incidents, the sum and the largest of their killed (best), the mean of their coordinates and, for a
    cell of one incident, its id. What a map draws at any zoom without reading one row per incident."""
    if not cell > 0:
        raise ValueError("the cell size must be positive")
    y = _floor(store.dialect, incidents.c.lat / cell).label("y")
    x = _floor(store.dialect, incidents.c.lon / cell).label("x")
    q = (sa.select(y, x, sa.func.count().label("count"), sa.func.sum(incidents.c.killed).label("killed"),
                   sa.func.max(incidents.c.killed).label("max_killed"),
                   sa.func.sum(incidents.c.injured).label("injured"),
                   sa.func.avg(incidents.c.lat).label("lat"), sa.func.avg(incidents.c.lon).label("lon"),
                   sa.func.min(incidents.c.id).label("id"))
         .where(incidents.c.lat.is_not(None), incidents.c.lon.is_not(None),
                *incident_filters(f, min_killed, store.dialect))
         .group_by(y, x).order_by(y, x))
    with store.engine.connect() as conn:
        found = list(conn.execute(q).mappings())
    return [{"lat": float(r["lat"]), "lon": float(r["lon"]), "count": int(r["count"]),
             "killed": int(r["killed"] or 0), "max_killed": int(r["max_killed"] or 0),
             "injured": int(r["injured"] or 0), "id": r["id"] if r["count"] == 1 else None}
            for r in found]


_ID = re.compile(r"inc-[0-9a-f]{1,16}")


def get_incident(store: Store, ref: str) -> dict[str, Any]:
    """The record of the incident ``ref`` names: its id, an alias of it, or a unique prefix (8+ characters)."""
    ref = ref.strip()
    with store.engine.connect() as conn:
        target = conn.execute(sa.select(incident_aliases.c.incident_id).where(incident_aliases.c.alias == ref)
                              ).scalar()
        key = target or ref
        rec = conn.execute(sa.select(incidents.c.record).where(incidents.c.id == key)).scalar()
        if rec is None and _ID.fullmatch(ref) and len(ref) >= 8:
            found = list(conn.execute(sa.select(incidents.c.record).where(incidents.c.id >= ref,
                                                                          incidents.c.id < ref + "g")
                                      .order_by(incidents.c.id).limit(2)).scalars())
            if len(found) > 1:
                raise NotFound(f"{ref!r} is the start of several incident ids: give more of it")
            rec = found[0] if found else None
    if rec is None:
        raise NotFound(f"no incident {ref!r} in this store (give an id such as inc-0123abcd...)")
    return dict(rec)


def incidents_of_article(store: Store, content_id: str) -> list[str]:
    with store.engine.connect() as conn:
        return sorted(set(conn.execute(
            sa.select(incident_members.c.incident_id).join(articles, articles.c.id == incident_members.c.article_id)
            .where(articles.c.content_id == content_id)).scalars()))


__all__ = ["MergeReport", "count_incidents", "get_incident", "incident_cells", "incidents_of_article",
           "list_incidents", "merge"]
