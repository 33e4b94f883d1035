"""Doc -> Coding: the one place where contract records are built from what the stages found."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from dateline import gazetteer
from dateline.estimates import estimate, shot_net_of_dead
from dateline.ingest import Article
from dateline.pipeline.actors import CodedActor
from dateline.pipeline.attribution import (
    REPORTER,
    AttributedClaim,
    Attribution,
    Attributions,
    CodedMention,
    EventAttribution,
    fold,
)
from dateline.pipeline.events import FoundEvent
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
    """What building the records of one article needs."""

    article: Article
    doc: Doc
    attributions: Attributions

    @property
    def text(self) -> str:
        return self.article.text


def _source(att: Attribution, coded: CodedActor | None) -> Source:
    return Source(name=fold(att.name) or att.name, type=att.type, span=att.span, role=fold(att.role),
                  organization=fold(att.organization),
                  country=coded.country if coded else None, sector=coded.sector if coded else None,
                  cameo=coded.cameo if coded else None)


def _claim(ctx: _Context, c: AttributedClaim) -> Claim:
    source = _source(c.attribution, c.source)
    fig = c.figure
    if fig is None:   # a denial of the event, or a later stance on its report
        return Claim(kind="fact", low=None, high=None, who=None, source=source, stance=c.stance,
                     text=ctx.text[c.span[0]:c.span[1]], span=c.span)
    low, high = (0, 0) if fig.negated else (fig.low, fig.high)
    return Claim(kind=fig.kind, low=low, high=high, who=fig.who, source=source, stance=c.attribution.stance,
                 text=ctx.text[fig.span[0]:fig.span[1]], span=fig.span, partitive=fig.partitive,
                 modality=fig.modality, aggregate=fig.aggregate)


def _estimates(claims: list[Claim]) -> dict[str, Estimate]:
    out: dict[str, Estimate] = {}
    denied = any(c.stance == "denies" and c.kind == "fact" for c in claims)
    claims = shot_net_of_dead(claims)     # "four people were shot ... one died": three wounded
    if any(c.kind in ("killed", "injured") and not c.aggregate and c.stance != "denies" and c.modality is None
           and (c.low or c.high) for c in claims):
        # the event's own dead or wounded: a total over several happenings is no figure of it, of either kind
        # ("two men were shot dead ... 41 other people were wounded in gun violence citywide")
        claims = [c for c in claims if not (c.aggregate and c.kind in ("killed", "injured"))]
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


def _actor(m: CodedMention | None) -> Actor | None:
    if m is None:
        return None
    if m.coded is None:
        return Actor(name=m.name, span=m.span)
    return Actor(name=m.name, country=m.coded.country, sector=m.coded.sector, cameo=m.coded.cameo, span=m.span)


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


def _event_record(ctx: _Context, idx: int, ev: FoundEvent, who: EventAttribution) -> Event:
    text = ctx.text
    claims = [_claim(ctx, c) for c in who.claims]
    d = ev.date
    date = EventDate()
    if d is not None:
        date = EventDate(start=d.start.isoformat() if d.start else None,
                         end=d.end.isoformat() if d.end else None, precision=d.precision,
                         text=text[d.span[0]:d.span[1]], span=d.span, follow_up=ev.date_of_follow_up)
    loc = Location()
    if ev.location is not None:
        p = ev.location
        name = _place_name(text[p.span[0]:p.span[1]], p.country) if p.span is not None else p.name
        loc = Location(name=name, country=p.country,
                       admin1=p.admin1, lat=p.lat, lon=p.lon, geonames_id=p.geonames_id, precision=p.precision,
                       span=p.span)
    t = ev.type
    return Event(
        id=f"e{idx + 1}", status=ev.status,
        type=EventType(t.plover, who.cameo, t.acled_event_type, t.acled_sub_event_type, who.rule),
        date=date, location=loc, actor1=_actor(who.actor1), actor2=_actor(who.actor2),
        claims=tuple(claims), estimates=_estimates(claims), evidence=tuple(ev.sentences),
        confidence=ev.confidence, trigger=text[ev.trigger_span[0]:ev.trigger_span[1]],
        trigger_span=ev.trigger_span,
    )


def _quote_record(ctx: _Context, q: FoundQuote, coded: CodedActor | None) -> Quote:
    return Quote(
        speaker=Speaker(name=fold(q.speaker_name), role=fold(q.speaker_role),
                        organization=fold(q.speaker_organization) or (coded.entity if coded else None),
                        span=q.speaker_span, country=coded.country if coded else None,
                        sector=coded.sector if coded else None, cameo=coded.cameo if coded else None),
        cue=q.cue, text=ctx.text[q.span[0]:q.span[1]], span=q.span, kind=q.kind)


def build_coding(article: Article, doc: Doc, include_text: bool = False) -> Coding:
    """The contract record of one analysed article. Text values are sliced from ``article.text``."""
    text = article.text
    found: list[FoundEvent] = doc._.dateline_events or []
    quotes: list[FoundQuote] = doc._.dateline_quotes or []
    attributions: Attributions = doc._.dateline_attributions
    if attributions is None or len(attributions.events) != len(found):
        raise ValueError("doc._.dateline_attributions is missing: build_coding needs a doc of pipeline.analyse()")
    ctx = _Context(article=article, doc=doc, attributions=attributions)
    events = tuple(_event_record(ctx, i, ev, who) for i, (ev, who) in enumerate(zip(found, attributions.events,
                                                                                     strict=True)))
    warnings: list[Warning] = [Warning(code, message) for code, message in article.warnings]
    warnings += [Warning(code, message, span) for code, message, span in doc._.dateline_actor_warnings or ()]
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
        title_span=article.title_span,
    )
    coding = Coding(article=info, events=events,
                    quotes=tuple(_quote_record(ctx, q, coded) for q, coded in zip(quotes, attributions.speakers,
                                                                                   strict=True)),
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
