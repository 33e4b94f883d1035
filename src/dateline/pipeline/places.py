"""Place mentions -> gazetteer places (with the story's country context) -> where each event happened."""

from __future__ import annotations

import math
import re
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import dateline.pipeline.extensions  # noqa: F401
from dateline import gazetteer as gazetteer_data
from dateline import lexicon
from dateline.gazetteer import Place, normalise_name, spelling_variants
from dateline.pipeline.actors import OFFICE_SECTORS, ActorIndex, ActorLexicon, actor_index
from dateline.pipeline.text import CREDIT_LINE, english_word_classes, load_word_classes, prepare, text_of

__all__ = ["EventPlace", "PlaceMention", "PlacesStage", "event_place", "find_places"]

_NEAR_BEFORE = re.compile(r"(?:\b(?:km|kms|kilometers?|kilometres?|miles?|mi)\s+(?:\([^)]*\)\s+)?"
                          r"(?:north|south|east|west|northeast|northwest|southeast|southwest)?\s*"
                          r"(?:-?\s*(?:ern|erly))?\s*(?:of|from)|\boutskirts of|\b(?:north|south|east|west|"
                          r"northeast|northwest|southeast|southwest) of)\s+(?:the\s+)?$", re.I)


class Gazetteer(Protocol):
    """What this stage needs of :mod:`dateline.gazetteer` (an in-test fake implements the same)."""

    def lookup(self, name: str) -> list[Place]: ...
    def country(self, iso3: str) -> Place | None: ...
    def country_code(self, word: str) -> str | None: ...
    def admin1_of(self, name: str, country: str | None = None) -> list[Place]: ...


@dataclass(frozen=True)
class EventPlace:
    """The place of an event: the mention as written, and what the gazetteer knows of it."""

    name: str | None
    span: tuple[int, int] | None
    country: str | None = None       # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str = "unknown"       # exact | near | admin2 | admin1 | country | unknown


@dataclass
class PlaceMention:
    """A place named in the text and the gazetteer place it resolved to (``None`` when unknown)."""

    span: tuple[int, int]
    text: str
    place: Place | None
    score: float                     # resolution confidence (margin-weighted), 0 when unresolved
    source: str = "ner"              # ner | dict | dateline
    role: str = "place"              # place dateline bureau credit based actor source reference org demonym ...
    level: str = "city"              # what the mention names: country | admin1 | admin2 | city | site
    near: bool = False               # "near X", "outside X", "20 km from X"
    country: str | None = None       # ISO3, also for unresolved mentions when the context says
    admin1: str | None = None
    sent_start: int = 0              # start char of the mention's sentence
    candidates: list[Place] = field(default_factory=list, repr=False)
    speaker: bool = False            # where those who speak of it are ("politicians in the United States condemned")
    bare: bool = False               # written with no region or county word ("Beni", not "Beni province")


# --------------------------------------------------------------------------------------------
# lexicons
# --------------------------------------------------------------------------------------------

# The word lists live in ``data/rules/places_words.tsv`` (one word a row, tagged with the lists it belongs to; the
# file's header says what each tag is for); the rules that use them stay here.
_RULES = "places_words"


def _rule_words(tag: str) -> frozenset[str]:
    """The words of ``data/rules/places_words.tsv`` tagged ``tag``; a tag no row carries is a packaging bug."""
    found = lexicon.words(_RULES, tag)
    if not found:
        raise KeyError(f"no words of {_RULES}.tsv are tagged {tag!r}")
    return found


def _alternation(tag: str) -> str:
    """The words tagged ``tag`` as a regular-expression alternation (longest first, spaces as written)."""
    return "|".join(re.escape(w) for w in sorted(_rule_words(tag), key=lambda w: (-len(w), w)))


# prepositions that locate ("in", "at", "near"), and those that put the event beside the named place
_LOC_PREPS = _rule_words("loc-prep")
_NEAR_PREPS = _rule_words("near-prep")
# Common English words that are also the names of some place somewhere: never a place on their own
# when only the dictionary (not the NER) proposes them. Verbs/adjectives in WordNet are rejected too.
_STOP = _rule_words("stop")
# Words whose presence says the story is American local news (GVDB rarely names the country).
# American legal and policing vocabulary counts too ("first-degree", "felony", "SWAT", "cops", dollar sums).
_US_CUES = re.compile(r"\b(?:sheriff(?:'s)?|county|police department|state police|highway patrol|troopers?|"
                      r"interstate|i-\d{1,3}|district attorney|coroner|medical examiner|township|"
                      r"\d{3}-\d{3}-\d{4}|zip code|crime ?stoppers|(?:\d{2,5} )?block of|cops?|swat|felony|"
                      r"misdemeanor|(?:first|second|third)-degree|aggravated (?:assault|battery|robbery))\b|"
                      r"\$\d|\b\d{1,3}(?:st|nd|rd|th) (?:street|st\.?|avenue|ave\.?)(?!\w)", re.I)
# US local-news cues written in capitals or case-sensitive: a police department's initials ("IMPD", "LAPD"), a
# county abbreviated after its name ("Boone Co."), a US time zone after a clock time ("5:11 PM EST")
_US_CUES_CASED = re.compile(r"\b(?:[A-Z]{2,4}PD\b|[A-Z][a-z]+ Co\.(?= [a-z])|\d{1,2}:\d{2} ?[AaPp]\.?[Mm]\.? "
                            r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT)\b)")

# Site words: a named camp or base can be the event's place even when a town is also named.
_SITE_HEADS = _rule_words("site-head")
# Street-level names are inside a town: they never replace the town as the event's place name.
_STREET_HEADS = _rule_words("street-head")
_COUNTY_HEADS = _rule_words("county-head")
_ADMIN2_SUFFIXES = sorted(_rule_words("admin2-suffix"))
_ADMIN_HEADS = _rule_words("admin-head")
# nouns for a populated place ("in the town of Tarata") and for an area of one ("the Gaza border")
_PLACE_NOUNS = _rule_words("place-noun")
_STREETS_AFTER = _rule_words("street-after")
_TOWN_NOUNS = _rule_words("town-noun")
_AREA_NOUNS = _rule_words("area-noun")
# "the Niger river", "the Atlas mountains": a natural feature, not a town
_FEATURE_HEADS = _rule_words("feature-head")
# compass and part-of-town words: "the North Side", "West End" name no place on their own
_GENERIC = _rule_words("generic")
# "CENTRAL AMERICAN", "LATIN AMERICAN": a region, not a country
_REGION_ADJ = _rule_words("region-adj")
# lower-case words inside a capitalised name: "Rio de Janeiro", "Stratford upon Avon"
_CONNECTORS = _rule_words("connector")
# titles and name particles before a person's name: "Col Delgado", "Governor Smith", "Don Pedro"
_TITLES = _rule_words("title")
# words after a town that make it part of an institution's name: "Chicago Tribune", "Houston Police"
_ORG_HEADS = _rule_words("org-head")
# nouns after a place in a title-case headline: "Sindh Floods", "Chicago Shooting" name the place's event
_EVENT_NOUNS = _rule_words("event-noun")
# Agent verbs: "Washington imposed sanctions", "Baghdad said": the place names a government, not a site.
_ACTOR_VERBS = _rule_words("actor-verb")
# possessed nouns that make the possessor an actor: "Iraq's armed forces", "Washington's decision"
_ACTOR_POSSESSIONS = _rule_words("actor-possession")
# "the Brazilian embassy", "the Cuban ambassador": a foreign mission, so no evidence for that country
_FOREIGN_MISSION = _rule_words("foreign-mission")
_STATE_AGENTS = _rule_words("state-agent")
_DEMONYM_WEIGHT = 0.7       # a nationality word's weight in the story's country evidence ...
_STATE_AGENT_WEIGHT = 1.0   # ... and before the country's own police or authorities ("Honduran police said")
# where a statement was made or a source sits, not where the event happened: "reported in La Paz",
# "today in Paris the prime minister said", "a communique released in Costa Rica", "sources in Caracas"
_SPEECH_VERBS = lexicon.speech_verbs("statement-place")
_SOURCE_NOUNS = _rule_words("source-noun")
# "operating in Colombia", "who arrived in Costa Rica": where people live, went or fled, not where it happened
_ASIDE_VERBS = _rule_words("aside-verb")
# "a statement issued in Vienna", "whose headquarters are in Geneva", "which lies 10 km from Tarija"
_DOC_NOUNS = _rule_words("doc-noun")
_PUBLISH_VERBS = _rule_words("publish-verb")
_SEAT_NOUNS = _rule_words("seat-noun")
# nouns of meetings: a place they are held in is beside the event; an event after "on" / "about" is their topic
MEETING_NOUNS = _rule_words("meeting-noun")
_PLACE_OPENERS = _rule_words("place-opener")
_LANDMARK_VERBS = _rule_words("landmark-verb")
_LAUNCH_VERBS = _rule_words("launch-verb")
_REACTION_VERBS = _rule_words("reaction-verb")
# sector codes of national armed and opposition movements (rebels, insurgents, opposition, separatists)
_NATIONAL_GROUP_SECTORS = _rule_words("national-group-sector")
# administrative words of a few countries only ("upazila" -> Bangladesh): data/rules/places_admin_terms.tsv
_ADMIN_TERMS: dict[str, tuple[str, ...]] = {
    r["term"]: tuple(r["countries"].split(",")) for r in lexicon.table("places_admin_terms")}
_ADMIN_TERM = re.compile(rf"\b({'|'.join(re.escape(t) for t in sorted(_ADMIN_TERMS, key=len, reverse=True))})s?\b",
                         re.I)
# where the wounded are treated, not where it happened: "taken to St. Anne's Hospital"
_TREATMENT_WORDS = _alternation("treatment")
_TREATMENT = re.compile(rf"\b(?:{_TREATMENT_WORDS})\b", re.I)
# "the border with Bolivia", "its frontier with the Congo": the country on the other side
_BORDER_WITH = re.compile(r"\b(?:borders?|frontiers?)\s+with\s+(?:the\s+)?$", re.I)
# "downtown Houston", "the Bronx", "N. Charleston": a qualifier before a place's name
_QUALIFIER = re.compile(rf"^(?:{_alternation('qualifier')})\.?\s+", re.I)


# --------------------------------------------------------------------------------------------
# the gazetteer (loaded once, on first use)
# --------------------------------------------------------------------------------------------

_GZ: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (shipped data plus the user's places)."""
    if _GZ is not None:
        return _GZ
    return gazetteer_data.load()      # cached there; ``gazetteer.reload()`` after a user edit is seen here


def use_gazetteer(gz: Gazetteer | None) -> None:
    """Use ``gz`` instead of the shipped gazetteer (tests, fakes); ``None`` goes back to the shipped one."""
    global _GZ
    _GZ = gz


def _norm(s: str) -> str:
    return normalise_name(s)


def _common_words() -> frozenset[str]:
    """English verbs, adjectives and adverbs (the lemmatiser's WordNet index): 'mobile', 'bar', 'concord'."""
    return english_word_classes()["common"]


def _nouns() -> frozenset[str]:
    """English nouns of WordNet ('justice', 'grenade'; also 'paris': used only with a population test)."""
    return english_word_classes()["nouns"]


# --------------------------------------------------------------------------------------------
# recognition
# --------------------------------------------------------------------------------------------

def _lowercase_view(doc: Doc) -> bool:
    """The doc is the recased copy of an all-capitals wire text: case says nothing about names."""
    return bool(doc._.dateline_recased)


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _clean_name(text: str) -> str:
    return re.sub(r"['’]s$", "", text.strip(" ,;:"))


def _strip_generic(name: str) -> str:
    """"downtown Houston" -> "Houston", "York City" -> "York": the place without a qualifier."""
    out = _QUALIFIER.sub("", name) if len(name.split()) > 1 else name
    return re.sub(r"\s+(?:city|town)$", "", out, flags=re.I) if len(out.split()) > 1 else out


def _agrees(p: Place, hints: list[Place]) -> bool:
    return any(h.country == p.country and (h.kind == "country" or h.admin1 == p.admin1) for h in hints)


def _candidates(gz: Gazetteer, written: str, key: str, us: bool) -> list[Place]:
    """Gazetteer places a mention may name: its own name, then without a qualifier, then other spellings, then a
    district's name without its word ("North Waziristan"); abbreviations of regions."""
    name = _clean_name(written)
    # "Pa.", "N.C.", "OH"; a city's quarter named by its compass point, "Northeast D.C.", "Northwest DC"
    short = re.sub(r"^(?:(?:north|south)(?:east|west)?|east|west)\s+(?=D\.?C\.?$)", "", name.strip(), flags=re.I)
    if re.fullmatch(r"[A-Z][a-z]{0,4}\.(?:[A-Z]\.)?|[A-Z]\.[A-Z]\.|[A-Z]{2}", short):
        found = gz.admin1_of(short, "USA" if us else None)
        if found:
            return found
    cands = gz.lookup(key)
    if not cands:
        bare = _norm(_strip_generic(name))
        if bare != key:
            cands = gz.lookup(bare)
    for variant in [] if cands else spelling_variants(key):
        cands = gz.lookup(variant)
        if cands:
            break
    for suffix in [] if cands else _ADMIN2_SUFFIXES:
        # "North Waziristan": a district the gazetteer lists as "North Waziristan District"
        cands = [p for p in gz.lookup(f"{key} {suffix}") if p.kind == "admin2"]
        if cands:
            break
    return cands


@dataclass
class _Raw:
    start: int            # token indices
    end: int
    source: str
    label: str            # NER label or "DICT"


# street words that also end names of organisations ("Supreme Court", "United Way"): a street only as a place entity
_ORG_STREET_HEADS = _STREET_HEADS - {"court", "ct", "place", "pl", "way", "square", "plaza", "bridge"}


def _ner_mentions(doc: Doc) -> list[_Raw]:
    out = []
    for ent in doc.ents:
        if ent.label_ in ("ORG", "PERSON") and len(ent) > 1 and ent[-1].lower_.rstrip(".") in _ORG_STREET_HEADS:
            out.append(_Raw(ent.start, ent.end, "ner", "FAC"))     # "Birch Avenue" tagged ORG is still a street
            continue
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        # "Florence, Alabama" as one entity: the town, and the region as its hint (found separately)
        comma = next((t.i for t in ent if t.text == ","), None)
        if comma is not None and comma > ent.start:
            out.append(_Raw(ent.start, comma, "ner", ent.label_))
            if comma + 1 < ent.end:
                out.append(_Raw(comma + 1, ent.end, "ner", ent.label_))
        else:
            out.append(_Raw(ent.start, ent.end, "ner", ent.label_))
    return out


def _dict_mentions(doc: Doc, gz: Gazetteer, lowercase: bool, taken: set[int], max_len: int = 5) -> list[_Raw]:
    """Gazetteer names the NER missed: capitalised token n-grams (any tokens in a recased wire text)."""
    out = []
    norm = [_norm(t.text) if t.is_alpha or "." in t.text or "'" in t.text else "" for t in doc]
    common = _common_words() if lowercase else frozenset()
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if i in taken or not tok.is_alpha or not norm[i] or (not lowercase and not _capitalised(tok)) \
                or (tok.lower_ in STOP_WORDS and tok.lower_ not in ("the", "el", "la", "los", "las")):
            i += 1
            continue
        best = None
        parts: list[str] = []
        for j in range(i, min(n, i + max_len + 1)):
            t = doc[j]
            if lowercase and j > i and t.is_space and t.text.count("\n") == 1 and not t.text.strip():
                continue                  # a wire line wraps inside a name: "IN LA\nPAZ"
            if j in taken or t.is_space or (j > i and "\n" in doc[j - 1].whitespace_
                                            and not (lowercase and doc[j - 1].whitespace_.count("\n") == 1)):
                break
            if t.is_punct and t.text not in ("-", ".", "'"):
                break
            if j > i and parts and t.lower_ in ("'s", "\u2019s"):
                parts[-1] += "s"          # "Cox's Bazar": the gazetteer writes the possessive without apostrophe
                continue
            if not lowercase and t.is_alpha and not _capitalised(t) and t.lower_ not in _CONNECTORS:
                break
            if norm[j]:
                parts.append(norm[j])
            if not t.is_alpha or not norm[j] or (not lowercase and not _capitalised(t)):
                continue
            key = " ".join(parts)
            police = not lowercase and j + 1 < n and doc[j + 1].lower_ in _FORCE_NOUNS     # "Lincoln police said"
            if (key in _STOP and not police) or (len(parts) == 1 and (key in STOP_WORDS or key in common)):
                continue
            if gz.lookup(key) or (i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _ADMIN2_SUFFIXES
                                  and gz.lookup(key + " " + doc[i - 2].lower_)):
                best = j + 1        # (also "the district of Kurram": the gazetteer's "Kurram District")
        if best is not None and not lowercase:
            # a name inside a longer capitalised name is not a place: "Lisbon Bakery", "Twin Oaks"
            before = doc[i - 1] if i > 0 else None
            after = doc[best] if best < n else None
            if (before is not None and before.is_alpha and _capitalised(before) and not before.is_sent_start
                    and "\n" not in before.whitespace_) or (after is not None and after.is_alpha
                                                             and _capitalised(after)
                                                             and after.lower_ not in _ORG_HEADS
                                                             and after.lower_ not in _EVENT_NOUNS
                                                             and after.lower_ not in _TITLES):
                best = None
            elif best - i == 1 and tok.is_upper and len(tok) <= 5:
                best = None               # "WALA", "SUV": call letters and acronyms
            elif best - i == 1 and _word_not_place(doc, i, gz):
                best = None               # "| Share", "God brought you home", "Updated: Jun 20"
        if best is not None:
            out.append(_Raw(i, best, "dict", "DICT"))
            i = best
        else:
            i += 1
    return out


_SMALL_TOWN = 50_000


def _word_not_place(doc: Doc, i: int, gz: Gazetteer) -> bool:
    """A one-word name the NER left that is an English word or a month: a month before a number ("Jun 20"); an
    English verb, adjective or adverb ("Share", "Hope"), or an English noun that names no town of 50,000 people or
    more ("God"), when no place preposition comes before it ("in Saginaw" stays) and no police word after it."""
    tok = doc[i]
    low = tok.lower_
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if low in lexicon.MONTH_WORDS and nxt is not None and nxt.like_num:
        return True
    prev = doc[i - 1] if i > 0 else None
    if (prev is not None and prev.lower_ in _LOC_PREPS | _NEAR_PREPS) \
            or (nxt is not None and nxt.lower_ in _FORCE_NOUNS):
        return False
    if low in _common_words():
        return True
    return low in _nouns() and all(p.population < _SMALL_TOWN for p in gz.lookup(_norm(tok.text)))


# a region named only by a compass point ("Western District", "Northern Province") exists in many countries
_COMPASS_REGION = re.compile(r"^(?:the\s+)?(?:north|south|east|west|central|northern|southern|eastern|western|"
                             r"north-?east|north-?west|south-?east|south-?west|north-?eastern|north-?western|"
                             r"south-?eastern|south-?western)(?:ern)?\s+(?:district|province|region|division|zone|"
                             r"state|area|department|sector)s?$"
                             r"|^(?:the\s+)?(?:north|south|east|west)\s?side$", re.I)     # "Southside", "North Side"


def _word_beside(doc: Doc, i: int, step: int) -> Token | None:
    """The next word before (step -1) or after (+1) token ``i`` on the same paragraph (wire lines wrap)."""
    j = i + step
    while 0 <= j < len(doc) and doc[j].is_space:
        if doc[j].text.count("\n") > 1:
            return None                 # a blank line ends the paragraph
        j += step
    if not 0 <= j < len(doc):
        return None
    lo = min(i, j)
    if "\n\n" in doc[lo].whitespace_:
        return None
    return doc[j]


def _in_name(doc: Doc, i: int) -> bool:
    """A capitals word next to another non-English word or after a title is part of a person's name."""
    for step in (-1, 1):
        t = _word_beside(doc, i, step)
        if t is not None and t.is_alpha:
            w = t.lower_
            if step == -1 and w in _TITLES:
                return True
            if w not in STOP_WORDS and w not in _nouns() and w not in _common_words() and len(w) > 2:
                return True
    # "GENERAL PEDRO LUIS DURAN": a title a few name words back
    j = i
    for _ in range(3):
        t = _word_beside(doc, j, -1)
        if t is None or not t.is_alpha or t.lower_ in STOP_WORDS or t.lower_ in _common_words():
            return False
        if t.lower_ in _TITLES and t.lower_ not in ("san", "santa", "saint"):
            return j < i
        j = t.i
    return False


def _demonym_weight(after: Token | None) -> float:
    """What a nationality word adds to its country's evidence, given the word after it."""
    return _STATE_AGENT_WEIGHT if after is not None and after.lower_ in _STATE_AGENTS else _DEMONYM_WEIGHT


def _lowercase_demonyms(doc: Doc, gz: Gazetteer, taken: set[int], ctx: _Context) -> list[PlaceMention]:
    """"SALVADORAN", "U.S.": in capitals the NER tags no nationality, so demonym words are looked up here."""
    out = []
    for tok in doc:
        if tok.i in taken or len(tok) < 4 or not (tok.is_alpha or tok.text.endswith(".")) or tok.is_stop:
            continue
        code = gz.country_code(tok.text)
        if code is None or any(p.kind == "country" for p in gz.lookup(_norm(tok.text))):
            continue                    # a country's own name is found by the dictionary pass
        country = gz.country(code)
        if country is None:
            continue
        after = _word_beside(doc, tok.i, 1)
        if after is not None and after.lower_ in _FOREIGN_MISSION:
            continue                    # "THE BRAZILIAN EMBASSY": a foreign mission in the story's country
        before = _word_beside(doc, tok.i, -1)
        if before is not None and before.lower_ in _REGION_ADJ:
            continue                    # "CENTRAL AMERICAN", "LATIN AMERICAN": a region, not the United States
        ctx.countries[code] += _demonym_weight(after)
        out.append(PlaceMention((tok.idx, tok.idx + len(tok)), tok.text, country, 1.0, "dict", "demonym", "country",
                                country=code, sent_start=tok.sent.start_char))
    return out


def _before_title(ent: Span, i: int) -> bool:
    """"Chubut Governor Ana Ruiz": the words before a title inside a name are the title's place."""
    return any(t.lower_ in _TITLES and t.lower_ not in ("san", "santa", "saint", "don", "dona") and t.i > i
               for t in ent[1:])


def _country_of(doc: Doc, end: int, gz: Gazetteer) -> list[Place]:
    """"the Northern Region of Ghana", "Western Province of Sri Lanka": the country after "of"."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return []
    for k in range(min(len(doc), end + 4), end + 1, -1):
        code = gz.country_code(doc[end + 1:k].text)
        country = gz.country(code) if code else None
        if country is not None:
            return [country]
    return []


def _broken_word(text: str, start: int, end: int) -> bool:
    """A name run into a replacement character: "Le\ufffdn", "Bogot\ufffd" (but "China\ufffds" is a possessive)."""
    if "\ufffd" in text[start:end] or text[start - 1:start] == "\ufffd":
        return True
    return text[end:end + 1] == "\ufffd" and not (text[end + 1:end + 2] == "s"
                                                 and not text[end + 2:end + 3].isalpha())


def _explicit_country(doc: Doc, end: int, gz: Gazetteer) -> bool:
    """"Tamworth, Australia": the text itself says the country right after the name."""
    return end + 1 < len(doc) and doc[end].text in (",", "(") and gz.country_code(doc[end + 1].text) is not None




# --------------------------------------------------------------------------------------------
# resolution
# --------------------------------------------------------------------------------------------

def _level(name: str, label: str, doc: Doc, start: int, end: int) -> tuple[str, str]:
    """What a mention names and its bare name: "Diyala province" -> (admin1, "Diyala")."""
    words = name.split()
    last = words[-1].lower() if words else ""
    nxt = doc[end].lower_ if end < len(doc) else ""
    prev2 = doc[start - 2].lower_ if start >= 2 and doc[start - 1].lower_ == "of" else ""
    if len(words) > 1 and last in _COUNTY_HEADS:
        return "admin2", " ".join(words[:-1])
    if nxt in _COUNTY_HEADS:
        return "admin2", name
    if len(words) > 1 and last in _ADMIN_HEADS:
        return "admin1", " ".join(words[:-1])
    if nxt in _ADMIN_HEADS or prev2 in _ADMIN_HEADS:
        return "admin1", name
    if prev2 in _COUNTY_HEADS:
        return "admin2", name
    if last in _STREET_HEADS or nxt.rstrip(".") in _STREETS_AFTER and (
            doc[end].is_title or start >= 1 and doc[start - 1].lower_ in ("and", "&")):
        return "street", name       # "Main Street" the NER took apart, "on Sarmiento and San Martin streets" (not
                                    # "a busy Baghdad street", "a Lahore court")
    if nxt in ("and", "&") and end + 2 < len(doc) and any(
            doc[k].lower_.rstrip(".") in _STREET_HEADS or doc[k].lower_ in _STREETS_AFTER
            for k in range(end + 2, min(end + 5, len(doc)))):
        return "street", name       # "near Salem and Oak streets": a corner, not the town of Salem
    if words and (words[0].lower() in _SITE_HEADS or last in _SITE_HEADS):
        return "site", name
    if label == "FAC":
        return "street", name       # a mall, a restaurant, a school: inside some town
    return "city", name


def _hint_after(doc: Doc, end: int, gz: Gazetteer, us: bool, lowercase: bool = False) -> list[Place]:
    """"Florence, Alabama", "AURORA, Colo.", "Tripoli (Lebanon)": the region or country written after a place."""
    if end + 1 >= len(doc) or doc[end].text not in (",", "("):
        return []
    j = end + 1
    if lowercase and doc[j].lower_ in STOP_WORDS:
        return []        # recased capitals: "ISSUED IN MEDELLIN, IN WHICH ..." is no "Gary, IN"
    k = j
    while k < len(doc) and k < j + 3 and (doc[k].is_alpha or doc[k].text.endswith(".")) \
            and (lowercase or _capitalised(doc[k])) or (k < len(doc) and k < j + 3 and doc[k].text in (".",) and k > j):
        k += 1
    if k == j:
        return []
    text = doc[j:k].text
    for cut in range(k, j, -1):
        text = doc[j:cut].text
        found = gz.admin1_of(text, "USA" if us else None)
        if found:
            return found
        code = gz.country_code(text)
        if code:
            c = gz.country(code)
            return [c] if c else []
    return []


@dataclass
class _Context:
    countries: defaultdict[str, float]
    us_cues: int
    admin1: defaultdict[tuple[str, str], float]     # (country, admin1) named in the story
    anchors: list[tuple[float, float]]    # coordinates of confidently resolved places
    filed_in: tuple[str, str] | None = None     # (country, admin1) of the dateline's town

    def share(self, country: str) -> float:
        """The country's share of the story's evidence, damped while there is little of it."""
        total = sum(self.countries.values())
        return self.countries.get(country, 0.0) / total * min(1.0, total / 2.0) if total else 0.0

    def top(self) -> str | None:
        return max(self.countries, key=lambda c: self.countries[c]) if self.countries else None


_DATELINE_REGION_WEIGHT = 2      # the dateline's town counts as two places of its region


def _dominant(ctx: _Context) -> bool:
    top = ctx.top()
    return top is not None and ctx.share(top) >= 0.5


def _dominant_region(ctx: _Context) -> tuple[str, str] | None:
    """The first-level region most of the story's places lie in, when one clearly dominates."""
    if not ctx.admin1:
        return None
    best = max(ctx.admin1, key=lambda k: ctx.admin1[k])
    total = sum(ctx.admin1.values())
    return best if ctx.admin1[best] >= 2 and ctx.admin1[best] / total >= 0.6 else None


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def _candidate_score(p: Place, key: str, level: str, hints: list[Place], ctx: _Context) -> float:
    s = 0.0
    if p.kind == "country":
        s += 3.0
    elif p.kind == "admin1":
        # a region weighs as a town of its people, at most 2 ("Toledo", a Belizean district of 29,000, is not
        # before the Ohio city; Sindh or Diyala is as any big town)
        s += (min(2.0, 0.35 * math.log10(p.population + 10)) if p.population else 2.0) + \
            (1.0 if level == "admin1" else 0.0)
    elif p.kind == "admin2":
        s += 1.0 + (1.5 if level == "admin2" else 0.0)
    elif p.kind == "city":
        s += 0.35 * math.log10(p.population + 10)
    else:                                     # a site or area of an imported GeoNames dump
        s += 0.35 * math.log10(p.population + 10) + (0.5 if level == "site" else 0.0)
    if p.geonames_id is None and p.kind != "country":
        s += 3.5                              # the user's own places win over shipped ones of the same name
    if level in ("admin1", "admin2") and p.kind == "city":
        s -= 1.5
    elif level == "city" and p.kind == "admin2":
        s -= 1.0                              # "Fresno" the town before a district of that name
    if _norm(p.name) == key:
        s += 1.0                              # the main name, not an alternate spelling ("Cabool" for Kabul)
    if hints:
        if any(h.country == p.country and (h.kind == "country" or h.admin1 == p.admin1) for h in hints):
            s += 4.0
        else:
            s -= 3.0
    share = ctx.share(p.country)
    s += 2.5 * share
    if p.country == "USA" and ctx.us_cues:
        s += min(1.5, 0.5 * ctx.us_cues)
    if p.admin1 and ctx.admin1[(p.country, p.admin1)] and p.kind != "admin1":
        s += 1.5
    if p.lat is not None and p.lon is not None and ctx.anchors:
        d = min(_km((p.lat, p.lon), a) for a in ctx.anchors)
        s += 1.5 if d < 60 else 0.7 if d < 250 else 0.0
    return s


def _pool(cands: list[Place], ctx: _Context) -> list[tuple[int, Place]]:
    """The namesakes worth scoring, with their rank by population: the 40 most populous, and any in a country the
    story speaks of ("San Jose" names over a hundred places; a Honduran story's is far down the list)."""
    return [(i, p) for i, p in enumerate(cands) if i < 40 or ctx.countries.get(p.country)]


def _resolve(cands: list[Place], key: str, level: str, hints: list[Place], ctx: _Context) -> tuple[Place | None,
                                                                                                   float]:
    if not cands:
        return None, 0.0
    pool = _pool(cands, ctx)
    # a country named as a US state is ("Georgia"), in a story of US local news: the state
    state = ctx.us_cues >= 2 and any(p.kind == "admin1" and p.country == "USA" for _, p in pool)
    scored = sorted(((_candidate_score(p, key, level, hints, ctx) - (3.0 if state and p.kind == "country" else 0.0),
                      -i, p) for i, p in pool), reverse=True)
    best = scored[0]
    if not ctx.countries.get(best[2].country):
        # a near tie, and the story's evidence names the country of a namesake, not the first one's ("San Pedro" in
        # a story whose only other word of a country is "the Honduran government"): that namesake
        near = [c for c in scored[1:] if best[0] - c[0] < _NEAR_TIE and ctx.countries.get(c[2].country)]
        if near:
            best = max(near, key=lambda c: (ctx.countries[c[2].country], c[0]))
            scored = [best] + [c for c in scored if c is not best]
    margin = best[0] - scored[1][0] if len(scored) > 1 else 3.0
    return best[2], round(best[0] + min(margin, 3.0), 3)


# how close two namesakes' scores are for the story's evidence of a country to choose between them
_NEAR_TIE = 0.5


# --------------------------------------------------------------------------------------------
# the stage
# --------------------------------------------------------------------------------------------

def _outlet_zone(text: str) -> tuple[int, int]:
    """The publisher part of a headline line: after "Title | Section - Outlet" separators."""
    end = text.find("\n")
    if end < 0 or end > 300:
        return 0, 0
    m = re.search(r"\s(?:\||-|–|«)\s", text[15:end])
    if m is None:
        return 0, 0
    tail = text[15 + m.end():end].strip()
    if len(tail.split()) > 8 or tail.endswith((".", "!", "?")):
        return 0, 0     # a lead run on after a wire dateline ("BAGHDAD (Reuters) - A car bomb killed ..."): no outlet
    return 15 + m.start(), end


def _role(doc: Doc, start: int, end: int, in_org: bool, outlet: tuple[int, int] = (0, 0)) -> str:
    span = doc[start:end]
    sent = span.sent
    if CREDIT_LINE.search(sent.text) and re.search(r"\bin\s*$", text_of(doc)[max(0, span.start_char - 40):
                                                                              span.start_char]):
        return "credit"
    if end < len(doc) and (doc[end].lower_.startswith("-based") or doc[end].text in ("-", "–") and
                           end + 1 < len(doc) and doc[end + 1].lower_ in ("based", "born", "headquartered")):
        return "based"
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in _ACTOR_VERBS:
        return "actor"
    if root.dep_ == "poss" and (root.head.lower_ in _ACTOR_POSSESSIONS or any(
            c.lower_ in _ACTOR_POSSESSIONS for c in root.head.children if c.dep_ in ("amod", "compound"))):
        return "actor"                     # "Iraq's armed forces": whose, not where
    if _TREATMENT.search(span.text) or (root.dep_ == "pobj" and root.head.lower_ == "to"
                                          and _TREATMENT.search(doc[root.head.i:end].text)):
        return "treatment"                 # "hospitalized at St. Anne's Hospital": not where it happened
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.lower_ in ("in", "at", "from"):
        host = root.head.head
        if host.pos_ == "VERB" and host.lemma_ in _SPEECH_VERBS or host.lower_ in _SOURCE_NOUNS \
                and not _people_counted_or_hit(host):
            return "source"
        if host.lemma_ in _PUBLISH_VERBS and (
                host.dep_ == "acl" and host.head.lemma_ in _DOC_NOUNS
                or any(c.dep_ == "nsubjpass" and c.lemma_ in _DOC_NOUNS for c in host.children)):
            return "source"                # "a communique released in Costa Rica" (not "hostages released in X")
        clause = host.dep_ in ("acl", "relcl") or host.dep_ == "conj" and host.head.dep_ in ("acl", "relcl")
        if host.lemma_ in _ASIDE_VERBS and (clause or host.tag_ == "VBG"):
            return "source"                # said of people beside the event: "gangs operating in X"
        if host.lemma_ == "be" and any(c.dep_ == "nsubj" and c.lemma_ in _SEAT_NOUNS
                                       for c in host.children):
            return "source"                # where an organisation sits: "its head office is in Geneva"
        if _meeting(host):
            return "source"                # where people met or will meet: "the talks in Caracas were suspended"
    if root.dep_ == "pobj" and root.head.lower_ == "from" and root.head.head.lemma_.lower() in _LAUNCH_VERBS:
        return "reference"                 # "rockets fired from Lebanon landed in Israel": whence, not where
    if root.dep_ == "pobj" and root.head.lower_ == "from" and _someone_from(root.head.head):
        return "based"                     # "if he is from Tennessee", "a student from Ohio": whose home
    if _BORDER_WITH.search(text_of(doc)[max(0, span.start_char - 30):span.start_char]):
        return "source"                    # "at the border with Bolivia": the other side of the border
    if any(a.lemma_ in _LANDMARK_VERBS and a.dep_ in ("relcl", "acl") for a in root.ancestors):
        return "reference"                 # "Villa Alta, which is located 10 km from Tarija": a landmark
    if in_org or (end < len(doc) and doc[end].lower_ in _ORG_HEADS and _capitalised(doc[end])):
        return "org"
    if span.start_char < outlet[1] and span.end_char > outlet[0]:
        return "outlet"                    # "... | Chicago Tribune": the publisher, in the headline
    return "place"


def _someone_from(host: Token) -> bool:
    """Whether "from <place>" after ``host`` tells where someone is from: "he is from Tennessee" (the verb "be" with
    a person for subject), "Ambassador Walker from Tennessee" (a person's name). Not a person's word: in local news
    "a man from Gary was shot" is mostly shot at home."""
    if host.lemma_ == "be":
        return any(c.dep_ == "nsubj" and (c.lower_ in ("he", "she", "they", "i", "we", "you", "who")
                                          or c.ent_type_ == "PERSON") for c in host.children)
    return host.ent_type_ == "PERSON"


def _meeting(host: Token) -> bool:
    """The word a place hangs on names a meeting ("the summit in San Jose", "talks held in Mexico City", "a
    meeting scheduled in Caracas"): the place is the meeting's, beside the event the story tells of."""
    if host.lemma_.lower() in MEETING_NOUNS:
        return True
    return host.pos_ == "VERB" and (host.dep_ in ("acl", "relcl") and host.head.lemma_.lower() in MEETING_NOUNS
                                    or any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in MEETING_NOUNS
                                           for c in host.children))


def _people_counted_or_hit(noun: Token) -> bool:
    """"three journalists in X", "the murder of reporters in X", "attacked diplomats in X": people the event
    counts or hits, not a source speaking from X."""
    return any(c.dep_ == "nummod" for c in noun.children) or noun.dep_ in ("dobj", "nsubjpass") \
        or noun.dep_ == "pobj" and noun.head.lower_ in ("of", "against", "on")


class _Name(NamedTuple):
    """A raw mention worth resolving: its tokens and cleaned name, what it names (``level``), its bare name and
    gazetteer key, and the country code when the bare name is a country word ("Georgia", "Spanish")."""

    raw: _Raw
    span: Span
    name: str
    level: str
    bare: str
    key: str
    code: str | None


def find_places(doc: Doc, gz: Gazetteer | None = None) -> list[PlaceMention]:
    """Every place mention of ``doc``, resolved against the gazetteer with the story's context."""
    gz = gz or gazetteer()
    lowercase = _lowercase_view(doc)
    raws = _raw_mentions(doc, gz, lowercase)
    ctx = _Context(defaultdict(float), _us_cues(doc), defaultdict(float), [])
    demonyms = _demonyms(doc, gz, raws, lowercase, ctx)
    names = _place_names(doc, gz, raws, lowercase, ctx)
    _add_story_evidence(doc, ctx)
    dl_mention = _dateline_mention(doc, gz, lowercase, ctx)
    lead = demonyms + ([dl_mention] if dl_mention is not None else [])
    named_countries = _named_countries(doc, demonyms, names, dl_mention, ctx)
    resolved, name_words = _first_pass(doc, gz, names, lowercase, ctx, dl_mention, named_countries)
    _second_pass(resolved, ctx)
    _one_sense_per_story(lead, resolved)
    # "GENERAL PEDRO LUIS DURAN ... DURAN SAID": the person's name again, not a place
    resolved = [m for m in resolved if m.source == "ner" or _norm(m.text) not in name_words]
    mentions = lead + resolved
    mentions.sort(key=lambda m: m.span)
    return mentions


# ----------------------------------------------------------------------------- finding the names


def _named_as_place(span: Span) -> bool:
    """"the town of Tacna", "the city of Goma", "the governorate of Homs": the text names a place, whatever the NER
    tagged the name."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    noun = root.head.head.lower_
    return noun in _PLACE_NOUNS or noun in _ADMIN_HEADS or noun in _COUNTY_HEADS or noun in _ADMIN_TERMS


def _person_tokens(doc: Doc, gz: Gazetteer) -> set[int]:
    """Tokens of the persons (and titles of works) the NER found: the dictionary pass proposes no place there.

    Five kinds of "person" are no person: a one-word one modifying a noun ("Police investigate Wilmington double
    shooting"), one with a common noun in it ("10,000 Displaced by Sindh Floods"), one named as a place ("the city
    of Goma"), a lone one-word one in the headline whom the story never names again, and a town the text puts
    something in ("an air strike in Khan Younis": a name of two words or more after "in" or "near" that is a town of
    10,000 people or more, one word that is a country's name or a city of 100,000 or more or a region of one
    country's: "In Mali, ...", "in Dakar", "in Yobe"), or the end of a longer town's name ("in Dera Ismail Khan
    district"). The words before a title inside a name are the title's place ("Chubut Governor Ana Ruiz").
    """
    head_end = _headline_end(text_of(doc))
    named = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and e.start_char >= head_end for t in e}
    return {i for e in doc.ents if e.label_ in ("PERSON", "WORK_OF_ART") and not (
        len(e) == 1 and e.root.dep_ == "compound" and e.root.head.pos_ == "NOUN"
        or e.label_ == "PERSON" and any(t.pos_ == "NOUN" for t in e)
        or _named_as_place(e)
        or len(e) == 1 and e.end_char <= head_end and e.root.lower_ not in named
        or e.label_ == "PERSON" and _town_after_preposition(e, gz)) for i in range(e.start, e.end)
        if not _before_title(e, i)}


def _town_after_preposition(e: Span, gz: Gazetteer) -> bool:
    doc = e.doc
    for k in (1, 2):
        # "in Dera Ismail Khan district": the person is the end of a longer town's name
        if e.start - k >= 0 and all(t.is_title and t.pos_ == "PROPN" for t in doc[e.start - k:e.start]) \
                and any(p.kind == "city" and p.population >= 10_000
                        for p in gz.lookup(_norm(doc[e.start - k:e.end].text))):
            return True
    if len(e) == 1 and e.start >= 2 and doc[e.start - 1].text == "," and gz.country_code(e.text) is not None \
            and doc[e.start - 2].ent_type_ in ("GPE", "LOC", "PERSON") and gz.lookup(_norm(doc[e.start - 2].text)):
        return True     # "in Gao, Mali,": the country after a town (not "the owner, Jordan, said")
    if e.root.dep_ == "pobj" and len(e) == 1 and e.root.head.lower_ in ("over", "across", "from", "into", "toward",
                                                                         "towards"):
        # "drones shot down over Kyiv", "fled from Aleppo": a city of 500,000 or more the NER took for a person
        return any(p.kind == "city" and p.population >= 500_000 for p in gz.lookup(_norm(e.text)))
    if e.root.dep_ != "pobj" or e.root.head.lower_ not in _LOC_PREPS | _NEAR_PREPS:
        return False
    if len(e) == 1:
        return _major_place(e, gz) \
            or (any(p.kind == "city" and p.population >= 10_000 for p in gz.lookup(_norm(e.text)))
                and not _a_person_elsewhere(e))
    return any(p.kind == "city" and p.population >= 10_000 for p in gz.lookup(_norm(e.text)))


def _major_place(e: Span, gz: Gazetteer) -> bool:
    """"In Mali, ...", "gunmen killed two people in Dakar", "a market in Yobe": a country, or a city of 100,000
    or more or a first-level region of one country (another country's small town of the name aside: "in Gao"), or
    a city of 500,000 or more ("in Valencia")."""
    places = gz.lookup(_norm(e.text))
    major = [p for p in places if p.kind == "admin1" or (p.kind == "city" and p.population >= 100_000)]
    return gz.country_code(e.text) is not None or (bool(major) and len({p.country for p in major}) == 1) \
        or any(p.kind == "city" and p.population >= 500_000 for p in places)


def _major_place_after_preposition(e: Span, gz: Gazetteer) -> bool:
    """A one-word name the NER took for an organisation that the text puts something in, and that is a country, or
    under its own name a first-level region of one country or a city of 500,000 or more: "wounded 20 people in
    Herat", "a market in Kandahar" (not "officials of Hamas", "a member of Congress"; nor a US town of 100,000, which
    local news names with its police: "in Dayton" stays as the NER and the context rules read it)."""
    if len(e) != 1 or e.root.dep_ != "pobj" or e.root.head.lower_ not in _LOC_PREPS | _NEAR_PREPS:
        return False
    if gz.country_code(e.text) is not None:
        return True
    own = [p for p in gz.lookup(_norm(e.text)) if _norm(p.name) == _norm(e.text)]
    regions = {p.country for p in own if p.kind == "admin1"}
    return len(regions) == 1 or any(p.kind == "city" and p.population >= 500_000 for p in own)


_PERSON_TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr", "sgt", "officer", "detective", "deputy", "lt", "capt",
                            "judge", "sen", "rep", "gov", "president", "minister", "general", "gen", "col"))


def _a_person_elsewhere(e: Span) -> bool:
    """Whether the one word of a "person" the NER found after "in" is a person's name elsewhere in the text: in a
    longer name ("Tom Galt"), after a title ("Mr. Galt"), a person the NER saw as a subject or object, or one who
    speaks ("Galt said")."""
    doc, word = e.doc, e.root.lower_
    for t in doc:
        if t.lower_ != word or t.i == e.root.i:
            continue
        if t.ent_type_ == "PERSON" and (t.ent_iob_ == "I" or (t.i + 1 < len(doc) and doc[t.i + 1].ent_iob_ == "I")):
            return True
        if t.i > 0 and doc[t.i - 1].lower_.rstrip(".") in _PERSON_TITLES:
            return True
        if t.dep_ in ("nsubj", "nsubjpass", "dobj") and (t.ent_type_ == "PERSON" or t.head.lemma_.lower() in (
                "say", "tell", "add", "testify", "plead", "admit", "deny")):
            return True     # ("Galt said", not "Flint has seen ...")
    return False


def _full_names(doc: Doc, gz: Gazetteer) -> set[int]:
    """In a recased capitals text, the tokens of the persons' full names the NER found ("presidential hopeful LUIS
    CARLOS GALAN", "U.S. CITIZEN DAVID LESLIE KENT"): given names that are also towns somewhere are no place there.
    One-word persons are left to the gazetteer (the NER of recased text takes towns for people), and so are names
    that open like a place's ("SAN MIGUEL", "PUERTO BARRIOS") or that the gazetteer knows whole."""
    out: set[int] = set()
    for e in doc.ents:
        words = [t for t in e if not t.is_space]          # a wire line may wrap inside the name
        if e.label_ != "PERSON" or len(words) < 2 or not all(t.is_alpha for t in words) \
                or words[0].lower_ in _PLACE_OPENERS or gz.lookup(_norm(" ".join(t.text for t in words))):
            continue
        out.update(range(e.start, e.end))
    return out


def _raw_mentions(doc: Doc, gz: Gazetteer, lowercase: bool) -> list[_Raw]:
    """The NER's place entities and the dictionary pass's names outside them (and, in cased text, outside
    persons' names), in text order."""
    raws = _ner_mentions(doc)
    taken = {i for r in raws for i in range(r.start, r.end)}
    raws += _dict_mentions(doc, gz, lowercase, taken | (_full_names(doc, gz) if lowercase else _person_tokens(doc, gz)))
    if lowercase:
        # on a recased capitals text the NER cuts names short ("SAN" of "SAN\nMIGUEL"): a longer gazetteer name
        # that covers an entity wins over the pieces it covers
        for d in _dict_mentions(doc, gz, True, set()):
            inside = [r for r in raws if d.start <= r.start and r.end <= d.end]
            if any(r.source == "ner" and r.end - r.start < d.end - d.start for r in inside) \
                    and not any(r.start < d.end and d.start < r.end for r in raws if r not in inside):
                raws = [r for r in raws if r not in inside] + [d]
    raws.sort(key=lambda r: r.start)
    return raws


def _demonyms(doc: Doc, gz: Gazetteer, raws: list[_Raw], lowercase: bool, ctx: _Context) -> list[PlaceMention]:
    """Nationality words as country mentions with the role ``demonym`` ("Iraqi", "the French"), each counted into
    the story's country evidence; not before a foreign mission ("the Brazilian embassy"). In a recased capitals
    text also the demonym words the NER missed."""
    out: list[PlaceMention] = []
    for ent in doc.ents:
        if ent.label_ == "NORP":
            code = gz.country_code(ent.text)
            country = gz.country(code) if code else None
            after = _word_beside(doc, ent.end - 1, 1)
            if code and country is not None and not (after is not None and after.lower_ in _FOREIGN_MISSION):
                ctx.countries[code] += _demonym_weight(after)
                out.append(PlaceMention((ent.start_char, ent.end_char), ent.text, country, 1.0, "ner", "demonym",
                                        "country", country=code))
    if lowercase:
        seen = {i for r in raws for i in range(r.start, r.end)} | {
            i for e in doc.ents if e.label_ == "NORP" for i in range(e.start, e.end)}
        out += _lowercase_demonyms(doc, gz, seen, ctx)
    return out


def _plural_noun(word: str) -> bool:
    """"farmers", "students", "witnesses": the plural of an English noun."""
    return (word.endswith("s") and word[:-1] in _nouns()) or (word.endswith("es") and word[:-2] in _nouns())


def _place_name(doc: Doc, gz: Gazetteer, r: _Raw, lowercase: bool, surnames: set[str]) -> _Name | None:
    """A raw mention as a name to resolve, or ``None`` when it names no place: a compass or part-of-town word
    alone, a surname of the story, a word broken by a bad byte, a natural feature, an English noun in capitals."""
    span = doc[r.start:r.end]
    name = _clean_name(span.text)
    if not name:
        return None
    if all(w in _GENERIC or (lowercase and w in _STOP) for w in name.lower().split()):
        return None                     # "the North Side", "THE CITY": a part of some town, not a name
    if r.source == "dict" and r.end - r.start == 1 and span.text.lower() in surnames:
        return None                     # "Chambers said": the person named earlier
    if _broken_word(text_of(doc), span.start_char, span.end_char):
        return None                     # "Le\ufffdn": a word broken by a bad byte is not that name
    if r.end < len(doc) and doc[r.end].lower_ in _FEATURE_HEADS:
        return None                     # "the Niger river", "the Atlas mountains": a natural feature
    if r.source == "dict" and r.end - r.start == 1 and not lowercase and span[0].is_sent_start \
            and _plural_noun(span[0].lower_):
        return None                     # "Farmers staged a sit-in": a plural noun that opens a sentence
    level, bare = _level(name, r.label, doc, r.start, r.end)
    key = _norm(bare)
    if level == "street" and r.label == "FAC" and span.root.dep_ == "pobj" \
            and span.root.head.lower_ in _LOC_PREPS | _NEAR_PREPS \
            and any(p.kind == "city" and p.population >= (10_000 if r.end - r.start > 1 else 100_000)
                    and _norm(p.name) == key for p in gz.lookup(key)):
        level = "city"                  # "stabbed in Montego Bay", "shot in Mandalay": a town the NER took for a
                                        # building (one word: a city of 100,000)
    if lowercase and r.source == "dict" and r.end - r.start == 1 and key in _nouns() \
            and not any(_norm(p.name) == key for p in gz.lookup(key) if p.kind in ("country", "admin1")) \
            and gz.country_code(bare) is not None:
        return None                     # in capitals, "CAR" is a car, not the Central African Republic's initials
    code = gz.country_code(bare) if level in ("city",) else None
    return _Name(r, span, name, level, bare, key, code)


def _count_name(gz: Gazetteer, n: _Name, ctx: _Context) -> None:
    """A name's evidence for the story's context: a country named outright, or the first-level region of a US
    town or of a region named."""
    if n.code and gz.country(n.code) is not None:
        ctx.countries[n.code] += 1.0
        return
    if n.level in ("city", "admin1"):
        for a in gz.admin1_of(n.bare):
            if a.country == "USA" or n.level == "admin1":
                ctx.admin1[(a.country, a.admin1 or a.name)] += 1
                ctx.countries[a.country] += 0.5
                break


def _place_names(doc: Doc, gz: Gazetteer, raws: list[_Raw], lowercase: bool, ctx: _Context) -> list[_Name]:
    """The raw mentions that name places, their evidence counted into ``ctx``; a country's adjective ("Spanish",
    "Iraqi") only counts, it is never a place."""
    surnames = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    out = []
    for r in raws:
        n = _place_name(doc, gz, r, lowercase, surnames)
        if n is None:
            continue
        if n.code and not any(p.kind == "country" for p in gz.lookup(n.key)):
            ctx.countries[n.code] += 0.7          # "Spanish", "Iraqi": context, never a place
            continue
        out.append(n)
        _count_name(gz, n, ctx)
    return out


def _us_cues(doc: Doc) -> int:
    """How often the story's opening uses US local-news vocabulary (:data:`_US_CUES`)."""
    head = text_of(doc)[:4000]
    return len(_US_CUES.findall(head)) + len(_US_CUES_CASED.findall(head))


def _story_evidence(doc: Doc, us_cues: int) -> Iterator[tuple[str, float]]:
    """Country evidence beyond the names, (country, weight): the national movements ("the FMLN", "Sendero
    Luminoso"), office holders and national institutions ("President Alan Garcia", "the Carabineros") the story
    names, its administrative words ("upazila", "oblast") and ``us_cues`` US local-news cues."""
    for code in _group_countries(doc):
        yield code, 0.7
    for code in _office_countries(doc):
        yield code, 0.5
    yield from _admin_term_countries(doc)
    if us_cues:
        yield "USA", min(2.0, 0.5 * us_cues)


def _add_story_evidence(doc: Doc, ctx: _Context) -> None:
    for code, weight in _story_evidence(doc, ctx.us_cues):
        ctx.countries[code] += weight


def _named_countries(doc: Doc, demonyms: list[PlaceMention], names: list[_Name], dl_mention: PlaceMention | None,
                     ctx: _Context) -> set[str]:
    """Countries the story names outright (names, demonyms, movements, the dateline, US local-news cues)."""
    return {m.country for m in demonyms if m.country} | {n.code for n in names if n.code} \
        | set(_group_countries(doc)) \
        | ({dl_mention.country} if dl_mention is not None and dl_mention.country else set()) \
        | ({"USA"} if ctx.us_cues else set())


# ----------------------------------------------------------------------------- the dateline


def _dateline_hints(gz: Gazetteer, region: str | None, ctx: _Context) -> list[Place]:
    """The region or country written in the dateline ("AURORA, Colo.", "MADRID (SPAIN)"); a country only when no
    region of that name exists."""
    if not region:
        return []
    hints = gz.admin1_of(region, "USA" if ctx.share("USA") > 0.3 else None) or gz.admin1_of(region)
    code = gz.country_code(region)
    country_place = gz.country(code) if code else None
    # "CELAYA, Mexico": the country, though a region has its name too (a town of either agrees)
    return hints + [country_place] if country_place is not None else hints


def _dateline_candidates(gz: Gazetteer, name: str, key: str, hints: list[Place], ctx: _Context) -> list[Place]:
    """The places the dateline's town may be: those in its written region (tried again without a qualifier when
    none is), else the well-known ones ("BOGOTA" is the capital, not a New Jersey borough)."""
    cands = _candidates(gz, name, key, ctx.share("USA") > 0.3)
    if hints and cands and not any(_agrees(p, hints) for p in cands):
        cands = [p for p in _candidates(gz, name, _norm(_strip_generic(name)), False) if _agrees(p, hints)]
    if cands and not hints:
        # a dateline names a place the reader knows
        biggest = max(p.population for p in cands)
        cands = [p for p in cands if p.population * 50 >= biggest or p.geonames_id is None]
    regions = [p for p in cands if p.kind in ("admin1", "admin2")]
    if regions and any(p.kind == "city" and p.population * 10 >= max(r.population for r in regions) for p in cands):
        # a dateline names a town: "GAZA --" the city, not Mozambique's Gaza province; "WASHINGTON --" the capital
        cands = [p for p in cands if p.kind not in ("admin1", "admin2")]
    return cands


def _dateline_mention(doc: Doc, gz: Gazetteer, lowercase: bool, ctx: _Context) -> PlaceMention | None:
    """The dateline's place, resolved and counted as strong evidence into ``ctx``: a town, a country alone ("NO
    CITY (EL SALVADOR)"), or a town the gazetteer does not know; a wire bureau abroad is weak evidence."""
    dl = prepare(doc).place
    if dl is None:
        return None
    text = text_of(doc)
    s, e, region = dl
    dl_span = doc.char_span(s, e, alignment_mode="expand")
    if dl_span is None:
        return None
    name = _clean_name(text[s:e])
    key = _norm(name)
    hints = _dateline_hints(gz, region, ctx)
    cands = _dateline_candidates(gz, name, key, hints, ctx)
    # a wire dateline written "MADRID (SPAIN), 19 NOV 89 --" is a bureau abroad: the story is mostly about
    # another country, so the filing place is weak evidence and not the event's place by itself
    bureau = lowercase and region is not None and text[e:e + 3].lstrip().startswith("(") \
        and gz.country_code(region) is not None
    sent_start = dl_span.sent.start_char
    if cands:
        place, score = _resolve(cands, key, "city", hints, ctx)
        if place is None:
            return None
        ctx.countries[place.country] += 0.5 if bureau else 2.0
        # a bureau abroad says nothing of the region or the neighbourhood the story is set in
        if place.kind != "country" and place.admin1 and not bureau:
            ctx.admin1[(place.country, place.admin1)] += _DATELINE_REGION_WEIGHT
            ctx.filed_in = (place.country, place.admin1)
        if place.lat is not None and place.lon is not None and not bureau:
            ctx.anchors.append((place.lat, place.lon))
        level = "country" if place.kind == "country" else "admin1" if place.kind == "admin1" else "city"
        return PlaceMention((s, e), text[s:e], place, score, "dateline", "bureau" if bureau else "dateline", level,
                            country=place.country, admin1=place.admin1, sent_start=sent_start,
                            candidates=cands[:5])
    if hints and hints[0].kind == "country":
        # "NO CITY (BOLIVIA), 2 MAY 90 --": no town, but the country of the filing
        country_place = hints[0]
        ctx.countries[country_place.country] += 2.0
        return PlaceMention((s, e), text[s:e], country_place, 1.0, "dateline", "dateline", "country",
                            country=country_place.country, sent_start=sent_start)
    if not any(w in _STOP or w in _common_words() or w in _nouns() for w in key.split()):
        # a town the gazetteer does not know ("KARVAN —"): still where the story was filed
        return PlaceMention((s, e), text[s:e], None, 0.0, "dateline", "dateline", "city",
                            country=hints[0].country if hints else None, admin1=hints[0].admin1 if hints else None,
                            sent_start=sent_start)
    return None


# ----------------------------------------------------------------------------- the first pass


def _first_pass(doc: Doc, gz: Gazetteer, names: list[_Name], lowercase: bool, ctx: _Context,
                dl_mention: PlaceMention | None, named_countries: set[str]) -> tuple[list[PlaceMention], set[str]]:
    """Each name (but the dateline's) resolved in text order with the story's context; confident places become
    anchors for the names after them. Also returns the capitals words found inside persons' names."""
    # (not a one-word country, region or city the text puts something in: "wounded 20 people in Herat")
    org = {i for e in doc.ents if e.label_ == "ORG" and not _major_place_after_preposition(e, gz)
           for i in range(e.start, e.end)}
    outlet = _outlet_zone(text_of(doc))
    resolved: list[PlaceMention] = []
    name_words: set[str] = set()       # capitals words seen inside a person's name ("DURAN")
    prev_cands: list[Place] = []
    prev_end = -1
    regions = _named_regions(doc, gz, names, ctx)
    for n in names:
        if dl_mention is not None and n.span.start_char < dl_mention.span[1] \
                and n.span.end_char > dl_mention.span[0]:
            continue
        hints = _written_hints(doc, gz, n, lowercase, ctx)
        cands = _police_town(doc, n.raw.end, _name_candidates(doc, gz, n, hints, ctx, regions))
        place, score = _resolve(cands, n.key, n.level, hints, ctx)
        region = _region_after_town(doc, gz, n, cands, prev_cands, prev_end)
        if region is not None:
            place, score = region, max(score, 8.0)
        prev_cands, prev_end = cands, n.raw.end
        rejected = _rejection(doc, n, place, hints, lowercase, ctx, named_countries, dl_mention)
        if rejected == "name-word":
            name_words.add(doc[n.raw.start].lower_)
        if rejected is not None:
            continue
        if _in_header(doc, n, dl_mention):
            continue
        role = _mention_role(doc, n, place, lowercase, org, outlet)
        resolved.append(_mention(doc, n, place, score, role, cands, hints))
        if place is not None and score >= 4.0 and place.lat is not None and place.lon is not None \
                and role in ("place", "dateline", "org"):
            ctx.anchors.append((place.lat, place.lon))
    return resolved, name_words


def _written_hints(doc: Doc, gz: Gazetteer, n: _Name, lowercase: bool, ctx: _Context) -> list[Place]:
    """The region or country the text writes after a name ("Florence, Alabama", "Tripoli (Lebanon)"), or for a
    region the country after "of" ("the Northern Region of Ghana")."""
    hints = _hint_after(doc, n.raw.end, gz, ctx.share("USA") > 0.3, lowercase)
    if not hints and n.level in ("admin1", "admin2"):
        hints = _country_of(doc, n.raw.end, gz)
    return hints


def _named_regions(doc: Doc, gz: Gazetteer, names: list[_Name], ctx: _Context) -> frozenset[tuple[str, str]]:
    """The first-level regions the story names outright: a region, or a county or district whose name has one
    reading ("Pasco County": Florida; "Washington County", found in many states, names none)."""
    out: set[tuple[str, str]] = set()
    for n in names:
        if n.level not in ("admin1", "admin2"):
            continue
        found = {(p.country, p.admin1 or p.name) for p in _name_candidates(doc, gz, n, [], ctx)
                 if p.kind == "admin2" and p.admin1 or p.kind == "admin1"}
        if len(found) == 1:
            out |= found
    return frozenset(out)


def _name_candidates(doc: Doc, gz: Gazetteer, n: _Name, hints: list[Place], ctx: _Context,
                     regions: frozenset[tuple[str, str]] = frozenset()) -> list[Place]:
    """The gazetteer places a name may be, by what it names (none for a street); in a story set in one country
    not a small foreign town, for a region the NER saw not a small town (but in a region the story names:
    ``regions``), and only those agreeing with a written hint."""
    r, key, bare = n.raw, n.key, n.bare
    if n.level == "street":
        cands: list[Place] = []
    elif n.level == "admin1":
        cands = gz.admin1_of(bare) or gz.admin1_of(re.sub(r"^the\s+", "", bare, flags=re.I))
        if not cands:
            cands = gz.lookup(key)
            if all(p.kind == "city" for p in cands):
                cands = _region_of_its_town(gz, bare) or cands
    elif n.level == "admin2":
        full = [key] if key.endswith(("county", "parish", "borough", "district")) else [key + " county",
                                                                                          key + " district"]
        cands = [p for p in [q for f in full for q in gz.lookup(f)] + gz.lookup(_norm(bare)) if p.kind == "admin2"]
    elif n.code and (c := gz.country(n.code)) is not None:
        # "Georgia" the country, but also "Trinidad" the Colorado town: towns of the name stay candidates
        cands = [c] + [p for p in gz.lookup(key) if p.kind != "country"]
    else:
        cands = _candidates(gz, n.span.text, key, ctx.share("USA") > 0.3)
    top = ctx.top()
    if top is not None and _dominant(ctx) and not _explicit_country(doc, r.end, gz):
        # a small foreign place in a story set elsewhere is a coincidence of names ("Hexham", "North Canton")
        cands = [p for p in cands if p.country == top or ctx.share(p.country) > 0 or p.kind == "country"
                 or p.population >= 100_000 or p.geonames_id is None]
    if r.label == "LOC":
        # a region, range or sea the NER saw: a small town of that name is a coincidence ("Middle East"), unless it
        # lies in a region the story names ("in Palm Coast" in a story of the Flagler County sheriff: Florida's)
        cands = [p for p in cands if p.kind != "city" or p.population >= 100_000 or p.geonames_id is None
                 or (p.country, p.admin1) in regions]
    if hints and cands and not any(_agrees(p, hints) for p in cands):
        cands = [p for p in _candidates(gz, n.span.text, _norm(_strip_generic(n.name)), False) if _agrees(p, hints)]
    if _called_a_town(doc, r.start) and any(p.kind == "city" for p in cands):
        cands = [p for p in cands if p.kind == "city"]      # "the northern town of Kidal": not the Kidal region
    admin_countries = _admin_term_near(doc, r.start, r.end)
    if admin_countries and any(p.country in admin_countries for p in cands):
        cands = [p for p in cands if p.country in admin_countries]      # "Sylhet upazila": in Bangladesh
    return cands


def _region_of_its_town(gz: Gazetteer, bare: str) -> list[Place]:
    """A region the gazetteer knows under another spelling, named after its chief town ("Sagaing region": the
    region of the town of Sagaing); towns of 10,000 people or more, their regions (or the town, for want of one)."""
    out: list[Place] = []
    for town in gz.lookup(_norm(bare)):
        if town.kind != "city" or town.population < 10_000:
            continue
        regions = gz.admin1_of(town.admin1, town.country) if town.admin1 else []
        for p in regions or [town]:
            if p not in out:
                out.append(p)
    return out


def _region_after_town(doc: Doc, gz: Gazetteer, n: _Name, cands: list[Place], prev_cands: list[Place],
                       prev_end: int) -> Place | None:
    """"Atlanta, Georgia": the region a name written right after a town (``prev_cands``, ending at ``prev_end``)
    names, when the town has a place of its name in that region."""
    r = n.raw
    if not (prev_cands and r.start >= 2 and doc[r.start - 1].text in (",", "(") and prev_end == r.start - 1):
        return None
    regions = [p for p in cands if p.kind == "admin1"] or gz.admin1_of(n.span.text)
    for a in regions:
        if any(q.country == a.country and q.admin1 == a.admin1 for q in prev_cands):
            return a
    return None


def _dateline_again(n: _Name, dl_mention: PlaceMention | None) -> bool:
    """The name is the dateline's town written again ("KINGSTON, 2 MAY -- ... IN KINGSTON")."""
    return dl_mention is not None and dl_mention.place is not None and _norm(_clean_name(dl_mention.text)) == n.key


def _english_word(tok: Token) -> bool:
    """A stop word, or a noun, verb, adjective or adverb of the lemmatiser's WordNet index (or its lemma is). Used
    with the name particles of other languages ("la", "el", "de": data tag ``connector``) set apart, since WordNet
    lists "la" and "victoria" too."""
    return any(w in STOP_WORDS or w in _nouns() or w in _common_words() for w in (tok.lower_, tok.lemma_))


def _rejection(doc: Doc, n: _Name, place: Place | None, hints: list[Place], lowercase: bool, ctx: _Context,
               named_countries: set[str], dl_mention: PlaceMention | None = None) -> str | None:
    """Why a resolved name is no place after all, or ``None`` when it is one. ``"name-word"``: in capitals, a word
    of a person's name ("GENERAL PEDRO LUIS DURAN", "COL DELGADO"); ``"common-word"``, ``"unknown"``,
    ``"noun"``, ``"foreign-alias"``, ``"english-words"``, ``"small-town"``, ``"compass-region"``: see the
    comments."""
    r = n.raw
    single = r.end - r.start == 1
    tok = doc[r.start]
    if r.source == "dict" and place is not None and not lowercase and single and place.kind == "city" \
            and (tok.pos_ != "PROPN" or (tok.is_sent_start or "\n" in doc[max(0, r.start - 1)].text_with_ws
                                         or doc[max(0, r.start - 1)].text in ("—", "--", "–"))
                 and tok.lower_ in _nouns()) \
            and not (tok.pos_ == "PROPN" and r.end < len(doc) and doc[r.end].lower_ in _FORCE_NOUNS):
        return "common-word"           # "Reading the statement, ...", "Artillery shells struck": a common word
                                       # (not a town's police: "Warren police said")
    if lowercase and place is None and n.level == "city" and not hints:
        return "unknown"               # the cased model guessing on a recased text, or a foreign town filtered out
    if lowercase and place is not None and place.kind != "country" and single and place.geonames_id is not None \
            and _in_name(doc, r.start):
        return "name-word"             # in capitals, "GENERAL PEDRO LUIS DURAN", "COL DELGADO": part of a person's name
    if lowercase and place is not None and place.kind not in ("country", "admin1") and single \
            and place.geonames_id is not None and (tok.lower_ in _nouns() or tok.lemma_ in _nouns()) \
            and place.population < 1_000_000 and not _dateline_again(n, dl_mention) \
            and not (r.source == "ner" and r.label == "GPE" and place.population >= 100_000 and r.start > 0
                     and doc[r.start - 1].lower_ in _LOC_PREPS | _NEAR_PREPS):
        return "noun"                  # in capitals, "JUSTICE", "GRENADE": an English noun, not a town (but the
                                       # dateline's town written again is that town: "READING, 2 MAY -- ... IN READING";
                                       # nor a city of 100,000 the NER calls a place after a place preposition: "IN
                                       # DETROIT", the lexicon's nouns hold the names of well-known towns too)
    if lowercase and place is not None and place.kind == "city" and place.geonames_id is not None and not hints \
            and _norm(place.name) != n.key and not ctx.countries.get(place.country) \
            and not _dateline_again(n, dl_mention):
        return "foreign-alias"         # in capitals, "DAMAS", "CANO": another language's name of a town abroad
    if lowercase and place is not None and not single and place.kind not in ("country", "admin1") \
            and place.geonames_id is not None and place.population < 100_000 \
            and not _dateline_again(n, dl_mention) \
            and all(_english_word(t) and (t.lower_ not in _CONNECTORS or t.lower_ in STOP_WORDS)
                    for t in doc[r.start:r.end] if t.is_alpha):
        return "english-words"         # in capitals, "THE SUMMIT", "RED CROSS": English words, not a small town
    if (r.source == "dict" or lowercase) and place is not None and place.kind == "city" \
            and ctx.share(place.country) < (0.2 if lowercase else 0.01) \
            and place.population < 100_000 and not hints and (lowercase or _dominant(ctx)):
        return "small-town"            # a small town of no country in the story, seen only by the dictionary
    if place is not None and place.kind in ("admin1", "admin2") and _COMPASS_REGION.match(n.name) \
            and not hints and place.country not in named_countries:
        return "compass-region"        # "Western District officers": a compass-named district of no known country
    return None


def _in_header(doc: Doc, n: _Name, dl_mention: PlaceMention | None) -> bool:
    """A name inside a wire header (any, at home or abroad) other than its town: the region written after the town
    ("MANAGUA (NICARAGUA), 2 NOV 89"), a hint the dateline's place already took, or the source after the date
    ("(RADIO SANDINO)", "(LA REPUBLICA)"), a broadcaster or a paper: neither is another place of the story."""
    start, end = prepare(doc).extent
    return dl_mention is not None and start <= n.span.start_char and n.span.end_char <= end


def _mention_role(doc: Doc, n: _Name, place: Place | None, lowercase: bool, org: set[int],
                  outlet: tuple[int, int]) -> str:
    """The mention's role (:func:`_role`); a country written as an adjective of a noun is a demonym ("U.S.
    assistance", "U.S. citizen"), unless the noun is a place or area ("the U.S. border")."""
    r, span = n.raw, n.span
    in_org = any(i in org for i in range(r.start, r.end)) and not lowercase and not _named_as_place(span) \
        and not (n.level in ("admin1", "admin2") and r.end < len(doc) and doc[r.end].lower_ in _ADMIN_HEADS
                 | _COUNTY_HEADS)       # "in the Tillaberi region", which the NER took for an organisation
    role = _role(doc, r.start, r.end, in_org, outlet)
    if role == "place" and place is not None and place.kind == "country" and span.root.dep_ in (
            "compound", "amod", "nmod") and span.root.head.pos_ == "NOUN" \
            and span.root.head.lemma_ not in _PLACE_NOUNS | _AREA_NOUNS:
        return "demonym"
    if role == "place" and place is not None and place.kind == "country" and r.end < len(doc) \
            and doc[r.end].lower_ in _FOREIGN_MISSION | _ACTOR_POSSESSIONS:
        return "demonym"    # "U.S. AMBASSADOR JOHN DOE", "the U.S. embassy": whose, not where (in capitals too)
    return role


_SPEAKING = (lexicon.speech_verbs("clause") | lexicon.speech_verbs("object") | lexicon.speech_verbs("quote")) \
    - {"find", "learn", "know", "show", "feel", "think", "believe", "continue", "decide", "figure", "understand"}
_STATEMENT_NOUNS = frozenset(("statement", "statements", "communique", "communiques", "declaration", "condemnation"))


def _speakers_place(span: Span) -> bool:
    """A place the text gives as where the people who speak of the event are ("politicians in the United States
    have condemned ...", "officials in Madrid said ...", "lawmakers in Spain issued a statement"), not where it
    happened."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in ("in", "from") or root.head.head.pos_ not in ("NOUN", "PROPN"):
        return False
    t = root.head.head
    if t.lower_ in _FORCE_NOUNS | _STATE_AGENTS:
        return False        # "police in Dallas said": a town's own police speak of what happened there
    for _ in range(4):
        if t.dep_ not in ("conj", "appos") or t.head.i == t.i:
            break
        t = t.head
    if t.dep_ != "nsubj" or t.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = t.head
    return verb.lemma_.lower() in _SPEAKING or verb.lemma_.lower() in ("issue", "release") and any(
        c.dep_ == "dobj" and c.lower_ in _STATEMENT_NOUNS for c in verb.children)


def _resolved_level(level: str, place: Place | None) -> str:
    """What a mention names once resolved: the place's kind, a site's level kept for a non-town place."""
    if place is None:
        return level
    return ("country" if place.kind == "country" else
            "admin1" if place.kind == "admin1" else
            "admin2" if place.kind == "admin2" else
            level if level == "site" and place.kind != "city" else
            "city" if place.kind == "city" else "site")


def _mention(doc: Doc, n: _Name, place: Place | None, score: float, role: str, cands: list[Place],
             hints: list[Place]) -> PlaceMention:
    """The mention of a name: whether the text puts the event near it ("near X", "20 km from X"), and for an
    unknown place the country and region its written hint says."""
    span = n.span
    before = text_of(doc)[max(0, span.start_char - 40):span.start_char]
    near = (span.root.dep_ == "pobj" and span.root.head.lower_ in _NEAR_PREPS) or bool(_NEAR_BEFORE.search(before))
    m = PlaceMention((span.start_char, span.end_char), span.text, place, score, n.raw.source, role,
                     _resolved_level(n.level, place), near, place.country if place else None,
                     (place.admin1 if place.kind != "country" else None) if place else None,
                     span.sent.start_char, cands)
    m.speaker = _speakers_place(span)
    m.bare = n.level == "city"
    if place is None and hints:
        m.country = hints[0].country
        m.admin1 = hints[0].admin1 if hints[0].kind != "country" else None
    return m


# ----------------------------------------------------------------------------- the second pass and after


def _second_pass(resolved: list[PlaceMention], ctx: _Context) -> None:
    """Re-resolve with what the first pass found: a small town in a local story's region, an ambiguous town with
    all the anchors; an unknown place takes the country of a story set in one."""
    _count_first_pass(resolved, ctx)
    home = _dominant_region(ctx)
    for m in resolved:
        if home is not None and _to_home_region(m, home, ctx):
            continue
        _re_resolve(m, ctx)
        if m.place is None and m.country is None and ctx.countries:
            top = ctx.top()
            if top is not None and ctx.share(top) >= 0.5:  # noqa: SIM102
                m.country = top     # a street or site of a story set in one country


def _count_first_pass(resolved: list[PlaceMention], ctx: _Context) -> None:
    """The first pass's confident towns as country evidence, its regions and big towns as region evidence; so is a
    first-level region no other country has a place of that name in."""
    for m in resolved:
        for country, region, weight in _evidence_of(m):
            if region is None:
                ctx.countries[country] += weight
            else:
                ctx.admin1[(country, region)] += weight


def _evidence_of(m: PlaceMention) -> list[tuple[str, str | None, float]]:
    """What one first-pass mention tells of the story's country (region None) and first-level regions."""
    p = m.place
    if p is None or m.role not in ("place", "org", "outlet"):
        return []
    out: list[tuple[str, str | None, float]] = []
    if p.kind == "city" and m.score >= 3.0:
        out.append((p.country, None, 0.5))
    if p.admin1 and (p.kind == "admin2" or p.kind == "city" and p.population >= 100_000):
        out.append((p.country, p.admin1, 1.0))
    if p.kind == "admin1" and m.score >= 3.0 and len({c.country for c in m.candidates}) == 1:
        # a region of one country only ("the Sindh police chief"): evidence for its towns ("Hyderabad")
        out += [(p.country, None, 0.5), (p.country, p.admin1 or p.name, 1.0)]
    return out


def _to_home_region(m: PlaceMention, home: tuple[str, str], ctx: _Context) -> bool:
    """A local story set in one region (``home``): a small town of the name elsewhere in the country is the wrong
    one; the candidate in the region, else an unknown place there. ``False`` when the rule does not apply."""
    p0 = m.place
    if p0 is None or p0.kind != "city" or p0.population >= 100_000 or p0.country != home[0] \
            or ctx.admin1.get((p0.country, p0.admin1 or ""), 0) or m.role != "place":
        return False
    inside = [q for q in m.candidates if q.country == home[0] and q.admin1 == home[1]]
    if inside:
        m.place, m.admin1 = inside[0], home[1]
    elif home == ctx.filed_in and ctx.admin1[home] <= _DATELINE_REGION_WEIGHT and _wire_country(home[0]):
        return False    # only the dateline is in the region: a wire story filed from the capital about a town
    else:
        m.place, m.country, m.admin1, m.score = None, home[0], home[1], 0.0
    return True


_FORCE_NOUNS = _rule_words("force-noun")


def _police_town(doc: Doc, end: int, cands: list[Place]) -> list[Place]:
    """The candidates of a name followed by its police force ("Toledo police said", "Kirkuk police"): a town's,
    so its towns only, when the largest of them is at least a tenth the size of the largest region or country of
    that name ("Washington police" is the city's; "Punjab police" and "Texas police" keep their regions)."""
    if end >= len(doc) or doc[end].lower_ not in _FORCE_NOUNS:
        return cands
    towns = [p for p in cands if p.kind == "city"]
    regions = [p for p in cands if p.kind in ("admin1", "country")]
    if not towns or not regions or max(p.population for p in towns) < 0.1 * max(p.population for p in regions):
        return cands
    return towns


def _re_resolve(m: PlaceMention, ctx: _Context) -> None:
    """An ambiguous town resolved again with every anchor and all the evidence of the story but its own; so is a
    bare name the first pass read as a region when a town of that name is a candidate ("Beni" in a story of
    North Kivu is the Congolese town, not the Bolivian department)."""
    if m.place is None or len(m.candidates) <= 1:
        return
    if m.place.kind != "city" and not (m.bare and m.place.kind in ("admin1", "admin2")
                                       and any(q.kind == "city" for q in m.candidates)):
        return
    key = _norm(_clean_name(m.text))
    anchors = [a for a in ctx.anchors if (m.place.lat, m.place.lon) != a]
    countries, regions = defaultdict(float, ctx.countries), defaultdict(float, ctx.admin1)
    for country, region, weight in _evidence_of(m):     # not its own first reading's evidence
        if region is None:
            countries[country] -= weight
        else:
            regions[(country, region)] -= weight
    p, score = _resolve(m.candidates, key, "city" if m.bare else m.level, [],
                        _Context(countries, ctx.us_cues, regions, anchors))
    if p is not None and m.place.kind != "city" and p.country == m.place.country:
        return      # a region read again: only another country's town replaces it, not its own capital
    if p is not None and p != m.place:
        m.place, m.score, m.country = p, score, p.country
        m.admin1 = p.admin1


def _one_sense_per_story(lead: list[PlaceMention], resolved: list[PlaceMention]) -> None:
    """A name resolved with a region hint or in the dateline means the same place wherever the story repeats it:
    each resolved mention takes the place of the best-scored mention written the same."""
    by_key: dict[str, PlaceMention] = {}
    for m in sorted(lead + resolved, key=lambda m: -m.score):
        if m.place is not None:
            by_key.setdefault(_norm(_clean_name(m.text)), m)
    for m in resolved:
        lead_m = by_key.get(_norm(_clean_name(m.text)))
        if lead_m is not None and lead_m is not m and lead_m.place is not None and m.place != lead_m.place \
                and lead_m.score > m.score:
            m.place, m.country, m.admin1, m.level = lead_m.place, lead_m.country, lead_m.admin1, lead_m.level


def _group_countries(doc: Doc) -> list[str]:
    """Countries of the rebel and opposition movements the story names (actor dictionaries): a story about
    the FMLN is about El Salvador even when a "CLANDESTINE" dateline names no place."""
    return list(_actor_countries(doc)[0])


def _office_countries(doc: Doc) -> list[str]:
    """Countries of the office holders and national institutions the story names (actor dictionaries: a person or
    organisation coded government, military, police, courts, legislature or intelligence): a story about
    President Cristiani is about El Salvador. Countries' own names and demonyms are counted elsewhere."""
    return list(_actor_countries(doc)[1])


_ENTRY_KINDS: dict[int, dict[str, str]] = {}
_ACTOR_COUNTRIES: weakref.WeakKeyDictionary[ActorIndex, tuple[tuple[str, ...], tuple[str, ...]]] = \
    weakref.WeakKeyDictionary()


def _entry_kinds(lex: ActorLexicon) -> dict[str, str]:
    """Name -> kind (country, person, org) of the actor dictionary's entries, once per dictionary."""
    kinds = _ENTRY_KINDS.get(id(lex))
    if kinds is None:
        kinds = _ENTRY_KINDS[id(lex)] = {e.name: e.kind for e in lex.entries}
    return kinds


def _actor_countries(doc: Doc) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The countries of the story's national movements and of its office holders and institutions, one per
    distinct dictionary entry, outside the dateline's station name; read once per article (every event asks)."""
    index = actor_index(doc)
    found = _ACTOR_COUNTRIES.get(index)
    if found is not None:
        return found
    kinds = _entry_kinds(index.lex)
    head = index.text.find(" -- ", 0, 150)                                  # not the dateline's station name
    groups: list[str] = []
    offices: list[str] = []
    seen: set[str] = set()
    for actor in index.actors():
        if actor.span is not None and actor.span[0] < head or not actor.country or not actor.entity \
                or actor.entity in seen:
            continue
        if actor.sector in _NATIONAL_GROUP_SECTORS:
            seen.add(actor.entity)
            groups.append(actor.country)
        elif actor.sector in OFFICE_SECTORS and kinds.get(actor.entity) in ("person", "org"):
            seen.add(actor.entity)
            offices.append(actor.country)
    found = _ACTOR_COUNTRIES[index] = (tuple(groups), tuple(offices))
    return found


def _admin_term_countries(doc: Doc) -> list[tuple[str, float]]:
    """Country evidence of the administrative words that belong to a few countries ("upazila", "oblast",
    "governorate"): each occurrence (at most two of a word) shares 0.7 among the word's countries."""
    hits: defaultdict[str, int] = defaultdict(int)
    for m in _ADMIN_TERM.finditer(text_of(doc)):
        hits[m.group(1).lower()] += 1
    out: list[tuple[str, float]] = []
    for term, n in hits.items():
        countries = _ADMIN_TERMS[term]
        out.extend((code, 0.7 / len(countries)) for code in countries for _ in range(min(n, 2)))
    return out


def _admin_term_near(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The countries of an administrative word written with the name at tokens [start, end): "Sylhet upazila",
    "the governorate of Homs", "Donetsk Oblast"."""
    words = [doc[end - 1].lower_]
    if end < len(doc):
        words.append(doc[end].lower_)
        if end + 1 < len(doc):
            words.append(f"{doc[end].lower_} {doc[end + 1].lower_}")
    if start >= 2 and doc[start - 1].lower_ == "of":
        words.append(doc[start - 2].lower_)
    for w in words:
        countries = _ADMIN_TERMS.get(w) or _ADMIN_TERMS.get(w[:-1] if w.endswith("s") else w)
        if countries:
            return countries
    return ()


def _context_weight(m: PlaceMention, doc: Doc | None = None) -> float:
    """What one mention adds to the story's country weights: a dateline most, a nationality word before the
    country's own police or authorities as much as a place ("Nigerian police said"), another less."""
    if m.role == "demonym":
        if doc is not None:
            after = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
            if after is not None and _demonym_weight(_word_beside(doc, after.end - 1, 1)) == _STATE_AGENT_WEIGHT:
                return _STATE_AGENT_WEIGHT
        return _DEMONYM_WEIGHT
    return 2.0 if m.role == "dateline" else 0.5 if m.role == "bureau" else 1.0


# the least evidence of another country (its people's police, movements, office holders) to move a namesake there
_COUNTRY_EVIDENCE = 1.0


def story_context(doc: Doc) -> defaultdict[str, float]:
    """Country weights of the story (resolved mentions not in credit lines or 'X-based' phrases)."""
    out: defaultdict[str, float] = defaultdict(float)
    for m in doc._.dateline_places or []:
        if m.role in ("credit", "based") or m.country is None:
            continue
        out[m.country] += _context_weight(m, doc)
    for code, weight in _story_evidence(doc, _us_cues(doc)):    # as the stage weighed it when resolving names
        out[code] += weight
    return out


@Language.factory("dateline_places", assigns=["doc._.dateline_places"],
                  requires=["doc._.dateline_header", "doc._.dateline_recased", "doc._.dateline_actor_index",
                            "token.dep", "token.lemma", "doc.ents"])
def make_places_stage(nlp: Language, name: str) -> PlacesStage:
    return PlacesStage(nlp)


class PlacesStage:
    """Finds place mentions (NER + gazetteer dictionary) and resolves them: ``doc._.dateline_places``."""

    def __init__(self, nlp: Language) -> None:
        load_word_classes(nlp)
        gazetteer()   # loads with the pipeline, never inside an article's time budget

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_places = find_places(doc)
        return doc


# --------------------------------------------------------------------------------------------
# the event's place
# --------------------------------------------------------------------------------------------

def _location_from_description(doc: Doc, sent: Span) -> tuple[str, tuple[int, int]] | None:
    """"moved against a camp" + later "Camp Ashraf": a named place sharing the generic noun."""
    generic = {t.lower_ for t in sent if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj"
               and t.head.lower_ in _LOC_PREPS | {"against", "of"}}
    generic &= _SITE_HEADS | {"camp", "base"}
    if not generic:
        return None
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC", "ORG"):
            continue
        words = {t.lower_ for t in ent}
        if len(ent) > 1 and words & generic:
            return ent.text, (ent.start_char, ent.end_char)
    return None


def _sentence_ranges(doc: Doc, sentences: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in sentences]


def _inside(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in ranges)


def _headline_end(text: str) -> int:
    end = text.find("\n\n")
    return end if 0 < end < 300 else 0


def _happened_at(verb: Token) -> bool:
    """"occurred in X", "took place in X", "happened near X": the text says outright where it was."""
    return verb.lemma_ in ("occur", "happen") or (verb.lemma_ == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children))


def _tie(doc: Doc, m: PlaceMention, trig_sent: tuple[int, int], ranges: list[tuple[int, int]],
         trig: Span | None, headline: int) -> float:
    """How strongly the text ties a mention to the event."""
    if m.role in ("credit", "based", "treatment", "demonym"):
        return -10.0
    s = 0.0
    if m.role == "dateline":
        s += 1.5 if m.level == "country" else 2.5     # "NO CITY (PERU)" locates less than a town
    elif trig_sent[0] <= m.span[0] and m.span[1] <= trig_sent[1]:
        s += 3.0
    elif _inside(m.span, ranges):
        s += 2.0
    elif m.span[1] <= headline:
        s += 1.5
    if m.role == "actor":
        s -= 2.5
    elif m.role == "source":
        s -= 4.0                                    # only when the story names no other place
    elif m.role == "reference":
        s -= 1.5
    elif m.role in ("org", "outlet"):
        s -= 1.0 if m.role == "org" else 2.5
    span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
    if m.role == "bureau":
        return 0.5                                  # filed abroad: the place only when nothing else is named
    if span is not None and m.role != "dateline":
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ in _LOC_PREPS:
            s += 1.5
            if trig is not None and (root.head.head == trig.root or root.head.head.i in
                                     range(trig.start, trig.end)):
                s += 0.5
            elif trig is not None and trig.root.pos_ == "NOUN" and trig.root.is_ancestor(root):
                s += 0.5                            # "the attack on a union office in San Salvador"
            if _happened_at(root.head.head):
                s += 1.0
        elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _PLACE_NOUNS \
                and root.head.head.dep_ == "pobj" and root.head.head.head.lower_ in _LOC_PREPS:
            s += 1.5                                # "in the town of Tarata", "in the Peruvian capital of Lima"
            if _happened_at(root.head.head.head.head):
                s += 1.0
        elif root.dep_ == "compound" and root.head.lower_ in _ADMIN_HEADS | _COUNTY_HEADS \
                and root.head.dep_ == "pobj" and root.head.head.lower_ in _LOC_PREPS:
            s += 1.5                                # "in Mopti region of central Mali", "in Kupwara district"
            if trig is not None and (root.head.head.head == trig.root
                                     or root.head.head.head.i in range(trig.start, trig.end)):
                s += 0.5
        elif root.dep_ == "compound" and root.head.pos_ == "NOUN":
            s += 0.5                                # "a Chicago shooting", "the Elmhurst neighborhood"
    if m.level == "city" and m.place is not None:
        s += 1.0
    elif m.level == "site":
        s += 0.5
    return s


def event_place(doc: Doc, sentences: list[tuple[int, int]], anchor: tuple[int, int],
                reported: bool = True, others: Sequence[tuple[int, int]] = ()) -> EventPlace | None:
    """Where the event reported by ``sentences`` (trigger at ``anchor``) happened, with its precision; the places
    of ``others``, the sentences of the story's other events, are theirs ("Separately, soldiers killed 20 militants
    near Djibo" is no place for the villagers killed "in northern Burkina Faso")."""
    mentions: list[PlaceMention] | None = doc._.dateline_places
    if mentions is None:
        raise ValueError("doc._.dateline_places is not set: the dateline_places stage must run before event_place")
    if not sentences:
        return None
    trig = doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
    first = doc.char_span(sentences[0][0], sentences[0][1], alignment_mode="expand")
    trig_span: Span | None = trig.sent if trig is not None else first
    if trig_span is None:
        return None
    trig_sent = (trig_span.start_char, trig_span.end_char)
    theirs = [o for o in others if o not in sentences and not o[0] <= anchor[0] < o[1]]
    mentions = [m for m in mentions if not any(a <= m.span[0] < b for a, b in theirs)]
    clauses = [sp for sp in sentences if trig_sent[0] <= sp[0] and sp[1] <= trig_sent[1] and sp != trig_sent]
    if clauses and not any(sp[0] <= trig_sent[0] and trig_sent[1] <= sp[1] for sp in sentences):
        # an event told in a clause of its sentence ("..., while in Kano gunmen abducted a businessman"): not the
        # places of the rest of the sentence
        mentions = [m for m in mentions if not trig_sent[0] <= m.span[0] < trig_sent[1]
                    or any(a <= m.span[0] < b for a, b in clauses)]
    tied = _tied_mentions(doc, mentions, sentences, trig, trig_sent, reported)
    context = story_context(doc)
    top_country = max(context, key=lambda c: context[c]) if context else None
    described = _described_site(doc, trig_span, mentions, tied, trig_sent, top_country)
    if described is not None:
        return described
    if not tied:
        return _country_only(mentions, top_country)
    tied = _ranked(tied, context)
    best_t, best = _best_tied(doc, tied, trig_sent, reported)
    abroad = _reaction_abroad(best, mentions, trig)
    if abroad is not None:
        return abroad
    instead = _story_country_instead(best_t, best, mentions, context, top_country,
                                     _named_countries_weights(doc, mentions))
    if instead is not None:
        return instead
    if best.place is not None:
        return _from_mention(_town_of(best, mentions))
    if best.level in ("street", "site"):
        town = _story_town(mentions, _sentence_country(tied, trig_sent) or best.country or top_country)
        if town is not None:
            return _from_mention(_town_of(town, mentions))     # a street or a site is in the story's town
    return _unresolved_place(best, tied, trig_sent, top_country)


def _reaction_abroad(best: PlaceMention, mentions: list[PlaceMention], trig: Span | None) -> EventPlace | None:
    """A reaction from abroad: the event is what people of the dateline's or the best place's country condemn,
    denounce or repudiate, and its own words name another country ("NAIROBI -- Kenyan church leaders condemned
    the killing of three aid workers in South Sudan"): that country. ``None`` when it is not such a reaction."""
    if trig is None or best.country is None or trig.root.pos_ not in ("NOUN", "PROPN"):
        return None
    event = trig.root
    head = event
    for _ in range(3):      # "denounced the assassination", "repudiated the brutal murder of ..."
        if head.dep_ not in ("dobj", "pobj", "prep", "conj") or head.head.i == head.i:
            return None
        head = head.head
        if head.lemma_.lower() in _REACTION_VERBS:
            break
    else:
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if best.role != "dateline" and not (subject is not None and any(
            m.country == best.country and subject.left_edge.idx <= m.span[0] <= subject.right_edge.idx
            for m in mentions)):
        return None     # the best place is neither the dateline nor where those who react are from
    lo, hi = event.left_edge.idx, event.right_edge.idx + len(event.right_edge)
    # (a place named, not the victims' nationality: "the killing of two Ghanaian traders in Lagos")
    others = [m for m in mentions if lo <= m.span[0] < hi and m.country is not None and m.country != best.country
              and m.role == "place"]
    if not others:
        return None
    country = others[0].country
    towns = [m for m in mentions if m.country == country and m.place is not None and m.role == "place"
             and m.place.kind == "city"]
    return _from_mention(towns[0]) if towns else _country_only(mentions, country)


def _story_town(mentions: list[PlaceMention], country: str | None) -> PlaceMention | None:
    """The town the story names most often (first named on a tie) in ``country``: a place of the story (the dateline,
    an event's place, a town's police or paper), found by the NER or the dateline, not by the dictionary alone."""
    towns = [m for m in mentions if m.place is not None and m.place.kind == "city" and m.country == country
             and m.role in ("place", "dateline", "org", "outlet") and m.source != "dict"]
    if country is None or not towns:
        return None
    counts: dict[str, int] = {}
    for m in towns:
        counts[_bare(m.text)] = counts.get(_bare(m.text), 0) + 1
    return max(towns, key=lambda m: (counts[_bare(m.text)], -m.span[0]))


def _tied_mentions(doc: Doc, mentions: list[PlaceMention], sentences: list[tuple[int, int]], trig: Span | None,
                   trig_sent: tuple[int, int], reported: bool) -> list[tuple[float, PlaceMention]]:
    """The mentions that may be the event's place, each with how strongly the text ties it to the event
    (:func:`_tie`); a background event (not ``reported``) keeps only the places in its own sentences."""
    ranges = _sentence_ranges(doc, sentences)
    headline = _headline_end(text_of(doc))
    tied = [(_tie(doc, m, trig_sent, ranges, trig, headline), m) for m in mentions]
    tied = [(t, m) for t, m in tied if t > -5]
    if not reported:
        tied = [(t, m) for t, m in tied if _inside(m.span, ranges) or trig_sent[0] <= m.span[0] < trig_sent[1]]
    return tied


def _described_site(doc: Doc, trig_span: Span, mentions: list[PlaceMention], tied: list[tuple[float, PlaceMention]],
                    trig_sent: tuple[int, int], top_country: str | None) -> EventPlace | None:
    """A named site described generically in the trigger's sentence ("moved against a camp" ... "Camp Ashraf"):
    the site as resolved, else the site's name with the country of a place the sentence puts it in ("a camp in
    Iraq") or the story's, not a country the sentence names otherwise ("held the U.S. responsible for the people
    in the camp"). ``None`` when the sentence describes no named site."""
    described = _location_from_description(doc, trig_span)
    if described is None:
        return None
    name, span = described
    known = next((m for m in mentions if m.span == span and m.place is not None), None)
    if known is not None and known.place is not None and known.place.kind not in ("country", "admin1"):
        return _from_mention(known, name)
    located = [(t, m) for t, m in tied if _after_loc_prep(doc, m)]
    country = _sentence_country(located, trig_sent) or top_country
    return EventPlace(name=name, span=span, country=country, admin1=None,
                      precision="country" if country else "unknown")


def _ranked(tied: list[tuple[float, PlaceMention]], context: dict[str, float]) -> list[tuple[float, PlaceMention]]:
    """The tied mentions, most tied first; equal ties go to a place in the story's dominant country, then to the
    earlier mention."""
    total = sum(context.values()) or 1.0
    return sorted(tied, key=lambda tm: (-tm[0], -(context.get(tm[1].country or "", 0.0) / total >= 0.5),
                                        tm[1].span[0]))


def _best_tied(doc: Doc, tied: list[tuple[float, PlaceMention]], trig_sent: tuple[int, int],
               reported: bool) -> tuple[float, PlaceMention]:
    """The most tied mention (``tied`` ranked), or what replaces it: a town for a street, a country or region, an
    unknown name or a weak site; a region of the event's sentence for the dateline; any known place for a weak
    tie of a reported event."""
    best_t, best = tied[0]
    # a street, or a country or region, with a town also tied to the event: the town is the place
    towns = [(t, m) for t, m in tied if m.level == "city" and m.place is not None and m.role not in ("actor", "source")
             and (best.country is None or m.country == best.country or best.level in ("street", "site"))
             and not (m.role == "dateline" and _filed_outside(m, best, trig_sent))]
    if best.level in ("street", "country", "admin1", "admin2") or (best.level == "site" and best.place is None
                                                                      and best_t < 3.0):
        if best.level in ("admin1", "admin2") and best.role == "place" and trig_sent[0] <= best.span[0] < trig_sent[1] \
                and _wire_country(best.country):
            # a region the event's own sentence names is refined by a town of that sentence only ("In the Kherson
            # region, shelling killed one man" in a story whose headline names Kharkiv); US local news names its
            # town anywhere in the story ("Gary man shot" ... "in Lake County, Indiana")
            towns = [(t, m) for t, m in towns if trig_sent[0] <= m.span[0] < trig_sent[1] or m.role == "dateline"]
        if towns and towns[0][0] >= 1.0 and not (best.level == "site" and best_t - towns[0][0] > 2.0) \
                and not (best.level == "admin2" and best_t - towns[0][0] > 2.5):
            best_t, best = towns[0]
    if best.role == "dateline":
        # where the report was filed gives way to a region named in the event's own sentence
        regions = [(t, m) for t, m in tied if m.level in ("admin1", "admin2") and t >= 3.0 and m.role == "place"
                   and trig_sent[0] <= m.span[0] < trig_sent[1] and m.country == best.country
                   and (m.admin1 or (m.place.name if m.place else None)) != best.admin1]
        if regions:
            best_t, best = regions[0]
    if best.place is None and best.level == "city" and towns and towns[0][0] >= 1.0 \
            and not (towns[0][1].role == "dateline" and _town_apart(doc, best, towns[0][1], tied, trig_sent)):
        county = [(t, m) for t, m in tied if m.level == "admin2" and m.place is not None and m.role == "place"
                  and t >= 2.0 and (best.country is None or m.country == best.country)]
        if towns[0][1].role in ("org", "outlet") and county:
            best_t, best = county[0]                # "Elm Park ... Cook County": not the town of an institution
        else:
            best_t, best = towns[0]                 # an unknown name next to a known town
    if best.level == "street" and towns:
        best_t, best = towns[0]                     # a street is in the story's town, wherever it is named
    if best_t < 1.0 and reported:
        fallback = [(t, m) for t, m in tied if m.place is not None and m.role in ("dateline", "place")]
        if fallback:
            best_t, best = fallback[0]
    return best_t, best


def _called_a_town(doc: Doc, start: int) -> bool:
    """The name at token ``start`` follows "the town / city / village of"."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _TOWN_NOUNS


def _town_apart(doc: Doc, name: PlaceMention, town: PlaceMention, tied: list[tuple[float, PlaceMention]],
                trig_sent: tuple[int, int]) -> bool:
    """An unknown name of the event's own sentence is a town of its own, not a part of the dateline's town: the text
    calls it a town or village ("near the town of Irob"), a wire dateline's sentence puts the event near it ("near
    Boulkessi"; under a US local dateline such a name is mostly a neighbourhood), or the sentence puts the event in
    another first-level region ("... in Ethiopia's Tigray region", filed from Addis Ababa)."""
    if not trig_sent[0] <= name.span[0] < trig_sent[1]:
        return False
    span = doc.char_span(name.span[0], name.span[1], alignment_mode="expand")
    if span is not None and _called_a_town(doc, span.start):
        return True
    if span is not None and _wire_country(town.country) and span.root.dep_ == "pobj" \
            and span.root.head.lower_ in _NEAR_PREPS:
        return True     # "BAMAKO -- Jihadists killed 12 soldiers near Boulkessi": a town elsewhere (not "in
                        # Karrada" under a BAGHDAD dateline: a part of the dateline's town, as often as not)
    return any(m.level == "admin1" and m.role == "place" and m.place is not None and trig_sent[0] <= m.span[0]
               < trig_sent[1] and m.country == town.country and m.place.admin1 != town.admin1 for _, m in tied)


def _filed_outside(town: PlaceMention, region: PlaceMention, trig_sent: tuple[int, int]) -> bool:
    """The dateline's town is not where a region named in the event's own sentence puts it ("SRINAGAR -- ... a
    gunfight in Kupwara district"): a town of another first-level region, or, for a wire dateline, a second-level
    region not named after the town ("MOSUL -- ... in Mosul district" is the town's)."""
    if region.level not in ("admin1", "admin2") or region.role != "place" \
            or not trig_sent[0] <= region.span[0] < trig_sent[1]:
        return False
    if town.admin1 != (region.admin1 or (region.place.name if region.place else None)):
        return True
    return region.level == "admin2" and _wire_country(town.country) \
        and not _bare(region.text).startswith(_bare(town.text))


def _wire_country(country: str | None) -> bool:
    """Whether a story of ``country`` is read as wire news (a dateline is a bureau filing for the whole country, of
    a town or district elsewhere in it) rather than local news (a dateline is the paper's home town, whose county,
    neighbourhoods and suburbs the story names, and the town may be named anywhere in the story). US stories are
    read as local: on US local news (gva_incidents_dev) a county of the story is the dateline town's own
    ("KERRVILLE -- ... in Kerr County"), a small town of another state is mostly a neighbourhood the gazetteer
    lacks ("CHICAGO -- ... in West Pullman"), and the town of a county named in the event's sentence is often in
    the headline ("Gary man shot" ... "in Lake County")."""
    return country != "USA"


def _named_countries_weights(doc: Doc, mentions: list[PlaceMention]) -> defaultdict[str, float]:
    """The story's country evidence that is no place name (a country's name is often part of another, "South
    Jamaica" in Queens, or a US state's, "Georgia"): the nationalities it names and the national movements, office
    holders, institutions and administrative words of :func:`_story_evidence`."""
    out: defaultdict[str, float] = defaultdict(float)
    for m in mentions:
        if m.role == "demonym" and m.country:
            out[m.country] += _context_weight(m, doc)
    for code, weight in _story_evidence(doc, _us_cues(doc)):
        out[code] += weight
    return out


def _story_country_instead(best_t: float, best: PlaceMention, mentions: list[PlaceMention],
                           context: dict[str, float], top_country: str | None,
                           named: dict[str, float] | None = None) -> EventPlace | None:
    """The story's country instead of the best mention: for a wire bureau abroad, for a source's place when the
    story has evidence of another country, and for a country named in passing ("U.S. aid") in a story mostly about
    another one; ``None`` otherwise."""
    if best.role == "bureau" and top_country is not None and top_country != best.country:
        return _country_only(mentions, top_country) or _from_mention(best)
    others = {c: w for c, w in context.items() if c != best.country}
    if best.role == "source" and others:
        # where a source sits or people came from, chosen for want of a place: another country of the story
        # ("Kenyan officers were killed near the frontier with Somalia") says more
        return _country_only(mentions, max(others, key=lambda c: others[c]))
    if best.speaker and best.role == "place" and best.country is not None:
        named = named or {}
        # where those who speak of it are, in a story whose evidence is more of another country, or whose national
        # evidence (another country's police, movements, office holders) is of it alone: that country
        # ("Lawmakers in Spain denounced the killing of three journalists. Peruvian police arrested two suspects.")
        other = max((c for c in context if c != best.country), key=lambda c: context[c], default=None)
        if other is not None and (
                named.get(other, 0.0) >= _COUNTRY_EVIDENCE > named.get(best.country, 0.0)
                or (context[other] > context.get(best.country, 0.0)
                    and any(m.country == other and m.role in ("place", "dateline") for m in mentions))):
            return _country_only(mentions, other)
    if best.place is not None and best.place.kind not in ("country", "admin1") and best.role == "place" \
            and best.country is not None \
            and not any(m.country == best.country and _bare(m.text) != _bare(best.text) for m in mentions):
        # a namesake abroad in a story whose evidence is all of another country (a neighbourhood named like a town
        # abroad, in a story with sheriff's deputies and a county coroner): a place the gazetteer lacks there; not
        # when the story names anything else in the namesake's country ("San Pedro Sula, Honduras" in a story
        # mostly about El Salvador is in Honduras)
        if top_country is not None and top_country != best.country \
                and context[top_country] >= 2 * context.get(best.country, 0.0) \
                and context[top_country] >= 0.5 * sum(context.values()):
            return EventPlace(name=best.text, span=best.span, country=top_country, admin1=None, precision="country")
        # ... or when the countries the story names by other than place names (its people's police, its movements,
        # office holders and admin words) are all another one ("in Victoria, Nigerian police said"), not on a
        # person's nationality alone ("a Nigerian student was shot in Houston")
        named = named or {}
        other = max((c for c in named if c != best.country), key=lambda c: named[c], default=None)
        # (and its other places too: the name itself aside, the story's evidence of the namesake's country is
        # none, the other country's at least as much as the rest)
        rest = {c: w - sum(_context_weight(m) for m in mentions if m.country == c and m.role == "place"
                           and _bare(m.text) == _bare(best.text)) for c, w in context.items()}
        if other is not None and not named.get(best.country) and named[other] >= _COUNTRY_EVIDENCE \
                and named[other] >= 0.5 * sum(named.values()) and rest.get(best.country, 0.0) <= 0.0 \
                and rest.get(other, 0.0) >= 0.5 * sum(max(0.0, w) for w in rest.values()):
            return EventPlace(name=best.text, span=best.span, country=other, admin1=None, precision="country")
    if best.level == "country" and best_t < 3.0 and top_country is not None and top_country != best.country \
            and context[top_country] >= 2 * context.get(best.country or "", 0.0) \
            and context[top_country] >= 0.5 * sum(context.values()):
        return _country_only(mentions, top_country) or _from_mention(best)
    return None


def _bare(text: str) -> str:
    """A mention's lookup key without a leading article ("the North Shore" and "North Shore" are one name)."""
    return _norm(re.sub(r"^the\s+", "", text, flags=re.I))


def _unresolved_place(best: PlaceMention, tied: list[tuple[float, PlaceMention]], trig_sent: tuple[int, int],
                      top_country: str | None) -> EventPlace:
    """An event place the gazetteer does not know: its name, with the country of a known place of the event's
    sentence, its own or the story's, and a region named in the story when its own is unknown."""
    country = _sentence_country(tied, trig_sent) or best.country or top_country
    admin1 = best.admin1
    if admin1 is None and country:
        admin1 = next((m.admin1 for t, m in tied if m.level == "admin1" and m.country == country and t >= 2.0),
                      None)
    precision = "admin2" if best.level == "admin2" and country else "admin1" if admin1 else \
        "country" if country else "unknown"
    return EventPlace(name=best.text, span=best.span, country=country, admin1=admin1, precision=precision)


def _town_of(m: PlaceMention, mentions: list[PlaceMention]) -> PlaceMention:
    """A neighbourhood is coded to its city (ACLED's rule): "Hyde Park" in a Chicago story -> Chicago."""
    p = m.place
    if p is None or p.kind != "city" or p.lat is None or p.lon is None or p.population >= 100_000:
        return m
    best = m
    for o in mentions:
        q = o.place
        if q is None or q.kind != "city" or q.lat is None or q.lon is None or o.role not in (
                "place", "dateline", "org", "outlet") or q.population < max(100_000, 5 * p.population):
            continue
        if _km((p.lat, p.lon), (q.lat, q.lon)) < 20 and (best.place is None or q.population > best.place.population):
            best = o
    if best is m:
        return m
    return PlaceMention(best.span, best.text, best.place, best.score, best.source, best.role, best.level, m.near,
                        best.country, best.admin1)


def _after_loc_prep(doc: Doc, m: PlaceMention) -> bool:
    span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
    return span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ in _LOC_PREPS


def _sentence_country(tied: list[tuple[float, PlaceMention]], trig_sent: tuple[int, int]) -> str | None:
    here = [m for t, m in tied if trig_sent[0] <= m.span[0] < trig_sent[1] and m.place is not None]
    return here[0].country if here else None


def _country_only(mentions: list[PlaceMention], country: str | None) -> EventPlace | None:
    if country is None:
        return None
    found = [m for m in mentions if m.country == country and m.role not in ("credit", "based", "treatment")]
    found.sort(key=lambda m: (m.role == "demonym", m.span))     # a written name before "Chinese"
    if not found:
        # known only from the story's national movements ("the FMLN"): the country, with no name in the text
        known = gazetteer().country(country)
        return EventPlace(name=known.name if known else None, span=None, country=country, precision="country")
    m = found[0]
    return EventPlace(name=m.text, span=m.span, country=country, precision="country")


def _from_mention(m: PlaceMention, name: str | None = None) -> EventPlace:
    p = m.place
    assert p is not None
    if p.kind == "country":
        precision = "country"
    elif p.kind in ("admin1", "admin2"):
        precision = p.kind
    elif p.lat is None or p.lon is None:
        precision = "admin1" if p.admin1 else "country"
    else:
        precision = "near" if m.near else "exact"
    coords = p.kind not in ("country", "admin1", "admin2")
    return EventPlace(name=name or m.text, span=m.span, country=p.country,
                      admin1=p.admin1 if p.kind != "country" else None,
                      lat=p.lat if coords else None, lon=p.lon if coords else None,
                      geonames_id=p.geonames_id, precision=precision)
