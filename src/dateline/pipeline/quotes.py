"""Direct and indirect quotations with their speakers (name, role, organisation) and cues."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import dateline.pipeline.extensions  # noqa: F401
from dateline.lexicon import speech_verbs, table, words
from dateline.pipeline.text import text_of


@dataclass(frozen=True)
class FoundQuote:
    """One attribution: content span, cue verb, speaker.

    ``speaker_span`` points at the name as written where the quote is attributed, or, when the
    attribution is a pronoun / "Mr. X", at that mention while ``speaker_name`` carries the full name
    resolved from earlier in the text.
    """

    span: tuple[int, int]           # content
    kind: str                       # direct | indirect | mixed
    cue: str | None
    cue_span: tuple[int, int] | None
    speaker_name: str | None
    speaker_role: str | None
    speaker_organization: str | None
    speaker_span: tuple[int, int] | None
    # content pieces when an attribution interrupts a quotation ("“A,” he said. “B.”"); () = just ``span``
    fragments: tuple[tuple[int, int], ...] = field(default=())


# Verbs whose clausal complement (ccomp) is reported speech or a reported stance.
CLAUSE_CUES = speech_verbs("clause")

# Verbs whose direct object is the attributed content ("criticized the plan", "called for a ban").
OBJECT_CUES = speech_verbs("object")

# Verbs whose infinitival complement is the content ("vowed to punish", "plans to reduce").
XCOMP_CUES = speech_verbs("xcomp")


def _listed(tag: str) -> frozenset[str]:
    """The words of ``quotes_words.tsv`` on list ``tag`` (a tag no row carries is a bug: KeyError)."""
    found = words("quotes_words", tag)
    if not found:
        raise KeyError(f"quotes_words.tsv has no words tagged {tag!r}")
    return found


def _prep_cues() -> dict[str, frozenset[str]]:
    """``quotes_prep_cues.tsv``: verb lemma -> the particles that make it a cue."""
    out: dict[str, set[str]] = {}
    for r in table("quotes_prep_cues"):
        out.setdefault(r["lemma"], set()).add(r["particle"])
    return {lemma: frozenset(particles) for lemma, particles in out.items()}


def _gender_words(use: str) -> dict[str, str]:
    """The words of ``quotes_gender.tsv`` of one use -> the gender (m | f) they tell."""
    return {r["word"]: r["gender"] for r in table("quotes_gender") if r["use"] == use}


# Phrasal cue "call for X" needs the particle; bare "call" only with a clause or object+oprd.
_PREP_CUES = _prep_cues()

_SUBJ_DEPS = ("nsubj", "csubj")
# object cues that are also physical acts ("slammed a truck into a car"): only with a named object
_PHYSICAL_TOO = _listed("physical-too")
_AGENT_ENTS = frozenset(("PERSON", "ORG", "NORP", "GPE"))
# verbs that introduce a quotation after a colon or comma, or stand parenthetically ("…, he said, …")
_SPEECH_VERBS = speech_verbs("quote")
# heads of a quoted complement that are not reporting verbs ("“…” is what he wants")
_NOT_CUES = _listed("not-cue")
_ALL_CUES = CLAUSE_CUES | OBJECT_CUES | XCOMP_CUES | frozenset(_PREP_CUES)
_CLIMB_DEPS = frozenset(("xcomp", "advcl", "conj", "acl", "dobj", "pobj", "prep", "relcl", "pcomp"))
_PRONOUNS = _listed("pronoun")
_PERSON_PRONOUNS = _listed("person-pronoun")
_HONORIFICS = _listed("honorific")
_OPEN_QUOTES = "“\"«"
_BIG = 1 << 62
_QUOTE_CHARS = frozenset("“”\"«»")
# as tokens: also the doubled apostrophe some papers (NYT) print for a straight quotation mark
_QUOTE_TOKENS = _QUOTE_CHARS | {"''", "``"}
_MARK_OR_BREAK = re.compile(r"''|[“”\"«»]|\n[^\S\n]*\n")
_ROLE_POS = frozenset(("NOUN", "PROPN", "ADJ"))


@dataclass
class _Speaker:
    span: tuple[int, int] | None
    name: str | None
    role: str | None
    organization: str | None
    is_person: bool


# ---------------------------------------------------------------------------------------------
# quotation marks
# ---------------------------------------------------------------------------------------------


def quote_segments(text: str) -> list[tuple[int, int]]:
    """Spans of text in double quotation marks, marks included; an unclosed one ends at its paragraph."""
    segs: list[tuple[int, int]] = []
    start: int | None = None
    n = len(text)
    for m in _MARK_OR_BREAK.finditer(text):
        i = m.start()
        ch = m.group()
        if ch[0] == "\n":
            if start is not None:
                # a quotation running to the paragraph's end (the next paragraph reopens it)
                end = i
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end - start > 1:
                    segs.append((start, end))
                start = None
            continue
        if ch == '"' or ch == "''":
            prev = text[i - 1] if i > 0 else " "
            nxt = text[i + len(ch)] if i + len(ch) < n else " "
            opener = (prev.isspace() or prev in "([—–-/") and not nxt.isspace()
            if start is None and (opener or not prev.isalnum()):
                start = i
            elif start is not None:
                segs.append((start, i + len(ch)))
                start = None
            continue
        prev = text[i - 1] if i > 0 else "\n"
        nxt = text[i + 1] if i + 1 < n else "\n"
        if ch in _OPEN_QUOTES:
            if start is not None and not prev.isspace() and nxt.isspace():
                segs.append((start, i + 1))   # an opening mark typed as the closer ("… 51 percent.“")
                start = None
            else:
                start = i  # a stray earlier opener loses to the nearer one
        elif start is not None:
            segs.append((start, i + 1))
            start = None
        elif prev.isspace() and nxt.isalnum():
            start = i   # a closing mark typed as the opener ("”Fear. I am …")
    if start is not None:
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start > 1:
            segs.append((start, end))
    return segs


# ---------------------------------------------------------------------------------------------
# speakers
# ---------------------------------------------------------------------------------------------


class _Mentions:
    """Earlier full PERSON names, for resolving "he", "Mr. al-Dabbagh", "the spokesman"."""

    def __init__(self, doc: Doc) -> None:
        self.persons: list[tuple[int, str]] = []   # (char start, full name), text order
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name = _clean_name(ent)
                if name:
                    self.persons.append((ent.start_char, name))
        self.info: dict[str, tuple[str | None, str | None]] = {}   # full name -> (role, organisation)
        self.last_speaker: _Speaker | None = None
        # person speakers by position of their mention; orphan quotations are attributed after the
        # main pass, so a pronoun looks only at speakers before itself
        self.people_at: list[int] = []
        self.people: list[_Speaker] = []
        self.gender: dict[str, str] = {}      # name -> "m" | "f" when a title, noun or pronoun told

    def full_name(self, surname: str, before: int) -> str | None:
        key = surname.lower()
        for start, name in reversed(self.persons):
            if start >= before:
                continue
            parts = name.lower().replace("-", " ").split()
            if len(name.split()) >= 2 and (name.lower().endswith(key) or key in parts):
                return name
        return None

    def recent_person(self, before: int, gender: str | None = None) -> str | None:
        for start, name in reversed(self.persons):
            if start < before and len(name.split()) >= 2 \
                    and (gender is None or self.gender.get(name, gender) == gender):
                return name
        return None

    def antecedent(self, gender: str | None, before: int) -> _Speaker | None:
        """The latest person speaker a pronoun of ``gender`` can refer to (not one known to differ)."""
        k = bisect.bisect_left(self.people_at, before)
        recent = self.people[max(0, k - 6):k][::-1]
        if gender is None:
            return recent[0] if recent else None
        for sp in recent:
            if sp.name and self.gender.get(sp.name, gender) == gender:
                return sp
        return None


def _clean_name(ent: Span) -> str | None:
    toks = [t for t in ent
            if t.text.lower() not in _HONORIFICS and t.tag_ != "POS" and t.text not in ("’s", "'s")]
    if not toks:
        return None
    # Doc.text re-joins every token, so build the name from the tokens themselves
    return "".join(t.text_with_ws for t in toks).strip()


def time_phrase(tok: Token) -> bool:
    """A preposition whose object is a date or a time ("on Friday", "at 3 p.m.")."""
    return tok.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in tok.children)


def _np_tokens(head: Token) -> list[Token]:
    """The speaker phrase without relative clauses, appositions' clauses or trailing punctuation."""
    drop = {"relcl", "acl", "punct", "advcl", "cc", "conj", "appos"}
    keep: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        keep.append(t)
        for c in t.children:
            if c.dep_ not in drop and not time_phrase(c):
                stack.append(c)     # (not a time the parse hangs on the speaker: "The president on Friday said")
    keep.sort(key=lambda t: t.i)
    return keep


def _span_of(toks: list[Token]) -> tuple[int, int]:
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _person_in(toks: list[Token]) -> Span | None:
    for t in toks:
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B":
            doc = t.doc
            end = t.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return doc[t.i:end]
    return None


def _org_in(toks: list[Token]) -> str | None:
    doc = toks[0].doc
    for t in toks:
        if t.ent_type_ in ("ORG", "GPE", "NORP") and t.ent_iob_ == "B":
            end = t.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return doc[t.i:end].text
    return None


def _role_org(head: Token, name_ent: Span | None) -> tuple[str | None, str | None]:
    """Role and organisation from an apposition ("X, spokesman for Y") or pre-modifiers ("Y spokesman X")."""
    doc = head.doc
    role_tok: Token | None = None
    for c in head.children:
        if c.dep_ == "appos" and (c.pos_ == "NOUN" or c.lower_ in _ROLE_NOUNS) and c.ent_type_ != "PERSON":
            role_tok = c
            break
    if role_tok is None and head.pos_ == "NOUN":
        role_tok = head
    if role_tok is not None:
        role = " ".join(t.text for t in role_tok.lefts if t.dep_ == "compound" and t.ent_type_ == "") \
            + (" " if any(t.dep_ == "compound" and t.ent_type_ == "" for t in role_tok.lefts) else "") \
            + role_tok.text
        org: str | None = None
        for c in role_tok.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "with"):
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    sub = list(objs[0].subtree)
                    org = doc[sub[0].i:sub[-1].i + 1].text
                    break
        if org is None:
            pre = [t for t in role_tok.lefts if t.dep_ in ("compound", "amod", "poss", "nmod")]
            org = _org_in(pre) if pre else None
        return role.strip() or None, org
    if name_ent is not None:
        # "Iraqi government spokesman Ali al-Dabbagh": the title words right before the name are the role,
        # the words before those (places, bodies) the organisation
        pre = [t for t in _np_tokens(head) if t.i < name_ent.start and t.dep_ not in ("det", "punct")]
        role_toks: list[Token] = []
        for t in reversed(pre):
            if (role_toks and role_toks[0].i - t.i != 1) or t.ent_type_ in ("ORG", "GPE", "NORP") \
                    or t.lower_ in _ORG_NOUNS or t.tag_ == "POS" or t.pos_ not in _ROLE_POS:
                break
            role_toks.insert(0, t)
        role_toks = [t for t in role_toks if t.lower_ not in _HONORIFICS]
        if role_toks:
            rest = [t for t in pre if t.i < role_toks[0].i]
            org = doc[rest[0].i:rest[-1].i + 1].text if rest else None
            return doc[role_toks[0].i:role_toks[-1].i + 1].text, org
    return None, None


def _speaker(subj: Token, mentions: _Mentions) -> _Speaker:
    toks = _np_tokens(subj)
    span = _span_of(toks)
    low = subj.lower_
    if subj.pos_ == "PRON" or low in _PRONOUNS:
        if low in _PERSON_PRONOUNS:
            want = _PRONOUN_GENDER.get(low)
            prev = mentions.antecedent(want, subj.idx)
            if prev is not None:
                if want and prev.name:
                    mentions.gender.setdefault(prev.name, want)
                return _Speaker((subj.idx, subj.idx + len(subj.text)), prev.name, prev.role,
                                prev.organization, True)
            name = mentions.recent_person(subj.idx, want)
            role, org = mentions.info.get(name or "", (None, None))
            return _Speaker((subj.idx, subj.idx + len(subj.text)), name, role, org, True)
        prev = mentions.last_speaker
        if low in ("they", "it") and prev is not None and not prev.is_person:
            return _Speaker((subj.idx, subj.idx + len(subj.text)), prev.name, prev.role, prev.organization,
                            False)
        return _Speaker((subj.idx, subj.idx + len(subj.text)), subj.text, None, None, False)
    ent = _person_in(toks)
    if ent is None and subj.pos_ == "NOUN":
        # "The mayor of X, Jane Doe, said": the parser often hangs the apposition on X
        for c in subj.subtree:
            if c.dep_ == "appos" and c.ent_type_ == "PERSON":
                ent = _person_in(_np_tokens(c))
                if ent is not None:
                    break
    if ent is not None:
        name = _clean_name(ent) or ent.text
        if len(name.split()) == 1 or any(t.lower_ in _HONORIFICS for t in subj.doc[ent.start - 1:ent.start]):
            name = mentions.full_name(name, ent.start_char) or name
        role, org = _role_org(subj if subj.ent_type_ == "PERSON" else ent.root, ent)
        if role is None and subj.ent_type_ != "PERSON":
            role, org = _role_org(subj, None)
        old_role, old_org = mentions.info.get(name, (None, None))
        role, org = role or old_role, org or old_org
        mentions.info[name] = (role, org)
        title = subj.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        gender = _TITLE_GENDER.get(title) or _NOUN_GENDER.get((role or "").split(" ")[-1].lower())
        if gender:
            mentions.gender.setdefault(name, gender)
        return _Speaker(span, name, role, org, True)
    # a description: "a spokesman for the movement", "the source", "The New York Post"
    org_name = _org_in(toks)
    role, org = _role_org(subj, None) if subj.pos_ == "NOUN" else (None, None)
    if subj.pos_ == "NOUN" and role is not None and subj.lower_ in _ROLE_NOUNS and toks[0].lower_ == "the":
        # "the spokesman" refers back to the last speaker with that role
        prev = mentions.antecedent(None, subj.idx)
        if prev is not None and prev.role and subj.lower_ in prev.role.lower():
            return _Speaker(span, prev.name, prev.role, prev.organization, True)
    if org_name is not None and subj.pos_ == "PROPN":
        return _Speaker(span, org_name, None, None, False)
    # the description up to its head noun: "Los Angeles County district attorney's office"
    first = next((t for t in toks if t.dep_ not in ("det", "punct") and t.i <= subj.i), subj)
    name = subj.doc[first.i:subj.i + 1].text
    is_person = subj.lower_ in _ROLE_NOUNS or subj.lower_ in _NOUN_GENDER
    if is_person and subj.lower_ in _NOUN_GENDER:
        mentions.gender.setdefault(name, _NOUN_GENDER[subj.lower_])
    return _Speaker(span, name, role, org or org_name, is_person)


_PRONOUN_GENDER = _gender_words("pronoun")
_TITLE_GENDER = _gender_words("title")
_NOUN_GENDER = _gender_words("noun")

# nouns naming a body rather than a position: "government" in "government spokesman"
_ORG_NOUNS = _listed("organisation")

_ROLE_NOUNS = _listed("role")


def _find_subject(cue: Token) -> Token | None:
    """The cue's subject, climbing through participles and conjuncts ("…, adding that", "and said")."""
    tok = cue
    for _ in range(4):
        for c in tok.children:
            if c.dep_ in _SUBJ_DEPS:
                return c
        if tok.dep_ in _CLIMB_DEPS and tok.head is not tok:
            if tok.dep_ == "relcl":
                return tok.head if tok.head.pos_ in ("PROPN", "NOUN") else None
            tok = tok.head
        else:
            return None
    return None


# ---------------------------------------------------------------------------------------------
# content
# ---------------------------------------------------------------------------------------------


def _trim(toks: list[Token]) -> tuple[int, int] | None:
    """Char span of ``toks`` without outer punctuation other than quotation marks."""
    i, j = 0, len(toks)
    while i < j and (toks[i].is_punct or toks[i].is_space) and toks[i].text not in _QUOTE_TOKENS:
        i += 1
    while j > i and (toks[j - 1].is_punct or toks[j - 1].is_space) and toks[j - 1].text not in _QUOTE_TOKENS:
        j -= 1
    if i >= j:
        return None
    return _span_of(toks[i:j])


def _subtree_tokens(tok: Token, exclude: Token | None = None) -> list[Token]:
    toks = [t for t in tok.subtree]
    if exclude is not None:
        ex = {t.i for t in exclude.subtree}
        toks = [t for t in toks if t.i not in ex]
    return toks


def _contiguous(toks: list[Token], anchor: Token) -> list[Token]:
    """The run of consecutive tokens around ``anchor`` (a subtree may be gappy around the cue)."""
    idx = {t.i for t in toks}
    lo = hi = anchor.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return [t for t in toks if lo <= t.i <= hi]


def _content_of(cue: Token) -> list[Token] | None:
    lemma = cue.lemma_.lower()
    kids = list(cue.children)
    for c in kids:
        if c.dep_ == "ccomp" and (lemma in CLAUSE_CUES or _is_quoted_clause(c)):
            return _contiguous(_subtree_tokens(c), c)
    if lemma in CLAUSE_CUES:
        # "He said legalizing it could …" misparsed as an xcomp of "said"
        for c in kids:
            if c.dep_ == "xcomp" and c.i > cue.i and c.pos_ == "VERB" \
                    and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) \
                    and any(g.dep_ == "ccomp" for g in c.children):
                return _contiguous(_subtree_tokens(c), c)
        # "said in a statement that …": the clause hangs on the statement
        for c in kids:
            if c.dep_ == "prep" and c.i > cue.i:
                for obj in c.children:
                    for g in obj.children:
                        if g.dep_ in ("acl", "ccomp", "relcl") and any(
                                m.dep_ == "mark" and m.lower_ == "that" for m in g.children):
                            return _contiguous(_subtree_tokens(g), g)
    if lemma in XCOMP_CUES:
        for c in kids:
            if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                return _contiguous(_subtree_tokens(c), c)
    preps = _PREP_CUES.get(lemma)
    if preps and not any(c.dep_ == "dobj" for c in kids):
        for c in kids:
            if c.dep_ in ("prep", "prt") and c.lower_ in preps:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    return _contiguous(_subtree_tokens(objs[0]), objs[0])
    if lemma in OBJECT_CUES and lemma != "call":
        for c in kids:
            if c.dep_ == "dobj" and (lemma not in _PHYSICAL_TOO or c.ent_type_ in _AGENT_ENTS
                                     or c.pos_ in ("PRON", "PROPN")):
                toks = _subtree_tokens(c)
                # "criticized X as Y", "blasted X for Y": the manner phrase belongs to the content
                for g in kids:
                    if g.dep_ == "prep" and g.lower_ in ("as", "for", "over") and g.i > c.i:
                        toks += list(g.subtree)
                toks.sort(key=lambda t: t.i)
                return _contiguous(toks, c)
    if lemma == "call":
        objs = [c for c in kids if c.dep_ == "dobj"]
        oprd = [c for c in kids if c.dep_ == "oprd"]
        if objs and oprd:
            toks = sorted(list(objs[0].subtree) + list(oprd[0].subtree), key=lambda t: t.i)
            return _contiguous(toks, objs[0])
    return None


def _is_quoted_clause(tok: Token) -> bool:
    """A complement clause that starts or ends at a quotation mark: "“…,” Trump declared"."""
    sub = list(tok.subtree)
    doc = tok.doc
    first, last = sub[0].i, sub[-1].i
    return (first > 0 and doc[first - 1].text in _QUOTE_TOKENS) or doc[first].text in _QUOTE_TOKENS \
        or (last + 1 < len(doc) and doc[last + 1].text in _QUOTE_TOKENS) \
        or (last + 2 < len(doc) and doc[last + 2].text in _QUOTE_TOKENS)


def _kind(text: str) -> str:
    text = text.replace("''", '"')
    body = text.rstrip(".,;: ")
    if body[:1] in _QUOTE_CHARS and (body[-1:] in _QUOTE_CHARS or text[-1:] in _QUOTE_CHARS):
        inner = body[1:-1]
        # "“A,” he said, “B.”" stays direct; "“A” and “B”" with plain words between is mixed
        if not any(c in _QUOTE_CHARS for c in inner) or re.search(r"[,.?!]\s*[”\"]", inner):
            return "direct"
    return "mixed" if any(c in _QUOTE_CHARS for c in text) else "indirect"


# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    start: int
    end: int
    cue: Token | None
    cue_span: tuple[int, int] | None
    speaker: _Speaker | None
    frame_end: int          # end of the attribution (speaker + cue) when it follows the content
    fragments: list[tuple[int, int]]


def find_quotes(doc: Doc) -> list[FoundQuote]:
    """Every quotation / attribution in ``doc`` in text order."""
    text = text_of(doc)
    segs = quote_segments(text)
    mentions = _Mentions(doc)
    drafts: list[_Draft] = []
    for i in _candidates(doc):
        tok = doc[i]
        draft: _Draft | None = None
        if tok.lower_ == "according":
            if i + 1 < len(doc) and doc[i + 1].lower_ == "to":
                draft = _according_quote(tok, segs, mentions)
        elif (tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.lemma_ in _ALL_CUES)) \
                and tok.dep_ not in ("aux", "auxpass", "amod"):
            draft = _verb_quote(tok, segs, mentions)
        if draft is not None:
            drafts.append(draft)
    wrapped = _hard_wrapped(text)
    for d in drafts:
        _clip_to_line(d, text, "\n\n" if wrapped else "\n")
    headline = _headline_quote(doc, text, mentions)
    if headline is not None:
        drafts.append(headline)
    drafts = _dedupe(drafts)
    drafts = _merge_continuations(drafts, segs, text)
    drafts = _add_orphans(drafts, segs, text, doc, mentions)
    drafts.sort(key=lambda d: d.start)
    out = []
    for d in drafts:
        sp = d.speaker
        frags = tuple(d.fragments) if len(d.fragments) > 1 else ()
        content = "".join(text[s:e] for s, e in d.fragments) if frags else text[d.start:d.end]
        out.append(FoundQuote(
            span=(d.start, d.end), kind=_kind(content),
            cue=text[d.cue_span[0]:d.cue_span[1]] if d.cue_span else None, cue_span=d.cue_span,
            speaker_name=sp.name if sp else None, speaker_role=sp.role if sp else None,
            speaker_organization=sp.organization if sp else None, speaker_span=sp.span if sp else None,
            fragments=frags))
    return out


_HEADLINE = re.compile(r"\A\s*([A-Z][\w.'’\- ]{1,40}?):\s+(\S[^\n]{5,})")


def _headline_quote(doc: Doc, text: str, mentions: _Mentions) -> _Draft | None:
    """A title of the form "Source: what they said" ("Obama: Trump Unfit", "Poll: Clinton Leads")."""
    m = _HEADLINE.match(text)
    if m is None or len(m.group(1).split()) > 5 or any(c.isdigit() for c in m.group(1)):
        return None
    s, e = m.start(2), m.end(2)
    while e > s and text[e - 1] in " .":
        e -= 1
    src = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if src is None:
        return None
    ent = _person_in(list(src))
    name = (_clean_name(ent) if ent is not None else None) or m.group(1)
    if ent is not None and len(name.split()) == 1:
        # the body names the person in full later on; a title comes first
        name = next((n for _, n in mentions.persons if len(n.split()) >= 2 and n.endswith(name)), name)
    speaker = _Speaker((m.start(1), m.end(1)), name, None, None, ent is not None)
    return _Draft(s, e, None, (m.end(1), m.end(1) + 1), speaker, -1, [(s, e)])


def _hard_wrapped(text: str) -> bool:
    """Wire copy broken into short lines (MUC): there only a blank line ends a paragraph."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return len(lines) >= 6 and sum(len(ln) for ln in lines) / len(lines) < 90


def _clip_to_line(d: _Draft, text: str, brk: str) -> None:
    """Content stays in its cue's paragraph: the parser sometimes glues a headline or dateline to a sentence."""
    if d.cue_span is None:
        return
    anchor = d.cue_span[0]
    lo = text.rfind(brk, 0, anchor)
    lo = 0 if lo < 0 else lo + len(brk)
    hi = text.find(brk, anchor)
    hi = len(text) if hi < 0 else hi
    s, e = max(d.start, lo), min(d.end, hi)
    if e - s < 3 or (s, e) == (d.start, d.end):
        return
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    if e - s >= 3:
        d.start, d.end = s, e
        d.fragments = [(max(fs, s), min(fe, e)) for fs, fe in d.fragments if min(fe, e) > max(fs, s)]


def _extend_to_quotes(span: tuple[int, int], segs: list[tuple[int, int]], cue_span: tuple[int, int],
                      subj_span: tuple[int, int] | None) -> tuple[int, int]:
    """Grow a content span to the whole of every quotation it overlaps (not over the cue or speaker)."""
    s, e = span
    for qs, qe in segs:
        if qe <= s or qs >= e:
            continue
        if qs <= cue_span[0] < qe:
            continue
        if subj_span and qs <= subj_span[0] < qe:
            continue
        s, e = min(s, qs), max(e, qe)
    return s, e


_CUE_IDS: np.ndarray | None = None


def _candidates(doc: Doc) -> list[int]:
    """Token indices worth a look: lexicon verbs, heads of a complement clause, "according".

    Works on attribute arrays because creating a Token per word costs more than the rest of the stage.
    """
    strings = doc.vocab.strings
    global _CUE_IDS
    if _CUE_IDS is None:
        # string ids are hashes of the text, the same in every vocabulary
        _CUE_IDS = np.array(sorted(strings.add(w) for w in _ALL_CUES), dtype=np.uint64)
    lemma_ids = _CUE_IDS
    arr = doc.to_array([LEMMA, DEP, HEAD, LOWER])
    if len(arr) == 0:
        return []
    arr = arr.reshape(len(doc), 4)
    hits = set(np.flatnonzero(np.isin(arr[:, 0], lemma_ids)).tolist())
    ccomp = np.flatnonzero(arr[:, 1] == strings.add("ccomp"))
    # HEAD is stored as an offset from the token
    hits.update((ccomp + arr[ccomp, 2].astype(np.int64)).tolist())
    hits.update(np.flatnonzero(arr[:, 3] == strings.add("according")).tolist())
    return sorted(hits)


def _inside_quotation(pos: int, segs: list[tuple[int, int]]) -> bool:
    """Is ``pos`` inside a quotation longer than a phrase (``segs`` sorted, non-overlapping)?"""
    k = bisect.bisect_right(segs, (pos, _BIG)) - 1
    return k >= 0 and segs[k][0] < pos < segs[k][1] and segs[k][1] - segs[k][0] > 20


def _verb_quote(cue: Token, segs: list[tuple[int, int]], mentions: _Mentions) -> _Draft | None:
    # an attribution inside someone's quotation ("“I think …”") is part of that quotation
    if _inside_quotation(cue.idx, segs):
        return None
    if cue.lemma_ in _NOT_CUES:
        return None
    content = _content_of(cue)
    if not content and cue.dep_ == "parataxis" and cue.lemma_ in _SPEECH_VERBS:
        # "Though X, he said, Y": the host clause around the parenthetical is the content
        inner = {t.i for t in cue.subtree}
        content = [t for t in cue.head.subtree if t.i not in inner]
    if not content:
        return _colon_quote(cue, segs, mentions)
    subj = _find_subject(cue) or _person_after(cue)
    if subj is None or subj.i in {t.i for t in content} or subj.lower_ in ("there",):
        return None
    if subj.lower_ == "it" and cue.lemma_ in ("show", "find", "indicate"):
        return None
    span = _trim(content)
    if span is None:
        return None
    cue_span = (cue.idx, cue.idx + len(cue.text))
    subj_toks = _np_tokens(subj)
    subj_span = _span_of(subj_toks)
    span = _extend_to_quotes(span, segs, cue_span, subj_span)
    if span[1] - span[0] < 3:
        return None
    speaker = _speaker_at(subj, mentions)
    _remember(speaker, mentions)
    frame_end = max(cue_span[1], subj_span[1]) if span[1] <= cue_span[0] else -1
    return _Draft(span[0], span[1], cue, cue_span, speaker, frame_end, [span])


def _colon_quote(cue: Token, segs: list[tuple[int, int]], mentions: _Mentions) -> _Draft | None:
    """"He said: “…”": the quotation right after a speech verb and a colon or comma."""
    if cue.lemma_.lower() not in _SPEECH_VERBS:
        return None
    doc = cue.doc
    j = cue.i + 1
    while j < len(doc) and j <= cue.i + 4 and doc[j].text not in (":", ","):
        if doc[j].text in _QUOTE_TOKENS or doc[j].is_sent_start:
            break
        j += 1
    if j >= len(doc) or doc[j].text not in (":", ","):
        return None
    after = doc[j].idx + 1
    seg = next((sg for sg in segs if after <= sg[0] <= after + 2), None)
    if seg is None:
        return None
    subj = _find_subject(cue)
    if subj is None:
        return None
    speaker = _speaker_at(subj, mentions)
    _remember(speaker, mentions)
    return _Draft(seg[0], seg[1], cue, (cue.idx, cue.idx + len(cue.text)), speaker, -1, [seg])


def _according_quote(tok: Token, segs: list[tuple[int, int]], mentions: _Mentions) -> _Draft | None:
    doc = tok.doc
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    src = objs[0]
    phrase = sorted({tok.i, to.i} | {t.i for t in src.subtree})
    sent = tok.sent
    lo, hi = phrase[0], phrase[-1]
    left = [t for t in sent if t.i < lo]
    right = [t for t in sent if t.i > hi]
    part = left if len(left) >= len(right) else right
    span = _trim(part) if part else None
    if span is None:
        return None
    cue_span = (tok.idx, to.idx + len(to.text))
    span = _extend_to_quotes(span, segs, cue_span, None)
    speaker = _speaker(src, mentions)
    _remember(speaker, mentions)
    return _Draft(span[0], span[1], tok, cue_span, speaker, -1, [span])


def _person_after(cue: Token) -> Token | None:
    """A name right after an inverted cue the parser got wrong ("…,” said engineer Jane Doe.")."""
    doc = cue.doc
    for t in doc[cue.i + 1:min(cue.i + 6, len(doc))]:
        if t.is_punct:
            return None
        if t.ent_type_ == "PERSON":
            ent = _person_in([t])
            return ent.root if ent is not None else t
    return None


def _speaker_at(subj: Token, mentions: _Mentions) -> _Speaker:
    """The speaker of a subject; a relative pronoun ("Gates, who told …") names its antecedent."""
    if subj.lower_ in ("who", "that") and subj.head.dep_ == "relcl" \
            and subj.head.head.pos_ in ("PROPN", "NOUN"):
        ante = _speaker(subj.head.head, mentions)
        return _Speaker((subj.idx, subj.idx + len(subj.text)), ante.name, ante.role, ante.organization,
                        ante.is_person)
    return _speaker(subj, mentions)


def _remember(speaker: _Speaker, mentions: _Mentions) -> None:
    mentions.last_speaker = speaker
    if speaker.is_person and speaker.name:
        pos = speaker.span[0] if speaker.span else _BIG
        k = bisect.bisect_left(mentions.people_at, pos)
        mentions.people_at.insert(k, pos)
        mentions.people.insert(k, speaker)


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """Nested attributions ("X said Y told him that …") stay separate; identical spans collapse."""
    seen: dict[tuple[int, int], _Draft] = {}
    for d in drafts:
        key = (d.start, d.end)
        if key not in seen:
            seen[key] = d
    return list(seen.values())


_SENTENCE_GAP = re.compile(r"[.!?]\s*$")


def _merge_continuations(drafts: list[_Draft], segs: list[tuple[int, int]], text: str) -> list[_Draft]:
    """“A,” he said, “B.” and “A,” he said. “B.” are one quotation."""
    starts = {d.start for d in drafts}
    used: set[tuple[int, int]] = set()
    for d in drafts:
        if d.frame_end < 0 or (text[d.end - 1:d.end] not in _QUOTE_CHARS and text[d.end - 2:d.end] != "''"):
            continue
        for qs, qe in segs:
            if qs < d.frame_end:
                continue
            gap = text[d.frame_end:qs]
            if len(gap) > 120 or "\n" in gap or any(c in _QUOTE_CHARS for c in gap) or "''" in gap:
                break
            if _SENTENCE_GAP.search(gap):
                break   # “A,” he said. “B.” — a new sentence opens a new quotation
            if qs in starts or (qs, qe) in used:
                break
            # the next quotation must not be attributed to someone else
            if any(dd is not d and dd.start <= qs < dd.end for dd in drafts):
                break
            d.fragments.append((qs, qe))
            d.end = qe
            used.add((qs, qe))
            break
    return drafts


def _add_orphans(drafts: list[_Draft], segs: list[tuple[int, int]], text: str, doc: Doc,
                 mentions: _Mentions) -> list[_Draft]:
    """Quotations no cue claimed: attributed next to the marks, the same speaker going on, or a phrase."""
    covered = sorted((s, e) for d in drafts for s, e in d.fragments)
    out = list(drafts)
    by_start = sorted(drafts, key=lambda d: d.start)
    keys = [d.start for d in by_start]
    starts = [t.idx for t in doc] if segs else []
    for qs, qe in segs:
        if any(s < qe and qs < e for s, e in covered):
            continue
        # a phrase in marks needs two words, and a mark closing it (« or “ alone is often a decoration)
        if len(text[qs:qe].split()) < 2 or (text[qe - 1] not in _QUOTE_CHARS and text[qe - 2:qe] != "''"):
            continue
        near = _attribution_near(doc, starts, qs, qe, mentions)
        if near is not None:
            cue, speaker = near
            _remember(speaker, mentions)
            cue_span = (cue.idx, cue.idx + len(cue.text)) if cue is not None else None
            draft = _Draft(qs, qe, cue, cue_span, speaker, -1, [(qs, qe)])
            out.append(draft)
            k = bisect.bisect_left(keys, qs)
            keys.insert(k, qs)
            by_start.insert(k, draft)
            continue
        k = bisect.bisect_left(keys, qs) - 1
        prev = by_start[k] if k >= 0 else None
        # a quotation going on after an attributed one is most likely the same speaker's
        same: _Speaker | None = None
        if prev is not None and prev.speaker is not None and qs - prev.end < 400:
            sp = prev.speaker
            same = _Speaker(None, sp.name, sp.role, sp.organization, sp.is_person)
        out.append(_Draft(qs, qe, None, None, same, -1, [(qs, qe)]))
    return out


def _attribution_near(doc: Doc, starts: list[int], qs: int, qe: int,
                      mentions: _Mentions) -> tuple[Token | None, _Speaker] | None:
    """A speech verb right after ("…,” Ms. Moore said") or before ("Trump boasted, “…”") a quotation,
    or a dash byline ("… ” ― Jane Doe")."""
    k = bisect.bisect_left(starts, qe)
    for j in range(k, min(k + 8, len(doc))):
        t = doc[j]
        if t.text in _QUOTE_TOKENS or (t.is_punct and t.text in ".?!;") or "\n" in t.text:
            break
        if t.text in ("―", "—", "--") and j == k:
            ent = _person_in(list(doc[j + 1:j + 5]))
            if ent is not None:
                name = _clean_name(ent) or ent.text
                return None, _Speaker((ent.start_char, ent.end_char), name, None, None, True)
            break
        # any verb right after the quotation works as its cue ("“…!” beamed Jane Doe")
        if t.pos_ == "VERB" and (t.lemma_ in _SPEECH_VERBS or t.lemma_ in CLAUSE_CUES or j - k < 4):
            subj = _find_subject(t) or _person_after(t)
            if subj is not None and subj.idx >= qe:
                return t, _speaker_at(subj, mentions)
            break
    k0 = bisect.bisect_left(starts, qs) - 1
    while k0 >= 1 and doc[k0].is_space:
        k0 -= 1
    if k0 >= 1 and doc[k0].text in (",", ":"):
        v = doc[k0 - 1]
        # "X echoed:" introduces whatever follows; after a comma only a reporting verb does
        if v.pos_ == "VERB" and (doc[k0].text == ":" or v.lemma_ in _SPEECH_VERBS or v.lemma_ in CLAUSE_CUES):
            subj = _find_subject(v)
            if subj is not None and subj.idx < v.idx:
                return v, _speaker_at(subj, mentions)
    return None


@Language.factory("dateline_quotes", assigns=["doc._.dateline_quotes"],
                  requires=["token.dep", "token.lemma", "doc.ents"])
def make_quotes_stage(nlp: Language, name: str) -> QuotesStage:
    return QuotesStage()


class QuotesStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quotes = find_quotes(doc)
        return doc
