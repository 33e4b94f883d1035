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

The rules are code; the words they look for are data in ``data/rules/``: ``event_words.tsv`` (word lists
compared with a token), ``event_cues.tsv`` (cue lists searched in a sentence's text, joined into regular
expressions here) and ``event_cameo_roots.tsv`` (CAMEO roots of verbal events).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import dateline.pipeline.extensions  # noqa: F401
from dateline.lexicon import MONTHS, WEEKDAYS, mapping, rows, speech_verbs, table, words
from dateline.pipeline.actors import CodedActor, default_lexicon
from dateline.pipeline.dates import (
    CALENDAR_KINDS,
    TimeExpr,
    dates_a_follow_up,
    dates_a_report,
    event_date,
    own_date,
    own_period,
    same_word,
)
from dateline.pipeline.figures import CAUSING, Figure
from dateline.pipeline.places import MEETING_NOUNS, EventPlace, event_place
from dateline.pipeline.text import CREDIT_LINE, PARAGRAPH, prepare, text_of


@dataclass(frozen=True)
class TriggerType:
    plover: str
    cameo: str
    acled_event_type: str
    acled_sub_event_type: str
    violent: bool
    rank: int
    category: str = ""              # the taxonomy.tsv row, e.g. "expl.air"


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
    date_of_follow_up: bool = False     # the date is a follow-up's (a charge, an arrest), the event's was before
    location: EventPlace | None = None
    actor1: tuple[str, tuple[int, int]] | None = None
    actor2: tuple[str, tuple[int, int]] | None = None
    confidence: float = 0.5
    rule: str = ""                   # which trigger and which rule gave the type (inspectable)
    # a happening the sentence's own event came some days after ("A day after the ambush that killed four, the
    # army launched an offensive"): the event it precedes and by how many days
    precedes: FoundEvent | None = None
    days_before: int = 0
    follows: FoundEvent | None = None   # ... and the event told before that a later one came some days after
    days_after: int = 0
    after_phrases: list[tuple[int, int, int]] = field(default_factory=list)   # its "a day after ..." (span, days)
    # clauses of its sentences that tell of an earlier time ("the city where 1,000 died in a 2017 siege")
    background_words: list[tuple[int, int]] = field(default_factory=list)


# --- the stage's vocabulary: data/rules/event_words.tsv (words), event_cues.tsv (regex cues) -------------


def _word_list(tag: str) -> frozenset[str]:
    """The word list ``tag`` of ``data/rules/event_words.tsv``."""
    found = words("event_words", tag)
    if not found:
        raise KeyError(f"data/rules/event_words.tsv has no word list {tag!r}")
    return found


def _cues(tag: str) -> str:
    """The cue list ``tag`` of ``data/rules/event_cues.tsv`` as a regular-expression alternation, in file order."""
    found = [r["pattern"] for r in table("event_cues") if r["tags"] == tag]
    if not found:
        raise KeyError(f"data/rules/event_cues.tsv has no cue list {tag!r}")
    return "|".join(found)


def _whole_words(tag: str) -> str:
    """The cue list ``tag`` as a pattern matching any of its cues as whole words."""
    return rf"\b(?:{_cues(tag)})\b"


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, TriggerType]:
    """The mapping table (``data/taxonomy.tsv``): category -> PLOVER, CAMEO, ACLED type and sub-type."""
    return {r[0]: TriggerType(r[1], r[2], r[3], r[4], r[5] == "1", 0, r[0]) for r in rows("taxonomy.tsv")}


@lru_cache(maxsize=1)
def triggers() -> dict[str, TriggerType]:
    """The trigger lexicon (``data/triggers.tsv``): lemma or phrase -> the type of its category, with a rank."""
    tax = taxonomy()
    out: dict[str, TriggerType] = {}
    for key, category, rank in rows("triggers.tsv"):
        t = tax[category]
        out[key] = TriggerType(t.plover, t.cameo, t.acled_event_type, t.acled_sub_event_type, t.violent,
                               int(rank), category)
    return out


def typed(category: str, rank: int = 0) -> TriggerType:
    """The type of a taxonomy category, keeping a rank."""
    t = taxonomy()[category]
    return TriggerType(t.plover, t.cameo, t.acled_event_type, t.acled_sub_event_type, t.violent, rank, category)


# CAMEO root -> PLOVER type, for the codes data/taxonomy.tsv has no row for (data/rules/event_cameo_roots.tsv)
_ROOT_PLOVER = mapping("event_cameo_roots", "root", "plover")
# CAMEO codes whose taxonomy row may lend a verbal event its ACLED type: non-violent events ACLED codes
# (protests, arrests); agreements, repression and violence need the trigger lexicon's context rules
_VERB_ACLED = frozenset("141 142 143 173".split())


@lru_cache(maxsize=1)
def verb_lexicon() -> tuple[dict[str, list[tuple[str, str | None]]],
                            dict[str, list[tuple[tuple[frozenset[str], ...], str]]], dict[str, str]]:
    """The CAMEO verb lexicon (``data/verbs.tsv``, built from PETRARCH-2 by ``scripts/build_verbs.py``):
    lemma -> [(group, own code)], group -> [(pattern word sets, code)], group -> default code."""
    verbs: dict[str, list[tuple[str, str | None]]] = {}
    patterns: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
    defaults: dict[str, str] = {}
    sets: dict[str, frozenset[str]] = {}
    for row in rows("verbs.tsv"):
        if row[0] == "S":
            sets[row[1]] = frozenset(row[2].split())
        elif row[0] == "V" and row[1] == "*":
            if row[3] != "-":
                defaults[row[2]] = row[3]
        elif row[0] == "V":
            verbs.setdefault(row[1], []).append((row[2], None if row[3] == "-" else row[3]))
        elif row[0] == "P":
            words = tuple(sets.get(w, frozenset((w,))) for w in row[2].split())
            patterns.setdefault(row[1], []).append((words, row[3]))
    return verbs, patterns, defaults


def verb_code(tok: Token) -> tuple[str, str] | None:
    """CAMEO code of a verb from the verb lexicon and the words of its clause right of it: (code, rule)."""
    verbs, patterns, defaults = verb_lexicon()
    lemma = tok.lemma_.lower()
    if _shown(tok):
        return None
    keys = [f"{lemma} {c.lower_}" for c in tok.children if c.dep_ in ("prt", "prep") and c.i > tok.i]
    entries = [(k, e) for k in keys + [lemma] for e in verbs.get(k, [])]
    if not entries:
        return None
    # the words the verb governs right of it (and its passive subject: "evidence ... was presented"), up to a
    # clause of its own ("said he would ...", "agreed to lift ...": that clause's verb is typed by itself)
    own_clauses = {c.i for c in tok.children if c.dep_ in ("ccomp", "advcl", "conj", "xcomp")}
    skip: set[int] = set()
    for c in tok.children:
        if c.i in own_clauses:
            skip.update(t.i for t in c.subtree)
    words: set[str] = set()
    for c in tok.children:
        if c.i in skip or (c.i < tok.i and c.dep_ != "nsubjpass"):
            continue
        for t in c.subtree:
            if t.i not in skip:
                words.add(t.lower_)
                words.add(t.lemma_.lower())
    best: tuple[int, str, str] | None = None
    for key, (group, _own) in entries:
        for sets, code in patterns.get(group, []):
            if len(sets) > (best[0] if best else 0) and all(s & words for s in sets):
                best = (len(sets), code, f"verb '{key}' pattern {group}")
    if best is not None:
        return best[1], best[2]
    for key, (group, own) in entries:
        default = own or defaults.get(group)
        if default:
            return default, f"verb '{key}' ({group})"
    return None


# what protesters demonstrate is their feeling: "farmers demonstrated their anger outside parliament" is a protest
_SHOWN_FEELINGS = _word_list("shown-feeling")


def _shown(tok: Token) -> bool:
    """"demonstrate" that takes an object, a clause or a passive subject: to show, not to protest ("the records
    demonstrate this", "the raid demonstrated their strength")."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() == "demonstrate" and any(
        c.dep_ in ("ccomp", "nsubjpass", "agent") or (c.dep_ == "dobj" and c.lemma_.lower() not in _SHOWN_FEELINGS)
        for c in tok.children)


def verb_type(code: str) -> TriggerType:
    """The type of a verbal event from its CAMEO code: PLOVER by the taxonomy row of the code (else the
    root), ACLED type only for the non-violent codes ACLED counts (protests, arrests), else "none"."""
    row = next((t for t in taxonomy().values() if t.cameo == code), None)
    plover = row.plover if row is not None else _ROOT_PLOVER.get(code[:2], "OTHER")
    if row is not None and code in _VERB_ACLED:
        return TriggerType(plover, code, row.acled_event_type, row.acled_sub_event_type, False, 0, "verbal")
    return TriggerType(plover, code, "none", "none", False, 0, "verbal")


NO_EVENT_TYPE = TriggerType("ASSAULT", "180", "Violence against civilians", "Attack", True, 0, "vac.attack")

# "since 1990", "since the early 1990s", "since then", the background phrases, "in 2011"
_BACKGROUND = re.compile(
    r"\b(?:since (?:(?:the |a )?(?:early |late |mid-)?(?:[A-Za-z-]+ ){0,3}(?:19|20)\d\ds?|then)|"
    + _cues("background") + r"|in (?:19|20)\d\d\b)", re.I)
# background even when the sentence's years are not before the reference year
_LASTING = re.compile(_cues("background-lasting"), re.I)
# words that make a word of fighting a figure of speech ("a diplomatic offensive", "a trade war")
_FIGURATIVE = _word_list("figurative")
_FIGURATIVE_OF = _word_list("figurative-of")
# a sentence opening a separate incident ("In another attack, ..."), or a time after or beside the one told before
# ("Hours later, ...", "On the same day, ...")
_SEPARATE = re.compile(r"^\W*(?:" + _cues("separate-incident") + r")\b", re.I)
_LATER_TIME = re.compile(r"^\W*(?:" + _cues("later-time") + r")\b", re.I)
_OTHER_INCIDENTS = re.compile(r"\b(?:" + _cues("other-incidents") + r")\b", re.I)
_NEGATORS = _word_list("negator")
_WEAPON_THING = _word_list("weapon-thing")
_DENY_LEMMAS = _word_list("deny")
_FIGHTING_FIGURE = _word_list("fighting-figure")
_FOIL_VERBS = _word_list("foil-verb")
_BUILT_BASES = _word_list("built-base")
_BASE_VERBS = _word_list("base-verb")


def _base_set_up(tok: Token) -> bool:
    """"The militia established a new base", "troops set up an outpost", "a headquarters was built": a base an armed
    group sets up (the base noun is the trigger)."""
    verb = tok.head
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in _BUILT_BASES and tok.dep_ in ("dobj", "nsubjpass") \
        and verb.lemma_.lower() in _BASE_VERBS and (verb.lemma_.lower() != "set" or any(
            c.dep_ == "prt" and c.lower_ == "up" for c in verb.children))
_NOT_TERRITORY = _word_list("not-territory")
_PART_OF = _word_list("part-of")


def _controls_no_place(control: Token) -> bool:
    """"control of the gold market", "control over a sector of the fuel trade": what is taken control of is no
    place (a common noun of trade, money, office or talk; through "a part of ..." to what it is a part of)."""
    preps = list(control.children) + [c for c in control.head.children if c.i > control.i]    # ("gained control
    # over ...": the parse may hang the phrase on the verb)
    for prep in preps:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "over"):
            continue
        for obj in prep.children:
            for _ in range(3):
                if obj.dep_ != "pobj" or obj.pos_ not in ("NOUN", "PROPN") or obj.ent_type_ in ("GPE", "LOC", "FAC"):
                    break
                if obj.lower_ in _NOT_TERRITORY:
                    return True
                if obj.lower_ not in _PART_OF:
                    break
                obj = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                            for p in c.children if p.dep_ == "pobj"), obj)
    return False


def _token_trigger(tok: Token, lex: dict[str, TriggerType]) -> tuple[str, TriggerType, int] | None:
    """(key, type, n_tokens) when ``tok`` starts a trigger."""
    doc = tok.doc
    for n in (3, 2):
        if tok.i + n > len(doc):
            continue
        words = doc[tok.i:tok.i + n]
        lowers = [t.lower_ for t in words]
        for phrase in (" ".join(lowers), " ".join([words[0].lemma_.lower()] + lowers[1:]),
                       " ".join(lowers[:-1] + [words[-1].lemma_.lower()]), words.text.lower()):    # (as written:
            # "sit-in", three tokens)
            if phrase in lex:
                if words[-1].lemma_.lower() == "control" and _controls_no_place(words[-1]):
                    return None     # "took control of the gold market": no territory taken
                return phrase, lex[phrase], n
    if tok.pos_ == "PROPN" and tok.lower_ in lex and lex[tok.lower_].category == "disaster.natural":
        return tok.lower_, lex[tok.lower_], 1   # a named storm: "Cyclone Amphan", "Hurricane Maria"
    if _base_set_up(tok):
        return tok.lower_, typed("sd.hq", 30), 1
    if tok.pos_ == "VERB" and tok.lemma_.lower() == "burn" and any(
            c.dep_ in ("dobj", "nsubjpass") and _PROPERTY.fullmatch(c.lower_) for c in tok.children):
        return tok.lower_, typed("sd.looting", 38), 1     # "soldiers burned several homes"
    if tok.lower_ in ("hostage", "hostages") and tok.dep_ in ("dobj", "nsubjpass") \
            and tok.head.lemma_.lower() in ("release", "free"):
        return tok.lower_, typed("sd.other", 30), 1       # "the rebels released 30 hostages": no abduction
    if (tok.pos_ not in ("VERB", "NOUN") and not (tok.pos_ == "AUX" and tok.lemma_.lower() not in _AUX_LEMMAS)) \
            or tok.lower_ == "according":
        return None     # ("according to police": no accord; "Shelling hit a school": the tagger's AUX is a noun)
    if tok.pos_ == "NOUN" and any(c.dep_ in ("amod", "compound") and c.lower_ in _FIGURATIVE for c in tok.children):
        return None     # "a diplomatic offensive", "a propaganda war": no fighting
    if tok.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
            p.dep_ == "pobj" and p.lemma_.lower() in _FIGURATIVE_OF for p in c.children) for c in tok.children):
        return None     # "demonstrations of force": no protest
    if _shown(tok):
        return None     # "the records demonstrate this", "demonstrated its strength": shown, no protest
    if tok.lower_ in _PERPETRATOR_NOUNS and (tok.dep_ in ("nsubjpass", "dobj") or (
            tok.dep_ == "pobj" and tok.head.lower_ not in ("by", "from"))):
        return None     # "the gunmen will be hunted down", "police are looking for the gunmen": acted upon
    if tok.lower_ in _PERPETRATOR_NOUNS and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _PLAN_HEADS:
        return None     # "gunmen planned to attack the convoy", "gunmen threatened to kill him": only meant to act
    for key in (tok.lemma_.lower(), tok.lower_):
        if key in lex:
            if tok.lower_ in ("fighting", "fight") and tok.i + 1 < len(doc) \
                    and doc[tok.i + 1].lower_ in _FIGHTING_FIGURE \
                    and (tok.head.i == tok.i + 1 or doc[tok.i + 1].head.i == tok.i):
                return None     # "in fighting spirit", "a fighting chance": a figure of speech
            if lex[key].category.startswith("expl.") and tok.dep_ == "compound" \
                    and tok.head.lemma_.lower() in _WEAPON_THING:
                return None     # "drone footage", "a missile factory", "shell companies": no explosion
            if lex[key].category.startswith("battle.") and tok.dep_ == "compound" \
                    and tok.head.pos_ == "NOUN" and tok.head.i > tok.i and _token_trigger(tok.head, lex) is None:
                return None     # "in fighting spirits", "combat boots", "a battle tank": a modifier, no fighting
            return key, lex[key], 1
    return None


_NO_ONE = frozenset(("nobody", "none", "noone", "nothing"))
# the auxiliaries' own lemmas: another word the tagger calls an auxiliary is a mistagged word of the sentence
_AUX_LEMMAS = frozenset(("be", "have", "do", "will", "would", "can", "could", "may", "might", "must", "shall",
                         "should", "ought", "get", "going", "need", "dare", "used"))


def _no_subject(tok: Token) -> bool:
    """A verb whose subject is nobody ("no one was injured", "nobody was arrested"; not "no officers fired", which
    says who did not)."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in _NO_ONE or c.lower_ == "one" and any(
                d.dep_ in ("det", "neg") and d.lower_ == "no" for d in c.children)):
            return True
    return False


def _negated_or_denied(tok: Token) -> bool:
    """A trigger that is negated ("no shooting", "did not attack", "no one was hurt") or under a verb of denial
    ("denied that ... attacked"); not the happening a denied clause takes for granted ("denied that any civilians
    were killed in the raid": the raid took place)."""
    if any(c.lower_ in _NEGATORS and c.dep_ in ("neg", "det") for c in tok.children) or _no_subject(tok):
        return True
    head = tok
    for _ in range(4):
        if _agency_denied(head):
            return False    # "denied carrying out the bombing (that killed 12)": who did it is denied
        if head.head.i == head.i or head.dep_ == "pobj":
            break
        if head.dep_ in ("ccomp", "xcomp", "pcomp") and head.head.lemma_.lower() in _DENY_LEMMAS:
            return True
        if head.dep_ in ("ccomp", "acl") and head.head.lemma_.lower() in _REPORT_NOUNS \
                and head.head.dep_ == "dobj" and head.head.head.lemma_.lower() in _DENY_LEMMAS \
                and not any(c.dep_ == "neg" for c in head.head.head.children):
            return True     # "denied reports that soldiers had attacked the village"
        head = head.head
    return False


# what a denial can deny the content of: "denied reports that ...", "rejected claims that ..."
_REPORT_NOUNS = frozenset(("report", "claim", "allegation", "accusation", "rumour", "rumor", "suggestion"))


def _reference_year(doc: Doc, dates: list[TimeExpr]) -> int | None:
    pub: date | None = doc._.dateline_published
    if pub is not None:
        return pub.year
    explicit = [d.start.year for d in dates if d.start is not None and d.precision == "day"]
    return max(explicit) if explicit else None


# a record the happening sets: "the deadliest attack in the capital since 2015", "the deadliest since 2016" dates the
# record, not the attack
_SINCE_RECORD = re.compile(r"\b(?:the\s+)?(?:" + _cues("record") + r")(?:\s+\w+(?:\s+(?!since\b)[\w'’-]+){0,5}?)?"
                           r"\s+since\s+(?:the\s+)?(?:(?:early|late|mid-)\s*)?(?:19|20)\d\ds?\b", re.I)


def _without_records(text: str) -> str:
    """``text`` with its "the deadliest ... since 2015" comparisons blanked (same length)."""
    return _SINCE_RECORD.sub(lambda m: " " * len(m.group()), text)


def _is_background(sent: Span, dates: list[TimeExpr], ref_year: int | None) -> bool:
    """Whether a sentence (or a subordinate clause of one) tells of an earlier time: a background phrase ("since
    2001", "in 2011" before the reference year), a year before it, or a month or a day two calendar years back or
    more ("where hundreds died in March 2009", "on May 3, 2011")."""
    text = _without_records(sent.text)
    if _BACKGROUND.search(text):
        # "in 2011" is background only when it is before the reference year
        years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
        if years and ref_year is not None and all(y >= ref_year for y in years) \
                and not _LASTING.search(text):
            return False
        return True
    if ref_year is None:
        return False
    for d in dates:
        if sent.start_char <= d.span[0] < sent.end_char and d.end is not None and not d.relative \
                and not text[d.span[0] - sent.start_char].isspace() and (
                    (d.precision == "year" and d.end.year < ref_year)
                    or (d.precision in ("month", "day") and d.end.year < ref_year - 1)):
            return True
    return False


_NP_RIGHT_DEPS = frozenset({"compound", "appos", "poss", "amod", "nummod", "flat", "case", "pobj", "cc", "conj"})


def _np_right(tok: Token, head_i: int) -> Token:
    """The last token of the phrase headed by ``tok``: modifiers and "of"/"for" phrases, no clauses."""
    right = tok
    for c in tok.rights:
        if c.i - head_i >= 12:
            break
        if c.dep_ in _NP_RIGHT_DEPS or (c.dep_ == "prep" and c.lower_ in ("of", "for")):
            end = _np_right(c, head_i)
            if end.i > right.i:
                right = end
    return right


def _np(tok: Token) -> tuple[str, tuple[int, int]]:
    """Text and span of the noun phrase headed by ``tok``, without relative or participial clauses."""
    doc = tok.doc
    left = tok.left_edge
    right = _np_right(tok, tok.i)
    start, end = left.idx, right.idx + len(right.text)
    for opener, closer in (("(", ")"), ("[", "]")):
        # "the Popular Liberation Front (PLF": the appositive acronym keeps its closing bracket
        if text_of(doc).count(opener, start, end) > text_of(doc).count(closer, start, end) \
                and text_of(doc)[end:end + 1] == closer:
            end += 1
    text = text_of(doc)[start:end].strip(" ,")
    return text, (start, start + len(text))


# "gunmen", "bombers": the noun names the one who attacks
_PERPETRATOR_NOUNS = _word_list("perpetrator")
# "car bomb", "rocket attack": the modifier names the means, not the actor
_WEAPON_WORDS = _word_list("means")
_VICTIM_PREPS = _word_list("victim-prep")
Mention = tuple[str, tuple[int, int]]


_PATIENT_SUBJECT = _word_list("patient-subject")
_QUANTITY_WORDS = _word_list("quantity")


def _is_count(tok: Token) -> bool:
    return tok.like_num or tok.pos_ == "NUM" or tok.lower_ in _QUANTITY_WORDS


# event nouns whose possessor is the victim: "Oqueli's murder", "the minister's kidnapping"
_PATIENT_NOUNS = _word_list("patient-noun")
# weekday and month names from the dates lexicon, and the day-part and period words
_TIME_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | _word_list("time")


def _is_time_word(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in _TIME_WORDS or tok.like_num


def _agent_word(tok: Token) -> bool:
    """A noun that names a kind of actor ("rebel", "army", "police"): the actor dictionaries' agent words."""

    if tok.lower_ in _PERPETRATOR_NOUNS:
        return True
    lex = default_lexicon()
    for form in {tok.lower_, tok.lemma_.lower()}:
        hit = lex.exact.get((form,))
        if hit is not None and (hit.agent is not None or hit.actor is not None):
            return True
    return False


def _noun_actors(trigger: Token) -> tuple[Token | None, Token | None]:
    """"a guerrilla attack on a bus", "the murder of six priests by soldiers", "FMLN's offensive"."""
    a1: Token | None = None
    a2: Token | None = None
    if trigger.lower_ in _PERPETRATOR_NOUNS:
        return trigger, None
    for c in trigger.children:
        if _is_time_word(c):
            continue                    # "Wednesday's attack", "the 11 November offensive": when, not who
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            if trigger.lemma_.lower() in _PATIENT_NOUNS:
                a2 = a2 or c            # "Oqueli's murder": the one murdered
            else:
                a1 = c                  # "the FMLN's offensive"
        elif c.dep_ in ("compound", "amod") and c.lower_ not in _WEAPON_WORDS and c.lower_ not in triggers() \
                and (c.pos_ == "PROPN" or c.ent_type_ == "NORP" or (c.pos_ in ("NOUN", "ADJ") and _agent_word(c))):
            a1 = a1 or c                # "rebel attack", "Israeli raid"; not "surprise attack", "rifle fire"
        elif c.dep_ == "prep" and c.lower_ == "by":
            a1 = next((g for g in c.children if g.dep_ == "pobj"), a1)
        elif c.dep_ == "prep" and c.lower_ in _VICTIM_PREPS and a2 is None:
            # (not a day: "an attack on Monday")
            a2 = next((g for g in c.children if g.dep_ == "pobj" and not _is_time_word(g)), None)
            if a2 is not None and a1 is None:   # "the murder of six priests by soldiers" (misattached)
                by = next((g for g in a2.children if g.dep_ == "prep" and g.lower_ == "by"), None)
                if by is not None:
                    a1 = next((g for g in by.children if g.dep_ == "pobj"), None)
    verb = trigger.head
    if a2 is None and trigger.dep_ == "nsubj" and verb.lemma_.lower() in _TOLL_VERBS \
            and (verb.lemma_.lower() != "leave" or any(c.dep_ in ("oprd", "xcomp", "ccomp") and c.lower_ in (
                "dead", "wounded", "injured", "hurt") for c in verb.children)):
        # "the attack left 14 soldiers dead", "the ambush killed three policemen": whom it hit (not "the attack
        # left police puzzled")
        a2 = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    return a1, a2


# verbs whose subject is an act and whose object is whom it hit ("the attack left 14 soldiers dead")
_TOLL_VERBS = frozenset(("leave", "kill", "wound", "injure", "hurt"))


def _verb_actors(trigger: Token) -> tuple[Token | None, Token | None]:
    a1: Token | None = None
    a2: Token | None = None
    verb = trigger
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.head.pos_ in ("NOUN", "PROPN"):
        # "10 soldiers killed in the ambush": the noun the participle modifies is the victim
        a2 = trigger.head
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
            elif c.dep_ in ("dobj", "nsubjpass") and a2 is None and verb is trigger and not _is_count(c):
                a2 = c
            elif c.dep_ == "prep" and c.lower_ in ("against", "on") and a2 is None and verb is not trigger:
                # "forces moved against a camp ..., killing dozens": the target of the governing clause
                a2 = next((g for g in c.children if g.dep_ == "pobj"), None)
        if a1 is None and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN") \
                and verb.tag_ != "VBN":
            a1 = verb.head
        if a1 is not None or verb.dep_ not in ("advcl", "xcomp", "conj", "ccomp", "acl"):
            break
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _SAY_LEMMAS \
                and not any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children):
            break           # "Police said a man was shot dead": who says it did not do it ("Rebels said they ...")
        verb = verb.head
    return a1, a2


_PLACES_OF_PEOPLE = _word_list("people-place")


def _occupants(target: Token) -> Token:
    """"a camp holding thousands of members of a movement": the people, not the place, are acted on."""
    if target.lemma_.lower() in _PLACES_OF_PEOPLE:
        for acl in (c for c in target.children if c.dep_ == "acl"):
            held = next((g for g in acl.children if g.dep_ == "dobj"), None)
            if held is not None:
                target = held
                break
    if _is_count(target):   # "thousands of members of ..." -> "members of ..."
        of = next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            return pobj
    return target


def _actors(trigger: Token) -> tuple[Mention | None, Mention | None]:
    """actor1 (subject / agent) and actor2 (object / passive subject / 'attack on X') of a trigger."""
    a1, a2 = _noun_actors(trigger) if trigger.pos_ == "NOUN" else _verb_actors(trigger)
    a2 = _occupants(a2) if a2 is not None else None
    # a bare count ("300 wounded", "killing dozens") is a figure, not an actor; a pronoun names no one
    if a2 is not None and a2.lemma_.lower() in _THROWN and a2.dep_ == "dobj":
        # "threw stones at the police": the police are the target, not the stones
        at = next((g for c in a2.head.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "toward", "towards")
                   for g in c.children if g.dep_ == "pobj"), None)
        a2 = at
    a1 = None if a1 is not None and (_is_count(a1) or a1.pos_ == "PRON" or _a_time(a1)) else a1
    a2 = None if a2 is not None and (_is_count(a2) or a2.pos_ == "PRON" or _a_time(a2)) else a2
    if a1 is not None and a1 is not trigger and a1.pos_ == "NOUN" and (
            a1.lemma_.lower() in triggers() or a1.lower_ in _WEAPON_WORDS):
        # "a guerrilla attack killed ...", "the bomb exploded": the event noun is not the actor
        b1, b2 = _noun_actors(a1)
        a1 = b1 if b1 is not a1 else a1
        a2 = a2 or b2
        if a1 is not None and (a1.lower_ in _WEAPON_WORDS or a1.lemma_.lower() in triggers()) \
                and a1.lower_ not in _PERPETRATOR_NOUNS:
            a1 = None
    return (_np(a1) if a1 is not None else None), (_np(a2) if a2 is not None else None)


_THROWN = frozenset(("stone", "rock", "brick", "bottle", "stones", "rocks", "bricks", "bottles"))
_DAY_WORDS = frozenset(("today", "yesterday", "tonight", "morning", "afternoon", "evening", "night", "weekend",
                        "week", "month", "year", "day", "dawn", "midnight", "noon"))


def _a_time(tok: Token) -> bool:
    """A day or a time the parse took for a doer or a target ("the attack on Monday, which killed four": not
    Monday's act)."""
    return tok.ent_type_ in ("DATE", "TIME") and (tok.lower_ in _TIME_WORDS or tok.lower_ in _DAY_WORDS)


# --- typing: context rules that refine a trigger's category (docs/event-types.md explains each) ---------

_MODALS = _word_list("modal")
_INTENT_AUX = _word_list("intent-aux")
_PLAN_HEADS = _word_list("plan-head")
_PRESUPPOSE = _word_list("presuppose")
_FEAR_HEADS = _word_list("fear-head")
_FEAR_NOUNS = _word_list("fear-noun")
_ORDER_NOUNS = frozenset(("order", "call", "demand", "urge"))
_RESP_WORDS = _word_list("responsibility")
_DENY_ACCUSE = _word_list("deny-accuse")
_ACCUSATION_WORDS = _word_list("accusation")
_CLAIM_VERBS = _word_list("claim-verb")
_TOLL_WORDS = _word_list("toll-word")
_AGENCY_VERBS = _word_list("agency-verb")
_LAUNCH_VERBS = _word_list("launch-verb")
_CAPTIVE_CUES = _word_list("captive-cue")
_PURPOSE_HEADS = _word_list("purpose-head")

_PROTEST_STRONG = re.compile(_whole_words("protest"))
_PROTESTER_VIOLENCE = re.compile(_whole_words("protester-violence"))
_LETHAL = re.compile(_whole_words("lethal-force"))
_INTERVENE = re.compile(_whole_words("intervention"))
_MOB = re.compile(_whole_words("mob"))
_CRIME = re.compile(_whole_words("crime"))
# a killing is ordinary crime only in a robbery or a theft (not "drug lords murdered 200 officials")
_ROBBERY = re.compile(r"\b(?:robb\w+|theft|thie(?:f|ves)|burglar\w*|heist|stolen|stealing)\b", re.I)
_POLITICAL = re.compile(_whole_words("political"))
_DOMESTIC = re.compile(_whole_words("domestic"))
_ARMED_ATTACKERS = re.compile(_whole_words("armed-attackers"))
# attackers of no family: "gunmen shot dead a trader and his wife" is no domestic violence
_GANG = re.compile(_whole_words("armed-attackers") + "|" + _whole_words("criminal-attackers"))
# "seized a cache of weapons", "explosives were found and defused"; not "destroyed by a bomb"
_WEAPON_SEIZED = re.compile(
    _whole_words("weapon-seizure") + r"(?!\s+by\b)[^.;]{0,60}?" + _whole_words("weapon") + "|" + _whole_words("weapon")
    + r"[^.;]{0,40}?\b(?:was|were|been|being|are|is)\s+(?:\w+\s+)?" + _whole_words("weapon-seizure"))
_CASUALTY = re.compile(_whole_words("casualty"))
_ARRESTS = re.compile(_whole_words("arrests"))
_DEATH = re.compile(_whole_words("death"))
_PLACE_OBJ = re.compile(_whole_words("territory"))
_TRANSFER = re.compile(_whole_words("withdrawal"))
_TAKEOVER = re.compile(_whole_words("takeover"))
# "set up a new base", "established checkpoints"
_HQ = re.compile(_whole_words("base-building") + r"[^.;]{0,50}?" + _whole_words("base"))
_GOV = re.compile(_whole_words("state-forces"))
_NONSTATE = re.compile(_whole_words("non-state"))
_AIR = re.compile(_whole_words("aircraft"))
_SUICIDE = re.compile(_whole_words("suicide"))
_ACCIDENT = re.compile(_whole_words("accident"))
_HOSTILE = re.compile(_whole_words("hostile"))
# "missile tests", "its nuclear programme", "a test of a hydrogen bomb"
_TEST = re.compile(
    _whole_words("tested-weapon") + r"[^.;]{0,30}?" + _whole_words("weapon-test")
    + r"|\btests? of (?:an? |the |its )?(?:\w+ ){0,2}(?:" + _cues("test-of-weapon") + ")")
_EXPEL_DIPLOMATS = re.compile(r"\bexpel\w*\b[^.;]{0,40}?\bdiplomats?\b|\bdiplomats?\b[^.;]{0,30}?\bexpel\w*")
# "stormed an army checkpoint", "attack on two police posts"
_ON_ARMED = re.compile(
    r"\b(?:" + _cues("armed-post-attack") + r")\s+(?:on\s+)?(?:an?|the|two|three|several|its|their)?\s*"
    r"(?P<mid>(?:[\w-]+\s+){0,3}?)(?:" + _cues("armed-post") + r")\b")
# words that make a headquarters, a station or a camp civilian ("a labour union headquarters", "a bus station")
_CIVILIAN_SITE = _word_list("civilian-site")


def _attacks_armed_post(text: str) -> bool:
    """"stormed an army checkpoint", "an attack on two police posts"; not "the attack on a union headquarters"."""
    return any(not any(w.lower() in _CIVILIAN_SITE for w in m.group("mid").split()) for m in _ON_ARMED.finditer(text))


_PROPERTY = re.compile(_whole_words("property"))
_LOOT = re.compile(_whole_words("looting"))
_CAUSE_PREPS = _word_list("cause-prep")
# "deployed more troops", "forces have been reinforced"
_TROOPS = re.compile(
    _whole_words("troop-move") + r"[^.;]{0,50}?" + _whole_words("troop-unit") + "|" + _whole_words("troop-subject")
    + r"[^.;]{0,40}?\b(?:have been|has been|were|was|are) (?:\w+ )?(?:" + _cues("troop-moved") + r")\b")
_SEXUAL = re.compile(_whole_words("sexual-violence"))
# sides of no armed organisation ("party supporters", "student groups")
_UNARMED_SIDE = re.compile(_whole_words("unarmed-side"), re.I)
_ARMED_ACTOR = re.compile(_whole_words("armed-target") + "|" + _whole_words("armed-person"), re.I)
_POLICE_SIDE = re.compile(_whole_words("police-side"), re.I)
# a vehicle or a body of people named by whom it carries: "a convoy of aid workers", "a bus of pilgrims"
_CARRYING = re.compile(r"\b(?:convoys?|columns?|vehicles?|trucks?|bus(?:es)?|cars?|boats?)\s+(?:of|carrying)\s+(.+)$")
_CAPTURED_PERSONS = _word_list("captured-person")


# what an event after "on" / "about" is the topic of: a meeting ("a summit on the unrest") or a report
_TOPIC_HEADS = MEETING_NOUNS | _word_list("report-noun")
_TOPIC_PREPS = _word_list("topic-prep")


def _topic(tok: Token) -> bool:
    """"a summit on the unrest", "talks about the attacks": the event is a topic, not a report of it."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ not in _TOPIC_PREPS:
        return False
    # "a summit in Switzerland on the unrest": the parser may hang the topic on a nearer noun
    head = prep.head
    if head.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in _TOPIC_HEADS for c in head.children):
        return True   # "attend a summit ... on the unrest"
    for _ in range(3):
        if head.lemma_.lower() in _TOPIC_HEADS:
            return True
        if head.dep_ not in ("pobj", "prep") or head.head is head:
            return False
        head = head.head
    return False


_INTENT_HEADS = _word_list("intent-head")


def _intended(tok: Token) -> bool:
    """"will attack", "wants to attack", "vowed to bomb": the actor's own intent, not a possibility."""
    if any(c.dep_ == "aux" and c.lower_ in _INTENT_AUX for c in tok.children):
        return True
    head = tok
    for _ in range(3):
        if head.dep_ not in ("xcomp", "ccomp") or head.head is head:
            return False
        head = head.head
        if head.lemma_.lower() in _INTENT_HEADS:
            return True
    return False


_NOT_YET = _word_list("not-yet")


def _still_to_come(noun: Token) -> bool:
    """A noun in a phrase of what is still to come: "ahead of the march", "in the run-up to the vote"."""
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None or prep.head.i == prep.i:
        return False
    return (prep.lower_ == "of" and prep.head.lower_ == "ahead") \
        or (prep.lower_ == "to" and prep.head.lower_ in ("run-up", "runup", "lead-up"))


def _planned(tok: Token) -> bool:
    """"could attack", "plans to attack", "threatened to kill", "a plot to bomb", "fear an attack", "if the fighting
    spreads": the event has not happened."""
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children) \
            and not any(c.dep_ == "aux" and c.lower_ == "have" for c in tok.children):
        return True     # "how many more must die": an obligation, not a report ("must have died" infers the past)
    if tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children) \
            and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.head.children):
        return True     # "militants would return and kill them": the modal of the verb it is coordinated with
    if tok.pos_ == "NOUN" and _or_face(tok):
        return True         # "... to meet its demands or face attacks", wherever the parse hangs "face"
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "any" for c in tok.children):
        return True         # "any raid on the base would be a mistake", "any attack will be met with force": no
                            # act that took place
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _FOIL_VERBS:
        return True         # "thwarted an attack on the base": stopped before it happened
    if tok.pos_ == "VERB" and tok.dep_ == "acl" and tok.head.lemma_.lower() in _PURPOSE_HEADS \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return True         # "launched an offensive to capture the town": its aim
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LAUNCH_VERBS \
            and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.head.children) \
            and not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lemma_.lower() == "have")
                        for c in tok.head.children):
        return True         # "the rebels may launch the offensive", "will stage attacks": still to come (not
                            # "may have carried out the bombing", a guess at the past)
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.pos_ == "NOUN" and (any(c.dep_ == "amod" and c.lower_ in _NOT_YET for c in t.children)
                             or _still_to_come(t)):
        return True         # "ahead of the planned rally", "a proposed strike", "ahead of Friday's march"
    if t.pos_ == "NOUN" and t.dep_ == "nsubj" and t.head.lemma_ == "be" \
            and any(c.dep_ == "acomp" and c.lower_ in _NOT_YET for c in t.head.children):
        return True         # "an attack on the capital was imminent"
    if t.dep_ == "pobj" and t.head.lower_ in ("of", "for") and t.head.head.pos_ == "NOUN" \
            and t.head.head.lemma_.lower() in _FEAR_NOUNS \
            and not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any") for c in t.children):
        return True         # "the risk of clashes", "in anticipation of attacks" (not "for fear of the fighting")
    t = tok
    for _ in range(3):      # a condition: "if the fighting spreads, hundreds could die" (not "unclear if")
        if t.dep_ == "advcl" and (any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children)
                                  or _inverted_condition(t)) \
                and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.head.children):
            return True     # (also "Had the bomb exploded, dozens would have died")
        if t.head is t:
            break
        t = t.head
    head = tok
    for _ in range(3):
        if head.dep_ == "conj" and head.head.dep_ in ("xcomp", "ccomp") \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            head = head.head    # "vowed to carry out more attacks and to kill anyone ...": the same plan
        if head.dep_ not in ("xcomp", "ccomp", "pobj", "prep", "dobj", "advcl", "acl") or head.head is head:
            return False
        if head.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) \
                and any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < head.i
                        and (c.lemma_.lower() in _PLAN_HEADS or c.lemma_.lower() in _PURPOSE_HEADS)
                        for c in head.head.children):
            return True     # "foiled a plot to bomb the parliament", "announced an offensive to capture the boss"
                            # (the parse hangs the infinitive on the verb)
        head = head.head
        lemma = head.lemma_.lower()
        if lemma in _PRESUPPOSE and tok.pos_ == "NOUN":
            return False    # "demanded that Cerezo investigate the assassination": the assassination took place
        if lemma in _FEAR_HEADS and tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.i == head.i:
            return True     # "officials fear an attack on the capital" (not "fear that dozens were killed")
        if lemma == "face" and tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.i == head.i and any(
                c.dep_ == "aux" and c.lower_ == "to" for v in (head, head.head) for c in v.children):
            return True     # an ultimatum: "gave the government until Friday to meet its demands or face attacks"
        if lemma in _PLAN_HEADS and head.lemma_.lower() not in ("try", "attempt"):
            if tok.dep_ == "acl" and head.pos_ == "NOUN" and lemma in _ORDER_NOUNS:
                return False    # "gave the order to assassinate six priests": told as what was done
            return head.lower_ not in ("called", "ordered") or tok.dep_ == "xcomp"
    return False


def _inverted_condition(verb: Token) -> bool:
    """"Had the bomb exploded", "Were the army to attack", "Should fighting resume": a condition told by putting the
    auxiliary before the subject."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (verb.lower_ in ("had", "were", "should") and verb.i < subj.i or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should") and c.i < subj.i
        for c in verb.children))


def _or_face(tok: Token) -> bool:
    """An ultimatum's threat, read off the words since the parse of "or face" is unreliable: "leave the valley or face
    attacks", "free the prisoners by Friday or face more attacks", "or face military strikes"."""
    i = tok.i - 1
    while i > max(1, tok.i - 4) and tok.doc[i].lower_ != "face" \
            and (tok.doc[i].pos_ in ("DET", "ADJ", "NUM") or tok.doc[i].dep_ == "compound"):
        i -= 1      # ("more", "military", "air")
    return i > 0 and tok.doc[i].lower_ == "face" and tok.doc[i - 1].lower_ == "or"


def _hypothetical_noun(tok: Token, lex: dict[str, TriggerType]) -> bool:
    """An event noun of what only might happen: the subject of a harm that might follow ("an assault on the city
    would kill thousands", "any attack would leave hundreds dead"), or the head of a word that is its means
    ("planning suicide attacks": "suicide")."""
    if tok.dep_ in ("compound", "amod") and tok.head.pos_ == "NOUN":
        return _planned(tok.head) or _hypothetical_noun(tok.head, lex)
    return tok.pos_ == "NOUN" and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" \
        and (_token_trigger(tok.head, lex) is not None or tok.head.lemma_.lower() in CAUSING
             or _counts_people(tok.head)) \
        and _planned(tok.head) \
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.head.children)


def _counts_people(verb: Token) -> bool:
    """A verb whose object is a count ("would force 200,000 people from their homes", "could send thousands
    fleeing"): what it would do to them is a toll."""
    return any(c.dep_ == "dobj" and (c.like_num or _is_count(c) or any(g.dep_ == "nummod" for g in c.children))
               for c in verb.children)


def _attribution(tok: Token) -> str | None:
    """"X claimed responsibility for the attack" -> claim; "denied any responsibility for ..." -> accuse.

    Only explicit claims and denials: "who was responsible for the killing" reports the killing."""
    head = tok
    resp = False
    for _ in range(6):
        if head.head.i == head.i:
            break
        done = tok.pos_ == "NOUN" and _agency_denied(head)
        head = head.head
        lemma = head.lemma_.lower()
        if lemma in _RESP_WORDS or done:
            resp = True     # "responsibility for the attack", "carrying out the attack"
        elif lemma in _DENY_ACCUSE and resp:
            return "accuse"
        elif lemma in _ACCUSATION_WORDS and tok.pos_ == "NOUN":
            return "accuse"
        elif lemma in _CLAIM_VERBS and resp:
            told = _told_with_toll(tok) or (tok.dep_ in ("relcl", "acl") and _told_with_toll(tok.head))
            return None if told else "claim"    # (also the toll's own verb: "..., which killed four soldiers")
    return None


def _told_with_toll(tok: Token) -> bool:
    """An act whose own clause tells its toll: "claimed responsibility for a grenade blast that left three pupils
    hurt", "... for the ambush, which killed two soldiers" (the claim names an act the text reports)."""
    return any(c.dep_ in ("relcl", "acl") and any(t.lemma_.lower() in _TOLL_WORDS or t.lower_ in _TOLL_WORDS
                                                  for t in c.subtree)
               for n in ([tok, tok.head] if tok.dep_ == "compound" else [tok]) for c in n.children)


def _agency_denied(tok: Token) -> bool:
    """A denial of who did an act, not of the act: "denied carrying out the bombing", "denied that its fighters had
    staged the attack" (the bombing took place)."""
    return tok.pos_ == "NOUN" and tok.dep_ == "dobj" and (tok.head.lemma_.lower() in _AGENCY_VERBS
                                                          or tok.head.lower_ in _AGENCY_VERBS)


def _side(text: str) -> str | None:
    """'gov' or 'nonstate' for the actor text (state forces vs rebels, militants, ...)."""
    non = _NONSTATE.search(text)
    gov = _GOV.search(text)
    if non and (not gov or non.start() < gov.start()):
        return "nonstate"
    if gov:
        return "gov"
    return None


@dataclass(frozen=True)
class _Context:
    """What the context rules read about one trigger."""

    trigger: Token
    cat: str                # the trigger's category ("expl.ied")
    fam: str                # its family ("expl")
    sent: str               # the trigger's sentence, lower-cased
    before: str             # the part of ``sent`` left of the trigger
    window: str             # the sentence(s) that report the event, lower-cased
    a1: str                 # actor1, lower-cased ("" = none)
    a2: str                 # actor2, lower-cased ("" = none)
    corroborated: bool      # the text reports violence in a clause of its own, not only inside a claim or denial
    protest: bool           # a protest context: a protest word in the sentence, or a protest or riot trigger


# a context rule: (new category, rule name) when it applies, else None (the next rule is tried)
_Refinement = tuple[str, str] | None


def _context(ev_type: TriggerType, trigger: Token, window: str, actor1: str | None, actor2: str | None,
             corroborated: bool) -> _Context:
    """The context of a trigger the rules read (see :func:`refine_type` for the arguments)."""
    cat = ev_type.category
    fam = cat.split(".")[0]
    sent = trigger.sent.text.lower()
    protest = _protest_told(trigger.sent) if fam in ("vac", "battle", "sd", "expl") or cat == "riot.mob" \
        else fam in ("protest", "riot")     # (a mob is no protest unless the sentence tells one)
    return _Context(trigger, cat, fam, sent, sent[: max(0, trigger.idx - trigger.sent.start_char)], window,
                    (actor1 or "").lower(), (actor2 or "").lower(), corroborated, protest)


def _protest_told(sent: Span) -> bool:
    """A protest word in the sentence that is not only planned or feared ("arrested 12 activists, citing the
    possibility of protests": no protest took place)."""
    text = sent.text.lower()
    for m in _PROTEST_STRONG.finditer(text):
        tok = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
        if tok is not None and len(tok) and tok.root.dep_ == "compound" \
                and tok.root.head.lemma_.lower() in _PROTEST_GROUP_NOUNS:
            continue    # "the leader of the protest movement": a group named, no protest told
        if tok is None or not len(tok) or not _planned(tok.root):
            return True
    return False


_PROTEST_GROUP_NOUNS = frozenset(("movement", "group", "leader", "organiser", "organizer", "network", "committee",
                                  "coalition", "party", "song", "slogan", "camp"))


# the cue words of the protest rules, read only where they are told as having happened
_TOLD_CUES = (_PROTESTER_VIOLENCE, _LETHAL, _INTERVENE, _MOB)
def _unreal(tok: Token) -> bool:
    """A word told as not having happened: planned, feared, conditional or negated, itself or the verb or noun it
    hangs on ("police could use tear gas", "the risk of clashes", "no one was injured", "did not fire on")."""
    t = tok
    for _ in range(3):
        if _planned(t) or _negated_or_denied(t):
            return True
        if t.dep_ not in ("dobj", "pobj", "prep", "compound", "amod", "xcomp", "acomp") or t.head is t:
            return False
        t = t.head
    return False


def _told_cues_only(doc: Doc, text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the protest rules' cue words that are told as not having happened blanked (same
    length): "organisers warned that police could use tear gas" is no intervention, "no one was injured" no
    lethal force, "raising the risk of clashes" no protester violence."""
    piece = text[start:end]
    low = piece.lower()
    for rx in _TOLD_CUES:
        for m in rx.finditer(low):
            span = doc.char_span(start + m.start(), start + m.end(), alignment_mode="expand")
            if span is not None and len(span) and _unreal(span.root):
                piece = piece[:m.start()] + " " * (m.end() - m.start()) + piece[m.end():]
    return piece


def _rule_attribution(c: _Context) -> _Refinement:
    """"X claimed responsibility for the attack" -> claim, "denied any responsibility for ..." -> accuse: a
    statement about violence is not violence (CASE-2021 'attribution'), unless the text reports the violence
    in a clause of its own."""
    if c.fam in ("vac", "expl", "battle") and not c.corroborated:
        attrib = _attribution(c.trigger)
        if attrib is not None:
            return attrib, f"attribution:{attrib}"
    return None


def _rule_weapons_test(c: _Context) -> _Refinement:
    """"missile tests", "a test of a hydrogen bomb": not shelling or bombing."""
    if c.fam == "expl" and _TEST.search(c.sent):
        return "weapons_test", "weapons-test"
    return None


def _rule_expelled_diplomats(c: _Context) -> _Refinement:
    """"expelled two diplomats": diplomacy (CASE-2021 'diplomacy'), unless the trigger is violent."""
    if _EXPEL_DIPLOMATS.search(c.sent) and c.fam not in ("vac", "expl", "battle"):
        return "expel", "expel-diplomats"
    return None


def _rule_mob(c: _Context) -> _Refinement:
    """A mob, vigilantes or a lynching with no protest: mob violence."""
    if c.fam == "riot" or (c.fam in ("vac", "battle", "sd") and _MOB.search(c.sent)
                           and not (_MOB.search(c.a2) and not _MOB.search(c.a1))):
        if _MOB.search(c.window) and not c.protest:
            return "riot.mob", "mob"
    return None


def _rule_unarmed_clash(c: _Context) -> _Refinement:
    """ACLED: a clash between sides of no armed organisation ("opposition supporters clashed with ruling party
    workers", "rival student groups clashed") is mob violence, not an armed clash; one between such a side and the
    police is a riot."""
    if c.cat == "battle.clash" and not c.protest and _UNARMED_SIDE.search(c.sent):
        armed = [m.group() for m in _ARMED_ACTOR.finditer(_UNARMED_SIDE.sub(" ", c.sent))]
        if not armed:
            return "riot.mob", "unarmed-clash"
        if all(_POLICE_SIDE.fullmatch(a) for a in armed) and any("police" in a for a in armed):
            # "police clashed with opposition supporters outside the court": rioters against the police
            return "riot.violent_demonstration", "unarmed-clash-with-police"
    return None


def _rule_protest_about_violence(c: _Context) -> _Refinement:
    """"protests over the police shooting": the violence is what the protest is about, not force against it."""
    if (c.fam == "vac" or c.cat == "sd.arrest") and c.protest and c.trigger.pos_ == "NOUN" and (
            (c.trigger.dep_ == "pobj" and c.trigger.head.lower_ in _CAUSE_PREPS)
            or (c.trigger.dep_ == "dobj" and c.trigger.head.lemma_.lower() in _GRIEVANCE_VERBS)):
        # ("to protest the arrest of their leader": that arrest is no force against this protest)
        rest = re.sub(r"\b" + re.escape(c.trigger.lower_) + r"\b", " ", c.window, count=1)
        if _PROTESTER_VIOLENCE.search(c.window):
            return "riot.violent_demonstration", "protest-about-violence+protester-violence"
        if _INTERVENE.search(rest):
            return "protest.intervention", "protest-about-violence+intervention"
        return "protest.peaceful", "protest-about-violence"
    return None


_SPARK_VERBS = _word_list("spark-verb")


def _rule_protest(c: _Context) -> _Refinement:
    """A demonstration: who uses violence decides the ACLED type. Protesters' violence -> riot (even when
    police intervene); else deaths or live fire -> excessive force; tear gas, dispersal, arrests ->
    intervention; else a peaceful protest. An explosion stays an explosion unless a protest word is in its
    target or before it."""
    if not c.protest or c.cat in ("expl.chemical", "sd.agreement", "sd.ceasefire"):
        return None
    if c.fam in ("vac", "expl", "battle") and c.trigger.dep_ == "dobj" \
            and c.trigger.head.lemma_.lower() in _GRIEVANCE_VERBS:
        return None     # "suspended the dialogue to protest a dynamite attack": the attack is no protest
    if c.fam in ("vac", "expl", "battle") and c.trigger.dep_ in ("nsubj", "nsubjpass") \
            and c.trigger.head.lemma_.lower() in _SPARK_VERBS \
            and any(o.dep_ == "dobj" and _PROTEST_STRONG.search(o.lower_) for o in c.trigger.head.children):
        return None     # "The killing of the priest sparked protests": the act the protests answer, none on them
    if c.fam in ("expl", "battle") and any(_PROTEST_STRONG.fullmatch(a.lower_) for a in c.trigger.ancestors):
        return None     # "a funeral march for the nine guards who died in the blast": what the march is
                        # for, no force used on it
    if c.fam == "expl" and not _PROTEST_STRONG.search(c.a2 + " " + c.before):
        return None
    if (_PROTESTER_VIOLENCE.search(c.window) and not _PROTEST_STRONG.search(c.a2)) \
            or (c.fam == "vac" and any(ch.dep_ == "nsubj" and _PROTEST_STRONG.fullmatch(ch.lower_)
                                       for ch in c.trigger.children)):
        # ("protesters beat a policeman": the protesters' own violence)
        return "riot.violent_demonstration", "protest+protester-violence"
    if _LETHAL.search(c.window) and (c.fam != "sd" or "kill" in c.window or "dead" in c.window):
        return "protest.excessive_force", "protest+lethal-force"
    if _INTERVENE.search(c.window):
        return "protest.intervention", "protest+intervention"
    if c.fam in ("protest", "riot"):
        return ("protest.peaceful" if c.fam == "protest" else c.cat), "protest"
    return None


def _rule_looting(c: _Context) -> _Refinement:
    """Looting, burning, destroying shops, homes, vehicles with no one killed and no armed group named (by
    rioters it is a riot: the protest rules come first)."""
    if c.fam in ("vac", "riot", "battle", "sd") and c.cat not in ("sd.weapons", "sd.agreement") \
            and _LOOT.search(c.sent) and _PROPERTY.search(c.sent) \
            and not _DEATH.search(c.sent) and not _NONSTATE.search(c.sent):
        return "sd.looting", "property-destroyed"
    return None


def _rule_crime(c: _Context) -> _Refinement:
    """Ordinary crime (robbery, drugs, smuggling, theft) with no political actor: not an ACLED event; a
    weapons seizure is crime only when drugs are seized too."""
    if c.cat in ("sd.arrest", "crime", "battle.nsa_overtakes", "battle.gov_regains", "vac.attack", "vac.kill",
                 "sd.weapons") \
            and _CRIME.search(c.sent) and not _POLITICAL.search(c.sent) \
            and (c.cat != "vac.kill" or _ROBBERY.search(c.sent)) \
            and (c.cat != "sd.weapons" or "drug" in c.sent):
        return "crime", "crime"
    return None


def _within_family(sent: Span) -> bool:
    """A word of violence within a family in the sentence: "his wife", "a domestic dispute"; not a kin word
    coordinated with another victim ("a farmer and his wife": the farmer's wife, not the killer's)."""
    text = sent.text.lower()
    for m in _DOMESTIC.finditer(text):
        span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
        if span is None or not len(span) or span.root.dep_ != "conj":
            return True
    return False


def _rule_domestic(c: _Context) -> _Refinement:
    """Violence within a family or a couple ("stabbed his wife to death", "shot dead in a domestic dispute") with no
    political actor: ordinary crime, which ACLED does not code."""
    if c.fam == "vac" and c.cat not in ("vac.sexual", "vac.abduction") and _within_family(c.trigger.sent) \
            and not _POLITICAL.search(c.sent) and not c.protest and not _GANG.search(c.sent):
        return "crime", "domestic"
    return None


def _rule_weapons_seized(c: _Context) -> _Refinement:
    """Weapons found, seized or defused before use (no casualties): disrupted weapons use."""
    if (c.fam in ("expl", "sd") or c.cat == "battle.nsa_overtakes") and _WEAPON_SEIZED.search(c.sent) \
            and not _CASUALTY.search(c.sent):
        return "sd.weapons", "weapons-seized"
    return None


def _rule_base_established(c: _Context) -> _Refinement:
    """"set up a new base", "established checkpoints" (no casualties): headquarters or base established."""
    if c.fam in ("sd", "battle") and _HQ.search(c.sent) and not _CASUALTY.search(c.sent):
        return "sd.hq", "base-established"
    return None


def _is_person(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in _CAPTURED_PERSONS


def _captures_persons(trigger: Token) -> bool:
    """"captured two suspects", "a commander was seized", "the leader, who was captured by police": the trigger
    takes people, not a place."""
    if trigger.lemma_.lower() not in ("capture", "seize"):
        return False
    if trigger.dep_ == "relcl" and any(
            c.dep_ == "nsubjpass" and (c.lower_ == "who" or c.lower_ == "that" and _is_person(trigger.head))
            for c in trigger.children):
        return True     # ("who" is a person whatever the head's parse)
    return any(c.dep_ in ("nsubjpass", "dobj") and _is_person(c) for c in trigger.children)


def _rule_territory_needs_place(c: _Context) -> _Refinement:
    """Capturing territory needs a place (town, district, base, control): capturing people is an arrest, or an
    abduction when an armed group seizes them; with no place the word means fighting."""
    if c.cat not in ("battle.nsa_overtakes", "battle.gov_regains"):
        return None
    if _captures_persons(c.trigger):     # (a place in the sentence too: "captured two suspects in the town of X")
        side = _side(c.a1) or _side(c.before)
        if side == "nonstate" or (side is None and any(
                t.pos_ in ("NOUN", "PROPN") and (t.lemma_.lower() in _CAPTIVE_CUES or t.lower_ in _CAPTIVE_CUES)
                for t in c.trigger.sent)):
            # "rebels seized three engineers"; "commandos have seized two citizens and will reveal the conditions
            # for their release": held for a price, by a side not told as the state's
            return "vac.abduction", "persons-seized-by-armed-group"
        return "sd.arrest", "captured-persons"
    if not _PLACE_OBJ.search(c.sent):
        return "battle.clash", "no-territory"
    return None


def _rule_operation_arrests(c: _Context) -> _Refinement:
    """"conducted a military operation in the forest and arrested four herders", "police raided the party's offices
    and detained its leaders": an operation or a raid whose only outcome told is arrests is the arrests."""
    doc = c.trigger.doc
    if c.cat == "battle.clash" and ((c.trigger.lemma_.lower() == "raid" and c.trigger.pos_ == "VERB") or (
            c.trigger.i + 1 < len(doc) and doc[c.trigger.i + 1].lemma_.lower() == "operation")) \
            and _ARRESTS.search(c.sent) and not _CASUALTY.search(c.window):
        return "sd.arrest", "operation-arrests"
    return None


_FIGHT_WORDS = re.compile(r"\b(?:gun ?battle|gunfight|firefight|clash\w*|exchange of fire|exchanged fire|fighting|"
                          r"shoot-?out)\b")


def _rule_search_raid(c: _Context) -> _Refinement:
    """"Police raided the offices of an opposition newspaper and seized equipment": state forces' raid on premises of
    no armed side, with no one hurt, is a search, no battle (ACLED: strategic development, other)."""
    if c.cat == "battle.clash" and c.trigger.lemma_.lower() == "raid" and c.a1 and _GOV.search(c.a1) and c.a2 \
            and not _ARMED_ACTOR.search(c.a2) and not _NONSTATE.search(c.a2) and not _CASUALTY.search(c.window) \
            and not _DEATH.search(c.window) and not _attacks_armed_post(c.sent) \
            and not _NONSTATE.search(c.window) and not _FIGHT_WORDS.search(c.window):
        return "sd.other", "search-raid"
    return None


def _rule_withdrawal(c: _Context) -> _Refinement:
    """Forces withdrawing and another side taking over without casualties: a non-violent transfer of
    territory; a withdrawal no one takes over is a change to the group's activity."""
    if c.cat not in ("battle.nsa_overtakes", "battle.gov_regains", "sd.transfer"):
        return None
    if _TRANSFER.search(c.window) and _TAKEOVER.search(c.window) and not _CASUALTY.search(c.sent):
        return "sd.transfer", "withdrawal-handover"
    if c.cat == "sd.transfer" and not _TAKEOVER.search(c.window):
        return "sd.change_group", "withdrawal-no-takeover"
    return None


def _rule_taker_side(c: _Context) -> _Refinement:
    """Territory taken: the taker's side (actor1, else the words before the trigger) decides between the
    government regaining it and a non-state actor overtaking it."""
    if c.cat not in ("battle.nsa_overtakes", "battle.gov_regains"):
        return None
    side = _side(c.a1) or _side(c.before)
    if side == "gov":
        return "battle.gov_regains", "territory-taken-by-state"
    if side == "nonstate":
        return "battle.nsa_overtakes", "territory-taken-by-non-state"
    return None


def _rule_accident(c: _Context) -> _Refinement:
    """An explosion or death with an accident word (plant, boiler, crash, leak ...) and no hostile word: a
    man-made disaster."""
    if (c.fam == "expl" or c.cat in ("vac.attack", "vac.kill")) and c.cat != "expl.chemical" \
            and _ACCIDENT.search(c.window) and not _HOSTILE.search(c.window):
        return "disaster.man_made", "accident"
    return None


def _rule_means(c: _Context) -> _Refinement:
    """The means decides the ACLED sub-event type of an explosion: "suicide" -> suicide bomb; aircraft with a
    shelling or bombing trigger -> air/drone strike."""
    if c.fam == "expl" and c.cat != "expl.suicide" and _SUICIDE.search(c.sent):
        return "expl.suicide", "suicide"
    if c.cat in ("expl.shelling", "expl.ied") and _aircraft_means(c.trigger.sent):
        return "expl.air", "aircraft"
    return None


_TARGET_PREPS = frozenset(("against", "on", "at", "toward", "towards"))
# verbs whose object is what is hit ("shot down a helicopter", "downed a drone")
_TARGET_VERBS = frozenset(("shoot", "down", "hit", "attack", "ambush", "strike", "destroy", "damage"))


def _aircraft_means(sent: Span) -> bool:
    """An aircraft word in the sentence that is no target ("a bomb aimed at a helicopter", "rebels shot down a
    helicopter", "fired at a plane"): the means of the strike."""
    for m in _AIR.finditer(sent.text.lower()):
        words = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
        if words is None or not len(words):
            return True
        tok = words.root
        target = (tok.dep_ == "pobj" and tok.head.lower_ in _TARGET_PREPS) or (
            tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB"
            and tok.head.lemma_.lower() in _TARGET_VERBS)
        if not target:
            return True
    return False


def _rule_sexual_violence(c: _Context) -> _Refinement:
    """Rape, sexual assault, abuse of women or girls: sexual violence."""
    if c.fam == "vac" and c.cat != "vac.sexual" and _SEXUAL.search(c.sent):
        return "vac.sexual", "sexual-violence"
    return None


_FIGHTING_CAUSE = _word_list("fighting-cause")


def _causes(trigger: Token) -> list[Token]:
    """The nouns the text puts deaths or harm down to: the subject of the trigger ("fighting between the army and
    the rebels killed 30 people") or its setting ("were killed in clashes with troops", "died during the fighting",
    "killed by strikes", "caught in the crossfire")."""
    out: list[Token] = []
    for head in [trigger, *(t for t in trigger.conjuncts if t.i < trigger.i)]:
        for child in head.children:
            if child.dep_ in ("nsubj", "agent"):
                out += [child] if child.dep_ == "nsubj" else [p for p in child.children if p.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ in ("in", "during", "by"):
                out += [p for p in child.children if p.dep_ == "pobj"]
    return out


def _caused_by_fighting(trigger: Token) -> bool:
    """Deaths or harm the text puts down to fighting between armed sides (see :func:`_causes`)."""
    return any(c.lemma_.lower() in _FIGHTING_CAUSE for c in _causes(trigger))


def _rule_strikes(c: _Context) -> _Refinement:
    """"Israeli strikes killed 15 people", "were killed in strikes on the town": strikes that kill are from the
    air (a labour strike kills no one)."""
    if c.cat in _GENERIC_HARM and any(x.lemma_.lower() == "strike" and x.pos_ == "NOUN" for x in _causes(c.trigger)):
        return "expl.air", "deadly-strikes"
    return None


def _rule_killed_in_fighting(c: _Context) -> _Refinement:
    """ACLED: people killed or hurt in fighting between armed sides are a battle's victims, civilians too
    ("Fighting between the army and the rebels killed 30 people"); the fighting's own rank is below a killing's
    so that "gunmen killed five villagers amid the fighting" stays an attack."""
    if c.cat in _GENERIC_HARM and _caused_by_fighting(c.trigger):
        return "battle.clash", "killed-in-fighting"
    return None


def _rule_armed_target(c: _Context) -> _Refinement:
    """ACLED: violence against an armed, organised side (actor2, or "attacked an army checkpoint") is a
    battle, not violence against civilians."""
    if c.fam != "vac" or c.cat in ("vac.sexual", "vac.abduction"):
        return None
    carried = _CARRYING.search(c.a2)
    if carried is not None and not _ARMED_ACTOR.search(carried.group(1)):
        return None     # "a convoy of aid workers": who is in it
    armed_doer = not c.a1 or _ARMED_ACTOR.search(c.a1) or _NONSTATE.search(c.a1) or _GOV.search(c.a1) \
        or _ARMED_ATTACKERS.search(c.a1)
    if _ARMED_ACTOR.search(c.a2) and armed_doer:
        return "battle.clash", "armed-target"
    if _attacks_armed_post(c.sent) and (_NONSTATE.search(c.sent) or _ARMED_ATTACKERS.search(c.a1 or c.before)
                                        or _GOV.search(c.a1 or c.before)):
        return "battle.clash", "attack-on-armed-post"
    if c.trigger.dep_ in ("advcl", "xcomp") and c.trigger.tag_ == "VBG" and armed_doer:
        # "shot down a military helicopter, killing its crew": the crew of what the act it follows hit
        hit = next((o for o in c.trigger.head.children if o.dep_ == "dobj"), None)
        if hit is not None and _ARMED_ACTOR.search(" ".join(t.lower_ for t in (*(
                c for c in hit.children if c.dep_ in ("compound", "amod")), hit))):
            return "battle.clash", "armed-target-hit"
    return None


def _rule_troop_movement(c: _Context) -> _Refinement:
    """Troop movements, new units, defections (deploy, send, reinforce, form ... troops) without casualties:
    a change to the group's activity."""
    if c.fam in ("sd", "battle", "expl") and c.cat not in ("sd.arrest", "sd.weapons", "sd.hq", "sd.agreement") \
            and _TROOPS.search(c.sent) and not _CASUALTY.search(c.window) \
            and not (c.cat == "sd.transfer" and _TAKEOVER.search(c.window)):
        return "sd.change_group", "troop-movement"
    return None


# the context rules in the order they are tried: the first that applies decides
_CONTEXT_RULES = (
    _rule_attribution, _rule_weapons_test, _rule_expelled_diplomats,
    _rule_mob, _rule_unarmed_clash, _rule_protest_about_violence, _rule_protest,
    _rule_looting, _rule_crime, _rule_domestic, _rule_weapons_seized, _rule_base_established,
    _rule_territory_needs_place, _rule_operation_arrests, _rule_search_raid, _rule_withdrawal, _rule_taker_side,
    _rule_accident, _rule_means, _rule_sexual_violence, _rule_strikes, _rule_killed_in_fighting, _rule_armed_target,
    _rule_troop_movement,
)


def refine_type(ev_type: TriggerType, trigger: Token, window: str, actor1: str | None,
                actor2: str | None, corroborated: bool = False) -> tuple[TriggerType, str]:
    """The event's category after the context rules; the name of the rule that decided ('' = the trigger's).

    ``window`` is the lower-cased text of the sentence(s) that report the event; actors come from the parse;
    ``corroborated``: the text reports violence in a clause of its own, not only inside a claim or denial.
    """
    context = _context(ev_type, trigger, window, actor1, actor2, corroborated)
    for rule in _CONTEXT_RULES:
        refined = rule(context)
        if refined is not None:
            category, name = refined
            return typed(category, ev_type.rank), name
    return ev_type, ""


# --- perpetrator: a named organisation the text attributes the attack to --------------------------------

_GENERIC_PERP = _word_list("generic-perpetrator")
_ATTRIBUTE_LEMMAS = _word_list("attribute")
_CLAIM_OBJECTS = _word_list("claim-object")


def _generic_actor(mention: Mention | None, doc: Doc) -> bool:
    if mention is None:
        return True
    span = doc.char_span(mention[1][0], mention[1][1], alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    if head.lower_ not in _GENERIC_PERP and (head.pos_ == "PROPN" or head.ent_type_ in ("ORG", "NORP")):
        return False
    # "Guerrillas" at the start of a sentence is often tagged a proper noun: only other words can name
    named = [t for t in span if t is not head and (t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP"))
             and t.lower_ not in _GENERIC_PERP and not t.is_sent_start]
    return (head.lower_ in _GENERIC_PERP or head.ent_type_ in ("DATE", "TIME") or head.like_num
            or "-" in head.text and any(ch.isdigit() for ch in head.text)) and not named


# "the farabundo marti national liberation front (fmln)" (groups 1, 2: name, acronym); "shining path" (group 3)
_NAMED_ORG = re.compile(
    r"\b((?:[a-z][\w'.\-]* ){1,6}?(?:" + _cues("org-head") + r")(?: of (?:[a-z][\w'\-]* ){0,3}?"
    r"(?:" + _cues("org-of") + r"))?)\s*[\[(]([a-z][a-z\-]{1,7})[\])]"
    r"|\b(" + _cues("known-org") + r")\b", re.I)


def _named_armed_org(doc: Doc) -> Mention | None:
    """The armed organisation the article names most often: "the farabundo marti national liberation front
    (fmln)" and its acronym, "the extraditables". Used when the clause names only "guerrillas"."""
    text = text_of(doc)
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    for m in _NAMED_ORG.finditer(text):
        if m.group(3):
            key = m.group(3).lower()
            span = m.span(3)
        else:
            key = m.group(2).lower()
            span = m.span(2)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, span)
    if not counts:
        return None
    for key in list(counts):
        if re.fullmatch(r"[a-z]{2,8}", key):
            counts[key] += len(re.findall(rf"\b{re.escape(key)}\b", text, re.I)) - 1
    best = max(counts, key=lambda k: (counts[k], -first[k][0]))
    s, e = first[best]
    return text[s:e], (s, e)


def _attributed_actor(doc: Doc) -> Mention | None:
    """"the attack was attributed to X", "X claimed responsibility", "blamed X for": the first such X."""
    for tok in doc:
        lemma = tok.lemma_.lower()
        cand: Token | None = None
        if lemma in _ATTRIBUTE_LEMMAS:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "on"):
                    cand = next((g for g in c.children if g.dep_ == "pobj"), None)
                elif lemma == "blame" and c.dep_ == "dobj" and tok.dep_ != "amod":
                    cand = c
                if cand is not None:
                    break
        elif lemma in _CLAIM_VERBS and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _CLAIM_OBJECTS for c in tok.children):
            cand = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if cand is not None and cand.dep_ == "nsubj" and cand.pos_ == "PRON" and tok.dep_ == "relcl":
                cand = tok.head
        elif lemma in _CLAIM_OBJECTS and tok.dep_ in ("nsubjpass", "dobj"):
            agent = next((c for c in tok.head.children if c.dep_ == "agent"), None)
            if agent is not None:
                cand = next((g for g in agent.children if g.dep_ == "pobj"), None)
        if cand is None or cand.pos_ == "PRON" or _is_count(cand):
            continue
        mention = _np(cand)
        if not _generic_actor(mention, doc) or cand.pos_ == "PROPN":
            return mention
    return None


# statements, threats and crime: a later violent report takes the main event from them even with figures
_WEAK = frozenset("diplomacy threat accuse sanction expel claim crime weapons_test sd.displacement".split())
_GENERIC_HARM = frozenset(("vac.attack", "vac.kill"))


def _weak(t: TriggerType) -> bool:
    return t.category in _WEAK


def find_events(doc: Doc) -> list[FoundEvent]:
    """Events of the article, the main event first."""
    lex = triggers()
    dates: list[TimeExpr] = doc._.dateline_dates or []
    story = _read_story(doc, lex, dates)
    _settle_main_event(doc, story, lex)
    for ev in sorted(story.events, key=lambda e: e.precedes is not None or e.follows is not None):
        # (an event told as days before or after another is dated once that one is)
        _complete_event(doc, ev, story, lex, dates)
    return story.events


# a trigger found in a sentence: its token, lexicon key and type
_Hit = tuple[Token, str, TriggerType]


@dataclass
class _SentenceTriggers:
    """The triggers of one sentence, as the grouping reads them."""

    best: _Hit | None = None         # the highest-ranked trigger the sentence reports
    denied: bool = False             # a violent trigger is negated or denied
    planned: _Hit | None = None      # the first planned or threatened trigger ("plans to attack")
    verb_reports: int = 0            # violent verbs reported in a clause of their own ("bombs exploded")


@dataclass
class _Story:
    """The events of an article while its sentences are read in order."""

    events: list[FoundEvent] = field(default_factory=list)
    main: FoundEvent | None = None           # the main event, kept first in ``events``
    current: FoundEvent | None = None        # the reported event later sentences join
    background: FoundEvent | None = None     # the background event later background sentences join
    pending_figures: list[Figure] = field(default_factory=list)           # figures read before any event
    pending_denials: list[tuple[int, int]] = field(default_factory=list)  # denying sentences, for the main event
    planned: _Hit | None = None              # the article's first planned or threatened trigger
    verb_reports: int = 0                    # violent verbs reported in a clause of their own
    background_end: int | None = None        # the end of the last sentence read whole as background
    background_goes_on: bool = False         # that sentence went on with the one before it
    others_told: bool = False                # the sentence read announced other incidents
    after_others: bool = False               # ... the one before the sentence read did


def _zero_count(tok: Token) -> bool:
    """The casualty word of a figure of none ("no one was hurt", "there were no deaths")."""
    return any(f.negated and f.trigger_span[0] <= tok.idx < f.trigger_span[1]
               for f in tok.doc._.dateline_figures or [])


def _sentence_triggers(sent: Span, lex: dict[str, TriggerType], skip: list[Span] | None = None) -> _SentenceTriggers:
    """The triggers of a sentence: a topic ("a summit on the attacks") is no trigger, a negated or denied one
    makes the sentence a denial, a planned one ("could attack", "plans to attack") is set aside; of the rest the
    highest rank wins (the first of equal ranks). Tokens of the ``skip`` clauses (background) are not read."""
    found = _SentenceTriggers()
    agreed: _Hit | None = None
    asks = _yes_no_question(sent, modals=False)
    for tok in sent:
        if skip and any(c.start <= tok.i < c.end for c in skip):
            continue
        hit = _token_trigger(tok, lex)
        if hit is None:
            continue
        key, ttype, _ = hit
        if _topic(tok):
            continue
        if asks and tok.pos_ == "VERB" and not any(a.dep_ == "relcl" for a in tok.ancestors) \
                and tok.dep_ != "relcl":
            continue    # "Was anyone killed?", "Did the army bomb the village?": asked, not told
        if asks and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") \
                and tok.head.pos_ in ("VERB", "AUX") and tok.head.dep_ != "relcl" \
                and not any(a.dep_ == "relcl" for a in tok.head.ancestors):
            continue    # "Did police open fire on the crowd?", "Was there an attack?" (not "Was anyone hurt in the
                        # attack?", which takes the attack as told)
        if ttype.category == "riot.mob" and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") \
                and (verb := _token_trigger(tok.head, lex)) is not None and verb[1].violent:
            continue    # "bandits killed three vigilantes": the vigilantes are the victims, not the event
        if _negated_or_denied(tok):
            # a count of none ("no one was hurt", "no deaths were reported") is a figure of zero, not a denial
            found.denied = found.denied or (ttype.violent and not _zero_count(tok))
            continue
        if ttype.category not in ("threat", "accuse") and (_planned(tok) or _hypothetical_noun(tok, lex)):
            if found.planned is None:
                found.planned = (tok, key, ttype)
            continue
        if ttype.violent and tok.pos_ == "VERB" and _attribution(tok) is None:
            found.verb_reports += 1
        if ttype.category in _AGREEMENTS and agreed is None and _in_main_clause(tok):
            agreed = (tok, key, ttype)
        if found.best is None or ttype.rank > found.best[2].rank:
            found.best = (tok, key, ttype)
    if agreed is not None and found.best is not None and found.best[2].violent and _ended(found.best[0]) \
            and not any((hit := _token_trigger(t, lex)) is not None and hit[1].violent
                        for t in _main_clause_words(sent)):
        # "The two sides agreed to a ceasefire after weeks of fighting", "signed a deal to end the clashes": the
        # main clause tells the agreement, the fighting is what it ends or follows
        found.best = agreed
    return found


_AGREEMENTS = frozenset(("sd.agreement", "sd.ceasefire"))
# what an agreement ends or follows: "to end the fighting", "after weeks of clashes"
_ENDING = frozenset(("end", "halt", "stop", "cease", "after", "following"))


def _ended(tok: Token) -> bool:
    """An act an agreement ends or follows, only named: the object of "end", "halt", "stop" or "cease", or after
    "after" or "following" ("after weeks of fighting"), within three steps up and no verb of its own between."""
    if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in tok.children):
        return False        # "signed after fighting killed 40 people": told with its toll
    t = tok
    for _ in range(3):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in _ENDING or t.lower_ in _ENDING:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False    # told in a clause of its own: "signed after fighting killed 40 people"
    return False


def _main_clause_words(sent: Span) -> list[Token]:
    """The main clause's verb, its subject, object and attribute, and the verb's open complement's."""
    root = _main_verb(sent)
    verbs = [root, *(c for c in root.children if c.dep_ == "xcomp")]
    return [*verbs, *(c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"))]


def _in_main_clause(tok: Token) -> bool:
    """Whether ``tok`` is one of :func:`_main_clause_words` of its sentence, or a noun's compound in them
    ("a ceasefire deal")."""
    words = _main_clause_words(tok.sent)
    return any(w.i == tok.i or (tok.dep_ == "compound" and tok.head.i == w.i)
               or (w.pos_ == "VERB" and tok.dep_ == "pobj" and tok.head.head.i == w.i and tok.head.lower_ == "to")
               for w in words)


# a yes-no question's opening ("Was anyone killed?")
# (of what is or was so: "will", "could" ... questions are the modals' business)
_ASKS = re.compile(r"^\W*(?:did|do|does|was|were|is|are|has|have|had)\b", re.I)
_ASKS_MODAL = re.compile(r"^\W*(?:will|would|could|can|should|shall|may|might|must)\b", re.I)


def _yes_no_question(sent: Span, modals: bool = True) -> bool:
    """"Did the army bomb the village?", "Will the rebels attack?": a sentence that asks whether, ending in "?"
    (``modals=False``: not one opening with a modal, which the modal rules read)."""
    return (_ASKS.match(sent.text) is not None or (modals and _ASKS_MODAL.match(sent.text) is not None)) \
        and sent.text.rstrip().rstrip("\"'\u201d").endswith("?")


_CLAUSE_DEPS = frozenset({"relcl", "advcl", "acl"})
# nouns whose "of" phrase names a happening of an earlier time ("the anniversary of the massacre")
_REMEMBERED = _word_list("remembered")


def _background_clauses(sent: Span, dates: list[TimeExpr], ref_year: int | None,
                        lex: dict[str, TriggerType]) -> list[Span]:
    """The subordinate clauses of a sentence that are background on their own, while the rest of it is not:
    "Gunmen killed 12 people on Monday in the district where hundreds died a decade ago." Their figures and
    triggers belong to a background event, the rest of the sentence to the story's events. A clause that dates
    an event word ("the protests that began in 2009") makes that word background too: then the sentence is
    read whole."""
    clauses: list[Span] = []
    for tok in sent:
        if tok.lower_ in _REMEMBERED and tok.pos_ == "NOUN":
            # "On the anniversary of the coup, police fired on protesters": the coup is of another time, the
            # firing is not
            for of in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                sub = sent.doc[of.i:of.right_edge.i + 1]
                if len(sub) < len(sent) - 1 and not any(c.start <= sub.start and sub.end <= c.end for c in clauses):
                    clauses.append(sub)
            continue
        if tok.head.i == tok.i:
            continue
        if tok.dep_ == "relcl" and tok.head.dep_ == "pobj" and _dated_before(tok.head, dates, ref_year):
            # "the deadliest since a 2017 attack that killed 500": an earlier happening the sentence compares with,
            # dated by its own word, with what its clause tells
            sub = sent.doc[tok.head.left_edge.i:tok.head.right_edge.i + 1]
            if len(sub) < len(sent) - 1 and not any(c.start <= sub.start and sub.end <= c.end for c in clauses):
                clauses.append(sub)
            continue
        if tok.lower_ == "since" and tok.i > sent.start + 2 and any(
                p.dep_ == "pobj" and p.pos_ == "NOUN" and _token_trigger(p, lex) is not None
                and (_dated_before(p, dates, ref_year) or (ref_year is not None and any(
                    _YEAR.fullmatch(c.text) and int(c.text) < ref_year and c.dep_ in ("nummod", "compound", "amod")
                    for c in p.children))) for p in tok.children) \
                and any(_token_trigger(t, lex) is not None for t in sent.doc[sent.start:tok.i]):
            # "..., the deadliest attack since a 2021 blast at the airport killed 170": the rest of the sentence
            # tells of the earlier happening, whatever the parse hangs its verb on
            end = sent.end - 1 if sent[-1].is_punct else sent.end
            sub = sent.doc[tok.i:end]
            if len(sub) < len(sent) - 1 and not any(c.start <= sub.start and sub.end <= c.end for c in clauses):
                clauses = [c for c in clauses if not (sub.start <= c.start and c.end <= sub.end)] + [sub]
            continue
        if tok.text == ";" and sent.start < tok.i < sent.end - 2 \
                and not any(t.text == ";" for t in sent.doc[sent.start:tok.i]):
            # "Two soldiers died on Friday in an ambush; last year, a similar attack killed 40": each piece between
            # semicolons is a clause of its own, whatever the parse hangs on which
            cuts = [sent.start - 1] + [t.i for t in sent if t.text == ";"] + [sent.end]
            for part in (sent.doc[a + 1:b] for a, b in zip(cuts, cuts[1:], strict=False) if b - a > 1):
                if _is_background(part, dates, ref_year) and not any(c.start <= part.start and part.end <= c.end
                                                                     for c in clauses):
                    clauses = [c for c in clauses if not (part.start <= c.start and c.end <= part.end)] + [part]
            continue
        if tok.dep_ not in _CLAUSE_DEPS:
            continue
        sub = sent.doc[tok.left_edge.i:tok.right_edge.i + 1]
        if len(sub) >= len(sent) - 1 or any(c.start <= sub.start and sub.end <= c.end for c in clauses):
            continue
        if _is_background(sub, dates, ref_year) or _long_after(tok) or _when_then(tok, dates, ref_year) \
                or _event_of_an_earlier_year(sub, ref_year, lex) or _running_total(sub, dates):
            if _running_total(sub, dates):
                # "..., the latest in a series of attacks that have killed 200 people this month": the series' tally
                clauses.append(sub)
                continue
            if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN") \
                    and _token_trigger(tok.head, lex) is not None:
                return []
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children) \
                    and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
                            for c in tok.head.children):
                return []   # "150 reporters have been killed since the war began in 2003": a tally since then
            clauses.append(sub)
    if not clauses:
        return []
    inside = {i for c in clauses for i in range(c.start, c.end)}
    rest = "".join(t.text_with_ws if t.i not in inside else " " * len(t.text_with_ws) for t in sent)
    unrecorded = _without_records(rest)
    if _BACKGROUND.search(unrecorded) or not any(t.i not in inside and not t.is_punct for t in sent):
        return []
    rest_dates = [d for d in dates if sent.start_char <= d.span[0] < sent.end_char
                  and not any(c.start_char <= d.span[0] < c.end_char for c in clauses)
                  and not unrecorded[d.span[0] - sent.start_char].isspace()]
    if ref_year is not None and any(d.end is not None and d.end.year < ref_year and d.precision == "year"
                                    for d in rest_dates):
        return []
    return clauses


_YEAR = re.compile(r"(?:19|20)\d\d")
_PERIOD_START = _word_list("period-start")
# how many days before the report a running total's "since" must reach back: "since Sunday" may count the story's
# own clashes, "since January" counts a period's
_RUNNING_DAYS = 7
# prepositions of a whole period ("during the war", "throughout the insurgency")
_WHOLE_PERIOD_PREPS = frozenset(("during", "throughout", "in"))


def _running_total(clause: Span, dates: list[TimeExpr]) -> bool:
    """A clause in the present perfect that counts since a time more than a week before the report, or since a
    happening that opens a period ("More than 300 people have been killed in the state since January", "30,000
    have been detained since the August election", "have killed 60 people since the coup began", "have killed 200
    people this month", "During the war, 70,000 people have died"): a running total of many incidents, not one of
    the story's."""
    pub: date | None = clause.doc._.dateline_published
    root = clause.root
    for verb in (root, *(c for c in root.children if c.dep_ == "conj")):
        if verb.tag_ != "VBN" or not any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have"
                                         and c.tag_ in ("VBP", "VBZ") for c in verb.children):
            continue
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in _WHOLE_PERIOD_PREPS and any(
                    c.dep_ == "pobj" and c.lemma_.lower() in _PERIOD_START for c in prep.children):
                return True     # "During this ten-year war, 70,000 people have died"
        for since in verb.children:
            if since.lower_ != "since" or since.dep_ != "prep":
                continue
            for obj in (c for c in since.children if c.dep_ == "pobj"):
                if obj.lemma_.lower() in _PERIOD_START:
                    return True
                start = next((x.start for x in dates if x.start is not None
                              and obj.left_edge.idx <= x.span[0] <= obj.right_edge.idx), None)
                if start is not None and pub is not None and (pub - start).days > _RUNNING_DAYS:
                    return True
        if any(c.dep_ == "npadvmod" and c.lemma_.lower() in ("year", "month") and any(
                d.dep_ == "det" and d.lower_ == "this" for d in c.children) for c in verb.children):
            return True     # "a series of attacks that have killed 200 people this month"
        for clause_head in verb.children:
            # "have been killed since the war began": the clause "since" opens
            if clause_head.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since"
                                                   for m in clause_head.children):
                subject = next((c for c in clause_head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and subject.lemma_.lower() in _PERIOD_START:
                    return True
    return False


def _event_of_an_earlier_year(clause: Span, ref_year: int | None, lex: dict[str, TriggerType]) -> bool:
    """A clause with an event word and a year before the reference year that modifies a noun of it: "(the city)
    where more than 1,000 died in a 2017 siege", "(the town) that was razed in the 2008 war"."""
    return ref_year is not None and any(
        _YEAR.fullmatch(t.text) and int(t.text) < ref_year and t.dep_ in ("nummod", "compound", "amod", "nmod")
        and t.head.pos_ == "NOUN" for t in clause) and any(_token_trigger(t, lex) is not None for t in clause)


def _dated_before(noun: Token, dates: list[TimeExpr], ref_year: int | None) -> bool:
    """An event noun a year before the reference year modifies: "a 2017 attack", "the 2008 massacre"."""
    return ref_year is not None and any(
        c.dep_ in ("nummod", "compound", "amod", "nmod") and any(
            d.span[0] <= c.idx < d.span[1] and d.end is not None
            and d.end.year < (ref_year if d.precision == "year" else ref_year - 1) for d in dates)
        for c in noun.children)     # (as _is_background: a day or a month two calendar years back)


def _when_then(clause_head: Token, dates: list[TimeExpr], ref_year: int | None) -> bool:
    """"... since 2015, when jihadists killed 20": a clause on a date of an earlier year tells of that year."""
    head = clause_head.head
    return clause_head.dep_ == "relcl" and ref_year is not None and any(
        d.span[0] <= head.idx < d.span[1] and d.end is not None and d.end.year < ref_year for d in dates)


def _long_after(clause_head: Token) -> bool:
    """"... on Sunday, four years after an attack on the same church killed 41": a clause "years (months, decades)
    after" which the main clause happened tells of an earlier happening."""
    return any(m.dep_ == "mark" and m.lower_ == "after" and any(
        d.dep_ == "npadvmod" and d.lemma_.lower() in ("year", "month", "decade") for d in m.children)
        for m in clause_head.children)


def _dated_in(phrase: Span, dates: list[TimeExpr]) -> bool:
    """Whether the words give a date of their own (not the wire dateline's)."""
    return any(phrase.start_char <= x.span[0] < phrase.end_char and not x.is_dateline for x in dates)


def _add_after(story: _Story, sent: Span, found: _SentenceTriggers,
               earlier: list[tuple[Span, Token, TriggerType, int]], figures: list[Figure],
               dates: list[TimeExpr], alongside: bool = False) -> None:
    """A violent report that came days after another happening the sentence tells ("A day after the ambush
    that killed four soldiers, the army launched an offensive that killed 20") opens an event of its own. The
    earlier happening's figures go with it: to the violent event told before (the ambush the story told), or,
    in a story's first report, to an event of its own, dated that many days before. A happening told
    ``alongside`` (the same day, elsewhere) is always an event of its own."""
    prior = story.current if story.current is not None and story.current.type.violent and not alongside else None
    before = []
    after: tuple[FoundEvent, int] | None = None
    for phrase, trigger, ttype, days in earlier:
        mine = [f for f in figures if phrase.start_char <= (
            f.trigger_span if f.trigger_span[1] > f.trigger_span[0] else f.span)[0] < phrase.end_char]
        figures = [f for f in figures if f not in mine]
        if prior is not None and prior.type.category.split(".")[0] == ttype.category.split(".")[0] \
                and not (days == NO_DAYS and (mine or _dated_in(phrase, dates))):
            # (what a protest is against, counted or dated in its own words, is a happening of its own: "marched
            # against the killing of nine villagers last month")
            prior.figures.extend(mine)
            after = (prior, days)
            continue
        ev = FoundEvent("reported", trigger.text, _tok_span(trigger), ttype, days_before=days)
        ev.actor1, ev.actor2 = _actors(trigger)
        ev.sentences.append((phrase.start_char, phrase.end_char))
        ev.figures = mine
        before.append(ev)
    assert found.best is not None
    story.planned = story.planned or found.planned
    story.verb_reports += found.verb_reports
    if prior is not None and _names_again(found.best[0], found.best[2], prior):
        # "The attack comes a week after 58 civilians were killed in the same region": the story's act again
        current = prior
    else:
        current = _open_event(story, found.best[0], found.best[2])
    if after is not None and after[0] is not current:
        current.follows, current.days_after = after
    current.after_phrases = [(p.start_char, p.end_char, days) for p, _, _, days in earlier]
    current.sentences.append((sent.start_char, sent.end_char))
    current.figures.extend(figures)
    if found.denied:
        current.denials.append((sent.start_char, sent.end_char))
    for ev in before:
        ev.precedes = current
        story.events.append(ev)


_SAME_ACT_DETS = frozenset(("the", "this"))
_GENERIC_ACTS = _word_list("generic-act")


def _names_again(tok: Token, ttype: TriggerType, current: FoundEvent) -> bool:
    """A definite noun naming the current violent event again ("The attack comes a week after ...", "The bombing
    was the second in a month"): the same word, a word of the same kind of act, or a generic one."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in _SAME_ACT_DETS for c in tok.children):
        return False
    lemma = tok.lemma_.lower()
    return lemma in _GENERIC_ACTS or lemma == current.trigger.lower() \
        or ttype.category.split(".")[0] == current.type.category.split(".")[0]


_GRIEVANCE_PREPS = frozenset(("against", "over"))
_GRIEVANCE_VERBS = frozenset(("protest", "condemn", "denounce", "decry", "mourn", "demand"))
NO_DAYS = -1    # an earlier happening told with no count of days between ("marched against the killing of nine")


def _grievances(sent: Span, lex: dict[str, TriggerType]) -> list[tuple[Span, Token, TriggerType, int]]:
    """The acts of violence a protest in the sentence is against: "marched against the killing of nine villagers",
    "protested over the shooting of a teenager", "rallied to condemn Wednesday's attack", "gathered to mourn the
    11 people killed in the attack". Each as (its words, its trigger, its type, :data:`NO_DAYS`)."""
    out: list[tuple[Span, Token, TriggerType, int]] = []
    for tok in sent:
        if tok.dep_ == "pobj" and tok.head.lower_ in _GRIEVANCE_PREPS:
            host = tok.head.head
        elif tok.dep_ == "dobj" and tok.head.lemma_.lower() in _GRIEVANCE_VERBS:
            host = tok.head
        else:
            continue
        protest = _token_trigger(host, lex)
        if not ((protest is not None and protest[1].category.startswith("protest"))
                or host.lemma_.lower() in _GRIEVANCE_VERBS):
            continue
        hit = _token_trigger(tok, lex)
        if hit is None and host.lemma_.lower() in _GRIEVANCE_VERBS:
            # "to mourn the 11 people killed in the attack": the victims, told by the act that killed them
            hit = next((h for c in tok.children if c.dep_ in ("acl", "relcl")
                        and (h := _token_trigger(c, lex)) is not None), None)
        if hit is None or not _armed(hit[1]) or any(o[0].start <= tok.i < o[0].end for o in out):
            continue
        end = tok.right_edge.i
        for c in host.children:
            if c.dep_ == "prep" and c.i == end + 1 and c.lower_ in ("in", "during") and any(
                    g.dep_ == "pobj" and (h := _token_trigger(g, lex)) is not None and _armed(h[1])
                    for g in c.children):
                end = c.right_edge.i    # "to condemn the killing of two farmers in last week's raid"
        phrase = sent.doc[tok.left_edge.i:end + 1]
        if len(phrase) < len(sent) - 2:
            best = _sentence_triggers(phrase, lex).best     # its strongest word: "a dynamite attack" is a bombing
            if best is not None and _armed(best[2]):
                out.append((phrase, best[0], best[2], NO_DAYS))
            else:
                out.append((phrase, tok, hit[1], NO_DAYS))
    return out


_EARLIER_UNITS = {"day": 1, "night": 1, "week": 7}
_ARMED_FAMILIES = frozenset(("vac", "battle", "expl"))


def _main_act(sent: Span, lex: dict[str, TriggerType]) -> bool:
    """The sentence's main clause tells an act of violence: its verb ("troops raided a camp") or the verb's subject or
    object ("the army launched an offensive") is an armed trigger; not a clause under a statement ("detectives say
    they are looking for the man who opened fire")."""
    root = _main_verb(sent)
    words = [root] + [c for c in root.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    return any((hit := _token_trigger(t, lex)) is not None and _armed(hit[1]) for t in words)


def _main_verb(sent: Span) -> Token:
    """The verb of a sentence's main clause; of what is said when the sentence is a report ("Two people were shot
    Sunday, police said": "shot")."""
    root = sent.root
    if root.lemma_.lower() in _SAY_LEMMAS:
        said = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if said is not None:
            return said
    return root


def _armed(t: TriggerType) -> bool:
    """Violence against someone: an attack, a battle, an explosion (not a protest or a riot)."""
    return t.category.split(".")[0] in _ARMED_FAMILIES


_SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                  "thirty": 30, "several": 3, "few": 3}


def _earlier_happenings(sent: Span, lex: dict[str, TriggerType]) -> list[tuple[Span, Token, TriggerType, int]]:
    """The happenings a sentence's event came days or weeks after, told in the same sentence: "A day after
    the ambush that killed four soldiers, ..." (a phrase), "Two days after gunmen killed 12 villagers, ..." (a
    clause). Each as (its words, its trigger, its type, the days between), when the rest of the sentence reports an
    event of its own (the caller checks). Years after are background (:func:`_long_after`); hours after, most
    often the same happening's next act (a manhunt, a death)."""
    out: list[tuple[Span, Token, TriggerType, int]] = []
    main = _main_verb(sent)
    for unit in sent:
        lemma = unit.lemma_.lower()
        if unit.dep_ != "npadvmod" or lemma not in _EARLIER_UNITS:
            continue
        after = next((c for c in unit.children if c.dep_ == "prep" and c.lower_ == "after"), None)
        if after is not None and unit.head.i == main.i:   # "a day after the ambush ...": a phrase on the unit
            words = [c for c in after.children if c.dep_ == "pobj"]
            phrase = sent.doc[unit.left_edge.i:unit.right_edge.i + 1]
        elif unit.head.lower_ == "after" and unit.head.dep_ == "prep" and unit.head.head.i == main.i \
                and unit.i < unit.head.i and main.lemma_.lower() not in _FOLLOW_LEMMAS:
            # the parse hangs the unit on the preposition: "opened fire on Tuesday, two days after clashes in ..."
            # (not "this attack comes a week after an attack on ...": an earlier act the story follows)
            words = [c for c in unit.head.children if c.dep_ == "pobj"]
            phrase = sent.doc[unit.left_edge.i:unit.head.right_edge.i + 1]
        elif unit.head.dep_ == "advcl" and unit.head.head.i == main.i \
                and any(m.dep_ == "mark" and m.lower_ == "after" for m in unit.head.children):
            words = [unit.head]     # "two days after gunmen killed 12 villagers, ...": the clause
            phrase = sent.doc[unit.head.left_edge.i:unit.head.right_edge.i + 1]
        else:
            continue
        hits = [(t, hit) for t in [*words, *phrase] if (hit := _token_trigger(t, lex)) is not None and hit[1].violent]
        if not hits or len(phrase) >= len(sent) - 2:
            continue
        counts = [c for c in unit.children if c.dep_ in ("nummod", "det", "amod")
                  and (c.lower_ in _SMALL_NUMBERS or c.like_num)]
        count = next((c for c in counts if c.lower_ not in ("a", "an")), counts[0] if counts else None)
        n = 1 if count is None else _SMALL_NUMBERS.get(count.lower_) or (int(count.text) if count.text.isdigit()
                                                                          else 1)
        days = n * _EARLIER_UNITS[lemma]
        trigger, hit = hits[0]
        out.append((phrase, trigger, hit[1], days))
    return out


def _regions_in(doc: Doc, start: int, end: int) -> set[tuple[str, str | None]]:
    """The (country, first-level region) of the places named in ``[start, end)``."""
    return {(m.country, m.admin1 if m.level != "country" else None) for m in doc._.dateline_places or []
            if start <= m.span[0] < end and m.role == "place" and m.place is not None and m.country}


def _alongside(sent: Span, lex: dict[str, TriggerType]) -> list[tuple[Span, Token, TriggerType, int]]:
    """Clauses that tell another act of violence elsewhere on the same occasion: "Police shot dead two suspects in
    Lagos on Monday, while in Kano gunmen abducted a businessman" (a clause under "while" with its own doer and a
    place in another region than the rest of the sentence). Each as (its words, its trigger, its type, 0 days)."""
    main = _main_verb(sent)
    out: list[tuple[Span, Token, TriggerType, int]] = []
    for tok in sent:
        if tok.dep_ != "advcl" or tok.head.i != main.i or tok.i <= main.i \
                or not any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in tok.children) \
                or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue
        hit = _token_trigger(tok, lex)
        if hit is None or not _armed(hit[1]) or _planned(tok):
            continue
        phrase = sent.doc[tok.left_edge.i:tok.right_edge.i + 1]
        here = _regions_in(sent.doc, phrase.start_char, phrase.end_char)
        rest = _regions_in(sent.doc, sent.start_char, phrase.start_char) | \
            _regions_in(sent.doc, phrase.end_char, sent.end_char)
        if here and rest and here.isdisjoint(rest):
            out.append((phrase, tok, hit[1], 0))
    return out


def _dated_relative_acts(sent: Span, lex: dict[str, TriggerType],
                         dates: list[TimeExpr]) -> list[tuple[Span, Token, TriggerType, int]]:
    """Relative clauses on a place that tell another act of violence on a day, a week or a month apart from the
    rest of the sentence's: "A car
    bomb killed 12 people in the town where a soldier was shot dead on Friday", "... near the market where a bomb
    wounded 20 people last month" (not "the attack that killed four on Friday", the same act, nor "the bomb that
    exploded on Friday"). Each as (its words, its trigger, its type, 0 days)."""
    doc = sent.doc
    main = _main_verb(sent)
    out: list[tuple[Span, Token, TriggerType, int]] = []
    if _tells_a_death(sent):
        return out      # "A man who was shot on Christmas Eve died Tuesday": his death, of the same act
    for tok in sent:
        if tok.dep_ != "relcl" or tok.head.pos_ not in ("NOUN", "PROPN") or _token_trigger(tok.head, lex) is not None \
                or tok.i == main.i:
            continue
        where = any(c.lower_ == "where" for c in tok.children) or (
            tok.head.dep_ == "pobj" and tok.head.head.lower_ in ("in", "at", "near", "outside", "inside"))
        if not where:
            continue    # a clause on a place only ("the town where ...", "near a market that was bombed in May")
        phrase = doc[tok.left_edge.i:tok.right_edge.i + 1]
        if len(phrase) >= len(sent) - 2:
            continue
        if any(c.dep_ == "prep" for c in tok.children if c.i < tok.i) or any(
                c.dep_ == "poss" for t in phrase for c in t.children):
            continue    # "a bar in which five men were hurt", "where Sunday's attack took place": the
                        # story's own act, named again
        theirs = [(d.start, d.end) for d in dates if phrase.start_char <= d.span[0] < phrase.end_char
                  and d.start is not None and d.end is not None and not d.is_dateline
                  and d.precision in ("day", "week", "month") and not dates_a_report(doc, d)]
        own = [(d.start, d.end) for d in dates if sent.start_char <= d.span[0] < sent.end_char
               and not phrase.start_char <= d.span[0] < phrase.end_char and d.start is not None
               and d.end is not None and not d.is_dateline and d.precision in ("day", "week", "month")
               and not dates_a_report(doc, d)]
        if not theirs or not own or not all(a_hi < b_lo or a_lo > b_hi for a_lo, a_hi in theirs for b_lo, b_hi in own):
            continue    # the clause and the rest of the sentence each dated, on other days ("the home where three
                        # people were killed early Monday" with no other day is the story's own act)
        hits = [(t, h) for t in phrase if (h := _token_trigger(t, lex)) is not None and _armed(h[1])
                and not _planned(t) and not _negated_or_denied(t)
                and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children)]
        rest = [t for t in sent if not phrase.start <= t.i < phrase.end and (h := _token_trigger(t, lex)) is not None
                and _armed(h[1])]
        if hits and rest:
            out.append((phrase, hits[0][0], hits[0][1][1], 0))
    return out


def _read_story(doc: Doc, lex: dict[str, TriggerType], dates: list[TimeExpr]) -> _Story:
    """Group the article's sentences (not its credit lines) into events, in text order."""
    figures: list[Figure] = doc._.dateline_figures or []
    ref_year = _reference_year(doc, dates)
    story = _Story()
    for sent in doc.sents:
        if CREDIT_LINE.search(sent.text):
            continue
        story.after_others = story.others_told
        story.others_told = story.main is not None and _OTHER_INCIDENTS.search(sent.text) is not None
        span = (sent.start_char, sent.end_char)
        sent_figs = [f for f in figures if span[0] <= f.span[0] < span[1]]
        past = _background_clauses(sent, dates, ref_year, lex)
        # (an earlier happening dated to an earlier year is background: "days after the conviction in the July 19,
        # 2012, theater shooting that left 12 people dead")
        earlier = [] if past else [e for e in _earlier_happenings(sent, lex)
                                   if not _is_background(e[0], dates, ref_year)]
        if not past and not earlier and (grievances := _grievances(sent, lex)) \
                and not _is_background(sent, dates, ref_year) and not _timeline_entry(doc, sent, dates):
            found = _sentence_triggers(sent, lex, skip=[g[0] for g in grievances])
            if found.best is not None and found.best[2].category.startswith("protest"):
                # "Hundreds marched on Friday against the killing of nine villagers in Wednesday's attack": the
                # protest and the killing it protests, each with its own date and figures
                _add_after(story, sent, found, grievances, sent_figs, dates)
                story.background_end, story.background_goes_on = None, False
                continue
        if earlier:
            found = _sentence_triggers(sent, lex, skip=[e[0] for e in earlier])
            if found.best is not None and _armed(found.best[2]) and all(_armed(e[2]) for e in earlier) \
                    and _main_act(sent, lex) and not _tells_a_death(sent):
                # (not "died two days after he was shot": his death; not "marched a day after five were shot")
                _add_after(story, sent, found, earlier, sent_figs, dates)
                continue
        if not past and not earlier and (beside := _alongside(sent, lex) + _dated_relative_acts(sent, lex, dates)) \
                and not _is_background(sent, dates, ref_year) and not _timeline_entry(doc, sent, dates):
            found = _sentence_triggers(sent, lex, skip=[b[0] for b in beside])
            if found.best is not None and _armed(found.best[2]):
                # "... in Lagos on Monday, while in Kano gunmen abducted a businessman": two happenings
                _add_after(story, sent, found, beside, sent_figs, dates, alongside=True)
                story.background_end, story.background_goes_on = None, False
                continue
        if past:
            # this week's toll and a historical one in one sentence: each to its own event
            for clause in past:
                # a figure goes with its casualty word ("a 17-year-old who was killed in April")
                in_clause = [f for f in sent_figs
                             if clause.start_char <= (f.trigger_span if f.trigger_span[1] > f.trigger_span[0]
                                                      else f.span)[0] < clause.end_char]
                _add_background(story, _sentence_triggers(clause, lex).best,
                                (clause.start_char, clause.end_char), in_clause)
                sent_figs = [f for f in sent_figs if f not in in_clause]
            found = _sentence_triggers(sent, lex, skip=past)
        else:
            found = _sentence_triggers(sent, lex)
        story.planned = story.planned or found.planned
        story.verb_reports += found.verb_reports
        goes_on = not past and _goes_on_with_background(doc, story, sent, dates, lex)
        timeline = not past and _timeline_entry(doc, sent, dates)
        told = None if past or goes_on or timeline else _follows_another(sent, story, lex, dates)
        if not past and (goes_on or timeline or told is not None or _is_background(sent, dates, ref_year)
                         or _running_total(sent, dates)):
            best = found.best
            if told is not None:
                # the earlier act's own word, not the story's ("The shooting follows a stabbing last week")
                best = _sentence_triggers(told, lex).best or best
            _add_background(story, best, span, sent_figs)
            if best is None and story.background is not None and \
                    story.background.sentences[-1][1] + 2 >= span[0]:
                story.background.sentences.append(span)
                story.background.figures.extend(sent_figs)
            # the sentence after one that points back may go on with it too ("... in that incident. One of them
            # died."), not the one after that
            story.background_end = span[1]
            story.background_goes_on = timeline or (goes_on and any(_points_back(t, lex) for t in sent))
            continue
        story.background_end, story.background_goes_on = None, False
        if found.best is not None:
            _add_report(story, found.best, sent, sent_figs, found.denied, dates)
            assert story.current is not None
            story.current.background_words += [(c.start_char, c.end_char) for c in past]
        elif found.denied:
            _add_denial(story, span)
        else:
            _add_figures(story, span, sent_figs, doc, dates)
    return story


def _timeline_entry(doc: Doc, sent: Span, dates: list[TimeExpr]) -> bool:
    """An entry of a timeline of earlier happenings: a sentence that opens with a month or a year and a colon
    ("August 2013: Gunman kills six at an apartment complex.") ending more than a month before the report; the
    sentences after it in its paragraph go on with it (the parse often ends a sentence at the colon)."""
    published: date | None = doc._.dateline_published
    if published is None:
        return False
    text = text_of(doc)
    start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    return any(x.span[0] == start and x.precision in ("month", "year") and x.end is not None
               and (published - x.end).days > 31 and text[x.span[1]:x.span[1] + 1] == ":" for x in dates)


_FOLLOW_LEMMAS = frozenset(("come", "follow"))
_PRONOUN_SUBJECTS = frozenset(("this", "it", "that"))
_IT_WORDS = _PRONOUN_SUBJECTS | {"incident"}


def _follows_another(sent: Span, story: _Story, lex: dict[str, TriggerType],
                     dates: list[TimeExpr]) -> Span | None:
    """Whether a sentence tells of an earlier act of violence that the story's violent event came after: "The
    shooting follows a shooting last week that left a gunman dead", "This comes after a man was killed outside the
    bar in November"; the words that tell it, or None. Not when the sentence's subject is an arrest, a charge or
    another follow-up ("The arrest comes after a shooting that killed two": that shooting is the story's); with
    "this" or "it" for subject, only an act the text places in an earlier week, month or year ("It comes after a man
    was shot on Sunday night" may tell the story's own shooting, after an arrest)."""
    current = story.current
    if current is None or not _armed(current.type):
        return None
    root = _main_verb(sent)
    if root.lemma_.lower() not in _FOLLOW_LEMMAS:
        return None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    hit = _token_trigger(subj, lex)
    if not (subj.lemma_.lower() in _IT_WORDS or (hit is not None and _armed(hit[1]))):
        return None
    if root.lemma_.lower() == "follow":
        told = [c for c in root.children if c.dep_ == "dobj"]
    else:
        told = [c for c in root.children if (c.dep_ == "prep" and c.lower_ == "after")
                or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "after" for m in c.children))
                or (c.dep_ == "npadvmod" and any(p.dep_ == "prep" and p.lower_ == "after" for p in c.children))]
    told = [c for c in told if any((h := _token_trigger(t, lex)) is not None and _armed(h[1]) for t in c.subtree)]
    if not told:
        return None
    words = sent.doc[min(c.left_edge.i for c in told):max(c.right_edge.i for c in told) + 1]
    if subj.lower_ in _PRONOUN_SUBJECTS and not any(
            words.start_char <= x.span[0] < words.end_char and not x.is_dateline
            and (x.precision in ("week", "month", "year") or x.kind in ("period", "ago")) for x in dates):
        return None
    return words


def _goes_on_with_background(doc: Doc, story: _Story, sent: Span, dates: list[TimeExpr],
                             lex: dict[str, TriggerType]) -> bool:
    """Whether a sentence goes on telling the earlier happening the sentence just before it told, in the same
    paragraph ("... after a man was killed outside the bar in November 2012. Two people were shot in that
    incident. One of them died."): it gives no date of its own, opens no other incident, and points back to that
    happening ("that incident", "the earlier shooting"), or follows a sentence that did."""
    end = story.background_end
    if end is None or PARAGRAPH.search(text_of(doc), end, sent.start_char) or _SEPARATE.match(sent.text):
        return False
    if _dated_in(sent, dates):
        return False
    return story.background_goes_on or any(_points_back(t, lex) for t in sent)


_BACK_DETS = frozenset(("that", "those"))
_BACK_ADJS = frozenset(("earlier", "previous", "prior", "first"))


def _points_back(tok: Token, lex: dict[str, TriggerType]) -> bool:
    """An event word the sentence points back with: "that incident", "those attacks", "the earlier shooting"."""
    if tok.pos_ != "NOUN" or not (tok.lemma_.lower() in _IT_WORDS or _token_trigger(tok, lex) is not None):
        return False
    return any((c.dep_ == "det" and c.lower_ in _BACK_DETS) or (c.dep_ == "amod" and c.lower_ in _BACK_ADJS)
               for c in tok.children)


def _add_background(story: _Story, best: _Hit | None, span: tuple[int, int], figures: list[Figure]) -> None:
    """A background sentence with a trigger joins the background event just before it (at most two characters
    away), else starts one; background events never lend the main event their dates or figures."""
    if best is None:
        return
    background = story.background
    if background is None or background.sentences[-1][1] + 2 < span[0]:
        background = story.background = FoundEvent("background", best[0].text, _tok_span(best[0]), best[2])
        story.events.append(background)
    background.sentences.append(span)
    background.figures.extend(figures)


def _add_denial(story: _Story, span: tuple[int, int]) -> None:
    """A sentence that only denies ("there was no shooting"): a denial of the current event and, at the end, of
    the main event."""
    story.pending_denials.append(span)
    if story.current is not None:
        story.current.denials.append(span)


def _add_figures(story: _Story, span: tuple[int, int], figures: list[Figure], doc: Doc | None = None,
                 dates: Sequence[TimeExpr] = ()) -> None:
    """A sentence with figures but no trigger joins the current event, or the main one when it dates itself near
    the main event and far from the current one (:func:`_back_to_the_main`); before any event its figures wait for
    the first one."""
    if not figures:
        return
    if doc is not None and story.after_others and story.main is not None:
        # "Police logged a string of other incidents overnight ... Four people were hurt in a brawl": one of them,
        # no figure of the story's event
        word = doc.char_span(*figures[0].trigger_span, alignment_mode="expand") \
            if figures[0].trigger_span[1] > figures[0].trigger_span[0] else None
        if word is not None and len(word):
            other = _open_event(story, word.root, NO_EVENT_TYPE)
            other.sentences.append(span)
            other.figures.extend(figures)
            return
    if doc is not None and story.main is not None and _back_to_the_main(doc, story, span, dates):
        story.main.figures.extend(figures)
        story.main.sentences.append(span)
    elif story.current is not None:
        story.current.figures.extend(figures)
        story.current.sentences.append(span)
    else:
        story.pending_figures.extend(figures)


def _back_to_the_main(doc: Doc, story: _Story, span: tuple[int, int], dates: Sequence[TimeExpr]) -> bool:
    """Whether a sentence told after another event than the main one dates itself more than a week apart from that
    event and near the main one: it goes on with the main event's story ("Police said they had arrested two suspects
    on Monday" after "In January, 12 people were killed ..." in a story of Sunday's attack)."""
    main, current = story.main, story.current
    if main is None or current is None or main is current or current.status != "reported":
        return False

    def ranges(spans: Sequence[tuple[int, int]], grains: tuple[str, ...]) -> list[tuple[date, date]]:
        return [(d.start, d.end) for d in dates for a, b in spans if a <= d.span[0] < b and d.start is not None
                and d.end is not None and d.precision in grains and not d.is_dateline]

    own = ranges([span], ("day", "week"))
    theirs = ranges(current.sentences, ("day", "week", "month"))
    mains = ranges(main.sentences, ("day", "week", "month"))
    far = timedelta(days=_APART_DAYS[1])

    def apart(xs: list[tuple[date, date]], ys: list[tuple[date, date]]) -> bool:
        return all(a_hi < b_lo - far or a_lo > b_hi + far for a_lo, a_hi in xs for b_lo, b_hi in ys)

    return bool(own and theirs and mains) and apart(own, theirs) and not apart(own, mains)


def _add_report(story: _Story, best: _Hit, sent: Span, figures: list[Figure], denied: bool,
                dates: list[TimeExpr]) -> None:
    """A sentence reporting a trigger opens a new event or joins the current one, which its trigger may make
    more specific."""
    tok, _, ttype = best
    span = (sent.start_char, sent.end_char)
    current = story.current
    if current is None or _opens_event(story, current, sent, ttype, dates, tok):
        current = _open_event(story, tok, ttype)
    elif not ttype.violent and story.main is not None and _back_to_the_main(sent.doc, story, span, dates):
        current = story.main    # "Police said they had arrested two suspects on Monday": the main story's arrests
    elif _specifies(current.type, ttype) and len(current.sentences) <= _RETYPE_WITHIN \
            and _sentences_after(sent, current) <= _RETYPE_GAP \
            and not _another_act(tok, current) and not _not_its_means(tok, ttype):
        current.type = ttype
        if current.sentences and current.sentences[0] == span:
            current.trigger, current.trigger_span = tok.text, _tok_span(tok)
    current.sentences.append(span)
    current.figures.extend(figures)
    if denied:
        current.denials.append(span)


def _opens_event(story: _Story, current: FoundEvent, sent: Span, ttype: TriggerType,
                 dates: list[TimeExpr], tok: Token | None = None) -> bool:
    """Whether a reported trigger opens a new event rather than joining ``current``: the sentence opens a separate
    incident ("In another attack, ...") or follows one that announces other incidents ("Police logged a string
    of other incidents overnight."); or, not telling of a death ("he died of his wounds Thursday"),
    it opens with a place of another region ("In Kirkuk, ...") or a later time and tells of another region ("Hours
    later, ... in Quetta"), dates a violent happening 2-7 days apart from the current
    event's ("Two other men were shot Sunday" in a story of a shooting on Tuesday), a day or more apart in
    another region (a wire round-up) or by the other side, or on a day outside the week the current event is dated
    to ("last week" / "On Monday, fresh fighting left three dead"); or a violent report follows a non-violent main
    event that has no figures or is weak (a statement, a threat)."""
    if (_SEPARATE.search(sent.text) or story.after_others) and story.main is not None:
        return True
    if ttype.violent and current.type.violent and current.sentences and tok is not None and _told_apart(tok):
        return True         # "One more was killed in a separate shooting", "a bomb wounded 20 in another town"
    if ttype.violent and current.type.violent and current.sentences and not _tells_a_death(sent):
        if _fronted_compass(sent, current) or (_elsewhere(sent, current) and _also_did(sent)):
            return True     # "In the south, troops killed six militants" after an act in the north; "Bandits also
                            # abducted 20 villagers in Zamfara" after a killing in Plateau
        if (_fronted_place(sent) and _elsewhere(sent, current)) or (_LATER_TIME.search(sent.text) and (
                _elsewhere(sent, current) or (_other_side(tok, current) and not _refers_back(sent)))):
            return True     # a round-up's "In Kirkuk, gunmen shot dead a police officer." after a Baghdad bombing;
                            # "Hours later, gunmen shot dead two policemen in Quetta" after a Peshawar one
        own = _days_in(sent.doc, dates, sent.start_char, sent.end_char)
        first = next((d for d in (_days_in(sent.doc, dates, *sp) for sp in current.sentences) if d), [])
        if own and first and all(_APART_DAYS[0] <= abs((a - b).days) <= _APART_DAYS[1] for a in own for b in first):
            return True
        if own and first and all(1 <= abs((a - b).days) <= _APART_DAYS[1] for a in own for b in first) \
                and (_elsewhere(sent, current) or (_other_side(tok, current) and not _refers_back(sent))):
            return True     # a wire round-up: "... in Kunduz on Friday" then "gunmen shot dead two officers in
                            # Jalalabad on Saturday"; "Gunmen killed three villagers on Monday" then "Soldiers
                            # killed five of the attackers on Tuesday"
        if tok is not None and _apart_from(sent, current, tok, dates):
            return True     # "Two weeks ago, the army killed 65 rebels in a clash" in a story of today's bombing
        weeks = [] if first else next((w for w in (_weeks_in(sent.doc, dates, *sp) for sp in current.sentences)
                                       if w), [])
        # (not "last Thursday": on a Friday it may be yesterday or the week before)
        plain = [x.start for x in dates if sent.start_char <= x.span[0] < sent.end_char and x.start is not None
                 and x.start in own and not x.text.lower().startswith("last ")]
        if plain and weeks and all(not lo <= a <= hi for a in plain for lo, hi in weeks) and not _refers_back(sent):
            return True     # "14 people were killed in clashes last week" then "On Monday, fresh fighting left three
                            # dead": a day outside the week the event was dated to
    return not current.type.violent and ttype.violent and story.main is current \
        and (not current.figures or _weak(current.type))


_OTHER_PLACE_MODS = _word_list("other-place-mod")
_OTHER_PLACE_NOUNS = _word_list("other-place-noun")


def _told_apart(tok: Token) -> bool:
    """The trigger's own words set its act apart from the one told before: the trigger, or the subject of the
    trigger's verb, is "a separate shooting", "another attack" or "a similar attack" ("Earlier this year, a similar
    attack killed 30"), or it names it so ("killed in a separate shooting"), or its clause puts the act in another
    place ("a bomb wounded 20 people in another town", "in a neighbouring district", "in another part of the
    city")."""
    nouns = [tok] if tok.pos_ == "NOUN" else [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                                               and _token_trigger(c, triggers()) is not None]
    # (not a doer: "Another gunman shot two guards at the gate" may be one of the attackers told before)
    nouns = [n for n in nouns if n.lower_ not in _PERPETRATOR_NOUNS and not _agent_word(n)]
    if any(n.tag_ == "NN" and n.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT")
           and any(c.dep_ in ("det", "amod") and c.lower_ in ("another", "separate", "similar") for c in n.children)
           for n in nouns):
        return True     # (not a lead's "two separate shootings", nor "was involved in another shooting")
    at = _clause_verb(tok.doc, _tok_span(tok))
    heads = {tok.i}
    if at is not None:      # the verb, or its object ("wounded 20 people in another town"; not a doer's base:
                            # "soldiers at a neighbouring camp returned fire")
        heads |= {at} | {c.i for c in tok.doc[at].children if c.dep_ in ("dobj", "nsubjpass")}
    for h in heads:
        for prep in tok.doc[h].children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "near", "inside"):
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in _OTHER_PLACE_NOUNS \
                        and any(c.dep_ in ("det", "amod") and c.lower_ in _OTHER_PLACE_MODS for c in noun.children):
                    return True
                if noun.dep_ == "pobj" and noun.tag_ == "NN" and _token_trigger(noun, triggers()) is not None and any(
                        c.dep_ in ("det", "amod") and c.lower_ in ("another", "separate") for c in noun.children):
                    return True     # "one more was killed in a separate shooting"
    return False


def _other_side(tok: Token | None, current: FoundEvent) -> bool:
    """The trigger's doer and the current event's are of two sides, state forces and others ("Soldiers killed five
    of the attackers" after "Gunmen killed three villagers")."""
    if tok is None or current.actor1 is None:
        return False
    mine = _actors(tok)[0]
    if mine is None:
        return False
    return bool(_GOV.search(mine[0].lower())) != bool(_GOV.search(current.actor1[0].lower()))


def _tells_a_death(sent: Span) -> bool:
    """The sentence tells of a death that may come days after the happening it belongs to ("he died of his wounds
    Thursday", "three of the wounded later died"), not of a killing ("gunmen shot dead two police officers", "shot
    two officers to death")."""
    doc = sent.doc
    for t in sent:
        if not (t.lemma_.lower() in _LATER_DEATH or t.lower_ in _LATER_DEATH):
            continue
        before = doc[t.i - 1] if t.i > sent.start else None
        killing = t.head.lemma_.lower() in _KILLED_DEAD or (before is not None and before.lemma_.lower() in
                                                              _KILLED_DEAD) \
            or (t.head.lower_ == "to" and t.head.head.lemma_.lower() in _KILLED_DEAD)
        if not (t.lower_ in ("dead", "death") and killing):
            return True
    return False


_FRONTING_PREPS = frozenset(("in", "near", "outside"))


def _fronted_place(sent: Span) -> bool:
    """The sentence opens with where it happened: "In Kirkuk, ...", "In northern Syria, ...", "Near Kirkuk, ...",
    "Outside Mosul, ..."."""
    words = [t for t in sent if not t.is_space]
    if not words or words[0].lower_ not in _FRONTING_PREPS:
        return False
    comma = next((t for t in words[1:9] if t.text == ","), None)
    places = sent.doc._.dateline_places or []
    return comma is not None and any(words[0].idx < m.span[0] < comma.idx and m.role == "place" for m in places)


_COMPASS = frozenset(("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                      "north-east", "north-west", "south-east", "south-west", "northern", "southern", "eastern",
                      "western", "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
                      "north-western", "south-eastern", "south-western"))


def _compass_root(word: str) -> str:
    return word.lower().replace("-", "").removesuffix("ern")


def _fronted_compass(sent: Span, current: FoundEvent) -> bool:
    """The sentence opens with a part of the country ("In the south, ...", "In the country's northeast, ...") that
    the current event's sentences do not name: a round-up's next region."""
    words = [t for t in sent if not t.is_space]
    if len(words) < 4 or words[0].lower_ not in ("in", "across"):
        return False
    comma = next((t for t in words[1:7] if t.text == ","), None)
    if comma is None:
        return False
    # the part itself ("In the south,", "In the country's northeast,"), not a place it qualifies ("In the southern
    # city, ...", "In northern Mali, ...": maybe the place told before)
    mine = {_compass_root(t.text) for t in words[0].children if t.dep_ == "pobj" and t.lower_ in _COMPASS}
    if not mine:
        return False
    text = text_of(sent.doc)
    theirs = {_compass_root(w) for a, b in current.sentences for w in re.findall(r"[A-Za-z-]+", text[a:b])
              if w.lower() in _COMPASS}
    return mine.isdisjoint(theirs)


def _also_did(sent: Span) -> bool:
    """The main clause tells what its doer "also" did ("Bandits also abducted 20 villagers")."""
    root = _main_verb(sent)
    return any(c.dep_ == "advmod" and c.lower_ == "also" for c in root.children) \
        and any(c.dep_ == "nsubj" for c in root.children)


def _elsewhere(sent: Span, current: FoundEvent) -> bool:
    """The sentence puts its happening in a first-level region (or a country it names) other than every one the
    current event's sentences name: a town of another province, not a street or a suburb of the same town."""
    places = sent.doc._.dateline_places or []

    def regions(lo: int, hi: int, roles: tuple[str, ...]) -> set[tuple[str, str | None]]:
        return {(m.country, m.admin1 if m.level != "country" else None) for m in places
                if lo <= m.span[0] < hi and m.role in roles and m.place is not None and m.country}

    here = regions(sent.start_char, sent.end_char, ("place",))
    theirs = set().union(*(regions(s, e, ("place", "dateline", "org")) for s, e in current.sentences))
    if not here or not theirs:
        return False
    if any(a is None for _, a in here) and {c for c, _ in here}.isdisjoint({c for c, _ in theirs}):
        return True     # the sentence names another country outright ("In neighbouring Mali, ...")
    # within one country, the regions of the places below the country ("CELAYA, Mexico": Celaya's, not Mexico)
    here_sub, theirs_sub = {r for r in here if r[1]}, {r for r in theirs if r[1]}
    return bool(here_sub) and bool(theirs_sub) and here_sub.isdisjoint(theirs_sub)


# a report dated so many days (min, max) from the current event's first dated sentence tells another happening of
# the same days; one dated weeks or months away is mostly the happening a later story is about, told after a
# misdated lead ("... today called for an inquiry into the assassination" ... "the 16 November assassination")
_APART_DAYS = (2, 7)
# words of a death that may come days after the happening it belongs to ("He died of his wounds Thursday")
_LATER_DEATH = _word_list("later-death")
# verbs whose "dead" is the killing itself, not a later death ("was shot dead", "stabbed dead")
_KILLED_DEAD = _word_list("killed-dead")


def _days_in(doc: Doc, dates: list[TimeExpr], start: int, end: int) -> list[date]:
    """The days the expressions in ``[start, end)`` give a happening (not a report's: "officials said today")."""
    return [d.start for d in dates if start <= d.span[0] < end and d.start is not None and d.precision == "day"
            and not d.is_dateline and not dates_a_report(doc, d)]


# words naming a violent happening again ("the attack", "the incident"; the dates stage's list)
_HAPPENING_WORDS = frozenset(words("dates_words", "event"))


def _refers_back(sent: Span) -> bool:
    """The sentence names a happening told before ("The attack took place on Wednesday"): a definite event noun."""
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in _HAPPENING_WORDS
               and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children) for t in sent)


def _apart_from(sent: Span, current: FoundEvent, tok: Token, dates: list[TimeExpr]) -> bool:
    """Whether the act the sentence's main clause tells at ``tok`` is dated, by a day, a week or a month, more than
    a week apart from the current event as its trigger's clause dates it ("Two weeks ago, the army killed 65 rebels
    in a clash" in a story of today's bombing); only the dates of each act's own clause count (not "... was killed
    near his home, only weeks after taking office on 1 September", nor "fired on him a few blocks from where the
    governor was murdered on 4 July": a clause inside the sentence)."""
    doc = sent.doc
    verb = _clause_verb(doc, _tok_span(tok))
    if verb is None or not _main_clause(sent, verb) or _refers_back(sent):
        return False
    own = _ranges_in(doc, dates, sent.start_char, sent.end_char, verb)
    theirs_verb = _clause_verb(doc, current.trigger_span)
    theirs = [r for sp in current.sentences for r in _ranges_in(doc, dates, sp[0], sp[1], theirs_verb)]
    if not theirs:
        # (else the current event as a verb of its sentences dates it, "a wave of bombings that hit the town last
        # night", not a noun: "ahead of the 9 May vote")
        theirs = [(d.start, d.end) for d in dates for a, b in current.sentences
                  if a <= d.span[0] < b and d.start is not None and d.end is not None
                  and d.precision in ("day", "week", "month") and not d.is_dateline and not dates_a_report(doc, d)
                  and _dates_a_verb(doc, d.span)]
    far = timedelta(days=_APART_DAYS[1])
    return bool(own and theirs) and all(a_hi < b_lo - far or a_lo > b_hi + far
                                        for a_lo, a_hi in own for b_lo, b_hi in theirs)


def _dates_a_verb(doc: Doc, span: tuple[int, int]) -> bool:
    """Whether the date at ``span`` hangs on a verb (through prepositions), not on a noun ("the 8 April elections")."""
    words = doc.char_span(*span, alignment_mode="expand")
    if words is None or not len(words):
        return False
    tok = words.root
    while tok.head.i != tok.i and tok.head.pos_ == "ADP":
        tok = tok.head
    return tok.head.pos_ in ("VERB", "AUX") and tok.head.i != tok.i


def _main_clause(sent: Span, verb: int) -> bool:
    """Whether the verb at index ``verb`` heads the sentence's main clause or one joined to it by a semicolon
    ("X was killed on 28 July; Y was killed on 17 October")."""
    main = _main_verb(sent)
    if verb == main.i:
        return True
    doc = sent.doc
    lo, hi = min(verb, main.i), max(verb, main.i)
    return (doc[verb].head.i == main.i or main.head.i == verb) and any(t.text == ";" for t in doc[lo:hi])


def _ranges_in(doc: Doc, dates: list[TimeExpr], start: int, end: int,
               verb: int | None) -> list[tuple[date, date]]:
    """The days, weeks and months the expressions in ``[start, end)`` of the clause of the verb at index ``verb``
    give a happening, first and last day."""
    return [(d.start, d.end) for d in dates if start <= d.span[0] < end and d.start is not None and d.end is not None
            and d.precision in ("day", "week", "month") and not d.is_dateline and not dates_a_report(doc, d)
            and verb is not None and _clause_verb(doc, d.span) == verb]


def _clause_verb(doc: Doc, span: tuple[int, int]) -> int | None:
    """The index of the verb of the clause the words at ``span`` stand in (climbing from their head; the sentence's
    root when no verb heads them, as in a headline), or None when ``span`` is no words of ``doc``."""
    words = doc.char_span(*span, alignment_mode="expand")
    if words is None or not len(words):
        return None
    tok = words.root
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok.i


def _weeks_in(doc: Doc, dates: list[TimeExpr], start: int, end: int) -> list[tuple[date, date]]:
    """The weeks the expressions in ``[start, end)`` give a happening ("last week"), first and last day."""
    return [(d.start, d.end) for d in dates if start <= d.span[0] < end and d.start is not None and d.end is not None
            and d.precision == "week" and not d.is_dateline and not dates_a_report(doc, d)]


def _open_event(story: _Story, tok: Token, ttype: TriggerType) -> FoundEvent:
    """A new reported event at trigger ``tok``, with its actors and the figures read before any event. It is
    the main event when there is none yet, or when it is violent and the main event is not and has no figures
    or is weak (the old main event is dropped)."""
    ev = FoundEvent("reported", tok.text, _tok_span(tok), ttype)
    ev.actor1, ev.actor2 = _actors(tok)
    main = story.main
    if main is None or (not main.type.violent and ttype.violent and (not main.figures or _weak(main.type))):
        if main is not None and main in story.events:
            story.events.remove(main)
        story.main = ev
        story.events.insert(0, ev)
    else:
        story.events.append(ev)
    story.current = ev
    ev.figures.extend(story.pending_figures)
    story.pending_figures = []
    return ev


# a later sentence retypes an event only among its first few ("A man was killed Tuesday. A bomb under his car
# went off ..."); the fifth sentence of a long dispatch that mentions bombing tells of something else
_RETYPE_WITHIN = 2
# ... and only close to what was told of it: after four sentences of other matter (a checkpoint plan that mentions
# explosives, years of bombings) a means tells nothing of how the event was done
_RETYPE_GAP = 3


def _sentences_after(sent: Span, current: FoundEvent) -> int:
    """How many sentences of the text ``sent`` comes after the last sentence of ``current``."""
    if not current.sentences:
        return 0
    last = current.sentences[-1][0]
    return sum(1 for s in sent.doc.sents if last < s.start_char <= sent.start_char)


def _another_act(tok: Token, current: FoundEvent) -> bool:
    """A later trigger in a sentence that tells of a further act ("After killing the family, the terrorists used
    explosives against the town hall"): it does not say how the current event was done."""
    if not current.sentences or tok.sent.start_char == current.sentences[0][0]:
        return False
    # ... or of one more thing the doers did or are tied to ("They are also linked to the car bomb attack on the
    # paper"; not "Police also said a bomb had been planted under his car": "also" of the saying)
    at = _clause_verb(tok.doc, _tok_span(tok))
    return any(t.lower_ in _FURTHER_ACT or (t.lower_ == "also" and t.dep_ == "advmod"
                                             and t.head.lemma_.lower() not in _SAY_LEMMAS
                                             and (t.head.i == at or t.head.i == _main_verb(tok.sent).i))
               for t in tok.sent)


_FURTHER_ACT = _word_list("further-act")
_FIREARMS = _word_list("firearm")
_SERIES = _word_list("series")


def _not_its_means(tok: Token, ttype: TriggerType) -> bool:
    """A later trigger that does not say how the event was done: an explosive coordinated with firearms ("attacked the
    post with mortars and rifle fire": one means of a ground attack), an act of a series ("a wave of kidnappings,
    killings and dynamite attacks"), or acts that keep happening (:func:`_habitual`)."""
    t = tok.head if tok.dep_ in ("compound", "amod") else tok
    if ttype.acled_event_type == "Explosions/Remote violence" and any(
            w.lower_ in _FIREARMS for c in t.conjuncts for w in (c, *c.lefts)):
        return True
    for _ in range(4):
        if t.dep_ != "conj" or t.head.i == t.i:
            break
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in _SERIES:
        return True
    return _habitual(tok)


def _habitual(tok: Token) -> bool:
    """A bare plural of acts in a clause of the present tense: what keeps happening ("victims who are killed in
    indiscriminate bombings"), not how one act was done."""
    noun = tok.head if tok.dep_ in ("compound", "amod") else tok
    if noun.tag_ != "NNS" or any(c.dep_ in ("det", "poss", "nummod") for c in noun.children):
        return False
    at = _clause_verb(noun.doc, _tok_span(noun))
    verb = noun.doc[at] if at is not None else noun
    tenses = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.pos_ in ("VERB", "AUX") and bool(tenses & {"VBZ", "VBP"}) and not tenses & {"VBD", "MD"} \
        and not any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)


def _specifies(current: TriggerType, later: TriggerType) -> bool:
    """Whether a later trigger of an event types it more specifically: generic harm becomes the specific means
    ("killed" ... "the bomb" -> explosion); a battle stays a battle when shells are mentioned later, an arrest
    does not become an agreement."""
    return later.rank > current.rank and current.violent == later.violent and current.category in _GENERIC_HARM \
        and later.acled_event_type != "none"


def _settle_main_event(doc: Doc, story: _Story, lex: dict[str, TriggerType]) -> None:
    """The main event when no sentence reported one: from figures alone, else from a planned event, else the
    lead's verbal event (which also retypes a weak non-violent main event of the lead); the denying sentences
    deny the main event."""
    # figures of what did not happen ("a collapse would kill thousands", "no one was hurt") report no event
    if story.main is None and any(f.modality is None and not f.negated for f in story.pending_figures):
        story.main = _figures_event(doc, [f for f in story.pending_figures if f.modality is None] +
                                    [f for f in story.pending_figures if f.modality is not None])
        story.events.insert(0, story.main)
    if story.main is None and story.planned is not None:
        planned = _planned_event(story.planned, lex)
        verbal = _verbal_event(doc)
        foiling = _foiling_event(story.planned)
        if foiling is not None:
            # "Police foiled a plot to bomb the parliament": the foiling was done, the bombing was not
            story.main = foiling
            story.events.insert(0, story.main)
            story.events.append(planned)
        elif verbal is not None and verbal[0].type.acled_event_type != "none":
            # "Police arrested 12 activists, citing the possibility of protests": the arrest was done, the
            # protests were not; the lead's act is the main event, the planned one follows it
            story.main = verbal[0]
            story.events.insert(0, story.main)
            story.events.append(planned)
        else:
            story.main = planned
            story.events.insert(0, story.main)
    _apply_verbal_event(doc, story)
    if story.main is not None:
        for span in story.pending_denials:
            if span not in story.main.denials:
                story.main.denials.append(span)


def _figures_event(doc: Doc, figures: list[Figure]) -> FoundEvent:
    """Figures but no trigger word: still a reported event of violence, typed by the first figure's kind."""
    first = figures[0]
    ev = FoundEvent("reported", first.trigger, first.trigger_span, _figure_type(first))
    ev.figures.extend(figures)
    ev.sentences.append(_sent_span(doc, first.span))
    return ev


def _foiled_by(tok: Token) -> Token | None:
    """The verb that stopped a planned attack, when the text says it was stopped: "foiled a plot to bomb the church",
    "thwarted an attack on the base" (the verb itself reported, not modal or negated)."""
    head = tok
    for _ in range(4):
        if head.head.i == head.i:
            return None
        head = head.head
        if head.pos_ == "VERB" and head.lemma_.lower() in _FOIL_VERBS:
            if _planned(head) or any(c.dep_ == "neg" for c in head.children):
                return None
            return head
        if head.pos_ == "VERB":
            return None     # another verb between: "said it would bomb ... to disrupt the vote"
    return None


def _foiling_event(planned: _Hit) -> FoundEvent | None:
    """The reported disruption of a planned attack ("Police foiled a plot to bomb the parliament"): ACLED's
    disrupted weapons use."""
    tok, _, ttype = planned
    verb = _foiled_by(tok) if ttype.violent else None
    if verb is None:
        return None
    ev = FoundEvent("reported", verb.text, _tok_span(verb), typed("sd.weapons", ttype.rank))
    ev.rule = f"planned '{tok.text}' ({ttype.category}) foiled -> sd.weapons"
    ev.sentences.append((verb.sent.start_char, verb.sent.end_char))
    ev.actor1, _ = _actors(verb)
    return ev


def _planned_event(planned: _Hit, lex: dict[str, TriggerType]) -> FoundEvent:
    """Only a threatened or planned event: coded with status "planned", never as a reported one. Force an actor
    means to use ("wants to attack", "will bomb") is a threat (CAMEO 13, ACLED none); a mere possibility ("could
    attack") stays a planned attack."""
    tok, _, ttype = planned
    ev = FoundEvent("planned", tok.text, _tok_span(tok), ttype)
    if ttype.violent and "threaten" in lex and _intended(tok):
        ev.type = lex["threaten"]
        ev.rule = f"planned '{tok.text}' ({ttype.category}) -> threat"
    ev.sentences.append((tok.sent.start_char, tok.sent.end_char))
    ev.actor1, ev.actor2 = _actors(tok)
    return ev


def _apply_verbal_event(doc: Doc, story: _Story) -> None:
    """No main event: the lead's verbal event (a statement, an appeal, talks) is the main event. A weak
    non-violent reported main event of ACLED type none in the lead ("talks", "accused") takes the verb
    lexicon's finer code and its actors."""
    main = story.main
    if main is not None and (main.type.violent or main.type.acled_event_type != "none" or main.status != "reported"
                             or main.type.category.startswith("disaster.")):
        return      # (a disaster is no weak event: "Cyclone Idai left 600 dead" is not what "left" says)
    verbal = _verbal_event(doc)
    if verbal is None:
        return
    ev = verbal[0]
    if main is None:
        story.main = ev
        story.events.insert(0, ev)
    elif main.sentences and ev.sentences[0] == main.sentences[0]:
        main.type, main.rule = ev.type, ev.rule
        main.actor1 = ev.actor1 or main.actor1
        main.actor2 = ev.actor2 or main.actor2


def _complete_event(doc: Doc, ev: FoundEvent, story: _Story, lex: dict[str, TriggerType],
                    dates: list[TimeExpr]) -> None:
    """An event's actors, type, date, place and confidence, once all its sentences are known."""
    ev.sentences = sorted(set(ev.sentences))
    anchor = _date_anchor(doc, ev, lex) if ev.status == "reported" else ev.trigger_span
    type_token = _read_lead(doc, ev, anchor, lex) if anchor != ev.trigger_span else None
    if ev.actor1 is None or ev.actor2 is None:
        _fill_actors(doc, ev, lex)
    _name_perpetrator(doc, ev)
    if ev.days_before == NO_DAYS:
        # what a protest is against: the context rules refine it ("a dynamite attack"), but it is no protest
        own_type = ev.type
        _type_event(doc, ev, story.verb_reports > 0, type_token)
        if ev.type.category.split(".")[0] in ("protest", "riot"):
            ev.type = own_type
            ev.rule = f"trigger '{ev.trigger}' -> {own_type.category}; what a protest is against"
    elif ev.type.category != "verbal":
        _type_event(doc, ev, story.verb_reports > 0, type_token)
    if ev.precedes is not None:
        later = ev.precedes.date
        ev.date = own_date(doc, dates, ev.trigger_span)
        if ev.date is None and later is not None and later.start is not None and later.precision == "day" \
                and ev.days_before != NO_DAYS:
            ev.date = _days_from(later, -ev.days_before)
    elif ev.status == "reported":
        dated_at = _headline_dated(doc, ev, dates) or anchor
        ev.date = event_date(doc, dates, dated_at, doc._.dateline_published)
        if ev is not story.main and (own_month := own_period(doc, dates, dated_at, ev.date)) is not None:
            ev.date = own_month     # "Last month, rebels killed 20 soldiers" after today's attack
        inside = next(((a, b, n) for a, b, n in ev.after_phrases if ev.date is not None and ev.date.text
                       and ev.date.kind != "published" and a <= ev.date.span[0] < b), None)
        if inside is not None and inside[2] == NO_DAYS:
            # "marched against Wednesday's killing": Wednesday is the killing's, not the march's
            ev.date = event_date(doc, [x for x in dates if not inside[0] <= x.span[0] < inside[1]], dated_at,
                                 doc._.dateline_published)
        elif inside is not None and ev.date is not None and ev.date.start is not None \
                and ev.date.precision == "day":
            # "A day after the ambush on Monday, the army launched ...": Monday is the ambush's, the offensive's the
            # day after it
            ev.date = _days_from(ev.date, inside[2])
        first = ev.follows.date if ev.follows is not None and ev.days_after != NO_DAYS else None
        if first is not None and first.start is not None and first.precision == "day" and not any(
                ev.sentences[0][0] <= x.span[0] < ev.sentences[0][1] and not x.is_dateline
                and not any(a <= x.span[0] < b for a, b, _ in ev.after_phrases) for x in dates):
            # "A day after the ambush, the army launched an offensive": the day after the ambush's
            ev.date = _days_from(first, ev.days_after)
        ev.date_of_follow_up = ev.date is not None and dates_a_follow_up(doc, ev.date, dated_at)
        if ev.date_of_follow_up and (own := own_date(doc, dates, dated_at)) is not None:
            # "arrested Tuesday in the January shooting that killed two": the month the event word carries is its
            ev.date, ev.date_of_follow_up = own, False
    else:
        ev.date = own_date(doc, dates, ev.trigger_span)
    others = [sp for e in story.events if e is not ev and e.status == "reported" for sp in e.sentences]
    ev.location = event_place(doc, ev.sentences, anchor, ev.status == "reported", others)
    ev.confidence = _confidence(ev, ev is story.main)


def _days_from(x: TimeExpr, days: int) -> TimeExpr:
    """The day-precise date ``days`` from ``x``'s day (a shift from the date the text gives another happening)."""
    assert x.start is not None
    day = x.start + timedelta(days=days)
    return TimeExpr(x.text, x.span, day, day, "day", True, kind="shift")


def _read_lead(doc: Doc, ev: FoundEvent, anchor: tuple[int, int], lex: dict[str, TriggerType]) -> Token | None:
    """The trigger sits in the headline: the story's first report of it (at ``anchor``) names the actors, and
    types the event when its trigger is violent and of another category (a headline's word, "Clashes at ...", is
    loose), but for a generic attack or killing after a headline's explosive. Returns the lead's trigger when it types
    the event."""
    lead = doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
    if lead is None:
        return None
    a1, a2 = _actors(lead.root)
    ev.actor1, ev.actor2 = a1 or ev.actor1, a2 or ev.actor2
    hit = _token_trigger(lead.root, lex)
    if hit is not None and (_planned(lead.root) or _hypothetical_noun(lead.root, lex)):
        return None     # "threaten to attack" over "threatened to attack the city if ...": only threatened
    if hit is not None and hit[1].category in _GENERIC_HARM and \
            ev.type.acled_event_type == "Explosions/Remote violence":
        return None     # the headline's means ("Bomb blast at market") and the lead's "attack": the means
    if hit is not None and hit[1].violent and hit[1].category != ev.type.category:
        ev.rule = f"headline '{ev.trigger}' -> {ev.type.category}; lead "
        ev.type = hit[1]
        return lead.root
    return None


def _name_perpetrator(doc: Doc, ev: FoundEvent) -> None:
    """"guerrillas attacked ..." but "the FMLN claimed responsibility": a violent reported event whose actor1
    names no organisation takes the one the text attributes the attack to, else the armed organisation the text
    names most often."""
    if ev.status == "reported" and ev.type.violent and _generic_actor(ev.actor1, doc):
        named = _attributed_actor(doc) or _named_armed_org(doc)
        if named is not None:
            ev.actor1 = named


_SAY_LEMMAS = speech_verbs("event-say")
# CAMEO roots (data/rules/event_cameo_roots.tsv): "intends to", "agreed to": the complement's verb is the event;
# cooperative roots whose negation is a rejection
_INTENDING = words("event_cameo_roots", "intending")
_REFUSABLE = words("event_cameo_roots", "refusable")
_OBJECT_PREPS = _word_list("object-prep")


def _lead_sentence(doc: Doc) -> Span | None:
    body = _body_start(doc)
    return next((s for s in doc.sents if s.end_char > body and not CREDIT_LINE.search(s.text)
                 and any(t.is_alpha for t in s)), None)


def _verb_candidates(sent: Span) -> list[Token]:
    """The verbs that may carry the lead's main verbal event, best first: the reported clause of a verb of
    saying ("X said Y would ..."), the root, then its open complement ("wants to help")."""
    root = sent.root
    out: list[Token] = []
    if root.lemma_.lower() in _SAY_LEMMAS:
        out.extend(c for c in root.children if c.dep_ == "ccomp")
    out.append(root)
    for v in list(out):
        out.extend(c for c in v.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"))
    return out


def _verbal_actors(verb: Token) -> tuple[Mention | None, Mention | None]:
    """Subject (or passive agent) and object (or dative, or a prepositional object) of a verbal event."""
    a1: Token | None = None
    a2: Token | None = None
    v = verb
    for _ in range(3):
        for c in v.children:
            if c.dep_ == "nsubj" and a1 is None and c.pos_ != "PRON":
                a1 = c
            elif c.dep_ == "agent" and a1 is None:
                a1 = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ == "nsubjpass" and a2 is None and v is verb:
                a2 = c
        if a1 is not None or v.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or v.head is v:
            break
        v = v.head          # "Obama said he would ...", "wants to help": the governing clause's subject
    if a2 is None:
        for dep in ("dobj", "dative"):
            a2 = a2 or next((c for c in verb.children if c.dep_ == dep and c.pos_ != "PRON"), None)
    if a2 is None:
        for c in verb.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in _OBJECT_PREPS and c.i > verb.i:
                a2 = next((g for g in c.children if g.dep_ == "pobj" and g.pos_ != "PRON"), None)
                if a2 is not None:
                    break
    if a2 is None:
        for c in verb.children:
            if c.dep_ == "xcomp":
                a2 = next((g for g in c.children if g.dep_ in ("dobj", "dative") and g.pos_ != "PRON"), None)
                if a2 is not None:
                    break
    return (_np(a1) if a1 is not None else None), (_np(a2) if a2 is not None else None)


def _verbal_event(doc: Doc) -> tuple[FoundEvent, Token] | None:
    """The lead sentence's main verb typed by the CAMEO verb lexicon: a non-violent verbal event (statement,
    appeal, consultation, demand, rejection, ...), used when no trigger gives the article its event."""
    sent = _lead_sentence(doc)
    if sent is None or _yes_no_question(sent):
        return None         # "Is the army preparing to storm the town?": asked, not told
    for verb in _verb_candidates(sent):
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        hit = verb_code(verb)
        if hit is None:
            continue
        code, rule = hit
        if hit[0][:2] in _INTENDING or hit[0] == "010":
            # "wants to re-examine", "pledged to expel": the intention's own verb says what is intended
            inner = next((h for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                          and (h := verb_code(c)) is not None and not h[0].startswith("01")), None)
            if inner is not None:
                code, rule = inner[0], f"{rule}; intended {inner[1]}"
        if _negated_or_denied(verb):
            if code[:2] not in _REFUSABLE:
                continue
            # "would not provide support": refusing what the verb would give is a rejection (CAMEO 12)
            code, rule = "120", f"{rule}; negated -> 120"
        ev = FoundEvent("reported", verb.text, _tok_span(verb), verb_type(code))
        ev.sentences.append((sent.start_char, sent.end_char))
        ev.actor1, ev.actor2 = _verbal_actors(verb)
        ev.rule = f"{rule} -> CAMEO {code}"
        return ev, verb
    return None


def _type_event(doc: Doc, ev: FoundEvent, corroborated: bool, token: Token | None = None) -> None:
    """Refine the trigger's type by the context rules and record which trigger and rule decided."""
    prefix = ev.rule if token is not None else ""
    if token is None:
        span = doc.char_span(ev.trigger_span[0], ev.trigger_span[1], alignment_mode="expand")
        if span is None:
            ev.rule = f"trigger '{ev.trigger}' -> {ev.type.category}"
            return
        token = span.root
    first = ev.sentences[:2] or [(token.sent.start_char, token.sent.end_char)]
    if not any(s <= token.idx < e for s, e in first):
        first = [(token.sent.start_char, token.sent.end_char)]
    text = text_of(doc)
    for a, b in [(a, b) for a, b, _ in ev.after_phrases] + ev.background_words:
        # another happening the sentence names does not type this one: the killing a protest is against is no force
        # used on the protest, "a day after clashes in Karachi" no violence at this protest, nor "the university
        # where protesters were shot in 2019" force used today
        if not a <= token.idx < b:
            text = text[:a] + " " * (b - a) + text[b:]
    window = " ".join(_told_cues_only(doc, text, s, e) for s, e in first).lower()
    before = ev.type.category
    ev.type, rule = refine_type(ev.type, token, window, ev.actor1[0] if ev.actor1 else None,
                                ev.actor2[0] if ev.actor2 else None, corroborated)
    ev.rule = f"{prefix}trigger '{token.text}' -> {before}" + (f"; rule {rule} -> {ev.type.category}" if rule else "")


def _body_start(doc: Doc) -> int:
    """Where the story proper starts: after a headline line and a dateline ("CITY, Ind. (Dec. 2, 2015) —")."""
    text = text_of(doc)
    start = 0
    first_break = text.find("\n")
    header_end = prepare(doc).end
    # (a wire dateline on the first line makes it the lead, wrapped: "MANAGUA, 20 MAR 89 -- [TEXT] THE MURDER OF")
    if 0 < first_break < 200 and not text[:first_break].rstrip().endswith((".", "!", "?", '"', "”")) \
            and not 0 < header_end <= first_break:
        start = first_break
    return max(start, header_end)


def _date_anchor(doc: Doc, ev: FoundEvent, lex: dict[str, TriggerType]) -> tuple[int, int]:
    """The trigger whose sentence dates the event: a headline is undated, so the first violent trigger
    of the story proper stands in for a trigger found in the headline."""
    body = _body_start(doc)
    if ev.trigger_span[0] >= body:
        return ev.trigger_span
    head = doc.char_span(*ev.trigger_span, alignment_mode="expand")
    lemma = head.root.lemma_.lower() if head is not None and len(head) else ""
    for tok in doc.char_span(body, len(text_of(doc)), alignment_mode="expand") or []:
        hit = _token_trigger(tok, lex)
        if hit is not None and hit[1].violent and not _negated_or_denied(tok):
            # in that sentence, the word that repeats the headline's ("A boy died Friday after he was shot
            # Thursday" under "Boy dies in shooting": the shooting's day)
            if lemma != "die" and not same_word(tok.lemma_.lower(), lemma):
                for t in tok.sent:
                    if t.i <= tok.i or not same_word(t.lemma_.lower(), lemma):
                        continue
                    again = _token_trigger(t, lex)
                    if again is not None and again[1].violent and not _negated_or_denied(t):
                        return _tok_span(t)
            return _tok_span(tok)
    return ev.trigger_span


def _headline_dated(doc: Doc, ev: FoundEvent, dates: list[TimeExpr]) -> tuple[int, int] | None:
    """The trigger's own span when it sits in a headline that gives a calendar date ("Man charged in May 3
    shooting", "Two hurt in Christmas Day shooting"): that date is the event's, not the lead's."""
    body = _body_start(doc)
    if ev.trigger_span[0] >= body:
        return None
    if any(x.span[1] <= body and x.kind in CALENDAR_KINDS and not x.is_dateline for x in dates):
        return ev.trigger_span
    return None


def _fill_actors(doc: Doc, ev: FoundEvent, lex: dict[str, TriggerType]) -> None:
    """Missing actors from the other violent triggers of the event's sentences, in text order."""
    for s, e in ev.sentences[:4]:
        sent = doc.char_span(s, e, alignment_mode="expand")
        if sent is None:
            continue
        for tok in sent:
            hit = _token_trigger(tok, lex)
            if hit is None or not hit[1].violent or _negated_or_denied(tok):
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
                  requires=["doc._.dateline_header", "doc._.dateline_published", "doc._.dateline_dates",
                            "doc._.dateline_figures", "doc._.dateline_quotes", "doc._.dateline_places",
                            "token.dep", "token.lemma", "doc.ents"])
def make_events_stage(nlp: Language, name: str) -> EventsStage:
    return EventsStage()


class EventsStage:
    """Finds, types and dates the events: ``doc._.dateline_events``."""

    def __init__(self) -> None:
        # the lexicons load with the pipeline, never inside an article's time budget
        triggers()
        taxonomy()
        verb_lexicon()
        default_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_events = find_events(doc)
        return doc


# ---------------------------------------------------------------------------------------------- coded actors

_STATE_FORCES = frozenset({"MIL", "COP", "SPY"})
_UNCONVENTIONAL = frozenset({"180", "1823"})   # generic attack / killing, not bombing or abduction


def state_force_cameo(cameo: str, rule: str | None, actor1: CodedActor | None,
                      actor2: CodedActor | None) -> tuple[str, str | None]:
    """CAMEO: force used by a state or against its armed forces is "fight" (19), not "assault" (18).

    Needs the coded actors, so the attribution stage applies it once the actors are coded. Returns the CAMEO code
    and the rule text (the event's rule plus this step when it applied).
    """
    state_force = (actor1 is not None and actor1.country is not None and actor1.cameo is not None
                   and (actor1.sector in _STATE_FORCES or actor1.cameo in (actor1.country, actor1.country + "GOV")))
    soldiers_hit = actor2 is not None and actor2.sector in ("MIL",)
    if cameo in _UNCONVENTIONAL and (state_force or soldiers_hit):
        return "190", (f"{rule}; state armed force involved -> CAMEO 190" if rule else None)
    return cameo, rule
