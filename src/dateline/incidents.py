"""Incidents: the reported events of many articles merged into one record per real-world happening.

Records only (no spaCy): the input is the contract JSON of coded articles (with their text, published date
and outlet), the output the contract's incident records. The rule, its thresholds and why are in
``docs/incidents.md``; in short:

* Every **reported** event of an article is a :class:`Mention` (background events never are). A follow-up
  story (an arrest, a hearing, a vigil, a lawsuit) whose own event is not violent but which recounts a
  violent event as background is matched through that **referenced** event: its date, type and place.
* **Blocking:** candidates are the incidents of the same country whose members' possible event days overlap
  the mention's (a day-precision date is its day +/- 1, a week its week, a month its month; no date: the two
  weeks before publication), or that share a person's name with it. Never all pairs.
* **Compatibility** of a mention with one member: hard constraints first (another country; both day-precise
  and more than ``MAX_DAY_GAP`` days apart; two named places both at town precision more than
  ``FAR_KM`` apart; incompatible event families), then a score from the date, the place, shared names
  (victims, suspects, streets), shared ages and compatible figures. A mention joins the incident with the
  best score at or above ``THRESHOLD`` provided no member of that incident is in hard conflict with it; when
  it reaches two incidents that do not conflict with each other, they become one.
* **Ids** are derived from the founding member (the first in the canonical order), so that re-running the
  merge gives the same ids; the id of an incident absorbed by another is kept as an alias.
* **Estimates across articles** (:func:`reconcile`): one source repeating a figure is one claim; a source's
  later figure supersedes its earlier one for ``best``; ``low`` / ``high`` bound every claim; a denial lowers
  ``low``; disjoint victim groups add, as in one article (:mod:`dateline.estimates`).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from dateline.estimates import (
    TEXT_GAP,
    counts_the_dead_too,
    estimate,
    group_of,
    is_partitive,
    is_update,
    most_dead,
    shot_net_of_dead,
)
from dateline.records import CASUALTY_KINDS, SCHEMA, Claim, iso_date, replace

# -- thresholds (docs/incidents.md says why each has its value)
THRESHOLD = 3.0         # the score a mention needs to join an incident
MAX_DAY_GAP = 2         # two day-precise dates further apart than this are two happenings
_NEAR_DEG = 0.15        # NEAR_KM in degrees of latitude, and some: a quick test before the distance
FAR_KM = 40.0           # two towns further apart than this are two places
NEAR_KM = 15.0          # ... and closer than this count as the same place
WINDOW_DAYS = 62        # a mention whose possible days span more than this is matched by names only
UNDATED_DAYS = 14       # no event date: the event happened in the two weeks before publication
FOLLOW_UP_DAYS = 730    # a follow-up story refers back at most this far
LATE_DAY_GAP = 60       # two day-precise dates further apart than this are two happenings, first reports or not
FRESH_DAYS = 3          # a report published this soon after the date it gives is a first report
MAJORITY_OF = 3         # members giving a figure before the figure most of them give is an incident's best
COMMON_NAME = 2         # a name found in more incidents than this tells none of them apart
STRONG_TIE = 2          # two reports sharing this many distinctive names are one happening, whatever else
DIED_LATER = timedelta(days=21)     # a wounded victim's death is reported this soon after the wounding
SPOTS_APART = 2.0       # two reports naming other neighbourhoods (or streets) of one town: the score they lose
AGE_DRIFT = 2           # an age told at a trial or an anniversary may be this many years on

# how many distinctive names overrule each hard conflict (a name the gazetteer placed twice; a later story
# dating its own development; nothing overrules another country, another family or ages years apart)
_TIE_NEEDED: dict[str, float] = {"place": 1, "date": STRONG_TIE, "country": STRONG_TIE, "family": STRONG_TIE,
                                  "ages": math.inf}

_VIOLENT = {"ASSAULT"}
# families: events of one family may be one happening; a follow-up (an arrest, a court case, a statement
# about it) may join a violent incident when it recounts that violence
_FAMILY = {"ASSAULT": "violence", "PROTEST": "protest", "MOBILIZE": "mobilize", "COERCE": "coerce",
           "SANCTION": "coerce", "THREATEN": "verbal", "ACCUSE": "verbal", "REJECT": "verbal",
           "REQUEST": "verbal", "AGREE": "verbal", "CONSULT": "verbal", "SUPPORT": "verbal",
           "CONCEDE": "verbal", "COOPERATE": "verbal", "AID": "aid", "RETREAT": "verbal"}

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_PLACE_RANK = {"exact": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4, "unknown": 5}
_TOWN = {"exact", "near"}


def family(plover: str | None) -> str:
    return _FAMILY.get(plover or "", "other")


# -- names and ages: what tells two shootings in one city on one week apart

_NAME = re.compile(r"\b(?:[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?|[A-Z]\.|Mc[A-Z][a-z]+|O['\u2019][A-Z][a-z]+)"
                   r"(?:[ \t]+(?:[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?|[A-Z]\.|Mc[A-Z][a-z]+|"
                   r"O['\u2019][A-Z][a-z]+|de|la|del|van|von|St\.|Jr\.?)){1,3}")
_AGE = re.compile(r"\b(\d{1,2})[- ]year[- ]old\b|\b(?:age|aged)\s+(\d{1,2})\b|,\s*(\d{1,2}),", re.I)
_BLOCK = re.compile(r"\b(\d{2,5})\s+(?:block\s+of\s+)?(?:[NSEW]\.?\s+)?([A-Z][a-z]+)\s+"
                    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Way|"
                    r"Parkway|Pkwy|Highway|Hwy|Terrace|Circle)\b")
# capitalised words that name institutions, times or roles, never a victim, a suspect or a street
_COMMON = frozenset("""
police department county sheriff sheriffs office city state news press associated reuters court
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december new year years day night morning evening christmas eve thanksgiving
the a an and but he she it they we his her their this that there when while after before at in on of for
mr mrs ms dr lt sgt det officer detective chief captain deputy sgt. lt. capt capt. gov governor mayor
president senator rep attorney district judge prosecutor spokesman spokeswoman public information
hospital medical center university college school high middle elementary church
facebook twitter instagram youtube copyright all rights reserved click here read more related
north south east west northeast northwest southeast southwest street avenue road boulevard drive
international airport station park fire rescue emergency services
""".split())
_STOP_HEAD = frozenset("the a an and but he she it they we his her their this that there when while after "
                       "before at in on of for if as by with from said says".split())


_ROLE = frozenset("""
defendant defendants suspect suspects victim victims editor caption close full photo photos image images
additional during now coroner solicitor reporter witness witnesses neighbor neighbors resident residents
brother sister mother father son daughter wife husband friend cousin uncle aunt grandmother grandfather
family relatives pastor reverend rev officers deputies troopers agent agents special sheriff's police
update updated breaking video watch listen share email print comments comment posted story stories
""".split())


def _words(name: str) -> list[str]:
    words = []
    for w in name.split():
        w = re.sub(r"['\u2019]s$", "", w.strip(".")).lower()
        words.append(w)
    return words


def names_in(text: str, exclude: Iterable[str] = ()) -> frozenset[str]:
    """Person-like names and street addresses of a text ("bernard gillis", "13500 cerise"): the details that
    tell two happenings in one town apart. A name is keyed by its first and last word, so that "Christopher
    Dean Wright" and "Christopher Wright" agree. Words of ``exclude`` (the place's own names) and of
    institutions, roles, times and titles are left out."""
    return _names(text, _title_case_lines_blanked(text), exclude)


def _names(text: str, blanked: str, exclude: Iterable[str]) -> frozenset[str]:
    """:func:`names_in`, given the text with its Title Case lines blanked (once per article)."""
    skip = {w.lower() for x in exclude if x for w in re.findall(r"[A-Za-z]+", x)}
    drop = _COMMON | _ROLE | _STOP_HEAD | skip
    out: set[str] = set()
    for m in _NAME.finditer(blanked):
        words = _words(m.group(0))
        while words and (words[0] in drop or len(words[0]) < 2):
            words.pop(0)
        while words and (words[-1] in drop or len(words[-1]) < 2 or words[-1] in _PARTICLES):
            words.pop()
        if len(words) < 2 or any(w in drop for w in words):
            continue
        out.add(f"{words[0]} {words[-1]}")
    for m in _BLOCK.finditer(text):
        out.add(f"{m.group(1)} {m.group(2).lower()}")
    return frozenset(out)


_PARTICLES = frozenset("de la del van von st jr".split())
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def _title_case_lines_blanked(text: str) -> str:
    """``text`` with its Title Case lines (headlines: "5-Year-Old Boy Accidentally Shot In Face") blanked to
    spaces, offsets kept: their capitals mark no names, and two such headlines would share junk "names"."""
    parts: list[str] = []
    last = 0
    for n, m in enumerate(_LINE.finditer(text)):
        words = [w for w in _WORD.findall(m.group(0)) if len(w) >= 4]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words) \
                and not m.group(0).rstrip().endswith((".", "?", "!", '"', "\u201d")) \
                and (n < 2 or m.group(0).count(",") < 2):   # (not a list of names: "Victims: A B, C D, E F")
            parts.append(text[last:m.start()])
            parts.append(" " * (m.end() - m.start()))
            last = m.end()
    parts.append(text[last:])
    return "".join(parts)


# finer than the town: a neighbourhood ("in the West Englewood neighborhood") or a street's block ("the 8000 block of
# South Marquette"); two reports of one day in one city that each name one, and none the same, tell of two places
_NEIGHBOURHOOD = re.compile(r"\b((?:[A-Z][a-z]+[ \t]+){0,2}[A-Z][a-z]+)[ \t]+(?:neighborhood|neighbourhood)\b")
_STREET_BLOCK = re.compile(r"\b\d{1,5}[ \t]+block[ \t]+of[ \t]+(?:(?:[NSEW]\.?|North|South|East|West)[ \t]+)?"
                           r"(?:\d+(?:st|nd|rd|th)|[A-Z][a-z]+)")
_SPOT_GENERIC = frozenset("north south east west northeast northwest southeast southwest the park heights village "
                          "hills square city side upper lower old new downtown uptown midtown near far this that a "
                          "an his her their our my your its same quiet residential block nearby local poor wealthy "
                          "affluent troubled shiite sunni christian muslim jewish catholic black white hispanic "
                          "latino kurdish arab".split())


def spots_in(text: str) -> frozenset[str]:
    """The neighbourhoods ("n:englewood") and streets by block ("s:marquette") a text places things in: the words
    that name them, directions and generic words left out."""
    out: set[str] = set()
    for kind, pattern in (("n", _NEIGHBOURHOOD), ("s", _STREET_BLOCK)):
        for m in pattern.finditer(text):
            phrase = m.group(1) if kind == "n" else re.split(r"\s+of\s+", m.group(0), maxsplit=1)[-1]
            for w in re.findall(r"[A-Za-z0-9]+", phrase):
                w = w.lower()
                if w not in _SPOT_GENERIC and w not in _COMMON and not w.isdigit() and len(w) > 2:
                    out.add(f"{kind}:{w}")
    return frozenset(out)


def ages_in(text: str) -> frozenset[int]:
    ages = set()
    for m in _AGE.finditer(text):
        v = next(g for g in m.groups() if g)
        if 1 <= int(v) <= 99:
            ages.add(int(v))
    return frozenset(ages)


# -- mentions




@dataclass(frozen=True)
class Mention:
    """One reported event of one article, with what the merge compares."""

    article_id: str                     # content id "sha256:..."
    article: str | None                 # input id
    event: str                          # "e1", ...
    published: date | None
    outlet: str | None
    plover: str | None
    family: str
    follow_up: bool                     # matched through the violent event it recounts
    start: date | None                  # the event's (or referenced event's) date, as coded
    end: date | None
    precision: str
    country: str | None
    admin1: str | None
    place: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    place_precision: str
    names: frozenset[str] = frozenset()
    ages: frozenset[int] = frozenset()
    spots: frozenset[str] = frozenset()     # neighbourhoods and streets by block (:func:`spots_in`)
    killed: int | None = None
    injured: int | None = None
    inferred: bool = False              # the date is the publication date, not one the text gives
    late: bool = False                  # the date is a follow-up's (a charge): the happening was then or before

    @cached_property
    def dated(self) -> bool:
        """The text gives the event a date (not only the publication's)."""
        return self.start is not None and not self.inferred and self.precision != "unknown"

    @cached_property
    def folded_place(self) -> str:
        return _fold(self.place or "")

    @cached_property
    def cell(self) -> tuple[int, int] | None:
        """The 1-degree cell of a town-precision place (the merge's spatial block), else None."""
        if self.lat is None or self.lon is None or self.place_precision not in _TOWN:
            return None
        return math.floor(self.lat), math.floor(self.lon)

    @cached_property
    def fresh(self) -> bool:
        """A first report: published within ``FRESH_DAYS`` of the date it gives the event. A later story
        (a charge, a hearing, a look back) may date its own development, not the happening."""
        return (self.dated and self.start is not None and self.published is not None
                and (self.published - self.start).days <= FRESH_DAYS)

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.event)

    @property
    def order(self) -> tuple[str, str, str, str]:
        """The canonical order: earliest published first, then by content id."""
        return ((self.published or date.max).isoformat(), (self.start or date.max).isoformat(),
                self.article_id, f"{len(self.event):03d}{self.event}")

    def days(self) -> tuple[date, date] | None:
        """The days on which the event may have happened."""
        return self._days

    @cached_property
    def _days(self) -> tuple[date, date] | None:
        if self.dated and self.start is not None:
            end = self.end or self.start
            pad = 1 if self.precision == "day" else 0
            return self.start - timedelta(days=pad), max(end, self.start) + timedelta(days=pad)
        if self.published is not None:
            if self.follow_up:
                return self.published - timedelta(days=FOLLOW_UP_DAYS), self.published
            return self.published - timedelta(days=UNDATED_DAYS), self.published
        return None

    def features(self) -> dict[str, Any]:
        """What the store keeps of a member to match later mentions against it without re-reading texts."""
        return {"article": self.article, "published": _iso(self.published), "outlet": self.outlet,
                "plover": self.plover, "family": self.family, "follow_up": self.follow_up,
                "start": _iso(self.start), "end": _iso(self.end), "precision": self.precision,
                "country": self.country, "admin1": self.admin1, "place": self.place,
                "geonames_id": self.geonames_id, "lat": self.lat, "lon": self.lon,
                "place_precision": self.place_precision, "names": sorted(self.names), "ages": sorted(self.ages),
                "spots": sorted(self.spots),
                "killed": self.killed, "injured": self.injured, "inferred": self.inferred, "late": self.late}

    @classmethod
    def from_features(cls, article_id: str, event: str, f: dict[str, Any]) -> Mention:
        return cls(article_id=article_id, article=f.get("article"), event=event, published=iso_date(f.get("published")),
                   outlet=f.get("outlet"), plover=f.get("plover"), family=f.get("family") or "other",
                   follow_up=bool(f.get("follow_up")), start=iso_date(f.get("start")), end=iso_date(f.get("end")),
                   precision=f.get("precision") or "unknown", country=f.get("country"), admin1=f.get("admin1"),
                   place=f.get("place"), geonames_id=f.get("geonames_id"), lat=f.get("lat"), lon=f.get("lon"),
                   place_precision=f.get("place_precision") or "unknown", names=frozenset(f.get("names") or ()),
                   ages=frozenset(f.get("ages") or ()), spots=frozenset(f.get("spots") or ()),
                   killed=f.get("killed"), injured=f.get("injured"),
                   inferred=bool(f.get("inferred")), late=bool(f.get("late")))


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _best(ev: dict[str, Any], kind: str) -> int | None:
    est = (ev.get("estimates") or {}).get(kind)
    return est.get("best") if isinstance(est, dict) else None


def mentions_of(coding: dict[str, Any], text: str, *, published: Any = None, outlet: str | None = None
                ) -> list[Mention]:
    """The reported events of one coded article (contract JSON) as mentions; ``text`` is its normalised
    text, ``published`` / ``outlet`` what the store knows beyond the coding."""
    art = coding.get("article") or {}
    events = [e for e in coding.get("events") or [] if isinstance(e, dict)]
    if not art.get("id") or not events:
        return []
    pub = iso_date(published) or iso_date((art.get("published") or {}).get("date"))
    referenced = next((e for e in events if e.get("status") == "background"
                       and (e.get("type") or {}).get("plover") in _VIOLENT), None)
    ages = ages_in(text)
    spots = spots_in(text)
    blanked = _title_case_lines_blanked(text)
    out = []
    for ev in events:
        if ev.get("status") != "reported":
            continue
        plover = (ev.get("type") or {}).get("plover")
        fam = family(plover)
        follow_up = fam != "violence" and referenced is not None
        basis = referenced if follow_up and referenced is not None else ev
        d = basis.get("date") or {}
        # the text dates only a follow-up (a charge, an arrest) of the happening, which came on that day or before:
        # matched as dated (read as a follow-up over the 60 days before, it joined more pairs on gva_incidents_dev
        # but fewer on gvc_incidents_dev: docs/incidents.md), it gives the incident no date when another member does
        late = bool(d.get("follow_up"))
        loc = ev.get("location") or {}
        ref_loc = basis.get("location") or {}
        if _PLACE_RANK.get(ref_loc.get("precision") or "unknown", 5) < _PLACE_RANK.get(loc.get("precision") or
                                                                                         "unknown", 5):
            loc = ref_loc
        place = loc.get("name")
        names = _names(text, blanked, [place or "", loc.get("admin1") or ""])
        out.append(Mention(
            article_id=art["id"], article=art.get("input_id"), event=str(ev.get("id") or "e1"), published=pub,
            outlet=outlet, plover=(basis.get("type") or {}).get("plover") if follow_up else plover,
            family="violence" if follow_up else fam, follow_up=follow_up,
            start=iso_date(d.get("start")), end=iso_date(d.get("end")), precision=d.get("precision") or "unknown",
            country=loc.get("country"), admin1=loc.get("admin1"), place=place, geonames_id=loc.get("geonames_id"),
            lat=loc.get("lat"), lon=loc.get("lon"), place_precision=loc.get("precision") or "unknown",
            names=names, ages=ages, spots=spots, killed=_best(basis, "killed") if follow_up else _best(ev, "killed"),
            injured=_best(basis, "injured") if follow_up else _best(ev, "injured"),
            inferred=not str(d.get("text") or "").strip(), late=late))
    return out


# -- comparing two mentions

def km(a: Mention, b: Mention) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def conflict(a: Mention, b: Mention) -> str | None:
    """Why ``a`` and ``b`` cannot be one happening as coded, or None (hard constraints)."""
    if a.country and b.country and a.country != b.country:
        return "country"
    if a.family != b.family:
        return "family"
    # (a date conflict is told before a place conflict: one shared name may overrule the place, not the date)
    if not (a.follow_up or b.follow_up) and _apart(a, b) > LATE_DAY_GAP:
        if a.ages and b.ages and not _ages_near(a.ages, b.ages):
            return "ages"   # months apart and no age in common (a year or two older at a trial): no name ties them
        return "date"   # even a later story's own date (a charge, a hearing) is not months after the happening
    if a.place_precision in _TOWN and b.place_precision in _TOWN and a.folded_place != b.folded_place:
        d = km(a, b)    # (one name placed twice is the gazetteer's doubt, not two places)
        if d is not None and d > FAR_KM:
            return "place"
    if a.follow_up or b.follow_up:
        return None
    if not (a.fresh and b.fresh):
        return None     # a later story may date its own development (a charge, a hearing): the names decide
    if a.precision == "day" and b.precision == "day" and a.dated and b.dated and a.start and b.start:
        if abs((a.start - b.start).days) > MAX_DAY_GAP:
            return "date"
    ra, rb = a.days(), b.days()
    if ra and rb and (ra[1] < rb[0] or rb[1] < ra[0]):
        return "date"
    return None


def score(a: Mention, b: Mention, shared_names: int | None = None, *, names_apart: bool = True) -> float:
    """Evidence that two compatible mentions report one happening (see docs/incidents.md);
    ``shared_names`` is the number of distinctive names they share (all shared names when not given)."""
    s = 0.0
    if a.precision == "day" and b.precision == "day" and a.dated and b.dated and a.start and b.start:
        gap = abs((a.start - b.start).days)
        s += 2.0 if gap == 0 else 1.0 if gap == 1 else 0.0
    elif a.dated and b.dated:
        s += 0.5
    elif a.dated != b.dated:
        # one report gives no date: published on the day of the other's event or within three days
        dated, undated = (a, b) if a.dated else (b, a)
        if dated.start and undated.published and 0 <= (undated.published - dated.start).days <= FRESH_DAYS:
            s += 1.0
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        s += 2.0 if a.place_precision in _TOWN else 1.0
    elif a.geonames_id is None and b.geonames_id is None and a.place and a.folded_place == b.folded_place:
        s += 1.5            # the same named site the gazetteer does not know ("Camp Ashraf")
    else:
        near = False
        if (a.lat is not None and b.lat is not None and abs(a.lat - b.lat) < _NEAR_DEG
                and (a.place_precision in _TOWN or b.place_precision in _TOWN)):
            d = km(a, b)
            near = d is not None and d <= NEAR_KM
        if near:
            s += 1.5
        elif a.admin1 and a.admin1 == b.admin1:
            s += 0.5
    shared = (0 if a.names.isdisjoint(b.names) else len(a.names & b.names)) if shared_names is None else shared_names
    if shared:
        s += min(4.0, 2.0 * shared)
    elif names_apart and len(a.names) >= 2 and len(b.names) >= 2:
        s -= 1.0            # both name people and places, and none of them is the same
    if a.ages and b.ages:
        s += 1.0 if a.ages & b.ages else -0.5
    if _spots_apart(a.spots, b.spots):
        s -= SPOTS_APART
    for x, y in ((a.killed, b.killed), (a.injured, b.injured)):
        if x and y:
            s += 0.5 if x == y else 0.0
    if a.follow_up or b.follow_up:
        s -= 1.0            # a follow-up must be tied by more than place and time
    if _vague(a) or _vague(b):
        s -= 0.5            # placed in no region (a country, a name the gazetteer lacks): the other could be anywhere
    return s


def _apart(a: Mention, b: Mention) -> int:
    """The days between the possible days of ``a`` and of ``b`` (0 when they overlap or one is unknown)."""
    ra, rb = a.days(), b.days()
    if not ra or not rb:
        return 0
    return max(0, (rb[0] - ra[1]).days, (ra[0] - rb[1]).days)


def _spots_apart(x: frozenset[str], y: frozenset[str]) -> bool:
    """Both name a neighbourhood, or both a street by its block, and none of the same kind is the same."""
    for kind in ("n:", "s:"):
        xs = {w for w in x if w.startswith(kind)}
        ys = {w for w in y if w.startswith(kind)}
        if xs and ys and xs.isdisjoint(ys):
            return True
    return False


def _ages_near(x: frozenset[int], y: frozenset[int]) -> bool:
    return any(abs(i - j) <= AGE_DRIFT for i in x for j in y)


def _vague(m: Mention) -> bool:
    return m.place_precision in ("country", "unknown") and not m.admin1


def _fold(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", name.lower()))


# -- the merge

def incident_id(founder: tuple[str, str]) -> str:
    return "inc-" + hashlib.sha256(f"{founder[0]}#{founder[1]}".encode()).hexdigest()[:16]


@dataclass
class _Cluster:
    id: str
    members: list[Mention] = field(default_factory=list)


class Merger:
    """Places mentions into incidents, one at a time, in the order given (callers sort by :attr:`Mention.order`).

    ``seed`` loads incidents already stored; ``add`` places a new mention and returns its incident id.
    ``aliases`` maps each absorbed incident id to the id that absorbed it.
    """

    def __init__(self) -> None:
        self.clusters: dict[str, _Cluster] = {}
        self.aliases: dict[str, str] = {}
        self.of: dict[tuple[str, str], str] = {}
        self._by_day: dict[tuple[str | None, int], set[str]] = defaultdict(set)        # every member
        self._loose: dict[tuple[str | None, int, str | None], set[str]] = defaultdict(set)   # no cell: by admin1
        self._by_cell: dict[tuple[str | None, int, int, int], set[str]] = defaultdict(set)
        self._by_name: dict[str, set[str]] = defaultdict(set)
        self.changed: set[str] = set()

    def _index(self, cid: str, m: Mention) -> None:
        span = m.days()
        if span is not None and (span[1] - span[0]).days <= WINDOW_DAYS:
            cell = m.cell
            for o in range(span[0].toordinal(), span[1].toordinal() + 1):
                self._by_day[(m.country, o)].add(cid)
                if cell is None:
                    self._loose[(m.country, o, m.admin1)].add(cid)
                else:
                    self._by_cell[(m.country, o, cell[0], cell[1])].add(cid)
        for n in m.names:
            self._by_name[n].add(cid)

    def seed(self, cid: str, members: Sequence[Mention]) -> None:
        c = self.clusters.setdefault(cid, _Cluster(cid))
        for m in members:
            c.members.append(m)
            self.of[m.key] = cid
            self._index(cid, m)

    def candidates(self, m: Mention) -> set[str]:
        found: set[str] = set()
        span = m.days()
        if span is not None and (span[1] - span[0]).days <= WINDOW_DAYS:
            cell = m.cell
            for o in range(span[0].toordinal(), span[1].toordinal() + 1):
                if cell is None:
                    found |= self._by_day.get((m.country, o), set())
                    continue
                # a town is compared with the members near it (its cell and the eight around: at least 40 km
                # beyond them up to 64 degrees of latitude, where two towns conflict) and those placed no finer
                # than its region (or in no region)
                found |= self._loose.get((m.country, o, m.admin1), set())
                if m.admin1 is not None:
                    found |= self._loose.get((m.country, o, None), set())
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        found |= self._by_cell.get((m.country, o, cell[0] + dy, cell[1] + dx), set())
        for n in m.names:
            holders = self._by_name.get(n, set())
            if len(holders) <= COMMON_NAME:
                found |= holders
        return {self.live(c) for c in found}

    def distinctive(self, a: Mention, b: Mention) -> int:
        """How many names ``a`` and ``b`` share that few incidents mention (a police chief's name is in
        every story of a city; a victim's in those of one shooting)."""
        if a.names.isdisjoint(b.names):
            return 0
        return sum(1 for n in a.names & b.names if len({self.live(c) for c in self._by_name.get(n, ())})
                   <= COMMON_NAME)

    def live(self, cid: str) -> str:
        """The id an incident goes by now (following the aliases of joins)."""
        while cid in self.aliases:
            cid = self.aliases[cid]
        return cid

    def fit(self, m: Mention, cid: str) -> float | None:
        """The best score of ``m`` against a member of the incident; None when it is high enough to join but a
        member conflicts with ``m`` (a hard constraint)."""
        members = self.clusters[cid].members
        best = -math.inf
        names: set[str] = set()
        for other in members:
            best = max(best, score(m, other, self.distinctive(m, other), names_apart=False))
            names |= other.names
        if len(m.names) >= 2 and len(names) >= 2 and not m.names & names:
            best -= 1.0     # the incident's reports and this one name people and places, none of them the same
        if best < THRESHOLD:
            return best     # it cannot join: no need to look for a conflict
        for other in members:
            why = conflict(m, other)
            if why and self.distinctive(m, other) < _TIE_NEEDED[why]:
                return None
        return best

    def add(self, m: Mention) -> str:
        if m.key in self.of:
            return self.live(self.of[m.key])
        fits = []
        for cid in sorted(self.candidates(m)):
            s = self.fit(m, cid)
            if s is not None and s >= THRESHOLD:
                fits.append((s, cid))
        fits.sort(key=lambda x: (-x[0], x[1]))
        if not fits:
            cid = incident_id(m.key)
            self.seed(cid, [m])
            self.changed.add(cid)
            return cid
        cid = fits[0][1]
        self.seed(cid, [m])
        self.changed.add(cid)
        for _, other in fits[1:]:
            other = self.live(other)
            if other != cid and not self._conflicting(cid, other):
                cid = self._join(cid, other)
        return cid

    def _conflicting(self, a: str, b: str) -> bool:
        for x in self.clusters[a].members:
            for y in self.clusters[b].members:
                why = conflict(x, y)
                if why and self.distinctive(x, y) < _TIE_NEEDED[why]:
                    return True
        return False

    def _join(self, a: str, b: str) -> str:
        """One of two incidents absorbs the other: the one whose founder comes first keeps its id."""
        ca, cb = self.clusters[a], self.clusters[b]
        keep, gone = (ca, cb) if min(x.order for x in ca.members) <= min(x.order for x in cb.members) else (cb, ca)
        for m in gone.members:
            keep.members.append(m)
            self.of[m.key] = keep.id
            self._index(keep.id, m)
        del self.clusters[gone.id]
        self.aliases[gone.id] = keep.id
        self.changed.discard(gone.id)
        self.changed.add(keep.id)
        return keep.id


def merge(mentions: Iterable[Mention]) -> Merger:
    """Merges mentions from scratch in the canonical order."""
    merger = Merger()
    for m in sorted(mentions, key=lambda x: x.order):
        merger.add(m)
    return merger


# -- the incident record

def _claims_of(member: Mention, ev: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for c in ev.get("claims") or []:
        if isinstance(c, dict):
            yield {**c, "article": member.article, "article_id": member.article_id, "event": member.event}


def _source_key(c: dict[str, Any], outlet: str | None) -> str:
    src = c.get("source") or {}
    name = re.sub(r"\W+", " ", str(src.get("name") or "")).strip().lower()
    if not name or src.get("type") in ("reporter", "unknown") or name in ("the reporter", "reporter"):
        return f"{name}@{outlet or c.get('article_id')}"
    return name


def reconcile(claims: Sequence[dict[str, Any]], published: dict[str, date | None],
              outlets: dict[str, str | None], sources: dict[str, list[str]] | None = None
              ) -> dict[str, dict[str, int]]:
    """Low / best / high per kind over the claims of all members (claims carry ``article_id``).

    One source repeating a figure is one claim; a source's figure in a later article supersedes its earlier
    figures of the same victim group for ``best``; ``low`` / ``high`` bound every claim; a denial lowers
    ``low``; disjoint victim groups add (the one-article rule of :mod:`dateline.estimates` does the rest).
    ``sources``, when given, receives per kind the names of the sources whose claims the estimate weighed.
    """
    order = {aid: i for i, aid in enumerate(sorted(published, key=lambda a: ((published[a] or date.max), a)))}
    claims = _shot_not_killed(claims)
    # a denial of the happening itself ("there was no shooting") lowers what the sources support, as in one article
    denials = [c for c in claims if c.get("kind") == "fact" and c.get("stance") == "denies"]
    out: dict[str, dict[str, int]] = {}
    for kind in CASUALTY_KINDS:
        if kind == "injured" and "killed" in out:
            claims = _died_later(claims, published, out["killed"]["best"])
        mine = [c for c in claims if c.get("kind") == kind]
        # a round-up's total over several happenings is no figure of this one, unless no member gives another
        if any(not c.get("aggregate") and c.get("stance") != "denies" for c in mine):
            mine = [c for c in mine if not c.get("aggregate")]
        if not mine:
            continue
        seen: set[tuple[Any, ...]] = set()
        every: list[Claim] = []
        names: dict[str, None] = {}
        latest: dict[tuple[str, str], date] = {}
        keyed: list[tuple[tuple[str, str], date, Claim]] = []
        for c in sorted(mine, key=lambda c: (order.get(c["article_id"], 0), (c.get("span") or [0])[0])):
            rank = order.get(c["article_id"], 0)
            claim = Claim.from_dict(c)
            if group_of(claim.who) == "others":
                # "killed one and wounded three others": others than the dead, mostly, and never others than
                # the victims another article counted; in an incident such a figure is a total of its own (also
                # of one article: a headline's "4 wounded" and the body's "three others" are not 7; measured)
                claim = replace(claim, who=None)
            # spans of different articles must not interleave: the estimate reads them as text order
            claim = _shift(claim, rank)
            if claim.partitive or is_partitive(claim):
                continue
            src = _source_key(c, outlets.get(c["article_id"]))
            dup = (src, group_of(claim.who), claim.low, claim.high, claim.stance)
            if dup in seen:
                continue
            seen.add(dup)
            every.append(claim)
            names.setdefault(str((c.get("source") or {}).get("name") or "unknown"), None)
            k = (src, group_of(claim.who))
            # the source's latest figure: from its articles of the latest day (one day's reports are equals)
            day = published.get(c["article_id"]) or date.min
            latest[k] = max(latest.get(k, date.min), day)
            keyed.append((k, day, claim))
        current = [cl for k, day, cl in keyed if day == latest[k]]
        bounds = estimate(every, updates_supersede=False)     # low / high bound everything claimed
        best = estimate(current)
        if best is None or bounds is None:
            continue
        most = _most_reported(mine, current)
        b = best.best if most is None else most
        out[kind] = {"low": min(bounds.low, b), "best": b, "high": max(bounds.high, b)}
        if denials and kind in ("killed", "injured"):
            out[kind]["low"] = 0
            for c in denials:
                names.setdefault(str((c.get("source") or {}).get("name") or "unknown"), None)
        if sources is not None:
            sources[kind] = list(names)
    return out


def _most_reported(mine: Sequence[dict[str, Any]], current: Sequence[Claim]) -> int | None:
    """The figure most members report for the happening: each member article's own estimate (the one-article
    rule), when at least three give one and one figure is given by two or more and by more than any other; None
    otherwise, and when the latest figures hold a revised toll ("the death toll rose to 4"), which stands. One
    article's misreading (a background figure, a round-up's line) does not outweigh the others."""
    if len({c["article_id"] for c in mine}) < MAJORITY_OF or any(is_update(c) for c in current):
        return None     # (most incidents have fewer members: nothing to read)
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in mine:
        by_article[c["article_id"]].append(Claim.from_dict(c))
    bests = [e.best for cs in by_article.values() if (e := estimate(cs)) is not None]
    if len(bests) < MAJORITY_OF:
        return None
    counts = Counter(bests)
    top = max(counts.values())
    modes = [v for v, n in counts.items() if n == top]
    return modes[0] if top >= 2 and len(modes) == 1 else None


def _shot_not_killed(claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """"Five people were shot" counts the dead too. As an injured figure, a count of people shot (not said to
    be wounded, hurt or hospitalised) is taken net of the dead its article reports, or failing that, the dead
    the other articles report (the archive convention: injured = hit and survived): the one-article rule
    (:func:`dateline.estimates.shot_net_of_dead`) on each member article."""
    parsed, by_article = _by_article(claims)
    dead = [d for idx in by_article.values() if (d := most_dead([parsed[i] for i in idx])) is not None]
    anywhere = max(dead, default=0)
    out = list(claims)
    for idx in by_article.values():
        for i, netted in zip(idx, shot_net_of_dead([parsed[i] for i in idx], dead_elsewhere=anywhere), strict=True):
            if netted is not parsed[i]:
                out[i] = {**claims[i], "low": netted.low, "high": netted.high}
    return out


def _died_later(claims: Sequence[dict[str, Any]], published: dict[str, date | None], dead: int
                ) -> list[dict[str, Any]]:
    """The wounded who died after an article went out: an article's injured figures are taken net of the dead
    that articles published later report beyond its own ("a woman was critically wounded" on Sunday, "the woman
    died" on Friday: one dead, none injured; "one killed, five wounded", a week later "a second victim died": four
    wounded). Injured = hit and survived, as of the latest report. A figure of people shot that its article gave
    no dead to net it of has been netted of the incident's dead already (:func:`_shot_not_killed`)."""
    parsed, by_article = _by_article(claims)
    told: dict[str, int | None] = {}
    for a, idx in by_article.items():
        e = estimate([parsed[i] for i in idx if parsed[i].kind == "killed" and not parsed[i].aggregate])
        told[a] = None if e is None else e.best
    out = list(claims)
    for a, idx in by_article.items():
        day = published.get(a)
        if day is None:
            continue
        later = max((d for b, d in told.items() if d and day < (published.get(b) or date.min) <= day + DIED_LATER),
                    default=0)
        gap = min(later, dead) - (told[a] or 0)
        if gap <= 0:
            continue
        for i in idx:
            hurt = parsed[i]
            if hurt.kind != "injured" or hurt.low is None or hurt.stance == "denies" or hurt.aggregate \
                    or (told[a] is None and counts_the_dead_too(hurt.text)):
                continue
            out[i] = {**out[i], "low": max(0, hurt.low - gap),
                      "high": None if hurt.high is None else max(0, hurt.high - gap)}
    return out


def _by_article(claims: Sequence[dict[str, Any]]) -> tuple[list[Claim], dict[str, list[int]]]:
    """The claims parsed, and the positions of each member article's claims."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_article[c["article_id"]].append(i)
    return [Claim.from_dict(c) for c in claims], by_article


def _shift(claim: Claim, rank: int) -> Claim:
    base = rank * TEXT_GAP
    return replace(claim, span=(base + claim.span[0], base + claim.span[1]))


def _vote(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in counts if counts[v] == top)


def incident_record(cid: str, members: Sequence[Mention], events: dict[tuple[str, str], dict[str, Any]],
                    aliases: Sequence[str] = ()) -> dict[str, Any]:
    """The contract record of one incident. ``events`` maps (content id, event id) to the member's event JSON
    (and, for follow-ups, the caller may leave the referenced event's fields to the mention)."""
    members = sorted(members, key=lambda m: m.order)
    evs = [events.get(m.key) or {} for m in members]
    pairs = list(zip(members, evs, strict=True))
    primary = [(m, e) for m, e in pairs if not m.follow_up and not m.late] or pairs
    # type: the most common among members that report the happening itself
    type_ = _vote(_freeze(e.get("type")) for _, e in primary)
    # date: the most common day-precise date; failing that the most precise one
    dates = [(m.start, m.end or m.start, m.precision) for m, _ in primary if m.dated and m.start is not None]
    if not dates:   # no text dates the happening: the publication dates do
        dates = [(m.start, m.end or m.start, m.precision) for m in members
                 if m.start is not None and m.precision != "unknown"]
    date_rec: dict[str, Any] = {"start": None, "end": None, "precision": "unknown"}
    if dates:
        top = min(_PRECISION_RANK[p] for _, _, p in dates)
        best_dates = [(s, e) for s, e, p in dates if _PRECISION_RANK[p] == top]
        counts = Counter(best_dates)
        most = max(counts.values())
        s, e = min(d for d in counts if counts[d] == most)
        date_rec = {"start": s.isoformat(), "end": e.isoformat(),
                    "precision": next(p for p in _PRECISION_RANK if _PRECISION_RANK[p] == top)}
    # place: the most common among the most precise places
    located = [(m, e) for m, e in zip(members, evs, strict=True) if (e.get("location") or {}).get("name") or m.country]
    loc: dict[str, Any] = {}
    if located:
        top_p = min(_PLACE_RANK.get(m.place_precision, 5) for m, _ in located)
        cands = [m for m, _ in located if _PLACE_RANK.get(m.place_precision, 5) == top_p]
        key = _vote((m.geonames_id, m.place) for m in cands)
        m0 = next(m for m in cands if (m.geonames_id, m.place) == key)
        loc = {"name": m0.place, "country": m0.country, "admin1": m0.admin1, "lat": m0.lat, "lon": m0.lon,
               "geonames_id": m0.geonames_id, "precision": m0.place_precision}
    actor1 = _vote(_freeze(e.get("actor1")) for _, e in primary)
    actor2 = _vote(_freeze(e.get("actor2")) for _, e in primary)
    claims = [c for m, e in zip(members, evs, strict=True) for c in _claims_of(m, e)]
    published = {m.article_id: m.published for m in members}
    outlets = {m.article_id: m.outlet for m in members}
    pubs = sorted(p for p in published.values() if p is not None)
    weighed: dict[str, list[str]] = {}
    estimates = reconcile(claims, published, outlets, weighed)
    inc = {
        "id": cid,
        "type": _thaw(type_),
        "date": date_rec,
        "location": loc or None,
        "actor1": _thaw(actor1),
        "actor2": _thaw(actor2),
        "estimates": estimates,
        "estimate_sources": weighed,      # per kind, the sources whose claims the estimate weighed
        "members": [{"article": m.article, "article_id": m.article_id, "event": m.event,
                     "published": _iso(m.published), "outlet": m.outlet, "follow_up": m.follow_up}
                    for m in members],
        "claims": [{k: v for k, v in c.items() if k != "article_id"} | {"article_id": c["article_id"]}
                   for c in claims],
        "first_reported": _iso(pubs[0]) if pubs else None,
        "last_reported": _iso(pubs[-1]) if pubs else None,
    }
    if aliases:
        inc["aliases"] = sorted(aliases)
    return {"schema": SCHEMA, "incident": inc}


def _freeze(d: Any) -> Any:
    if isinstance(d, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in d.items() if k != "span"))
    if isinstance(d, list):
        return tuple(_freeze(v) for v in d)
    return d


def _thaw(t: Any) -> Any:
    if isinstance(t, tuple) and all(isinstance(x, tuple) and len(x) == 2 and isinstance(x[0], str) for x in t):
        return {k: _thaw(v) for k, v in t}
    return t
