"""Frozen dataclasses of the output contract (``../shared/CONTRACT.md``, schema ``dateline/1``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA = "dateline/1"

Span = tuple[int, int]

CASUALTY_KINDS = ("killed", "injured", "arrested", "displaced", "missing", "kidnapped")
SOURCE_TYPES = ("party", "official", "witness", "reporter", "organization", "unknown")
STANCES = ("asserts", "denies", "unconfirmed", "confirmed")
PRECISIONS_DATE = ("day", "week", "month", "year", "unknown")
PRECISIONS_PLACE = ("exact", "near", "admin2", "admin1", "country", "unknown")
STATUSES = ("reported", "background", "planned", "denied")


def iso_date(value: Any) -> date | None:
    """A contract date string ("YYYY-MM-DD", or longer: its first ten characters) as a date; None when empty or
    not a date."""
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _span(sp: Span | None) -> list[int] | None:
    return None if sp is None else [int(sp[0]), int(sp[1])]


def _tuple(sp: Any) -> Span | None:
    return None if sp is None else (int(sp[0]), int(sp[1]))


@dataclass(frozen=True)
class Source:
    """Who a claim comes from."""

    name: str
    type: str = "unknown"
    span: Span | None = None
    role: str | None = None            # "spokesman"
    organization: str | None = None    # "Iraq's defense ministry"
    country: str | None = None         # ISO3 of the coded source
    sector: str | None = None          # GOV, MIL, OPP, ...
    cameo: str | None = None           # "IRQGOV"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "span": _span(self.span), "role": self.role,
                "organization": self.organization, "country": self.country, "sector": self.sector,
                "cameo": self.cameo}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(name=d["name"], type=d.get("type", "unknown"), span=_tuple(d.get("span")),
                   role=d.get("role"), organization=d.get("organization"), country=d.get("country"),
                   sector=d.get("sector"), cameo=d.get("cameo"))


@dataclass(frozen=True)
class Claim:
    """One figure or factual assertion, with the party that made it and its stance."""

    kind: str
    low: int | None
    high: int | None
    who: str | None
    source: Source
    stance: str
    text: str
    span: Span
    partitive: bool = False   # "six of the dead were women": a detail of another claim, never added
    # conditional | future | threat | question | attempt: a figure of what did not (yet) happen ("would kill
    # thousands", "threatened to kill 20", "tried to kill"); kept as a claim, never in an estimate. None: the text
    # reports it as happened.
    modality: str | None = None
    # a total over several happenings (a round-up's "31 hurt in shootings around the city"): estimates
    # leave it out when another figure of its kind is claimed (estimates.py rule 1)
    aggregate: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = {"kind": self.kind, "low": self.low, "high": self.high, "who": self.who,
               "source": self.source.to_dict(), "stance": self.stance, "text": self.text,
               "span": _span(self.span), "partitive": self.partitive}
        if self.modality is not None:
            out["modality"] = self.modality
        if self.aggregate:
            out["aggregate"] = True
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(kind=d["kind"], low=d.get("low"), high=d.get("high"), who=d.get("who"),
                   source=Source.from_dict(d["source"]), stance=d["stance"], text=d["text"],
                   span=_tuple(d["span"]) or (0, 0), partitive=bool(d.get("partitive", False)),
                   modality=d.get("modality"), aggregate=bool(d.get("aggregate", False)))


@dataclass(frozen=True)
class Estimate:
    """UCDP-style low / best / high reconciled from claims."""

    low: int
    best: int
    high: int

    def to_dict(self) -> dict[str, int]:
        return {"low": self.low, "best": self.best, "high": self.high}


@dataclass(frozen=True)
class EventDate:
    start: str | None = None
    end: str | None = None
    precision: str = "unknown"
    text: str | None = None
    span: Span | None = None
    follow_up: bool = False     # the text dates only a follow-up of the event (a charge, an arrest) on this day

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "precision": self.precision, "text": self.text,
               "span": _span(self.span)}
        if self.follow_up:
            out["follow_up"] = True
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventDate:
        return cls(d.get("start"), d.get("end"), d.get("precision", "unknown"), d.get("text"),
                   _tuple(d.get("span")), bool(d.get("follow_up")))


@dataclass(frozen=True)
class Location:
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str = "unknown"
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "admin1": self.admin1, "lat": self.lat,
                "lon": self.lon, "geonames_id": self.geonames_id, "precision": self.precision,
                "span": _span(self.span)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        return cls(d.get("name"), d.get("country"), d.get("admin1"), d.get("lat"), d.get("lon"),
                   d.get("geonames_id"), d.get("precision", "unknown"), _tuple(d.get("span")))


@dataclass(frozen=True)
class Actor:
    name: str
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "sector": self.sector, "cameo": self.cameo,
                "span": _span(self.span)}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Actor | None:
        if d is None:
            return None
        return cls(d["name"], d.get("country"), d.get("sector"), d.get("cameo"), _tuple(d.get("span")))


@dataclass(frozen=True)
class EventType:
    plover: str
    cameo: str
    acled_event_type: str
    acled_sub_event_type: str
    rule: str | None = None   # which trigger and rule produced the type (inspectable typing)

    def to_dict(self) -> dict[str, Any]:
        return {"plover": self.plover, "cameo": self.cameo,
                "acled": {"event_type": self.acled_event_type,
                          "sub_event_type": self.acled_sub_event_type},
                "rule": self.rule}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventType:
        return cls(d["plover"], d["cameo"], d["acled"]["event_type"], d["acled"]["sub_event_type"], d.get("rule"))


@dataclass(frozen=True)
class Event:
    id: str
    status: str
    type: EventType
    date: EventDate
    location: Location
    actor1: Actor | None
    actor2: Actor | None
    claims: tuple[Claim, ...]
    estimates: dict[str, Estimate]
    evidence: tuple[Span, ...]
    confidence: float
    trigger: str | None = None
    trigger_span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "status": self.status, "type": self.type.to_dict(), "date": self.date.to_dict(),
            "location": self.location.to_dict(),
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "claims": [c.to_dict() for c in self.claims],
            "estimates": {k: v.to_dict() for k, v in self.estimates.items()},
            "evidence": [_span(s) for s in self.evidence],
            "confidence": round(self.confidence, 3),
            "trigger": {"text": self.trigger, "span": _span(self.trigger_span)} if self.trigger else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        trig = d.get("trigger") or {}
        return cls(
            id=d["id"], status=d["status"], type=EventType.from_dict(d["type"]),
            date=EventDate.from_dict(d["date"]), location=Location.from_dict(d["location"]),
            actor1=Actor.from_dict(d.get("actor1")), actor2=Actor.from_dict(d.get("actor2")),
            claims=tuple(Claim.from_dict(c) for c in d.get("claims", [])),
            estimates={k: Estimate(**v) for k, v in (d.get("estimates") or {}).items() if v},
            evidence=tuple(_tuple(s) or (0, 0) for s in d.get("evidence", [])),
            confidence=float(d.get("confidence", 0.0)),
            trigger=trig.get("text"), trigger_span=_tuple(trig.get("span")),
        )


@dataclass(frozen=True)
class Speaker:
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    span: Span | None = None
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "organization": self.organization,
                "span": _span(self.span), "country": self.country, "sector": self.sector, "cameo": self.cameo}


@dataclass(frozen=True)
class Quote:
    speaker: Speaker
    cue: str | None
    text: str
    span: Span
    kind: str  # direct | indirect | mixed

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker.to_dict(), "cue": self.cue, "text": self.text,
                "span": _span(self.span), "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        sp = d.get("speaker") or {}
        return cls(Speaker(sp.get("name"), sp.get("role"), sp.get("organization"), _tuple(sp.get("span")),
                           sp.get("country"), sp.get("sector"), sp.get("cameo")),
                   d.get("cue"), d["text"], _tuple(d["span"]) or (0, 0), d.get("kind", "direct"))


@dataclass(frozen=True)
class Warning:
    code: str
    message: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "span": _span(self.span)}


@dataclass(frozen=True)
class Published:
    date: str | None = None
    source: str | None = None  # argument | metadata | header | inferred


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    input_id: str | None
    title: str | None
    published: Published
    chars: int
    language: str = "en"
    dateline: tuple[str, Span] | None = None
    text: str | None = None
    title_span: Span | None = None     # where the headline sits in the text (put there when the body lacked it)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "input_id": self.input_id, "title": self.title,
            "title_span": _span(self.title_span) if self.title_span else None,
            "published": {"date": self.published.date, "source": self.published.source},
            "dateline": ({"place": self.dateline[0], "span": _span(self.dateline[1])}
                         if self.dateline else None),
            "language": self.language, "chars": self.chars,
        }
        if self.text is not None:  # kept only when asked for (--include-text)
            d["text"] = self.text
        return d


@dataclass(frozen=True)
class Coding:
    """One coded article: what ``dateline.code`` returns."""

    article: ArticleInfo
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    warnings: tuple[Warning, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "article": self.article.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @property
    def main_event(self) -> Event | None:
        return self.events[0] if self.events else None


@dataclass(frozen=True)
class ErrorRecord:
    """A record that could not be coded; still one output line (nothing is dropped silently)."""

    input_id: str | None
    code: str
    message: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "article": {"input_id": self.input_id, **self.extra},
                "error": {"code": self.code, "message": self.message}}


def replace(obj: Any, **changes: Any) -> Any:
    return dataclasses.replace(obj, **changes)
