"""Place mentions -> the place an event happened, with its precision (gazetteer resolution: issue 3)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

import dateline.extensions  # noqa: F401

CREDIT_LINE = re.compile(r"\bcontributed\b")   # "—Jane Doe in Mosul contributed to this article."
_LOC_PREPS = frozenset("in at near outside inside into on from across around through".split())


@dataclass(frozen=True)
class EventPlace:
    """The place of an event: the mention as written, and what the gazetteer knows of it."""

    name: str
    span: tuple[int, int]
    country: str | None = None       # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str = "unknown"       # exact | near | admin2 | admin1 | country | unknown


def _locations(sent: Span) -> list[tuple[str, tuple[int, int], int]]:
    """Place mentions in a sentence with a score: named places after a locative preposition first."""
    out = []
    for ent in sent.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if nxt is not None and nxt.text in ("-", "–") or (nxt is not None and nxt.lower_.startswith("-based")):
            continue  # "Paris-based": where someone lives, not where it happened
        if ent.end + 1 < len(ent.doc) and ent.doc[ent.end].text == "-" and ent.doc[ent.end + 1].lower_ == "based":
            continue
        score = 1
        head = ent.root.head
        if ent.root.dep_ == "pobj" and head.lower_ in _LOC_PREPS:
            score += 2
        if ent.label_ == "FAC":
            score += 1
        out.append((ent.text, (ent.start_char, ent.end_char), score))
    return out


def _location_from_description(doc: Doc, sent: Span) -> tuple[str, tuple[int, int]] | None:
    """"moved against a camp" + later "Camp Ashraf": a named place sharing the generic noun."""
    generic = {t.lower_ for t in sent if t.pos_ == "NOUN" and t.dep_ == "pobj"
               and t.head.lower_ in _LOC_PREPS | {"against", "of"}}
    if not generic:
        return None
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC", "ORG"):
            continue
        words = {t.lower_ for t in ent}
        if len(ent) > 1 and words & generic:
            return ent.text, (ent.start_char, ent.end_char)
    return None




def event_place(doc: Doc, sentences: list[tuple[int, int]], anchor: tuple[int, int],
                reported: bool = True) -> EventPlace | None:
    """Where the event reported by ``sentences`` (trigger at ``anchor``) happened, as written."""
    found = _event_mention(doc, sentences, anchor, reported)
    if found is None:
        return None
    name, span = found
    return EventPlace(name=name, span=span)


def _event_mention(doc: Doc, sentences: list[tuple[int, int]], anchor: tuple[int, int],
                   reported: bool) -> tuple[str, tuple[int, int]] | None:
    if not sentences:
        return None
    first = doc.char_span(sentences[0][0], sentences[0][1], alignment_mode="expand")
    if first is None:
        return None
    trig = doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
    trig_sent = trig.sent if trig is not None else first
    cands = _locations(trig_sent)
    described = _location_from_description(doc, trig_sent)
    if described is not None:
        return described
    if cands:
        name, span, _ = max(cands, key=lambda c: (c[2], -c[1][0]))
        return name, span
    for s, e in sentences:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            cands = _locations(sp)
            if cands:
                name, span, _ = max(cands, key=lambda c: (c[2], -c[1][0]))
                return name, span
    # no place in the event's own sentences: the dateline or the story's first place mention
    if reported:
        for sent in list(doc.sents)[:4]:
            if CREDIT_LINE.search(sent.text):
                continue
            cands = _locations(sent)
            if cands:
                name, span, _ = max(cands, key=lambda c: (c[2], -c[1][0]))
                return name, span
    return None


@Language.factory("dateline_places", assigns=["doc._.dateline_places"])
def make_places_stage(nlp: Language, name: str) -> PlacesStage:
    return PlacesStage()


class PlacesStage:
    """Finds and resolves place mentions (filled in by the gazetteer work of issue 3)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_places = []
        return doc
