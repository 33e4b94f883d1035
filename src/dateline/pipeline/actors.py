"""Actor coding: mentions -> CAMEO-style coded actors (country, sector), office terms, date-consistency checks.

Knowledge lives in data files (``src/dateline/data``, see SOURCES.md):

* ``actors.tsv.gz`` -- named actors (countries, people, organisations) converted by
  ``scripts/build_actors.py`` from the PETRARCH-2 / Phoenix dictionaries, with date-bounded roles;
* ``actors_extra.tsv`` and ``office_holders.tsv`` -- hand-written actors and terms in the same format
  (a pattern defined in a later file wins over the same pattern in an earlier one);
* ``agents.tsv`` (converted) and ``sectors.tsv`` (hand-written) -- generic nouns -> sector codes;
* ``actors.tsv`` and ``agents.tsv`` in the user's data folder (``$DATELINE_HOME``, default
  ``~/.local/share/dateline``, as for places) -- a user's own entries, loaded last.

Actor file format (tab-separated, ``#`` comments): ``name  kind  roles  patterns`` where kind is
country | person | org, roles is a space-separated list of ``CODE`` or ``CODE@START..END`` (ISO dates, either
side may be empty, END exclusive; the first role whose dates contain the day applies, as in PETRARCH), and
patterns is a ``|``-separated list of phrases (a trailing ``*`` marks a stem: ``iran*`` matches "Iranian").
Agent file format: ``pattern  code  [weak]`` with code ``~SEC`` (a sector added after the actor's country)
or ``SEC~`` (an organisation prefix such as ``IGO~``); weak agents ("spokesman") give a sector only when the
mention has no other.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from dateline.gazetteer import user_data_dir
from dateline.lexicon import MONTH_ABBREVS, MONTH_NAMES, data_lines, speech_verbs
from dateline.pipeline import extensions  # noqa: F401  (declares doc._.dateline_*)
from dateline.pipeline.text import text_of
from dateline.records import Actor

__all__ = ["ActorIndex", "ActorLexicon", "CodedActor", "Role", "code_actor", "default_lexicon",
           "published_date_warnings", "sentence_dyad", "split_code", "convert_petrarch_actors",
           "convert_petrarch_agents"]

# CAMEO first-level codes that are not countries; the sector of such a code is the code itself.
NON_STATE_ROOTS = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UIS", "INT", "---", "ELI", "REB", "INS", "UAF",
                             "OPP", "CVL", "GOV", "MIL", "COP", "REF", "MED", "HLH", "JUD", "BUS", "EDU"})
ORG_ROOTS = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UIS"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})
# Title words that mark a named person as holding office at the time of writing ("President Obama").
TITLE_WORDS = frozenset({
    "president", "secretary", "minister", "premier", "chancellor", "king", "queen", "emir", "sheikh", "prince",
    "governor", "senator", "general", "gen", "admiral", "commander", "chief", "director", "ambassador",
    "prime", "vice", "foreign", "defense", "defence", "interior", "spokesman", "spokeswoman", "secretary-general",
    "leader", "mayor", "speaker", "envoy", "attorney", "ayatollah", "col", "colonel", "lieutenant", "maj",
})
PAST_MARKERS = frozenset({"former", "ex", "then", "late", "past", "previous", "erstwhile", "onetime"})
# Prepositions after which a mention's modifiers describe another group ("spokesman for the ministry").
_LINKS = frozenset({"of", "for", "from", "at", "in", "with", "to"})

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-.]\w+)*|['’]s\b")


def _norm(raw: str) -> str:
    return raw.replace("’", "'").replace(".", "").lower()


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Word tokens as (normalised form, start, end); "Iraq's" -> "iraq", "'s"; "U.S." -> "us"."""
    return [(_norm(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


# ---------------------------------------------------------------------------------------------- codes & roles

@dataclass(frozen=True)
class Role:
    """One code an actor carries, optionally bounded in time (start inclusive, end exclusive)."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def holds(self, when: date) -> bool:
        return (self.start is None or when >= self.start) and (self.end is None or when < self.end)

    def to_text(self) -> str:
        if not self.dated:
            return self.code
        return f"{self.code}@{self.start.isoformat() if self.start else ''}..{self.end.isoformat() if self.end else ''}"

    @classmethod
    def from_text(cls, text: str) -> Role:
        code, _, span = text.partition("@")
        if not span:
            return cls(code.upper())
        a, _, b = span.partition("..")
        return cls(code.upper(), date.fromisoformat(a) if a else None, date.fromisoformat(b) if b else None)


def split_code(code: str | None, countries: frozenset[str] | None = None) -> tuple[str | None, str | None]:
    """A CAMEO actor code -> (country ISO3 or None, sector or None): IRQMIL -> (IRQ, MIL), IGOUNO -> (None, IGO)."""
    if not code:
        return None, None
    root = code[:3]
    known = countries if countries is not None else default_lexicon().countries
    if root in known:
        return root, (code[3:6] or None)
    if root in NON_STATE_ROOTS:
        return None, (root if root != "---" else (code[3:6] or None))
    return None, (code[3:6] or None)


@dataclass
class Entry:
    """A named actor of the lexicon."""

    name: str
    kind: str                        # country | person | org
    roles: tuple[Role, ...]

    def role_at(self, when: date | None) -> Role | None:
        """The role that applies on a day, PETRARCH-style; without a day the most recent office."""
        if not self.roles:
            return None
        if when is None:
            dated = [r for r in self.roles if r.dated]
            if not dated:
                return self.roles[0]
            return max(dated, key=lambda r: r.start or date.min)
        for r in self.roles:
            if r.dated and r.holds(when):
                return r
        for r in self.roles:
            if not r.dated:
                return r
        before = [r for r in self.roles if r.start is None or r.start <= when]
        return max(before, key=lambda r: r.start or date.min) if before else self.roles[0]

    def office_terms(self, sectors: frozenset[str] | None = None) -> list[Role]:
        """Dated roles that are offices (government, military, legislature, courts, intelligence, IGOs)."""
        out = []
        for r in self.roles:
            if not r.dated:
                continue
            sec = r.code[3:6] if r.code[:3] not in NON_STATE_ROOTS else r.code[:3]
            if r.code.startswith("IGO") or sec in OFFICE_SECTORS:
                if sectors is None or sec in sectors or r.code.startswith("IGO"):
                    out.append(r)
        return out


@dataclass(frozen=True)
class Agent:
    """A generic noun that gives a mention its sector ("troops" -> MIL)."""

    code: str            # GOV, GOVMIL, IGO ...
    prefix: bool = False  # "IGO~": an organisation type written before the country
    weak: bool = False


@dataclass(frozen=True)
class CodedActor:
    """A mention coded as a CAMEO-style actor. ``entity`` names the dictionary entry that decided it."""

    name: str
    country: str | None
    sector: str | None
    cameo: str | None
    span: tuple[int, int] | None = None
    entity: str | None = None

    def as_record(self) -> Any:
        """The contract's ``Actor`` record."""

        return Actor(self.name, self.country, self.sector, self.cameo, self.span)


# ---------------------------------------------------------------------------------------------- the lexicon

@dataclass
class _Hit:
    actor: int | None = None     # index into ActorLexicon.entries
    agent: Agent | None = None


@dataclass
class ActorLexicon:
    """Patterns -> actors and agents, indexed for a greedy longest-match scan over word tokens."""

    entries: list[Entry] = field(default_factory=list)
    exact: dict[tuple[str, ...], _Hit] = field(default_factory=dict)
    stems: dict[str, int] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)    # first token -> longest pattern length
    countries: frozenset[str] = frozenset()
    _countries: set[str] = field(default_factory=set)

    def _pattern(self, phrase: str) -> tuple[tuple[str, ...], bool]:
        stem = phrase.endswith("*")
        toks = tuple(t for t, _, _ in tokenize(phrase.rstrip("*")))
        return toks, stem

    def add_actor(self, entry: Entry, patterns: Iterable[str]) -> None:
        idx = len(self.entries)
        self.entries.append(entry)
        if entry.kind == "country":
            for r in entry.roles:
                if len(r.code) == 3:
                    self._countries.add(r.code)
            self.countries = frozenset(self._countries)
        for phrase in patterns:
            toks, stem = self._pattern(phrase)
            if not toks:
                continue
            if stem and len(toks) == 1 and len(toks[0]) >= 4:
                self.stems[toks[0]] = idx
            hit = self.exact.setdefault(toks, _Hit())
            hit.actor = idx
            self.longest[toks[0]] = max(self.longest.get(toks[0], 0), len(toks))

    def add_agent(self, phrase: str, agent: Agent) -> None:
        toks, _ = self._pattern(phrase)
        if not toks:
            return
        hit = self.exact.setdefault(toks, _Hit())
        hit.agent = agent
        self.longest[toks[0]] = max(self.longest.get(toks[0], 0), len(toks))

    # -- loading

    def load_actors(self, lines: Iterable[str]) -> None:
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                raise ValueError(f"actor line needs 4 tab-separated columns: {line!r}")
            name, kind, roles, patterns = cols[:4]
            entry = Entry(name, kind, tuple(Role.from_text(r) for r in roles.split()))
            self.add_actor(entry, patterns.split("|"))

    def load_agents(self, lines: Iterable[str]) -> None:
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            phrase, code = cols[0], cols[1]
            weak = len(cols) > 2 and cols[2].strip() == "weak"
            prefix = code.endswith("~")
            self.add_agent(phrase, Agent(code.strip("~").upper(), prefix, weak))

    def load_file(self, path: str | Path) -> None:
        """Loads an actor file, or an agent file when the name contains "agents"/"sectors"."""
        p = Path(path)
        opener: Any = gzip.open if p.suffix == ".gz" else open
        with opener(p, "rt", encoding="utf-8") as fh:
            lines = list(fh)
        if "agents" in p.name or "sectors" in p.name:
            self.load_agents(lines)
        else:
            self.load_actors(lines)

    @classmethod
    def from_petrarch(cls, actor_files: Iterable[str | Path], agent_files: Iterable[str | Path] = (),
                      base: ActorLexicon | None = None, three_letter_countries: bool = False) -> ActorLexicon:
        """A lexicon from PETRARCH/TABARI-format dictionaries (e.g. a validation suite's). With
        ``three_letter_countries`` every entry coded with a bare three-letter code is a country (as in a
        validation suite's fictional states); otherwise only those of a ``*Countries*`` file."""
        lex = base if base is not None else cls()
        for path in actor_files:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            as_countries = three_letter_countries or "Countries" in str(path)
            for name, kind, roles, patterns in convert_petrarch_actors(text, countries_file=as_countries):
                lex.add_actor(Entry(name, kind, roles), patterns)
        for path in agent_files:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            for phrase, code in convert_petrarch_agents(text):
                lex.add_agent(phrase, Agent(code.strip("~").upper(), code.endswith("~")))
        return lex

    # -- scanning

    def scan(self, tokens: list[tuple[str, int, int]], text: str, caseless: bool = False) -> Iterator[Match]:
        """Greedy longest matches, left to right."""
        i, n = 0, len(tokens)
        exact, longest, stems = self.exact, self.longest, self.stems
        while i < n:
            tok = tokens[i][0]
            hit_len = 0
            hit: _Hit | None = None
            for k in range(min(longest.get(tok, 0), n - i), 0, -1):
                cand = exact.get(tuple(t for t, _, _ in tokens[i:i + k]))
                if cand is not None and self._plausible(cand, tokens[i:i + k], text, caseless):
                    hit, hit_len = cand, k
                    break
            if hit is None and len(tok) > 4 and tok.endswith("s"):
                # plural demonyms ("Iraqis", "Salvadorans") code as their country
                cand = exact.get((tok[:-1],))
                if (cand is not None and cand.actor is not None and self.entries[cand.actor].kind == "country"
                        and (caseless or text[tokens[i][1]].isupper())):
                    hit, hit_len = cand, 1
            if hit is None and len(tok) > 4:
                for cut in range(len(tok) - 1, 3, -1):
                    idx = stems.get(tok[:cut])
                    if idx is not None and (caseless or text[tokens[i][1]].isupper()):
                        hit, hit_len = _Hit(actor=idx), 1
                        break
            if hit is None:
                i += 1
                continue
            yield Match(i, i + hit_len, tokens[i][1], tokens[i + hit_len - 1][2],
                        self.entries[hit.actor] if hit.actor is not None else None, hit.agent)
            i += hit_len

    @staticmethod
    def _plausible(hit: _Hit, toks: list[tuple[str, int, int]], text: str, caseless: bool) -> bool:
        if hit.actor is None or caseless:
            return True
        first = text[toks[0][1]:toks[0][2]]
        if not first[:1].isupper() and not first[:1].isdigit():
            # a named actor starts with a capital ("Iraq", not "iraq"); generic uses of a name stay agents
            return hit.agent is not None
        if len(toks) == 1 and (toks[0][0] in STOP_WORDS or len(toks[0][0]) <= 2):
            # "US", "UN", "WHO" only as acronyms, never the pronoun or a sentence-initial "Who"
            return first.replace(".", "").isupper()
        return True


@dataclass(frozen=True)
class Match:
    """A lexicon match over tokens [i, j) / characters [start, end)."""

    i: int
    j: int
    start: int
    end: int
    entry: Entry | None
    agent: Agent | None




def user_dictionary_dir() -> Path:
    """Where a user's own ``actors.tsv`` / ``agents.tsv`` live: the same folder as their places."""
    return user_data_dir()


@lru_cache(maxsize=1)
def default_lexicon() -> ActorLexicon:
    """The shipped lexicon plus the user's dictionary files; built once per process."""
    lex = ActorLexicon()
    lex.load_actors(data_lines("actors.tsv.gz"))
    lex.load_actors(data_lines("actors_extra.tsv"))
    lex.load_actors(data_lines("office_holders.tsv"))
    lex.load_agents(data_lines("agents.tsv"))
    lex.load_agents(data_lines("sectors.tsv"))
    home = user_dictionary_dir()
    for name in ("actors.tsv", "agents.tsv"):
        if (home / name).is_file():
            lex.load_file(home / name)
    return lex


# ---------------------------------------------------------------------------------------------- coding a mention

def _compose(matches: list[Match], tokens: list[tuple[str, int, int]], when: date | None,
             context_country: str | None, lex: ActorLexicon) -> tuple[str | None, str | None, str | None, str | None]:
    """(country, sector, cameo, entity name) of one mention from its lexicon matches."""
    if not matches:
        return None, None, None, None
    # the mention's own words end at the first linking preposition after a match ("spokesman for the MEK")
    head_end = len(tokens)
    for k, (t, _, _) in enumerate(tokens):
        if t in _LINKS and any(m.j <= k for m in matches):
            head_end = k
            break
    own = [m for m in matches if m.i < head_end] or matches
    rest = [m for m in matches if m.i >= head_end]
    named = [m for m in own if m.entry is not None and m.entry.kind != "country"]
    countries = [m for m in own if m.entry is not None and m.entry.kind == "country"]
    agents = [m for m in own if m.agent is not None and m.entry is None]
    strong = [m for m in agents if not m.agent.weak]  # type: ignore[union-attr]
    entity: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    if named:
        m = named[-1]
        assert m.entry is not None
        role = m.entry.role_at(when)
        entity = m.entry.name
        if role is not None:
            code = role.code
            country, sector = split_code(code, lex.countries)
    if country is None and countries:
        assert countries[0].entry is not None
        role = countries[-1].entry.role_at(when) if countries[-1].entry else None
        country = role.code[:3] if role else None
        entity = entity or (countries[-1].entry.name if countries[-1].entry else None)
    pick = (strong or agents)
    if pick and (sector is None or code is None or len(code) <= 3):
        ag = pick[-1].agent
        assert ag is not None
        if ag.prefix:
            sector = ag.code[:3]
        else:
            sector = ag.code[:3]
    if country is None and not named and rest and sector in (None, "GOV", "MIL", "COP", "JUD", "SPY", "LEG"):
        # "spokesman for Iraq's defense ministry": the organisation after the preposition gives the country
        c2, s2, _, e2 = _compose(rest, tokens, when, context_country, lex)
        country = c2
        if sector is None or (pick and pick[-1].agent and pick[-1].agent.weak and s2):
            sector = s2 or sector
        entity = entity or e2
    if country is None and not named and context_country and sector in STATE_SECTORS:
        country = context_country
    if code is None or (country and sector and code[:6] != (country + sector)):
        code = (country or "") + (sector or "") or None
        if code and not country and sector and sector not in ORG_ROOTS:
            code = "---" + sector   # PETRARCH's mark for an unknown country
    return country, sector, code, entity


def code_actor(text: str, *, when: date | None = None, context_country: str | None = None,
               lexicon: ActorLexicon | None = None, span: tuple[int, int] | None = None,
               caseless: bool | None = None) -> CodedActor | None:
    """Codes one mention ("Iraq's armed forces" -> IRQ MIL IRQMIL); None when nothing in it is known.

    ``when`` selects date-bounded roles (office holders); ``context_country`` is the country assumed for an
    unmarked state sector ("the police" in a story set in Iraq -> IRQ COP); it never applies to civilians or
    armed groups.
    """
    lex = lexicon or default_lexicon()
    tokens = tokenize(text)
    if caseless is None:
        caseless = _is_caps(text)
    matches = list(lex.scan(tokens, text, caseless))
    country, sector, code, entity = _compose(matches, tokens, when, context_country, lex)
    if country is None and sector is None and code is None:
        return None
    return CodedActor(text.strip(), country, sector, code, span, entity)


def _is_caps(text: str) -> bool:
    letters = [c for c in text[:2000] if c.isalpha()]
    return len(letters) > 20 and sum(c.isupper() for c in letters) > 0.9 * len(letters)


# ---------------------------------------------------------------------------------------------- a whole article

_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "van", "von", "der", "le", "la", "du"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "gen", "general", "col", "colonel", "president",
                         "minister", "secretary", "sheikh", "ayatollah"})


@dataclass
class _Person:
    name: str
    actor: CodedActor
    span: tuple[int, int]
    titled: bool = False


class ActorIndex:
    """The actors of one article: dictionary matches plus people introduced with a title, so that a later
    "Mr. Gates" / "Gates" / "al-Dabbagh" resolves to the first full mention ("U.S. Defense Secretary Robert
    Gates" -> USA GOV)."""

    def __init__(self, doc_or_text: Any, published: date | None = None, *,
                 context_country: str | None = None, lexicon: ActorLexicon | None = None) -> None:
        self.text: str = doc_or_text if isinstance(doc_or_text, str) else doc_or_text.text
        self.published = published
        self.context_country = context_country
        self.lex = lexicon or default_lexicon()
        self.caseless = _is_caps(self.text)
        self.tokens = tokenize(self.text)
        self.matches: list[Match] = list(self.lex.scan(self.tokens, self.text, self.caseless))
        self.people: dict[str, _Person] = {}        # full name / surname (normalised) -> person
        # words the article also writes in lower case are common nouns, not one-word names ("Camp")
        self._lower_words = {t for t, s, _ in self.tokens if self.text[s].islower()}
        self._index_people()

    # -- people

    def _name_run(self, i: int) -> int:
        """End token of a capitalised name starting at token i (particles such as "al-" allowed)."""
        j = i
        while j < len(self.tokens):
            norm, s, e = self.tokens[j]
            raw = self.text[s:e]
            first = norm.split("-")[0]
            if norm == "'s":
                break
            if raw[:1].isupper() or (first in _NAME_PARTICLES and j + 1 < len(self.tokens)):
                if j > i and self.text[self.tokens[j - 1][2]:s].strip() not in ("", "."):
                    break
                j += 1
                continue
            break
        return j

    def _contiguous(self, a: Match, b: Match) -> bool:
        """b follows a with only spaces between (a possessive "'s" is a token of its own)."""
        return b.i == a.j and self.text[a.end:b.start].strip(" ") == ""

    def title_of(self, k: int) -> tuple[bool, frozenset[str], int, bool]:
        """For match k: whether the matches right before it form a title ("U.S. Defense Secretary"), the
        title's sectors, where the titled mention starts, and whether the title is past ("former")."""
        m = self.matches[k]
        words = [t for t, _, _ in self.tokens[m.i:m.j]]
        sectors: set[str] = set()
        titled = any(w in TITLE_WORDS for w in words[:-1])
        start, first_tok = m.start, m.i
        j = k - 1
        while j >= 0 and self._contiguous(self.matches[j], self.matches[j + 1]):
            prev = self.matches[j]
            if prev.entry is None and prev.agent is not None:
                titled = True
                sectors.add(prev.agent.code[:3])
            elif prev.entry is not None and prev.entry.kind == "org":
                role = prev.entry.role_at(self.published)
                _, sec = split_code(role.code if role else None, self.lex.countries)
                if sec in OFFICE_SECTORS or (role and role.code.startswith("IGO")):
                    titled = True
                    sectors.add(sec or "IGO")
                else:
                    break
            elif prev.entry is None or prev.entry.kind != "country":
                break
            start, first_tok = prev.start, prev.i
            j -= 1
        around = [t for t, _, _ in self.tokens[max(0, first_tok - 2):m.j]]
        past = any(w.split("-")[0] in PAST_MARKERS for w in around)
        inner = set(words[:-1])
        if inner & {"senator", "congressman", "congresswoman", "representative"}:
            sectors.add("LEG")
        elif inner & {"general", "gen", "admiral", "commander", "colonel", "col", "lieutenant"}:
            sectors.add("MIL")
        elif inner & TITLE_WORDS or "president" in words or "minister" in words:
            sectors.add("GOV")
        return titled, frozenset(sectors), start, past

    def _person_actor(self, k: int) -> CodedActor:
        """A dictionary person as this article presents them: a title picks the matching office term."""
        m = self.matches[k]
        assert m.entry is not None
        titled, sectors, start, past = self.title_of(k)
        role = m.entry.role_at(self.published)
        if titled and not past:
            terms = m.entry.office_terms(sectors or None) or m.entry.office_terms()
            if terms and not (role and role in terms):
                when = self.published or date.max
                role = min(terms, key=lambda r: 0 if r.holds(when) else min(
                    abs((when - (r.start or date.min)).days), abs((when - (r.end or date.max)).days)))
        country, sector = split_code(role.code if role else None, self.lex.countries)
        return CodedActor(self.text[start:m.end], country, sector, role.code if role else None, (start, m.end),
                          m.entry.name)

    def _index_people(self) -> None:
        tokens, text, ms = self.tokens, self.text, self.matches
        for k, m in enumerate(ms):
            if m.entry is not None and m.entry.kind == "person":
                actor = self._person_actor(k)
                self._register(tokenize(m.entry.name), actor, (m.start, m.end))
                self._register([t for t in tokens[m.i:m.j] if t[0] not in self.lex.exact or len(t[0]) > 3],
                               actor, (m.start, m.end))
        # "Iraqi government spokesman Ali al-Dabbagh": a title (country, agent, office matches) before a name
        starts = {m.i for m in ms}
        k = 0
        while k < len(ms):
            last = k
            while (last + 1 < len(ms) and self._contiguous(ms[last], ms[last + 1])
                   and (ms[last + 1].entry is None or ms[last + 1].entry.kind != "person")):  # type: ignore[union-attr]
                last += 1
            end_tok = ms[last].j
            chain = ms[k:last + 1]
            has_title = any(m.agent is not None or (m.entry is not None and m.entry.kind == "org") for m in chain)
            if (has_title and not self.caseless and end_tok < len(tokens) and end_tok not in starts
                    and (chain[0].entry is None or chain[0].entry.kind != "person")
                    and text[ms[last].end:tokens[end_tok][1]].strip(" ") == ""):
                stop = self._name_run(end_tok)
                if stop - end_tok >= 2 or (stop - end_tok == 1 and (stop >= len(tokens) or tokens[stop][0] != "'s")
                                           and tokens[end_tok][0] not in self._lower_words
                                           and len(tokens[end_tok][0]) > 3 and text[tokens[end_tok][1]].isupper()
                                           and any(m.agent is not None for m in chain)):
                    title = text[chain[0].start:ms[last].end]
                    coded = code_actor(title, when=self.published, lexicon=self.lex, caseless=self.caseless)
                    if coded is not None:
                        span = (tokens[end_tok][1], tokens[stop - 1][2])
                        actor = CodedActor(text[chain[0].start:span[1]], coded.country, coded.sector, coded.cameo,
                                           (chain[0].start, span[1]), coded.entity)
                        self._register(tokens[end_tok:stop], actor, span, titled=True)
            k = last + 1
        self._appositives()
        # a dictionary word inside a person's name is part of the name ("Shahin Gobadi" is no group "Shahin")
        spans = [p.span for p in self.people.values()]
        self.matches = [m for m in ms if (m.entry is not None and m.entry.kind == "person")
                        or not any(s <= m.start < e or s < m.end <= e for s, e in spans)]

    def _appositives(self) -> None:
        """ "Shahin Gobadi, a spokesman for the NCRI," -> Gobadi codes as the NCRI."""
        text = self.text
        for m in re.finditer(r"([A-Z][\w’'-]+(?: (?:al-|bin |de )?[A-Z][\w’'-]+){1,3}), (?:an? |the )?"
                             r"([^,.;:“”\"]{3,80}?)(?=[,.;]|$)", text, flags=re.M):
            name = m.group(1)
            if _norm(name.split()[-1]) in self.people:
                continue
            role = m.group(2)
            if not re.search(r"\b(?:spokes\w+|official|minister|ministry|commander|leader|member|head|chief|"
                             r"director|general|secretary|representative|officer|adviser|advisor|envoy)\b",
                             role, flags=re.I):
                continue
            coded = code_actor(role, when=self.published, lexicon=self.lex, caseless=self.caseless)
            if coded is None:
                continue
            span = (m.start(1), m.end(1))
            actor = CodedActor(name, coded.country, coded.sector, coded.cameo, span, coded.entity or role)
            self._register(tokenize(name), actor, span, titled=True)

    def _register(self, toks: list[tuple[str, int, int]], actor: CodedActor, span: tuple[int, int],
                  titled: bool = False) -> None:
        words = [t for t, _, _ in toks if t not in _HONORIFICS and t not in TITLE_WORDS]
        if not words:
            return
        person = _Person(" ".join(words), actor, span, titled)
        for key in (" ".join(words), words[-1], words[-1].split("-")[-1] if "-" in words[-1] else None):
            if key and key not in self.people:
                self.people[key] = person

    # -- resolution

    def person(self, name: str) -> CodedActor | None:
        """A person named earlier in the article ("Mr. Gates", "Gates", "al-Dabbagh") as first introduced."""
        words = [t for t, _, _ in tokenize(name) if t not in _HONORIFICS and t != "'s"]
        if not words:
            return None
        for key in (" ".join(words), words[-1], words[-1].split("-")[-1]):
            p = self.people.get(key)
            if p is not None:
                return p.actor
        return None

    def resolve(self, mention: str, span: tuple[int, int] | None = None) -> CodedActor | None:
        """Codes a mention of this article (an event's actor1/actor2, a claim source, a quote speaker)."""
        coded = code_actor(mention, when=self.published, context_country=self.context_country,
                           lexicon=self.lex, span=span, caseless=self.caseless)
        if coded is not None and coded.country and coded.sector:
            return coded
        who = self.person(mention)
        if who is not None and (coded is None or coded.sector is None or coded.entity is None):
            return CodedActor(mention.strip(), who.country, who.sector, who.cameo, span, who.entity or who.name)
        return coded

    def resolve_span(self, span: tuple[int, int]) -> CodedActor | None:
        return self.resolve(self.text[span[0]:span[1]], span)

    def speaker(self, name: str | None, role: str | None = None,
                organization: str | None = None) -> CodedActor | None:
        """A quote speaker or claim source: a person the article introduced with a full title first, then the
        organisation, then the role, then the name."""
        who = self.person(name) if name else None
        if who is not None and who.country and who.sector:
            return CodedActor(name or who.name, who.country, who.sector, who.cameo, who.span, who.entity)
        for part in (organization, " ".join(p for p in (role, organization) if p) or None):
            if part:
                coded = self.resolve(part)
                if coded is not None and (coded.country or coded.entity):
                    return CodedActor(name or part, coded.country, coded.sector, coded.cameo, None, coded.entity)
        if name:
            who = self.person(name)
            if who is not None:
                return CodedActor(name, who.country, who.sector, who.cameo, who.span, who.entity)
            return self.resolve(name)
        return None

    def actors(self) -> list[CodedActor]:
        """Every coded actor mention of the article, in text order (adjacent matches form one mention)."""
        out: list[CodedActor] = []
        k = 0
        ms = self.matches
        while k < len(ms):
            last = k
            while last + 1 < len(ms) and self._adjacent(ms[last], ms[last + 1]):
                last += 1
            s, e = ms[k].start, ms[last].end
            person = next((x for x in range(k, last + 1) if ms[x].entry is not None
                           and ms[x].entry.kind == "person"), None)  # type: ignore[union-attr]
            if person is not None:
                out.append(self._person_actor(person))
                k = last + 1
                continue
            coded = code_actor(self.text[s:e], when=self.published, context_country=self.context_country,
                               lexicon=self.lex, span=(s, e), caseless=self.caseless)
            if coded is not None:
                out.append(coded)
            k = last + 1
        return out

    def _adjacent(self, a: Match, b: Match) -> bool:
        """Whether two matches form one mention: "Iraq's armed forces", "Iraqi government spokesman", not
        "told reporters U.S. forces" (a generic noun is not followed by its own country)."""
        if a.entry is None and b.entry is not None:
            return False
        gap = self.text[a.end:b.start]
        return (b.i == a.j and gap.strip(" ") == "") or (
            b.i == a.j + 1 and self.tokens[a.j][0] == "'s" and "\n" not in gap)


# ---------------------------------------------------------------------------------------------- date consistency

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = "|".join((*MONTH_NAMES, *MONTH_ABBREVS))
_YEAR_CONTEXT = re.compile(rf"(?:\b(?:in|since|of|during|from|early|late|mid|year|summer|spring|autumn|fall|"
                           rf"winter|{_MONTHS})\.?|\b(?:{_MONTHS})\.? \d{{1,2}},?)\s*-?\s*$", re.I)
_FUTURE = re.compile(r"\b(?:will|would|shall|plan\w*|scheduled|expected|due|by|until|till|before|target\w*|"
                     r"aims?|goal|forecast\w*|projected|next|upcoming|deadline)\b", re.I)
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


def _interval_text(r: Role) -> str:
    a = r.start.isoformat() if r.start else "?"
    b = r.end.isoformat() if r.end else "present"
    return f"{a} to {b}"


def _intersect(a: list[tuple[date, date]], b: list[tuple[date, date]]) -> list[tuple[date, date]]:
    out = []
    for s1, e1 in a:
        for s2, e2 in b:
            s, e = max(s1, s2), min(e1, e2)
            if s < e:
                out.append((s, e))
    return sorted(out)


def published_date_warnings(text_or_doc: Any, published: date | None, *,
                            index: ActorIndex | None = None) -> list[tuple[str, str, tuple[int, int] | None]]:
    """``published-date-inconsistent`` warnings: titled office holders named in office outside their terms at
    the stated date (the message gives the window in which all of them held office), and explicit past-tense
    years after it. Returns (code, message, span) triples."""
    if published is None:
        return []
    idx = index or ActorIndex(text_or_doc, published)
    text = idx.text
    out: list[tuple[str, str, tuple[int, int] | None]] = []
    holders: list[tuple[str, list[Role], tuple[int, int]]] = []
    seen: set[str] = set()
    for k, m in enumerate(idx.matches):
        if m.entry is None or m.entry.kind != "person" or m.entry.name in seen:
            continue
        titled, sectors, start, past = idx.title_of(k)
        if not titled or past:
            continue
        terms = list(dict.fromkeys(m.entry.office_terms(sectors or None) or m.entry.office_terms()))
        if not terms:
            continue
        sent = _sentence_of(text, m.start)
        if _YEAR.search(sent):
            continue   # "In 2008, Defense Secretary X ..." is anchored to its own year, not to the stated date
        seen.add(m.entry.name)
        holders.append((text[start:m.end], terms, (start, m.end)))
    bad = [h for h in holders if not any(t.holds(published) for t in h[1])]
    if bad:
        window: list[tuple[date, date]] = [(date.min, date.max)]
        for _, terms, _ in holders:
            window = _intersect(window, [(t.start or date.min, t.end or date.max) for t in terms])
        who = "; ".join(f"{name} ({', '.join(_interval_text(t) for t in terms)})" for name, terms, _ in holders)
        if window:
            span_text = " or ".join(_interval_text(Role("", s if s != date.min else None, e if e != date.max else None))
                                    for s, e in window)
            msg = (f"the stated published date {published.isoformat()} lies outside the terms of the office "
                   f"holders named in office: all of them held office from {span_text} [{who}]")
        else:
            msg = (f"the stated published date {published.isoformat()} lies outside the terms of the office "
                   f"holders named in office [{who}]")
        out.append(("published-date-inconsistent", msg, bad[0][2]))
    later = _later_years(text, published)
    if later:
        y, span = later[0]
        out.append(("published-date-inconsistent",
                    f"the text reports {y} as past, after the stated published date {published.isoformat()}", span))
    return out


def _sentence_of(text: str, pos: int) -> str:
    a = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    b_candidates = [x for x in (text.find(". ", pos), text.find("\n", pos)) if x >= 0]
    b = min(b_candidates) if b_candidates else len(text)
    return text[a:b]


def _later_years(text: str, published: date) -> list[tuple[int, tuple[int, int]]]:
    out = []
    for m in _YEAR.finditer(text):
        y = int(m.group())
        if y <= published.year:
            continue
        before = text[max(0, m.start() - 25):m.start()]
        after = text[m.end():m.end() + 2]
        if not _YEAR_CONTEXT.search(before) or after[:1].isdigit() or before.rstrip().endswith(("$", "#")):
            continue
        sent = _sentence_of(text, m.start())
        if _FUTURE.search(sent):
            continue
        out.append((y, (m.start(), m.end())))
    return out


# ---------------------------------------------------------------------------------------------- PETRARCH import

def _petr_date(s: str) -> date | None:
    """YYYYMMDD or TABARI's YYMMDD (00-30 -> 20YY, else 19YY); None for a malformed date."""
    s = s.strip()
    try:
        if len(s) > 7:
            return date(int(s[:4]), int(s[4:6]), int(s[6:8]))
        if len(s) == 6:
            yy = int(s[:2])
            return date(2000 + yy if yy <= 30 else 1900 + yy, int(s[2:4]), int(s[4:6]))
    except ValueError:
        return None
    return None


def _petr_roles(spec: str) -> list[Role]:
    roles = []
    for m in re.finditer(r"\[([^\]]*)\]", spec):
        parts = m.group(1).split()
        if not parts or parts[0].strip("-") == "":
            continue
        code = parts[0].upper()
        if not re.fullmatch(r"[A-Z0-9-]{3,}", code):
            continue
        restriction = "".join(parts[1:])
        if not restriction:
            roles.append(Role(code))
        elif restriction.startswith(">"):
            roles.append(Role(code, _petr_date(restriction[1:]) or date.min, None))
        elif restriction.startswith("<"):
            roles.append(Role(code, None, _petr_date(restriction[1:]) or date.max))
        elif "-" in restriction:
            a, _, b = restriction.partition("-")
            start, end = _petr_date(a), _petr_date(b)
            if start is None and end is None:
                roles.append(Role(code))
            else:
                roles.append(Role(code, start, end))
        else:
            d = _petr_date(restriction)
            roles.append(Role(code, d, None) if d else Role(code))
    return roles


def _petr_phrase(raw: str) -> str:
    """ "DEFENSE_SECRETARY_ROBERT_M._GATES_" -> "defense secretary robert m. gates"; no trailing "_" -> stem."""
    raw = raw.strip()
    stem = not raw.endswith("_") and " " not in raw.strip("_")
    words = " ".join(w for w in raw.replace("_", " ").split())
    toks = tokenize(words)
    if not toks:
        return ""
    phrase = " ".join(t for t, _, _ in toks).replace("|", " ")
    # only a single word can be a stem here ("IRAN" -> Iranian); longer phrases match whole words
    return phrase + "*" if stem and len(toks) == 1 and len(toks[0][0]) >= 5 else phrase


_ORG_WORDS = frozenset({
    "state", "party", "front", "army", "organization", "organisation", "council", "movement", "group", "union",
    "brigade", "brigades", "forces", "force", "league", "committee", "government", "republic", "kingdom", "bank",
    "ministry", "agency", "association", "alliance", "congress", "assembly", "court", "fund", "commission",
    "the", "of", "al-qaeda", "qaeda", "company", "corporation", "institute", "office", "service", "police",
})


def _display(raw: str) -> str:
    words = raw.replace("_", " ").split()
    return " ".join(w if any(c.isdigit() for c in w) or len(w) <= 3 and w.isalpha() and w.isupper()
                    and w not in ("THE", "AND", "OF", "FOR") else w.capitalize() for w in words) or raw


def convert_petrarch_actors(text: str, countries_file: bool = False) -> list[tuple[str, str, tuple[Role, ...],
                                                                                   list[str]]]:
    """PETRARCH/TABARI actor dictionary text -> (name, kind, roles, patterns) rows, in file order."""
    rows: list[tuple[str, str, tuple[Role, ...], list[str]]] = []
    name: str | None = None
    patterns: list[str] = []
    roles: list[Role] = []
    comment = ""

    def flush() -> None:
        if name is None or not patterns:
            return
        if not roles:
            return     # PETRARCH stores such entries with no code; they code nothing
        dated = any(r.dated for r in roles)
        if countries_file and "CountryInfo" not in comment and any(len(r.code) == 3 for r in roles):
            kind = "country"
        elif "CountryInfo" in comment or "rulers" in comment or (
                dated and not _ORG_WORDS & {w.lower() for w in re.split(r"[\W_]+", name)}):
            kind = "person"
        else:
            kind = "org"
        rows.append((_display(name), kind, tuple(roles), list(dict.fromkeys(p for p in patterns if p))))

    for raw_line in text.splitlines():
        line = raw_line
        if line.lstrip().startswith(("<!", "#", "-->")) or not line.strip():
            continue
        body, _, cmt = line.partition("#")
        body = body.rstrip()
        if not body.strip():
            continue
        stripped = body.strip()
        if stripped.startswith("["):
            roles.extend(_petr_roles(stripped))
            continue
        if stripped.startswith("+"):
            head = stripped[1:]
            phrase_part = head.split("[", 1)[0]
            patterns.append(_petr_phrase(phrase_part))
            if "[" in head:
                roles.extend(_petr_roles(head[head.index("["):]))
            continue
        flush()
        comment = cmt
        phrase_part, bracket, rest = stripped.partition("[")
        name = phrase_part.strip()
        patterns = [_petr_phrase(name)]
        roles = _petr_roles(bracket + rest) if bracket else []
    flush()
    return rows


def convert_petrarch_agents(text: str) -> list[tuple[str, str]]:
    """PETRARCH agent dictionary text -> (phrase, code) rows with plurals and !SUBSTITUTIONS! expanded."""
    subs: dict[str, list[str]] = {}
    rows: list[tuple[str, str]] = []
    for raw_line in text.splitlines():
        line = raw_line.split("#", 1)[0].strip()
        if not line or line.startswith("<!"):
            continue
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.fullmatch(r"(.+?)\s*(\{[^}]*\})?\s*\[([^\]]+)\]", line)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        if "~" not in code:
            continue
        marker = re.search(r"![A-Z]+!", phrase)
        if marker and marker.group() in subs:
            forms = [phrase.replace(marker.group(), w) for w in subs[marker.group()]]
        else:
            forms = [phrase]
            if plural is None:
                base = phrase.rstrip("_")
                if base.endswith("Y") and not base.endswith(("AY", "EY", "OY")):
                    forms.append(base[:-1] + "IES")
                elif base.endswith(("SS", "SH", "CH", "X")):
                    forms.append(base + "ES")
                elif not base.endswith("S"):
                    forms.append(base + "S")
            elif plural.strip("{} "):
                forms.append(plural.strip("{} "))
        for form in forms:
            p = " ".join(t for t, _, _ in tokenize(form.replace("_", " ")))
            if p:
                rows.append((p, code))
    return rows


# ---------------------------------------------------------------------------------------------- sentence dyads

_SAY_VERBS = speech_verbs("dyad-say")


def sentence_dyad(doc: Any, sent: Any, index: ActorIndex) -> tuple[CodedActor | None, CodedActor | None]:
    """Source and target actors of a parsed sentence when no event supplies roles: the subject of the main
    verb (the "by" agent of a passive) is the source; the object or first later actor of another country the
    target. ``sent`` is a spaCy ``Span``; ``index`` the article's :class:`ActorIndex`."""
    mentions = [a for a in index.actors() if a.span and sent.start_char <= a.span[0] < sent.end_char]
    if not mentions:
        return None, None

    def mention_of(tok: Any) -> CodedActor | None:
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        inside = [a for a in mentions if a.span and lo <= a.span[0] and a.span[1] <= hi]
        # "exiled leaders of Egypt's Muslim Brotherhood": a countryless head takes the country of its phrase
        return next((a for a in inside if a.country), inside[0] if inside else None)

    root = sent.root
    if root.lemma_ in _SAY_VERBS:
        # "X said (that) Y ...": the speaker is the source (a statement, an accusation), the first actor of
        # the reported clause the target; a postposed attribution ("..., officials said") is not the source
        clause = next((c for c in root.children if c.dep_ == "ccomp" and c.i > root.i), None)
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
        sayer = mention_of(subj) if clause is not None and subj is not None else None
        if sayer is not None and clause is not None:
            lo, hi = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
            inner = [a for a in mentions if a is not sayer and a.span and lo <= a.span[0] < hi]
            return sayer, (inner[0] if inner else None)
    # "X attacked Y, officials said": the reported clause carries the dyad, not the verb of saying
    while root.lemma_ in _SAY_VERBS:
        clause = next((c for c in root.children if c.dep_ in ("ccomp", "xcomp")), None)
        if clause is None:
            break
        root = clause
    source: CodedActor | None = None
    target: CodedActor | None = None
    for tok in sent:
        if tok.dep_ == "agent" and tok.head.i == root.i:
            for child in tok.children:
                source = source or mention_of(child)
        if tok.head.i == root.i and tok.dep_ in ("nsubj", "nsubj:pass", "nsubjpass"):
            if tok.dep_ == "nsubj":
                source = source or mention_of(tok)
            else:
                target = target or mention_of(tok)
    if target is None:
        for tok in sent:
            if tok.dep_ in ("dobj", "obj", "pobj", "dative") and tok.i > root.i:
                cand = mention_of(tok)
                if cand is not None and cand is not source:
                    target = cand
                    break
    if source is None:
        source = mentions[0] if mentions[0] is not target else (mentions[1] if len(mentions) > 1 else None)
    if target is None:
        later = [a for a in mentions if a is not source and source and a.span and source.span
                 and a.span[0] > source.span[0]]
        target = next((a for a in later if a.country != source.country), later[0] if later else None) \
            if source else None
    return source, target


# ---------------------------------------------------------------------------------------------- the stage


def actor_index(doc: Doc) -> ActorIndex:
    """The article's actor index, built by the ``dateline_actors`` stage."""
    index = doc._.dateline_actor_index
    if index is None:
        raise ValueError("doc._.dateline_actor_index is not set: the dateline_actors stage must run first")
    return index  # type: ignore[no-any-return]


@Language.factory("dateline_actors", assigns=["doc._.dateline_actor_index", "doc._.dateline_actor_warnings"],
                  requires=["doc._.dateline_source_text", "doc._.dateline_published"])
def make_actors_stage(nlp: Language, name: str) -> ActorsStage:
    return ActorsStage()


class ActorsStage:
    """Scans the article once against the actor dictionaries: ``doc._.dateline_actor_index`` (an
    :class:`ActorIndex` of the text as written: a recased wire text is scanned in its original capitals), and
    checks the office holders it names against the publication date: ``doc._.dateline_actor_warnings``."""

    def __init__(self) -> None:
        default_lexicon()   # the dictionaries load with the pipeline, never inside an article's time budget

    def __call__(self, doc: Doc) -> Doc:
        text = doc._.dateline_source_text or text_of(doc)
        index = ActorIndex(text, doc._.dateline_published)
        doc._.dateline_actor_index = index
        doc._.dateline_actor_warnings = published_date_warnings(text, doc._.dateline_published, index=index)
        return doc
