"""What every export reads: one :class:`Item` per reported event of a coding, or per incident record.

A coding (contract JSON, ``dateline code`` / the store) gives one item per event whose status is ``reported``
(background, planned and denied events are not events that happened); an incident record gives one item. Items
keep the contract records (``dateline.records``) and the articles that reported them (:class:`Report`), so each
format is a function of items alone.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateline.records import Actor, Claim, Estimate, Event, EventDate, EventType, Location, iso_date

LEVELS = ("events", "incidents")


@dataclass(frozen=True)
class Report:
    """One article that reported the item."""

    article: str | None              # the article's input id
    article_id: str | None           # its content id ("sha256:...")
    event: str | None                # the event of that article ("e1")
    published: str | None            # YYYY-MM-DD
    outlet: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SourcedClaim:
    """A claim with the article and event it was made in."""

    claim: Claim
    article: str | None
    event: str | None


@dataclass(frozen=True)
class Item:
    """One exported record: a reported event of one article, or an incident across articles."""

    id: str                          # "sha256:<hex>#e1" for an event, the incident's id for an incident
    level: str                       # "events" | "incidents"
    type: EventType
    date: EventDate
    location: Location
    actor1: Actor | None
    actor2: Actor | None
    claims: tuple[SourcedClaim, ...]
    estimates: dict[str, Estimate]
    reports: tuple[Report, ...]
    trigger: str | None = None       # the word that reported the event ("Clashes")
    text: tuple[str, ...] = ()       # the sentences that report it, when the article text is known
    confidence: float | None = None
    first_reported: str | None = None
    last_reported: str | None = None
    record: dict[str, Any] = field(default_factory=dict, compare=False)   # the contract JSON it came from

    @property
    def outlets(self) -> list[str]:
        """The outlets of the reports, each once, in order (the url's host when the outlet is not known)."""
        seen: dict[str, None] = {}
        for r in self.reports:
            name = r.outlet or _host(r.url)
            if name:
                seen.setdefault(name, None)
        return list(seen)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


@dataclass
class ExportReport:
    """What an export wrote and what it left out (``skipped``: reason -> how many items)."""

    items: int = 0                   # items offered to the format
    rows: int = 0                    # rows (features, lines) written
    claims: int = 0                  # rows of the claims table (Parquet)
    skipped: Counter[str] = field(default_factory=Counter)
    inputs_skipped: Counter[str] = field(default_factory=Counter)   # input records that gave no item
    paths: list[Path] = field(default_factory=list)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1


# -- from the contract JSON -------------------------------------------------------------------------------

def items_from_coding(coding: dict[str, Any], *, outlet: str | None = None, url: str | None = None,
                      text: str | None = None) -> list[Item]:
    """The reported events of one coding (contract JSON), with the article as their one report.

    ``text`` is the article's normalised text (else ``article.text`` when the coding carries it): it gives the
    sentences of each event."""
    a = coding["article"]
    text = text if text is not None else a.get("text")
    published = (a.get("published") or {}).get("date")
    items = []
    for raw in coding.get("events") or []:
        ev = Event.from_dict(raw)
        if ev.status != "reported":
            continue
        report = Report(a.get("input_id"), a.get("id"), ev.id, published, outlet, a.get("title"), url)
        sentences = tuple(text[s:e].strip() for s, e in ev.evidence) if text else ()
        items.append(Item(
            id=f"{a.get('id')}#{ev.id}", level="events", type=ev.type, date=ev.date, location=ev.location,
            actor1=ev.actor1, actor2=ev.actor2,
            claims=tuple(SourcedClaim(c, a.get("input_id"), ev.id) for c in ev.claims),
            estimates=dict(ev.estimates), reports=(report,), trigger=ev.trigger, text=sentences,
            confidence=ev.confidence, first_reported=published, last_reported=published,
            record={"schema": coding.get("schema"), "article": {k: v for k, v in a.items() if k != "text"},
                    "event": raw}))
    return items


def item_from_incident(record: dict[str, Any]) -> Item:
    """The item of one incident record (``{"schema", "incident": {...}}``, CONTRACT.md "Incidents")."""
    inc = record["incident"]
    members = inc.get("members") or []
    reports = tuple(Report(m.get("article"), m.get("article_id"), m.get("event"), m.get("published"),
                           m.get("outlet"), m.get("title"), m.get("url")) for m in members)
    claims = tuple(SourcedClaim(Claim.from_dict(c), c.get("article"), c.get("event"))
                   for c in inc.get("claims") or [])
    return Item(
        id=str(inc["id"]), level="incidents", type=EventType.from_dict(inc["type"]),
        date=EventDate.from_dict(inc.get("date") or {}), location=Location.from_dict(inc.get("location") or {}),
        actor1=Actor.from_dict(inc.get("actor1")), actor2=Actor.from_dict(inc.get("actor2")),
        claims=claims, estimates={k: Estimate(**v) for k, v in (inc.get("estimates") or {}).items() if v},
        reports=reports, first_reported=inc.get("first_reported"), last_reported=inc.get("last_reported"),
        record=record)


# -- reading files -----------------------------------------------------------------------------------------

class ExportInputError(ValueError):
    """A line of an export's input file is not a coding or incident record of the level asked for."""


def read_records(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of a JSONL file (blank lines skipped; a line that is not a JSON object is an
    :class:`ExportInputError` naming the file and line), or of one indented JSON record (``dateline code
    article.txt``)."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if lineno == 1 and line.strip() == "{":      # one indented record
                fh.seek(0)
                try:
                    record = json.load(fh)
                except json.JSONDecodeError as exc:
                    raise ExportInputError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from None
                yield 1, record
                return
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ExportInputError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise ExportInputError(f"{path}:{lineno}: not a JSON object")
            yield lineno, record


def items_from_records(records: Iterable[tuple[int, dict[str, Any]]], level: str, report: ExportReport,
                       where: str = "input") -> Iterator[Item]:
    """Items of codings (``level="events"``) or incident records (``"incidents"``); error records are counted in
    ``report.inputs_skipped``; a record of the other level is an :class:`ExportInputError`."""
    for lineno, record in records:
        if "error" in record:
            report.inputs_skipped["error record"] += 1
            continue
        if level == "incidents":
            if "incident" not in record:
                raise ExportInputError(f"{where}:{lineno}: not an incident record (a coding? use --level events)")
            yield item_from_incident(record)
        else:
            if "incident" in record:
                raise ExportInputError(f"{where}:{lineno}: an incident record (use --level incidents)")
            if "article" not in record or "events" not in record:
                raise ExportInputError(f"{where}:{lineno}: not a coding (no article and events)")
            yield from items_from_coding(record, outlet=record["article"].get("outlet"),
                                         url=record["article"].get("url"))


# -- selecting ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """``--since`` / ``--until`` (the event's start date), ``--country`` (ISO3 of its location) and ``--type``
    (a PLOVER or CAMEO code, or an ACLED event or sub-event type), as the store's filters read them."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    type: str | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.since, self.until, self.country, self.type))

    def keeps(self, item: Item) -> bool:
        if self.since or self.until:
            start = iso_date(item.date.start)
            if start is None or (self.since and start < self.since) or (self.until and start > self.until):
                return False
        if self.country and (item.location.country or "").upper() != self.country.upper():
            return False
        if self.type:
            t = self.type.strip()
            if not (item.type.plover == t.upper() or item.type.cameo == t
                    or item.type.acled_event_type.lower() == t.lower()
                    or item.type.acled_sub_event_type.lower() == t.lower()):
                return False
        return True
