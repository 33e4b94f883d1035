"""Doc -> Coding: the one place where contract records are built from what the stages found."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from dateline.attribution import REPORTER, Attribution, attribute, unverified_parties
from dateline.estimates import estimate
from dateline.events import FoundEvent
from dateline.figures import Figure
from dateline.ingest import Article
from dateline.nlp import is_upper_case_text
from dateline.quotes import FoundQuote
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

_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?)\s*(?:,\s*\d{1,2}\s+[A-Z]{3}\s+\d{2,4})?"
    r"\s*(?:\([^)]{0,40}\))?\s*(?:—|--|–)")
_CREDIT = re.compile(r"(?:^|\n)\s*(?:—|--|–)?\s*[A-Z][\w.'’ -]+? in (?P<place>[A-Z][\w.'’ ,-]+?),?\s+"
                     r"contributed")


def _dateline(text: str) -> tuple[str, tuple[int, int]] | None:
    starts = [0]
    headline_end = text.find("\n\n")
    if 0 < headline_end < 200:   # the dateline may open the first paragraph after a headline
        starts.append(headline_end + 2 + len(text[headline_end + 2:]) - len(text[headline_end + 2:].lstrip()))
    for start in starts:
        m = _DATELINE.match(text, start)
        if m:
            place = m.group("place").strip()
            return place, (m.start("place"), m.start("place") + len(place))
    credits = list(_CREDIT.finditer(text))
    if credits:   # the last credit line names where the reporting was done
        last = credits[-1]
        return last.group("place").strip(" ,"), (last.start("place"), last.end("place"))
    return None


def _source(att: Attribution) -> Source:
    return Source(name=att.name, type=att.type, span=att.span, role=att.role, organization=att.organization)


def _figure_claim(text: str, fig: Figure, att: Attribution) -> Claim:
    if fig.negated:
        low: int | None = 0
        high: int | None = 0
    else:
        low, high = fig.low, fig.high
    return Claim(kind=fig.kind, low=low, high=high, who=fig.who, source=_source(att), stance=att.stance,
                 text=text[fig.span[0]:fig.span[1]], span=fig.span, partitive=fig.partitive)


def _claims(doc: Doc, text: str, ev: FoundEvent, quotes: list[FoundQuote],
            unverified: tuple[list[str], bool]) -> list[Claim]:
    names, general = unverified
    claims: list[Claim] = []
    for fig in ev.figures:
        att = attribute(doc, fig.span, quotes)
        if att.stance == "asserts" and (
                any(n.lower() in att.name.lower() or att.name.lower() in n.lower() for n in names)
                or (general and att.type == "party")):
            att = Attribution(att.name, att.type, att.span, "unconfirmed", att.role, att.organization)
        claims.append(_figure_claim(text, fig, att))
    for span in ev.denials:
        att = attribute(doc, span, quotes)
        content = _denial_content(doc, span, quotes)
        claims.append(Claim(kind="fact", low=None, high=None, who=None, source=_source(att), stance="denies",
                            text=text[content[0]:content[1]], span=content))
    return claims


def _denial_content(doc: Doc, span: tuple[int, int], quotes: list[FoundQuote]) -> tuple[int, int]:
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


def _event_record(doc: Doc, text: str, idx: int, ev: FoundEvent, quotes: list[FoundQuote],
                  unverified: tuple[list[str], bool]) -> Event:
    claims = _claims(doc, text, ev, quotes, unverified)
    d = ev.date
    date = EventDate()
    if d is not None:
        date = EventDate(start=d.start.isoformat() if d.start else None,
                         end=d.end.isoformat() if d.end else None, precision=d.precision,
                         text=text[d.span[0]:d.span[1]], span=d.span)
    loc = Location()
    if ev.location is not None:
        p = ev.location
        loc = Location(name=text[p.span[0]:p.span[1]], country=p.country, admin1=p.admin1, lat=p.lat, lon=p.lon,
                       geonames_id=p.geonames_id, precision=p.precision, span=p.span)
    t = ev.type
    return Event(
        id=f"e{idx + 1}", status=ev.status,
        type=EventType(t.plover, t.cameo, t.acled_event_type, t.acled_sub_event_type),
        date=date, location=loc,
        actor1=Actor(name=text[ev.actor1[1][0]:ev.actor1[1][1]], span=ev.actor1[1]) if ev.actor1 else None,
        actor2=Actor(name=text[ev.actor2[1][0]:ev.actor2[1][1]], span=ev.actor2[1]) if ev.actor2 else None,
        claims=tuple(claims), estimates=_estimates(claims), evidence=tuple(ev.sentences),
        confidence=ev.confidence, trigger=text[ev.trigger_span[0]:ev.trigger_span[1]],
        trigger_span=ev.trigger_span,
    )


def _quote_record(text: str, q: FoundQuote) -> Quote:
    return Quote(
        speaker=Speaker(name=q.speaker_name, role=q.speaker_role, organization=q.speaker_organization,
                        span=q.speaker_span),
        cue=q.cue, text=text[q.span[0]:q.span[1]], span=q.span, kind=q.kind)


def build_coding(article: Article, doc: Doc, include_text: bool = False) -> Coding:
    """The contract record of one analysed article. Text values are sliced from ``article.text``."""
    text = article.text
    quotes: list[FoundQuote] = doc._.dateline_quotes or []
    found: list[FoundEvent] = doc._.dateline_events or []
    unverified = unverified_parties(doc)
    events = tuple(_event_record(doc, text, i, ev, quotes, unverified) for i, ev in enumerate(found))
    warnings: list[Warning] = []
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
        chars=len(text), dateline=_dateline(text), text=text if include_text else None,
    )
    coding = Coding(article=info, events=events, quotes=tuple(_quote_record(text, q) for q in quotes),
                    warnings=tuple(warnings))
    return _restore_case(coding) if is_upper_case_text(text) else coding


def _up(value: str | None) -> str | None:
    return value.upper() if value else value


def _restore_case(coding: Coding) -> Coding:
    """Names the stages built from the recased copy of an all-capitals text, back in capitals."""
    quotes = tuple(replace(q, speaker=replace(q.speaker, name=_up(q.speaker.name), role=_up(q.speaker.role),
                                              organization=_up(q.speaker.organization)))
                   for q in coding.quotes)
    events = tuple(replace(ev, claims=tuple(
        replace(c, source=replace(c.source, name=_up(c.source.name) if c.source.type != "reporter" else c.source.name,
                                  role=_up(c.source.role), organization=_up(c.source.organization)))
        for c in ev.claims)) for ev in coding.events)
    return replace(coding, quotes=quotes, events=events)


__all__ = ["build_coding", "REPORTER"]
