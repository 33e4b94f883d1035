"""The API's pydantic models: the contract's records (docs/contract.md, CONTRACT.md) and the API's own envelopes.

The record models follow the contract field by field and allow fields the contract may add later (the contract
says more fields may come), so a response is always the stored record, never a re-shaped copy of it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Span = list[int] | None


class Record(BaseModel):
    """A part of the contract: its fields as documented, and any field a later dateline adds."""

    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    """Every error answer: a stable code (the catalogue of the README, or the API's own) and a message."""

    code: str = Field(examples=["not-found"])
    message: str


class Acled(Record):
    event_type: str | None = None
    sub_event_type: str | None = None


class EventType(Record):
    plover: str | None = None
    cameo: str | None = None
    acled: Acled | None = None


class DateRange(Record):
    start: str | None = None
    end: str | None = None
    precision: str | None = None
    text: str | None = None
    span: Span = None


class Location(Record):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str | None = None
    span: Span = None


class Actor(Record):
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None
    span: Span = None


class Estimate(Record):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class ClaimSource(Record):
    name: str | None = None
    type: str | None = None
    span: Span = None


class Claim(Record):
    kind: str
    low: int | None = None
    high: int | None = None
    who: str | None = None
    source: ClaimSource | None = None
    stance: str | None = None
    text: str | None = None
    span: Span = None


class Event(Record):
    id: str
    status: str
    type: EventType | None = None
    date: DateRange | None = None
    location: Location | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    claims: list[Claim] = []
    estimates: dict[str, Estimate | None] = {}
    evidence: list[list[int]] = []
    confidence: float | None = None


class Speaker(Record):
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    span: Span = None


class Quote(Record):
    speaker: Speaker | None = None
    cue: str | None = None
    text: str
    span: Span = None
    kind: str | None = None


class Published(Record):
    date: str | None = None
    source: str | None = None


class ArticleInfo(Record):
    id: str
    input_id: str | None = None
    title: str | None = None
    title_span: Span = Field(default=None, description="where the headline sits in the text")
    published: Published | None = None
    language: str | None = None
    chars: int | None = None
    text: str | None = Field(default=None, description="the normalised text (the offsets index it)")


class Warning(Record):
    code: str
    message: str
    span: Span = None


class Coding(Record):
    """One coded article (the contract's coding)."""

    schema_: str = Field(alias="schema", examples=["dateline/1"])
    article: ArticleInfo
    events: list[Event] = []
    quotes: list[Quote] = []
    warnings: list[Warning] = []

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Member(Record):
    article: str | None = Field(default=None, description="the article's input id")
    article_id: str = Field(description="its content id (sha256:...)")
    event: str
    published: str | None = None
    outlet: str | None = None
    follow_up: bool | None = None


class IncidentClaim(Claim):
    article: str | None = None
    article_id: str | None = None
    event: str | None = None


class Incident(Record):
    """The contract's incident record: members, every member's claims, estimates over them."""

    id: str
    type: EventType | None = None
    date: DateRange | None = None
    location: Location | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    estimates: dict[str, Estimate | None] = {}
    members: list[Member] = []
    claims: list[IncidentClaim] = []
    first_reported: str | None = None
    last_reported: str | None = None


class ArticleQuote(Quote):
    article_id: str = Field(description="the content id of the article that carries the quote")


class IncidentDetail(BaseModel):
    """An incident with its members' quotes (from their stored codings)."""

    schema_: str = Field(alias="schema", examples=["dateline/1"])
    incident: Incident
    quotes: list[ArticleQuote]

    model_config = ConfigDict(populate_by_name=True)


class IncidentSummary(BaseModel):
    """One incident in a list: what a list row or a marker shows; the full record is at /incidents/{id}."""

    id: str
    type: EventType | None = None
    date: DateRange | None = None
    location: Location | None = None
    estimates: dict[str, Estimate | None] = {}
    members: int
    claims: int
    first_reported: str | None = None
    last_reported: str | None = None


class IncidentPage(BaseModel):
    total: int = Field(description="incidents the filters select")
    offset: int
    limit: int
    next_offset: int | None = Field(description="the offset of the next page, null on the last")
    items: list[IncidentSummary]


class Cell(BaseModel):
    lat: float = Field(description="mean latitude of the cell's incidents")
    lon: float
    count: int
    killed: int = Field(description="sum of the incidents' killed (best)")
    max_killed: int
    injured: int
    id: str | None = Field(description="the incident's id when the cell holds one")


class CellPage(BaseModel):
    cell: float = Field(description="the grid's cell size in degrees")
    incidents: int = Field(description="located incidents counted")
    cells: list[Cell]


class StoredArticle(BaseModel):
    """A stored article: its coding with the text, and where the store got it."""

    coding: Coding
    outlet: str | None = None
    url: str | None = None
    incidents: list[str] = Field(description="ids of the incidents its events belong to")


class EventRow(BaseModel):
    """An event as the store lists it (docs/store.md, the events table) with its article's ids."""

    article: str
    input_id: str | None = None
    title: str | None = None
    published: str | None = None
    event_id: str
    ordinal: int
    status: str
    plover: str | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    location_name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    location_precision: str | None = None
    actor1_name: str | None = None
    actor1_cameo: str | None = None
    actor2_name: str | None = None
    actor2_cameo: str | None = None
    killed: int | None = None
    injured: int | None = None
    estimates: dict[str, Estimate | None] | None = None
    confidence: float | None = None


class EventPage(BaseModel):
    items: list[EventRow]


class CodeRequest(BaseModel):
    """One article to code (the fields of an input record, docs/contract.md)."""

    text: str = Field(description="the article's text")
    title: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD; relative dates resolve against it",
                                  examples=["2024-03-09"])
    id: str | None = Field(default=None, description="your id of the article, echoed as article.input_id")
    outlet: str | None = None
    url: str | None = None

    model_config = ConfigDict(extra="forbid")


class CodeResult(BaseModel):
    coding: Coding
    stored: bool = Field(description="the coding was written to the store (?store=true)")
    incidents: list[str] = Field(description="with ?store=true: the incidents its events now belong to")


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    engine: str
    schema_revision: str | None
    read_only: bool = Field(description="no DATELINE_API_TOKEN was set: writes are refused")
    incidents: int
    articles: int


def summary(record: dict[str, Any]) -> dict[str, Any]:
    """The list row of an incident record (``{"schema", "incident"}`` or the incident itself)."""
    inc = record.get("incident", record)
    return {"id": inc["id"], "type": inc.get("type"), "date": inc.get("date"), "location": inc.get("location"),
            "estimates": inc.get("estimates") or {}, "members": len(inc.get("members") or []),
            "claims": len(inc.get("claims") or []), "first_reported": inc.get("first_reported"),
            "last_reported": inc.get("last_reported")}
