"""Event triggers -> typed events (PLOVER / CAMEO / ACLED), their status and the sentences reporting them.

The stage reads the dates, figures and quotes of earlier stages and groups sentences into events:

* a sentence reports an event when it holds a trigger (``data/triggers.tsv``) or a figure;
* a sentence is *background* when it places its content in an earlier period (a year before the
  article's reference year, "since 2001", "for years", "has long been", "in the wake of") — background
  events are kept, but never lend the main event their dates or figures;
* the main event is the first reported sentence with a violent trigger (the lead of a news story
  states its main event); later reported sentences join it unless they open a separate incident
  ("in another attack", "separately", "elsewhere");
* a negated trigger ("there was no shooting", "denied that guerrillas attacked") is a denial, which
  becomes a claim with stance ``denies`` of the event, not an event of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import dateline.extensions  # noqa: F401
from dateline import dates as dates_module
from dateline.dates import TimeExpr, event_date
from dateline.figures import Figure
from dateline.places import CREDIT_LINE, EventPlace, event_place


@dataclass(frozen=True)
class TriggerType:
    plover: str
    cameo: str
    acled_event_type: str
    acled_sub_event_type: str
    violent: bool
    rank: int


@dataclass
class FoundEvent:
    """An event as the stage sees it: spans into the doc, not yet contract records."""

    status: str                      # reported | background
    trigger: str
    trigger_span: tuple[int, int]
    type: TriggerType
    sentences: list[tuple[int, int]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    denials: list[tuple[int, int]] = field(default_factory=list)    # sentence spans denying the event
    date: TimeExpr | None = None
    location: EventPlace | None = None
    actor1: tuple[str, tuple[int, int]] | None = None
    actor2: tuple[str, tuple[int, int]] | None = None
    confidence: float = 0.5


@lru_cache(maxsize=1)
def triggers() -> dict[str, TriggerType]:
    """The trigger lexicon: lemma or phrase -> provisional event type."""
    out: dict[str, TriggerType] = {}
    text = resources.files("dateline.data").joinpath("triggers.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, plover, cameo, etype, sub, violent, rank = line.split("\t")
        out[key] = TriggerType(plover, cameo, etype, sub, violent == "1", int(rank))
    return out


NO_EVENT_TYPE = TriggerType("ASSAULT", "190", "Violence against civilians", "Attack", True, 0)

_BACKGROUND = re.compile(
    r"\b(?:since (?:(?:the )?(?:early |late |mid-)?(?:19|20)\d\ds?|then)|has long been|have long been|"
    r"had long been|for years|for decades|was for years|years ago|decades ago|in the wake of|"
    r"in the past|previously|last year|in recent years|at the time|history of|anniversary|"
    r"in (?:19|20)\d\d\b)", re.I)
_SEPARATE = re.compile(
    r"^\W*(?:in (?:an)?other (?:incident|attack|development)|in a separate|separately|elsewhere|meanwhile|"
    r"in another)\b", re.I)
_ARMED_TARGET = re.compile(
    r"\b(?:troops?|soldiers?|army|forces|militants?|rebels?|insurgents?|fighters?|guerrillas?|militia\w*|"
    r"positions?|base|checkpoints?|convoy|patrol|police(?:men)?|officers|garrison|barracks)\b", re.I)
_NEGATORS = frozenset("no not never n't without".split())
_DENY_LEMMAS = frozenset("deny reject refute dismiss".split())


def _token_trigger(tok: Token, lex: dict[str, TriggerType]) -> tuple[str, TriggerType, int] | None:
    """(key, type, n_tokens) when ``tok`` starts a trigger."""
    doc = tok.doc
    for n in (3, 2):
        if tok.i + n > len(doc):
            continue
        words = doc[tok.i:tok.i + n]
        lowers = [t.lower_ for t in words]
        for phrase in (" ".join(lowers), " ".join([words[0].lemma_.lower()] + lowers[1:]),
                       " ".join(lowers[:-1] + [words[-1].lemma_.lower()])):
            if phrase in lex:
                return phrase, lex[phrase], n
    if tok.pos_ not in ("VERB", "NOUN"):
        return None
    for key in (tok.lemma_.lower(), tok.lower_):
        if key in lex:
            return key, lex[key], 1
    return None


def _negated(tok: Token) -> bool:
    """"no shooting", "did not attack", "denied that ... attacked"."""
    if any(c.lower_ in _NEGATORS and c.dep_ in ("neg", "det") for c in tok.children):
        return True
    head = tok
    for _ in range(4):
        if head.head is head:
            break
        if head.dep_ in ("ccomp", "xcomp") and head.head.lemma_.lower() in _DENY_LEMMAS:
            return True
        head = head.head
    return False


def _reference_year(doc: Doc, dates: list[TimeExpr]) -> int | None:
    pub: date | None = doc._.dateline_published
    if pub is not None:
        return pub.year
    explicit = [d.start.year for d in dates if d.start is not None and d.precision == "day"]
    return max(explicit) if explicit else None


def _is_background(sent: Span, dates: list[TimeExpr], ref_year: int | None) -> bool:
    if _BACKGROUND.search(sent.text):
        # "in 2011" is background only when it is before the reference year
        years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", sent.text)]
        if years and ref_year is not None and all(y >= ref_year for y in years) \
                and not re.search(r"since|long been|for years|for decades|ago|in the wake", sent.text, re.I):
            return False
        return True
    if ref_year is None:
        return False
    for d in dates:
        if sent.start_char <= d.span[0] < sent.end_char and d.end is not None and d.end.year < ref_year \
                and d.precision == "year":
            return True
    return False


def _np(tok: Token) -> tuple[str, tuple[int, int]]:
    """Text and span of the noun phrase headed by ``tok``, without relative or participial clauses."""
    doc = tok.doc
    left = tok.left_edge
    right = tok
    for c in tok.rights:
        if (c.dep_ in ("compound", "appos", "poss", "amod", "nummod", "flat", "case")
                or (c.dep_ == "prep" and c.lower_ in ("of", "for"))) and c.right_edge.i - tok.i < 8:
            right = c.right_edge
    start, end = left.idx, right.idx + len(right.text)
    text = doc.text[start:end].strip(" ,")
    return text, (start, start + len(text))


_AGENT_NOUNS = frozenset(
    "gunman gunmen bomber bombers attacker attackers assailant assailants shooter sniper militant "
    "militants guerrilla guerrillas rebel rebels terrorist terrorists insurgent insurgents raider "
    "raiders kidnapper kidnappers".split())
_WEAPON_WORDS = frozenset(
    "car truck bus roadside suicide mortar rocket artillery grenade bomb air drone missile knife gun "
    "machine-gun dynamite landmine mine letter parcel pipe".split())
_VICTIM_PREPS = {"on": 2, "against": 2, "of": 1}
Mention = tuple[str, tuple[int, int]]


_PATIENT_SUBJECT = frozenset("die perish drown suffocate succumb".split())
_QUANTITY_WORDS = frozenset("dozens scores hundreds thousands several many dozen hundred thousand".split())


def _is_count(tok: Token) -> bool:
    return tok.like_num or tok.pos_ == "NUM" or tok.lower_ in _QUANTITY_WORDS


def _noun_actors(trigger: Token) -> tuple[Token | None, Token | None]:
    """"a guerrilla attack on a bus", "the murder of six priests by soldiers", "FMLN's offensive"."""
    a1: Token | None = None
    a2: Token | None = None
    if trigger.lower_ in _AGENT_NOUNS:
        return trigger, None
    for c in trigger.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            a1 = c
        elif c.dep_ in ("compound", "amod") and c.lower_ not in _WEAPON_WORDS and c.lower_ not in triggers() \
                and (c.pos_ in ("PROPN", "NOUN") or c.ent_type_ == "NORP"):   # "rebel attack", "Israeli raid"
            a1 = a1 or c
        elif c.dep_ == "prep" and c.lower_ == "by":
            a1 = next((g for g in c.children if g.dep_ == "pobj"), a1)
        elif c.dep_ == "prep" and c.lower_ in _VICTIM_PREPS and a2 is None:
            a2 = next((g for g in c.children if g.dep_ == "pobj"), None)
            if a2 is not None and a1 is None:   # "the murder of six priests by soldiers" (misattached)
                by = next((g for g in a2.children if g.dep_ == "prep" and g.lower_ == "by"), None)
                if by is not None:
                    a1 = next((g for g in by.children if g.dep_ == "pobj"), None)
    return a1, a2


def _verb_actors(trigger: Token) -> tuple[Token | None, Token | None]:
    a1: Token | None = None
    a2: Token | None = None
    verb = trigger
    if trigger.lemma_.lower() in _PATIENT_SUBJECT:
        # "27 civilians died": the subject is the victim
        a2 = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
        return None, a2
    for _ in range(3):
        for c in verb.children:
            if c.dep_ == "nsubj" and a1 is None:
                if c.pos_ == "PRON" and verb.dep_ == "relcl":
                    a1 = verb.head      # "guerrillas who attacked the farm"
                elif c.pos_ != "PRON":
                    a1 = c
            elif c.dep_ == "agent":
                a1 = next((g for g in c.children if g.dep_ == "pobj"), a1)
            elif c.dep_ in ("dobj", "nsubjpass") and a2 is None and verb is trigger:
                a2 = c
        if a1 is None and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN") \
                and verb.tag_ != "VBN":
            a1 = verb.head
        if a1 is not None or verb.dep_ not in ("advcl", "xcomp", "conj", "ccomp", "acl"):
            break
        verb = verb.head
    return a1, a2


def _actors(trigger: Token) -> tuple[Mention | None, Mention | None]:
    """actor1 (subject / agent) and actor2 (object / passive subject / 'attack on X') of a trigger."""
    a1, a2 = _noun_actors(trigger) if trigger.pos_ == "NOUN" else _verb_actors(trigger)
    # a bare count ("300 wounded", "killing dozens") is a figure, not an actor; a pronoun names no one
    a1 = None if a1 is not None and (_is_count(a1) or a1.pos_ == "PRON") else a1
    a2 = None if a2 is not None and (_is_count(a2) or a2.pos_ == "PRON") else a2
    if a1 is not None and a1 is not trigger and a1.pos_ == "NOUN" and (
            a1.lemma_.lower() in triggers() or a1.lower_ in _WEAPON_WORDS):
        # "a guerrilla attack killed ...", "the bomb exploded": the event noun is not the actor
        b1, b2 = _noun_actors(a1)
        a1 = b1 if b1 is not a1 else a1
        a2 = a2 or b2
        if a1 is not None and (a1.lower_ in _WEAPON_WORDS or a1.lemma_.lower() in triggers()) \
                and a1.lower_ not in _AGENT_NOUNS:
            a1 = None
    return (_np(a1) if a1 is not None else None), (_np(a2) if a2 is not None else None)


def find_events(doc: Doc) -> list[FoundEvent]:
    """Events of the article, the main event first."""
    lex = triggers()
    dates: list[TimeExpr] = doc._.dateline_dates or []
    figures: list[Figure] = doc._.dateline_figures or []
    published: date | None = doc._.dateline_published
    ref_year = _reference_year(doc, dates)

    events: list[FoundEvent] = []
    main: FoundEvent | None = None
    current: FoundEvent | None = None
    background: FoundEvent | None = None
    pending_figures: list[Figure] = []
    pending_denials: list[tuple[int, int]] = []

    for sent in doc.sents:
        span = (sent.start_char, sent.end_char)
        if CREDIT_LINE.search(sent.text):
            continue
        sent_figs = [f for f in figures if span[0] <= f.span[0] < span[1]]
        best: tuple[int, Token, str, TriggerType] | None = None
        denied = False
        for tok in sent:
            hit = _token_trigger(tok, lex)
            if hit is None:
                continue
            key, ttype, _ = hit
            if _negated(tok):
                denied = denied or ttype.violent
                continue
            if best is None or ttype.rank > best[0]:
                best = (ttype.rank, tok, key, ttype)
        is_bg = _is_background(sent, dates, ref_year)
        if is_bg:
            if best is not None:
                if background is None or background.sentences[-1][1] + 2 < span[0]:
                    background = FoundEvent("background", best[1].text, _tok_span(best[1]), best[3])
                    events.append(background)
                background.sentences.append(span)
                background.figures.extend(sent_figs)
            continue
        if denied and best is None:
            pending_denials.append(span)
            if current is not None:
                current.denials.append(span)
            continue
        if best is None:
            if sent_figs:
                if current is not None:
                    current.figures.extend(sent_figs)
                    current.sentences.append(span)
                else:
                    pending_figures.extend(sent_figs)
            continue
        _, tok, key, ttype = best
        separate = bool(_SEPARATE.search(sent.text)) and main is not None
        if current is None or separate or (not current.type.violent and ttype.violent and main is current
                                           and not current.figures):
            ev = FoundEvent("reported", tok.text, _tok_span(tok), ttype)
            a1, a2 = _actors(tok)
            ev.actor1, ev.actor2 = a1, a2
            if main is None or (not main.type.violent and ttype.violent and not main.figures):
                if main is not None and main in events:
                    events.remove(main)
                main = ev
                events.insert(0, ev)
            else:
                events.append(ev)
            current = ev
            ev.figures.extend(pending_figures)
            pending_figures = []
        elif ttype.rank > current.type.rank and current.type.violent == ttype.violent:
            # the most specific trigger of the event types it ("killed" ... "the bomb" -> explosion)
            current.type = ttype
            if current.sentences and current.sentences[0] == span:
                current.trigger, current.trigger_span = tok.text, _tok_span(tok)
        current.sentences.append(span)
        current.figures.extend(sent_figs)
        if denied:
            current.denials.append(span)

    if main is None and pending_figures:
        # figures but no trigger word: still a reported event of violence
        first = pending_figures[0]
        main = FoundEvent("reported", first.trigger, first.trigger_span, _figure_type(first))
        main.figures.extend(pending_figures)
        main.sentences.append(_sent_span(doc, first.span))
        events.insert(0, main)
    if main is not None:
        for sp in pending_denials:
            if sp not in main.denials:
                main.denials.append(sp)

    for ev in events:
        ev.sentences = sorted(set(ev.sentences))
        anchor = _date_anchor(doc, ev, lex) if ev.status == "reported" else ev.trigger_span
        if anchor != ev.trigger_span:
            # the trigger sits in the headline: the story's first report of it names the actors
            lead = doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
            if lead is not None:
                a1, a2 = _actors(lead.root)
                ev.actor1, ev.actor2 = a1 or ev.actor1, a2 or ev.actor2
        if ev.actor1 is None or ev.actor2 is None:
            _fill_actors(doc, ev, lex)
        if ev.type.acled_event_type == "Violence against civilians" and ev.type.acled_sub_event_type == "Attack" \
                and ev.actor2 is not None and _ARMED_TARGET.search(ev.actor2[0]):
            # ACLED: an attack on an armed, organised side (troops, police, militants) is a battle
            ev.type = lex["clash"]
        if ev.status == "reported":
            ev.date = event_date(doc, dates, anchor, published)
        ev.location = event_place(doc, ev.sentences, anchor, ev.status == "reported")
        ev.confidence = _confidence(ev, ev is main)
    return events


def _body_start(text: str) -> int:
    """Where the story proper starts: after a headline line and a dateline ("CITY, Ind. (Dec. 2, 2015) —")."""
    start = 0
    first_break = text.find("\n")
    if 0 < first_break < 200 and not text[:first_break].rstrip().endswith((".", "!", "?", '"', "”")):
        start = first_break
    _, dateline_end = dates_module._dateline(text)
    return max(start, dateline_end)


def _date_anchor(doc: Doc, ev: FoundEvent, lex: dict[str, TriggerType]) -> tuple[int, int]:
    """The trigger whose sentence dates the event: a headline is undated, so the first violent trigger
    of the story proper stands in for a trigger found in the headline."""
    body = _body_start(doc.text)
    if ev.trigger_span[0] >= body:
        return ev.trigger_span
    for tok in doc.char_span(body, len(doc.text), alignment_mode="expand") or []:
        hit = _token_trigger(tok, lex)
        if hit is not None and hit[1].violent and not _negated(tok):
            return _tok_span(tok)
    return ev.trigger_span


def _fill_actors(doc: Doc, ev: FoundEvent, lex: dict[str, TriggerType]) -> None:
    """Missing actors from the other violent triggers of the event's sentences, in text order."""
    for s, e in ev.sentences[:4]:
        sent = doc.char_span(s, e, alignment_mode="expand")
        if sent is None:
            continue
        for tok in sent:
            hit = _token_trigger(tok, lex)
            if hit is None or not hit[1].violent or _negated(tok):
                continue
            a1, a2 = _actors(tok)
            ev.actor1 = ev.actor1 or a1
            ev.actor2 = ev.actor2 or a2
            if ev.actor1 is not None and ev.actor2 is not None:
                return


def _figure_type(fig: Figure) -> TriggerType:
    lex = triggers()
    by_kind = {"killed": "kill", "injured": "wound", "arrested": "arrest", "displaced": "displace",
               "kidnapped": "kidnap", "missing": "abduct"}
    return lex.get(by_kind.get(fig.kind, "kill"), NO_EVENT_TYPE)


def _tok_span(tok: Token) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok.text)


def _sent_span(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None:
        return span
    return sp.sent.start_char, sp.sent.end_char


def _confidence(ev: FoundEvent, is_main: bool) -> float:
    c = 0.4 + 0.1 * bool(ev.figures) + 0.1 * bool(ev.date and ev.date.start) + 0.1 * bool(ev.location) \
        + 0.1 * bool(ev.actor1) + 0.1 * is_main
    return min(c, 0.95) if ev.status == "reported" else min(c, 0.6)


@Language.factory("dateline_events", assigns=["doc._.dateline_events"],
                  requires=["doc._.dateline_dates", "doc._.dateline_figures", "doc._.dateline_quotes"])
def make_events_stage(nlp: Language, name: str) -> EventsStage:
    return EventsStage()


class EventsStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_events = find_events(doc)
        return doc
