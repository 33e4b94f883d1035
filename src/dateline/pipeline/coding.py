"""Doc -> Coding: the one place where contract records are built from what the stages found."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from dateline import gazetteer
from dateline.estimates import estimate
from dateline.ingest import Article
from dateline.pipeline.actors import ActorIndex, CodedActor, published_date_warnings
from dateline.pipeline.attribution import REPORTER, Attribution, attribute, source_type, unverified_parties
from dateline.pipeline.events import FoundEvent
from dateline.pipeline.figures import Figure
from dateline.pipeline.quotes import FoundQuote
from dateline.pipeline.text import Header, parse_header
from dateline.records import (
    CASUALTY_KINDS,
    Actor,
    ArticleInfo,
    Claim,
    Coding,
    Estimate,
    Event,
    EventDate,
    EventType,
    Location,
    Published,
    Quote,
    Source,
    Speaker,
    Warning,
    replace,
)


@dataclass
class _Context:
    """What building the records of one article needs, computed once."""

    article: Article
    doc: Doc
    quotes: list[FoundQuote]
    unverified: tuple[list[str], bool]
    actors: ActorIndex

    @property
    def text(self) -> str:
        return self.article.text


_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_STATE_FORCES = frozenset({"MIL", "COP", "SPY"})
_UNCONVENTIONAL = frozenset({"180", "1823"})   # generic attack / killing, not bombing or abduction


def _coded_speaker(ctx: _Context, name: str | None, role: str | None, organization: str | None,
                   kind: str) -> CodedActor | None:
    if kind == "reporter":
        return None
    coded = ctx.actors.speaker(name, role, organization)
    if coded is not None and kind == "party" and coded.sector in _STATE_SECTORS and coded.entity is None:
        return None   # "a spokesman for the movement" is no state official, whatever the country around
    return coded


def _source(ctx: _Context, att: Attribution) -> Source:
    coded = _coded_speaker(ctx, att.name, att.role, att.organization, att.type)
    return Source(name=_fold(att.name) or att.name, type=att.type, span=att.span, role=_fold(att.role),
                  organization=_fold(att.organization),
                  country=coded.country if coded else None, sector=coded.sector if coded else None,
                  cameo=coded.cameo if coded else None)


def _figure_claim(ctx: _Context, fig: Figure, att: Attribution) -> Claim:
    if fig.negated:
        low: int | None = 0
        high: int | None = 0
    else:
        low, high = fig.low, fig.high
    return Claim(kind=fig.kind, low=low, high=high, who=fig.who, source=_source(ctx, att), stance=att.stance,
                 text=ctx.text[fig.span[0]:fig.span[1]], span=fig.span, partitive=fig.partitive)


def _claims(ctx: _Context, ev: FoundEvent) -> list[Claim]:
    names, general = ctx.unverified
    claims: list[Claim] = []
    for fig in ev.figures:
        att = attribute(ctx.doc, fig.span, ctx.quotes)
        if att.stance == "asserts" and (
                any(n.lower() in att.name.lower() or att.name.lower() in n.lower() for n in names)
                or (general and att.type == "party")):
            att = Attribution(att.name, att.type, att.span, "unconfirmed", att.role, att.organization)
        claims.append(_figure_claim(ctx, fig, att))
    for span in ev.denials:
        att = attribute(ctx.doc, span, ctx.quotes)
        content = _denial_content(span, ctx.quotes)
        claims.append(Claim(kind="fact", low=None, high=None, who=None, source=_source(ctx, att), stance="denies",
                            text=ctx.text[content[0]:content[1]], span=content))
    return claims


def _denial_content(span: tuple[int, int], quotes: list[FoundQuote]) -> tuple[int, int]:
    """The quoted or reported content of a denial when a quote covers it, else the sentence."""
    for q in quotes:
        if q.span[0] <= span[1] and span[0] <= q.span[1]:
            return q.span
    return span


def _estimates(claims: list[Claim]) -> dict[str, Estimate]:
    out: dict[str, Estimate] = {}
    denied = any(c.stance == "denies" and c.kind == "fact" for c in claims)
    for kind in CASUALTY_KINDS:
        of_kind = [c for c in claims if c.kind == kind]
        if not of_kind:
            continue
        est = estimate(of_kind)
        if est is None:
            continue
        if denied and kind in ("killed", "injured") and est.low > 0:
            # a denial of the event lowers what the sources support, it never deletes a claim
            est = Estimate(low=0, best=est.best, high=est.high)
        out[kind] = est
    return out


def _fold(name: str | None) -> str | None:
    """A name as one line: the hard line breaks of wire text ("JOSE NAPOLEON\nDUARTE") folded to spaces."""
    return " ".join(name.split()) if name else name


def _actor(ctx: _Context, mention: tuple[str, tuple[int, int]] | None) -> Actor | None:
    if mention is None:
        return None
    span = mention[1]
    name = _fold(ctx.text[span[0]:span[1]]) or ""
    coded = ctx.actors.resolve(name, span)
    if coded is None:
        return Actor(name=name, span=span)
    return Actor(name=name, country=coded.country, sector=coded.sector, cameo=coded.cameo, span=span)


def _place_name(written: str, country: str | None) -> str:
    """The place as written (hard line breaks of wire text folded: "SAN\nSALVADOR" -> "SAN SALVADOR"), except
    that a demonym ("Chinese") is named by its country ("China")."""
    written = " ".join(written.split())
    if country is None:
        return written
    gz = gazetteer.load()
    if gz.country_code(written) != country or any(p.kind == "country" for p in gz.lookup(written)):
        return written
    place = gz.country(country)
    return place.name if place is not None else written


def _event_record(ctx: _Context, idx: int, ev: FoundEvent) -> Event:
    text = ctx.text
    claims = _claims(ctx, ev)
    d = ev.date
    date = EventDate()
    if d is not None:
        date = EventDate(start=d.start.isoformat() if d.start else None,
                         end=d.end.isoformat() if d.end else None, precision=d.precision,
                         text=text[d.span[0]:d.span[1]], span=d.span)
    loc = Location()
    if ev.location is not None:
        p = ev.location
        name = _place_name(text[p.span[0]:p.span[1]], p.country) if p.span is not None else p.name
        loc = Location(name=name, country=p.country,
                       admin1=p.admin1, lat=p.lat, lon=p.lon, geonames_id=p.geonames_id, precision=p.precision,
                       span=p.span)
    t = ev.type
    actor1, actor2 = _actor(ctx, ev.actor1), _actor(ctx, ev.actor2)
    cameo, rule = t.cameo, ev.rule or None
    state_force = (actor1 is not None and actor1.country is not None and actor1.cameo is not None
                   and (actor1.sector in _STATE_FORCES or actor1.cameo in (actor1.country, actor1.country + "GOV")))
    soldiers_hit = actor2 is not None and actor2.sector in ("MIL",)
    if cameo in _UNCONVENTIONAL and (state_force or soldiers_hit):
        # CAMEO: force used by a state or against its armed forces is "fight" (19), not "assault" (18)
        cameo = "190"
        rule = f"{rule}; state armed force involved -> CAMEO 190" if rule else None
    return Event(
        id=f"e{idx + 1}", status=ev.status,
        type=EventType(t.plover, cameo, t.acled_event_type, t.acled_sub_event_type, rule),
        date=date, location=loc, actor1=actor1, actor2=actor2,
        claims=tuple(claims), estimates=_estimates(claims), evidence=tuple(ev.sentences),
        confidence=ev.confidence, trigger=text[ev.trigger_span[0]:ev.trigger_span[1]],
        trigger_span=ev.trigger_span,
    )


def _quote_record(ctx: _Context, q: FoundQuote) -> Quote:
    description = " ".join(x for x in (q.speaker_name, q.speaker_role, q.speaker_organization) if x)
    coded = _coded_speaker(ctx, q.speaker_name, q.speaker_role, q.speaker_organization, source_type(description))
    return Quote(
        speaker=Speaker(name=_fold(q.speaker_name), role=_fold(q.speaker_role),
                        organization=_fold(q.speaker_organization) or (coded.entity if coded else None),
                        span=q.speaker_span, country=coded.country if coded else None,
                        sector=coded.sector if coded else None, cameo=coded.cameo if coded else None),
        cue=q.cue, text=ctx.text[q.span[0]:q.span[1]], span=q.span, kind=q.kind)


def _actor_index(doc: Doc, article: Article, context_country: str | None) -> ActorIndex:
    """The actors stage's index when it scanned the same text and date (built once per article)."""
    index = doc._.dateline_actor_index
    if isinstance(index, ActorIndex) and index.text == article.text and index.published == article.published:
        index.context_country = context_country
        return index
    return ActorIndex(article.text, article.published, context_country=context_country)


def build_coding(article: Article, doc: Doc, include_text: bool = False) -> Coding:
    """The contract record of one analysed article. Text values are sliced from ``article.text``."""
    text = article.text
    found: list[FoundEvent] = doc._.dateline_events or []
    # the event's country tells which state "the army" or "the ministry" belongs to
    context_country = next((ev.location.country for ev in found if ev.location and ev.location.country), None)
    ctx = _Context(article=article, doc=doc, quotes=doc._.dateline_quotes or [],
                   unverified=unverified_parties(doc), actors=_actor_index(doc, article, context_country))
    events = tuple(_event_record(ctx, i, ev) for i, ev in enumerate(found))
    warnings: list[Warning] = [Warning(code, message, span) for code, message, span
                               in published_date_warnings(text, article.published, index=ctx.actors)]
    if article.published is None and any(
            d.precision == "unknown" and d.relative for d in (doc._.dateline_dates or [])):
        warnings.append(Warning("relative-dates-unresolved",
                                "the article has no published date, so relative dates stay unresolved"))
    if not events:
        warnings.append(Warning("no-event", "no reported event of political violence was found"))
    info = ArticleInfo(
        id=article.id, input_id=article.input_id, title=article.title,
        published=Published(article.published.isoformat() if article.published else None,
                            article.published_source if article.published else None),
        chars=len(text), dateline=_filed_from(doc, text), text=text if include_text else None,
    )
    coding = Coding(article=info, events=events, quotes=tuple(_quote_record(ctx, q) for q in ctx.quotes),
                    warnings=tuple(warnings))
    return _restore_case(coding) if doc._.dateline_recased else coding


def _filed_from(doc: Doc, text: str) -> tuple[str, tuple[int, int]] | None:
    header: Header | None = doc._.dateline_header
    if header is None:   # a doc not made by pipeline.analyse
        header = parse_header(text)
    return header.filed_from


def _up(value: str | None) -> str | None:
    return value.upper() if value else value


def _restore_case(coding: Coding) -> Coding:
    """Names the stages built from the recased copy of an all-capitals text, back in capitals."""
    quotes = tuple(replace(q, speaker=replace(q.speaker, name=_up(q.speaker.name), role=_up(q.speaker.role),
                                              organization=_up(q.speaker.organization)))
                   for q in coding.quotes)
    events = tuple(replace(ev, claims=tuple(
        replace(c, who=_up(c.who),
                source=replace(c.source, name=_up(c.source.name) if c.source.type != "reporter" else c.source.name,
                               role=_up(c.source.role), organization=_up(c.source.organization)))
        for c in ev.claims)) for ev in coding.events)
    return replace(coding, quotes=quotes, events=events)


__all__ = ["build_coding", "REPORTER"]
