"""Who said it, and who did it: the attribution stage.

For every figure or denial of an event, the source, source type and stance (:func:`attribute`); claims of parties
the text says cannot be verified become "unconfirmed". Every party is coded with the article's actor index: the
event's actors, each claim's source, each quote's speaker; and the one typing rule that needs coded actors
(force used by or against a state's armed forces is CAMEO 190) is applied. The result is
``doc._.dateline_attributions``, which :mod:`dateline.pipeline.coding` turns into records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.lexicon import speech_verbs
from dateline.pipeline import extensions  # noqa: F401  (declares doc._.dateline_*)
from dateline.pipeline.actors import ActorIndex, CodedActor, actor_index
from dateline.pipeline.events import FoundEvent, state_force_cameo
from dateline.pipeline.figures import Figure, parse_quantity
from dateline.pipeline.quotes import FoundQuote, time_phrase
from dateline.pipeline.text import text_of

# Order matters: the first family whose words occur in a source's description decides its type.
_TYPE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("organization", re.compile(
        r"\b(human rights|red cross|red crescent|united nations|u\.n\.|unicef|unhcr|amnesty|watch|"
        r"doctors without borders|msf|observatory|ngo|charity|aid group|aid agency|hospital|medics?|"
        r"doctors?|paramedics?)\b", re.I)),
    ("party", re.compile(
        r"\b(movement|rebels?|insurgents?|militants?|guerrillas?|front|resistance|opposition|liberation|"
        r"mujahedeen|mujahideen|taliban|al[- ]qaeda|islamic state|isis|hamas|hezbollah|militias?|faction|"
        r"group|party|activists?|organizers?|protesters?|union)\b", re.I)),
    ("official", re.compile(
        r"\b(government|ministry|minister|ministers|police|army|military|armed forces|officials?|"
        r"authorities|president|spokes(?:man|woman|person)|department|sheriff|coroner|governor|mayor|"
        r"commander|general|colonel|lt\.|lieutenant|captain|sgt\.|sergeant|chief|officers?|troopers?|"
        r"prosecutors?|attorney|state media|agency|secretary|council|embassy|court|directorate)\b", re.I)),
    ("witness", re.compile(
        r"\b(witness(?:es)?|residents?|neighbou?rs?|survivors?|relatives?|bystanders?|onlookers?|"
        r"passers?-by|family|friends?|mother|father|brother|sister|wife|husband|son|daughter)\b", re.I)),
    ("organization", re.compile(r"\b(organi[sz]ation|committee|association|institute|agency)\b", re.I)),
)

_UNVERIFIED = re.compile(
    r"\b(?:(?:could|can|did|does|do|was|were|is|are)(?: not|n[o']t)(?: be)?(?: immediately| independently)*"
    r" (?:able to )?(?:verif|confirm|corroborat)\w*|(?:was|were|is|are)(?: not|n[o']t)"
    r" (?:immediately |independently )?(?:possible|able) to (?:independently )?(?:verify|confirm)|"
    r"unable to (?:independently )?(?:verify|confirm)|unverified|unconfirmed|no way to (?:verify|confirm)"
    r"|impossible to (?:verify|confirm))", re.I)
_CONFIRMED = re.compile(r"\b(?:confirmed|confirms|verified)\b", re.I)
_CLAIMS_OF = re.compile(
    r"\b(?:claims?|reports?|figures?|accounts?|assertions?|statements?|tolls?)\s+(?:of|by|from)\s+"
    r"(?P<src>(?:the\s+)?[A-Z][^,;.]*?(?:,\s+or\s+[A-Z][\w.'’-]*)?)(?=,|\s+of\s+\d|\s+that|\s+about|\.|;|$)")
_ACCORDING = re.compile(r"\baccording to\s+(?P<src>[^,;.]+?)(?=,|;|\.\s|\.$|$| who | which )", re.I)
_BY_SOURCE = re.compile(
    r"\b(?:video|footage|images?|photos?|statement|letter|report|communiqu[eé]|message|tweet|post)s?\s+"
    r"(?:clips?\s+)?(?:sent out|released|issued|posted|published|distributed|circulated|put out)\s+by\s+"
    r"(?P<src>(?:the\s+)?[^,;.]+?)(?=\s+(?:showed|shows|said|says|claimed|claims|stated)\b|,|;|\.)", re.I)
_CUE_LEMMAS = speech_verbs("attribution")


@dataclass(frozen=True)
class Attribution:
    name: str
    type: str
    span: tuple[int, int] | None
    stance: str
    role: str | None = None
    organization: str | None = None


REPORTER = "the reporter"
_PRONOUNS = frozenset("he she they it we i you him her them".split())


def source_type(description: str) -> str:
    for kind, pattern in _TYPE_WORDS:
        if pattern.search(description):
            return kind
    return "unknown"


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I).strip(" ,")


def _np_text(tok: Token) -> tuple[str, tuple[int, int]]:
    """The noun phrase headed by ``tok`` (with possessors, compounds, appositions, 'for X' modifiers)."""
    left = tok.left_edge.idx
    right_tok = tok.right_edge
    # cut relative clauses and trailing clauses: keep up to the last token of the head's prepositional /
    # appositive dependents
    keep = [tok] + [c for c in tok.rights if c.dep_ in ("prep", "appos", "compound", "amod", "poss", "cc",
                                                          "conj", "punct", "nmod")
                    and not time_phrase(c)]
    # (not a time the parse hangs on the speaker: "The president on Friday condemned ...")
    right_tok = max((t.right_edge for t in keep), key=lambda t: t.i)
    end = right_tok.idx + len(right_tok.text)
    text = text_of(tok.doc)[left:end].strip(" ,")
    return text, (left, left + len(text))


def _cue_subject(sent: Span, within: tuple[int, int] | None = None) -> Token | None:
    """The subject of a speech verb in the sentence ("X said", "said X"), not of one that answers what the sentence
    said before it ("..., but the army denied it": the army's stance, not its claim)."""
    for tok in sent:
        if tok.lemma_.lower() in _CUE_LEMMAS and tok.pos_ == "VERB" and _response_object(tok) is None:
            if any(c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "credit") for c in tok.children):
                continue    # "No one has claimed responsibility for the bombing, which killed five": no saying
            for child in tok.children:
                # "X said": the speaker; "five soldiers were reported injured" has no speaker, nor has "with six
                # confirmed dead" (a bare number is who was confirmed dead, not who confirmed it)
                if child.dep_ == "nsubj" and child.lower_ not in ("it", "there") and child.tag_ != "CD":
                    if within and not (within[0] <= child.idx < within[1]):
                        continue
                    return child
    return None


def _stance_in(sentence: str, default: str = "asserts") -> str:
    if _UNVERIFIED.search(sentence):
        return "unconfirmed"
    if _CONFIRMED.search(sentence) and not re.search(r"\b(?:not|n['’]t)\s+(?:been\s+)?confirm", sentence):
        return "confirmed"
    return default


_FALSE_WORDS = frozenset("false untrue baseless unfounded fabricated incorrect inaccurate".split())


def _denied_within(sent: Span | None) -> bool:
    """The figure's clause is what its sentence denies: the clause a deny verb takes ("Police denied that a student
    had been killed"), or the content of a report, claim, allegation or rumour the sentence denies or calls false
    ("denied reports that ...", "Claims that a student was shot dead were false, police said", "Rumours that ...
    proved unfounded"); not a denial of who did it ("denied that its troops killed six priests", "... were killed by
    soldiers"; "the boy had died" is his death), nor one of something else the figure's clause hangs on ("denied
    responsibility for the bombing in which 30 people were killed")."""
    if sent is None:
        return False
    clause = sent.root
    if any(c.dep_ in ("nsubj", "agent") for c in clause.children) \
            and clause.lemma_.lower() not in ("die", "perish", "succumb"):
        return False    # (the subject of a death is its victim: "denied reports that the boy had died" denies it)
    head = clause.head
    if head.i == clause.i:
        return False
    if clause.dep_ == "ccomp" and head.lemma_.lower() in _DENIAL_LEMMAS and not _negated(head):
        return True
    if clause.dep_ not in ("acl", "ccomp") or head.lemma_.lower() not in _CLAIM_NOUNS:
        return False
    verb = head.head
    if head.dep_ == "dobj" and verb.lemma_.lower() in _DENIAL_LEMMAS and not _negated(verb):
        return True
    if any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() == "prove" and not _negated(c)
           and any(g.dep_ in ("acomp", "oprd") and g.lower_ in _FALSE_WORDS for g in c.children)
           for c in head.children):
        return True     # (the parse may hang "proved false" on the noun)
    return head.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in ("be", "prove") and not _negated(verb) \
        and any(c.dep_ in ("acomp", "oprd") and c.lower_ in _FALSE_WORDS for c in verb.children)


def attribute(doc: Doc, span: tuple[int, int], quotes: list[FoundQuote]) -> Attribution:
    """The source and stance of the assertion at character ``span`` (a figure, a denial)."""
    sent = doc.char_span(span[0], span[1], alignment_mode="expand")
    sentence = sent.sent if sent is not None else doc[:]
    stext = sentence.text
    base = sentence.start_char
    # (not the stance of a clause that answers the claim: "..., and a hospital official confirmed it")
    answer = next((t for t in sentence if _response_object(t) is not None), None)
    told = stext if answer is None or answer.left_edge.idx <= span[0] else text_of(doc)[base:answer.left_edge.idx]
    stance = "denies" if _denied_within(sent) else _stance_in(told)
    # 1. "the government put the toll at three", "officials estimated the dead at 40": who puts the number, also in
    # a clause of another's words ("Hospital sources said nine were killed, although the government put ...")
    if sent is not None:
        putter = next((a for a in [sent.root, *sent.root.ancestors] if a.lemma_.lower() in _PUT_LEMMAS
                       and a.pos_ == "VERB" and sentence.start <= a.i < sentence.end), None)
        who = next((c for c in putter.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None) \
            if putter is not None else None
        if who is not None:
            text, sp = _np_text(who)
            return Attribution(_strip_det(text), source_type(text), sp, stance)
    # 2. inside a quotation or an attributed clause: its speaker
    inside = [q for q in quotes if span[0] <= q.span[0] and q.span[1] <= span[1]]
    for q in [q for q in quotes if q.span[0] <= span[0] and span[1] <= q.span[1]] + inside:
        if q.speaker_name or q.speaker_span:
            name = q.speaker_name or ""
            mention = _strip_det(text_of(doc)[q.speaker_span[0]:q.speaker_span[1]]) if q.speaker_span else ""
            if len(name.split()) == 1 and name in mention and len(mention.split()) > 1:
                name = mention   # "Iraqi" is a fragment of "the Iraqi defence ministry"
            if q.speaker_span and not any(c.isupper() for c in name):
                # a description ("the provincial governor") reads better whole than as a name fragment
                mention = _strip_det(text_of(doc)[q.speaker_span[0]:q.speaker_span[1]])
                if mention.lower() not in _PRONOUNS:
                    name = mention
            name = name or REPORTER
            desc = " ".join(x for x in (name, q.speaker_role, q.speaker_organization) if x)
            return Attribution(name, source_type(desc), q.speaker_span, stance, q.speaker_role,
                               q.speaker_organization)
    # 3. "the claims of X", "according to X", "video sent out by X"
    for pattern in (_CLAIMS_OF, _ACCORDING, _BY_SOURCE):
        m = pattern.search(stext)
        if m:
            name = _strip_det(m.group("src"))
            if name and not re.fullmatch(r"(?:him|her|them|it|police)?", name, re.I) or name.lower() == "police":
                s = base + m.start("src") + m.group("src").find(name)
                return Attribution(name, source_type(name), (s, s + len(name)), stance)
    # 4. "X said ...": the speech verb's subject
    subj = _cue_subject(sentence)
    if subj is not None:
        text, sp = _np_text(subj)
        if not (sp[0] <= span[0] and span[1] <= sp[1]):
            return Attribution(_strip_det(text), source_type(text), sp, stance)
        # (a figure in the words that describe the speaker, "said a resident who survived the attack in which 23
        # people were killed", is the article's own)
    # 5. the article's own voice
    return Attribution(REPORTER, "reporter", None, stance)


_UNVERIFIED_OF = re.compile(
    r"(?:verify|confirm|corroborate)\s+(?:the\s+)?(?:(?:claims?|reports?|figures?|accounts?|tolls?)\s+(?:of|by)\s+"
    r"(?:the\s+)?(?P<src>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)|(?P<owner>[\w'.-]+(?:\s+[\w'.-]+)?)['’]s?\s+"
    r"(?:claims?|reports?|figures?|accounts?|tolls?))")


# words that say what a figure counts, not whose it is ("the death toll", "the casualty figures")
_COUNT_WORDS = frozenset("death casualty injury fatality victim body".split())


def unverified_parties(doc: Doc) -> tuple[list[str], bool]:
    """Names whose claims the text says cannot be verified, and whether casualty counts in general are
    said to be unconfirmed ("he was unable to confirm the number of casualties")."""
    names: list[str] = []
    general = False
    for sent in doc.sents:
        t = sent.text
        if not _UNVERIFIED.search(t):
            continue
        found = [m.group("src") or m.group("owner") for m in _UNVERIFIED_OF.finditer(t)]
        # "The army's figure could not be verified", "The police figure could not be confirmed": that party's
        found += [c.text for noun in sent if noun.lemma_.lower() in _REFERENT_NOUNS for c in noun.children
                  if c.dep_ in ("poss", "compound") and c.pos_ in ("NOUN", "PROPN")
                  and c.lemma_.lower() not in _COUNT_WORDS]
        names += found      # "the claims of X" / "X's figures"
        if not found and re.search(r"\b(?:number|toll|casualt|figures?|dead|death)", t, re.I):
            general = True
    return names, general


# ----------------------------------------------------------------------------- stance from another sentence

# A sentence without a figure of its own that takes a stance on one stated before it: "A hospital source
# confirmed the count." / "Independent monitors put the number lower." / "Officials have not commented on the
# report." It refers back with a definite noun for a figure or a report (the toll, the count, those figures,
# the group's claim) and says who takes the stance; that source gets a claim of its own on the figure referred
# to (the nearest one before it, within REFERENCE_SENTENCES sentences: news paragraphs are often one sentence).
_REFERENT_NOUNS = frozenset("count toll figure number tally total report claim account estimate allegation "
                            "accusation".split())
# what a stance on a claim that is no figure refers back with ("The army denied the report.")
_CLAIM_NOUNS = frozenset("report claim account allegation accusation rumour rumor story".split())
_DENIAL_LEMMAS = frozenset("deny reject refute dismiss".split())
_REFERENT_DETS = frozenset("the this that these those its their his her".split())
_CONFIRM_LEMMAS = frozenset("confirm verify corroborate".split())
_DISPUTE_LEMMAS = frozenset("dispute reject deny contest challenge question doubt dismiss refute rebut".split())
_COMMENT_LEMMAS = frozenset("comment respond".split())
_DECLINE_LEMMAS = frozenset("decline refuse fail".split())
_PUT_LEMMAS = frozenset("put place estimate".split())
# a figure said to be too high or too low: "The army said the figure was exaggerated", "had been underreported"
# (word beginnings: the lemmatiser leaves some of these forms as they are)
_OVERSTATED = ("exaggerat", "inflat", "overstat", "overestimat", "overblown")
_UNDERSTATED = ("understat", "underestimat", "underreport", "under-report", "downplay")


def _misstated(tok: Token) -> str | None:
    """"denies" for a word saying a figure is too high ("exaggerated", "inflated"), ``_HIGHER`` for one saying it
    is too low ("underreported", "downplaying"), else None."""
    if tok.lower_.startswith(_OVERSTATED):
        return "denies"
    if tok.lower_.startswith(_UNDERSTATED):
        return _HIGHER
    return None
_LOWER_WORDS = frozenset("lower smaller fewer less".split())
_HIGHER_WORDS = frozenset("higher greater larger more".split())
_HIGHER = "higher"      # not a contract stance: the source asserts more than the figure referred to
REFERENCE_SENTENCES = 3
_KILLED_WORDS = re.compile(r"\b(?:dead|death|deaths|killed|fatalit\w*|died|bodies)\b", re.I)
_INJURED_WORDS = re.compile(r"\b(?:wounded|injur\w*|hurt)\b", re.I)


@dataclass(frozen=True)
class ReportStance:
    """A later sentence's stance on an earlier claim that is no figure ("Rebels said they attacked the base. The
    army denied the report."): ``span`` is the referring noun phrase, ``window`` the characters of the sentences
    before it that the claim may refer to (at most REFERENCE_SENTENCES)."""

    span: tuple[int, int]
    window: tuple[int, int]
    attribution: Attribution


@dataclass(frozen=True)
class StanceEcho:
    """A later sentence's stance on an earlier figure: ``figure`` is the claim's figure as the later sentence
    refers to it (its span the referring noun phrase), ``referent`` the earlier figure."""

    referent: Figure
    figure: Figure
    attribution: Attribution


def _negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    # "declined to comment on", "failed to confirm", "was unable to verify", "could not be reached to confirm"
    if verb.dep_ == "xcomp" and head is not verb:
        if head.lemma_.lower() in _DECLINE_LEMMAS or any(c.dep_ == "neg" for c in head.children):
            return True
        if head.lemma_.lower() == "be" and any(c.lower_ == "unable" for c in head.children):
            return True
    if verb.dep_ == "xcomp" and head.lower_ == "unable":
        return True
    return False


def _stance_of_verb(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    negated = _negated(verb)
    if lemma in _CONFIRM_LEMMAS:
        return "unconfirmed" if negated else "confirmed"
    if lemma in _DISPUTE_LEMMAS:
        return None if negated else "denies"
    if lemma in _COMMENT_LEMMAS:
        return "unconfirmed" if negated else None
    if lemma in _PUT_LEMMAS and not negated:
        said = {w.lower_ for c in verb.children for w in c.subtree if c.dep_ != "nsubj"}
        if said & _LOWER_WORDS:
            return "denies"
        if said & _HIGHER_WORDS:
            return _HIGHER         # "Independent monitors put the toll higher": more than the figure
    if verb.pos_ == "VERB" and (misstated := _misstated(verb)) is not None:
        return None if negated or _said_of(verb) is None else misstated
    if lemma == "be" and not negated and _said_of(verb) is not None:
        told = {c.lower_ for c in verb.children if c.dep_ in ("acomp", "attr", "advmod")}
        misstated = next((m for c in verb.children if c.dep_ == "acomp" and (m := _misstated(c)) is not None), None)
        if misstated is not None:
            return misstated       # "The army said the figure was exaggerated"
        if told & _LOWER_WORDS:
            return "denies"        # "Witnesses said the toll was lower"
        if told & _HIGHER_WORDS:
            return _HIGHER         # "Witnesses said the toll was higher"
    return None


def _said_of(copula: Token) -> Token | None:
    """The speech verb a copula's clause is the content of ("Witnesses said the toll was higher": "said")."""
    head = copula.head
    if copula.dep_ == "ccomp" and head is not copula and head.lemma_.lower() in _CUE_LEMMAS:
        return head
    return None


def _stance_source(verb: Token) -> Token | None:
    """Who takes the stance: the verb's subject, the subject of the verb it depends on ("X declined to
    comment"), or the agent of a passive ("the toll was confirmed by hospital staff"); for "the toll was higher",
    who said so."""
    if (verb.lemma_.lower() == "be" or _misstated(verb) is not None) and (said := _said_of(verb)) is not None:
        # ("Witnesses said the toll was higher", "the army said the rebels had inflated the toll": the army's)
        return next((c for c in said.children if c.dep_ == "nsubj"), None)
    for v in (verb, verb.head):
        for c in v.children:
            if c.dep_ == "nsubj":
                return c
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        if verb.dep_ != "xcomp":
            break
    return None


def _put_at(verb: Token) -> tuple[int | None, int | None] | None:
    """The figure a source puts a number at ("put the toll at eight", "put the number lower, at about 20")."""
    for tok in verb.subtree:
        if tok.lower_ == "at" and tok.dep_ == "prep" and verb.i in (tok.head.i, tok.head.head.i):
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None:
                found = parse_quantity(verb.doc[obj.left_edge.i:obj.right_edge.i + 1].text)
                if found is not None and (found[0] is not None or found[1] is not None):
                    return found
    return None


def _referring_verb(sent: Span) -> tuple[Token, Token] | None:
    """(referring noun, verb governing it) of a sentence that refers back to a figure, None when it has none."""
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in _REFERENT_NOUNS:
            continue
        if not any(c.dep_ in ("det", "poss") and (c.lower_ in _REFERENT_DETS or c.tag_ == "POS"
                                                   or c.dep_ == "poss") for c in tok.children):
            continue
        head = tok.head
        if tok.dep_ == "pobj" and head.dep_ == "prep":          # "commented on the report"
            head = head.head
        if head.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj", "pobj", "nsubjpass", "nsubj"):
            return tok, head
    return None


_OF_KINDS = {"dead": ("killed",), "death": ("killed",), "killed": ("killed",), "fatality": ("killed",),
             "body": ("killed",), "victim": ("killed", "injured"), "casualty": ("killed", "injured"),
             "wounded": ("injured",), "injured": ("injured",), "injury": ("injured",),
             "arrest": ("arrested",), "detainee": ("arrested",), "displaced": ("displaced",),
             "evacuee": ("displaced",), "missing": ("missing",), "hostage": ("kidnapped",),
             "abduction": ("kidnapped",)}


def _of_kinds(noun: Token) -> tuple[str, ...] | None:
    """The figure kinds "the number of X" can refer to (None: the noun names none; () no casualty kind)."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found = _OF_KINDS.get(obj.lemma_.lower(), _OF_KINDS.get(obj.lower_))
                    if found is None:
                        # "the number of dead soldiers", "the number of wounded civilians"
                        found = next((k for c in obj.children if c.dep_ in ("amod", "compound")
                                      and (k := _OF_KINDS.get(c.lower_, _OF_KINDS.get(c.lemma_.lower())))), ())
                    return found
    return None


def _referring_sentences(doc: Doc, figures: list[Figure]) -> Iterator[tuple[int, Span, Token, Token]]:
    """(index, sentence, referring noun, its verb) of the sentences without a figure of their own that refer
    back to a figure or a claim ("The army denied the report.")."""
    for k, sent in enumerate(doc.sents):
        if any(sent.start_char <= f.span[0] < sent.end_char for f in figures):
            continue
        found = _referring_verb(sent)
        if found is not None:
            yield k, sent, found[0], found[1]


_ANSWERING = _DISPUTE_LEMMAS | _CONFIRM_LEMMAS
_BACK_PRONOUNS = frozenset("it this that them these those".split())


def _response_object(verb: Token) -> Token | None:
    """The word by which a clause answers what its sentence said before it: "..., but the army denied it", "...,
    a claim the army rejected"; None for any other verb."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ANSWERING:
        return None
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in _REFERENT_NOUNS and verb.head.i < verb.i:
        return verb.head
    if verb.dep_ == "conj" and verb.head.i < verb.i:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and (obj.lower_ in _BACK_PRONOUNS or obj.lemma_.lower() in _REFERENT_NOUNS):
            return obj
    return None


def _answering_clauses(doc: Doc, figures: list[Figure]) -> Iterator[tuple[int, Span, Token, Token]]:
    """(index, sentence, answering word, its verb) of the clauses that answer a figure told before them in their
    own sentence ("Residents said 20 civilians were killed, but the army denied it.")."""
    for k, sent in enumerate(doc.sents):
        if not any(sent.start_char <= f.span[0] < sent.end_char for f in figures):
            continue
        for verb in sent:
            obj = _response_object(verb)
            if obj is not None:
                yield k, sent, obj, verb


def _whose_figure(doc: Doc, noun: Token, before: list[Figure], quotes: list[FoundQuote]) -> Figure | None:
    """The figure of the party a noun names as its owner ("The police figure could not be confirmed", "the army's
    toll"), the latest such; ``None`` when the noun names none or no figure before is that party's."""
    owners = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "poss", "amod")
              and c.pos_ in ("NOUN", "PROPN", "ADJ")}
    if not owners:
        return None
    for f in reversed(before):
        source = attribute(doc, f.span, quotes)
        words = {w.lower() for w in re.findall(r"[\w-]+", source.name or "")}
        if owners & words or any(w.rstrip("s") in owners for w in words):
            return f
    return None


def stance_echoes(doc: Doc, figures: list[Figure], quotes: list[FoundQuote]) -> list[StanceEcho]:
    """The stances later sentences take on earlier figures (see above)."""
    usable = sorted((f for f in figures if not f.partitive and not f.negated and f.modality is None
                     and f.low is not None), key=lambda f: f.span)
    if not usable:
        return []
    sents = list(doc.sents)
    out: list[StanceEcho] = []
    answers = [(k, sent, noun, verb, True) for k, sent, noun, verb in _answering_clauses(doc, figures)]
    for k, sent, noun, verb, within in [(*r, False) for r in _referring_sentences(doc, figures)] + answers:
        of_kinds = _of_kinds(noun)
        stance = _stance_of_verb(verb)
        put_at = _put_at(verb) if verb.lemma_.lower() in _PUT_LEMMAS and not _negated(verb) else None
        if stance is None and put_at is not None:
            stance = "asserts"                          # "The army put the toll at three."
        if stance is None:
            continue
        if within:
            before = [f for f in usable if sent.start_char <= f.span[0] and f.span[1] <= verb.idx]
        else:
            earliest = sents[max(0, k - REFERENCE_SENTENCES)].start_char
            before = [f for f in usable if earliest <= f.span[0] < sent.start_char]
        if _KILLED_WORDS.search(sent.text):
            before = [f for f in before if f.kind == "killed"] or before
        elif _INJURED_WORDS.search(sent.text):
            before = [f for f in before if f.kind == "injured"] or before
        if of_kinds is not None:
            before = [f for f in before if f.kind in of_kinds]
        if not before:
            continue
        referent = _whose_figure(doc, noun, before, quotes) or before[-1]
        subject = _stance_source(verb)
        if subject is None and stance == "unconfirmed" and verb.tag_ == "VBN" and noun.dep_ == "nsubjpass":
            # "That figure could not be independently confirmed.": the reporter's doubt about the figure
            name, stype, sspan, role, org = REPORTER, "reporter", None, None, None
        elif subject is None or subject.lower_ in ("it", "there"):
            continue                                   # the reporter's own doubt in general: unverified_parties
        elif subject.lower_ in _PRONOUNS:
            source = attribute(doc, referent.span, quotes)   # "They later confirmed the count."
            name, stype, sspan = source.name, source.type, source.span
            role, org = source.role, source.organization
        else:
            name, sspan = _np_text(subject)
            name = _strip_det(name)
            stype, role, org = source_type(name), None, None
        np_span = (noun.idx, noun.idx + len(noun.text)) if within else \
            (noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge.text))
        echo = replace(referent, text=text_of(doc)[np_span[0]:np_span[1]], span=np_span, number_span=None,
                       update=False)
        if put_at is not None:
            # "Independent monitors put the number lower, at eight.": the source's own figure
            echo = replace(echo, low=put_at[0], high=put_at[1])
            stance = "asserts"
        elif stance == _HIGHER:
            # at least the figure, with no upper bound (as "more than 30": the figure is the lower bound)
            echo = replace(echo, low=referent.high if referent.high is not None else referent.low, high=None)
            stance = "asserts"
        out.append(StanceEcho(referent, echo, Attribution(name, stype, sspan, stance, role, org)))
    return out


def report_stances(doc: Doc, figures: list[Figure], quotes: list[FoundQuote],
                   echoes: Sequence[StanceEcho]) -> list[ReportStance]:
    """Stances later sentences take on an earlier claim that is no figure: a sentence without a figure and
    without an echo on a figure, whose stance verb governs a definite claim noun ("the report", "those
    claims", "the allegations"). The claim is the event's (see :func:`attributed_claims`)."""
    echoed = {e.figure.span for e in echoes}
    starts = [s.start_char for s in doc.sents]
    out: list[ReportStance] = []
    for k, sent, noun, verb in _referring_sentences(doc, figures):
        np_span = (noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge.text))
        if noun.lemma_.lower() not in _CLAIM_NOUNS or _of_kinds(noun) is not None or np_span in echoed:
            continue
        stance = _stance_of_verb(verb)
        subject = _stance_source(verb)
        if stance in (None, _HIGHER) or subject is None or subject.lower_ in ("it", "there"):
            continue
        if stance == "denies" and verb.lemma_.lower() not in _DENIAL_LEMMAS:
            continue            # "The family disputed the police account": a detail questioned, not the event denied
        if subject.lower_ in _PRONOUNS:
            continue            # "They denied the report": whose denial is for the reader to see
        name, sspan = _np_text(subject)
        name = _strip_det(name)
        out.append(ReportStance(np_span, (starts[max(0, k - REFERENCE_SENTENCES)], sent.start_char),
                                Attribution(name, source_type(name), sspan, stance, None, None)))
    return out


# ---------------------------------------------------------------------------------------------- the stage

Mention = tuple[str, tuple[int, int]]
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


@dataclass(frozen=True)
class CodedMention:
    """An event actor as written (line breaks folded) with its span and, when the dictionaries know it, its code."""

    name: str
    span: tuple[int, int]
    coded: CodedActor | None


@dataclass(frozen=True)
class AttributedClaim:
    """A figure with who stated it and how, or (``figure`` None) a denial of the event with its content span."""

    attribution: Attribution
    source: CodedActor | None          # the coded source; None for the reporter or a party no dictionary knows
    figure: Figure | None = None
    span: tuple[int, int] = (0, 0)     # a denial's content: the quote covering it, else the sentence
    stance: str = "denies"             # of a claim that is no figure: a denial, or a later stance on the report


@dataclass(frozen=True)
class EventAttribution:
    """What the attribution stage adds to one :class:`FoundEvent`."""

    actor1: CodedMention | None
    actor2: CodedMention | None
    cameo: str
    rule: str | None
    claims: tuple[AttributedClaim, ...]


@dataclass(frozen=True)
class Attributions:
    """``doc._.dateline_attributions``: one entry per event of ``doc._.dateline_events`` and one coded speaker
    per quote of ``doc._.dateline_quotes``, in the same order."""

    events: tuple[EventAttribution, ...]
    speakers: tuple[CodedActor | None, ...]


def fold(name: str | None) -> str | None:
    """A name as one line: the hard line breaks of wire text ("JOSE NAPOLEON\nDUARTE") folded to spaces."""
    return " ".join(name.split()) if name else name


def code_party(index: ActorIndex, name: str | None, role: str | None, organization: str | None,
               kind: str) -> CodedActor | None:
    """The code of a source or speaker; the reporter has none, and "a spokesman for the movement" (a party) is no
    state official, whatever the country around."""
    if kind == "reporter":
        return None
    coded = index.speaker(name, role, organization)
    if coded is not None and kind == "party" and coded.sector in _STATE_SECTORS and coded.entity is None:
        return None
    return coded


def _denial_content(span: tuple[int, int], quotes: list[FoundQuote]) -> tuple[int, int]:
    """The quoted or reported content of a denial when a quote covers it, else the sentence."""
    for q in quotes:
        if q.span[0] <= span[1] and span[0] <= q.span[1]:
            return q.span
    return span


def attributed_claims(doc: Doc, ev: FoundEvent, quotes: list[FoundQuote], index: ActorIndex,
                      unverified: tuple[list[str], bool],
                      echoes: Sequence[StanceEcho] = (),
                      reports: Sequence[ReportStance] = ()) -> tuple[AttributedClaim, ...]:
    """Every figure and denial of ``ev`` with its attribution, and the stances later sentences take on its
    figures (:func:`stance_echoes`); a party's assertion the text says cannot be verified is unconfirmed."""
    names, general = unverified
    out: list[AttributedClaim] = []
    for fig in ev.figures:
        att = attribute(doc, fig.span, quotes)
        if att.stance == "asserts" and (
                any(n.lower() in att.name.lower() or att.name.lower() in n.lower() for n in names)
                or (general and att.type == "party")):
            att = Attribution(att.name, att.type, att.span, "unconfirmed", att.role, att.organization)
        out.append(AttributedClaim(att, code_party(index, att.name, att.role, att.organization, att.type),
                                   figure=fig, span=fig.span))
    for echo in echoes:
        if any(echo.referent is f for f in ev.figures):
            att = echo.attribution
            out.append(AttributedClaim(att, code_party(index, att.name, att.role, att.organization, att.type),
                                       figure=echo.figure, span=echo.figure.span))
    for span in ev.denials:
        att = attribute(doc, span, quotes)
        out.append(AttributedClaim(att, code_party(index, att.name, att.role, att.organization, att.type),
                                   span=_denial_content(span, quotes)))
    for rep in reports:
        att = rep.attribution
        out.append(AttributedClaim(att, code_party(index, att.name, att.role, att.organization, att.type),
                                   span=rep.span, stance=att.stance))
    return tuple(out)


def _claimed_event(found: Sequence[FoundEvent], rep: ReportStance) -> int | None:
    """The reported event a stance on "the report" refers to: the one told last in the sentences before."""
    earliest, after = rep.window
    best: tuple[int, int] | None = None
    for i, ev in enumerate(found):
        if ev.status != "reported":
            continue
        told = [a for a, _ in ev.sentences if earliest <= a < after]
        if told and (best is None or max(told) > best[0]):
            best = (max(told), i)
    return None if best is None else best[1]


def coded_mention(doc: Doc, index: ActorIndex, mention: Mention | None) -> CodedMention | None:
    """An event actor as written (in its capitals when the doc is a recased copy), coded by the actor index."""
    if mention is None:
        return None
    span = mention[1]
    written = doc._.dateline_source_text or text_of(doc)
    name = fold(written[span[0]:span[1]]) or ""
    return CodedMention(name, span, index.resolve(name, span))


def quote_speaker(index: ActorIndex, q: FoundQuote) -> CodedActor | None:
    description = " ".join(x for x in (q.speaker_name, q.speaker_role, q.speaker_organization) if x)
    return code_party(index, q.speaker_name, q.speaker_role, q.speaker_organization, source_type(description))


def attribute_doc(doc: Doc) -> Attributions:
    """The attributions of an analysed doc (events, quotes and the actor index set by the earlier stages)."""
    found: list[FoundEvent] = doc._.dateline_events or []
    quotes: list[FoundQuote] = doc._.dateline_quotes or []
    index = actor_index(doc)
    # the event's country tells which state "the army" or "the ministry" belongs to
    index.context_country = next((ev.location.country for ev in found if ev.location and ev.location.country),
                                 None)
    unverified = unverified_parties(doc)
    echoes = stance_echoes(doc, doc._.dateline_figures or [], quotes)
    reports = report_stances(doc, doc._.dateline_figures or [], quotes, echoes)
    owner = {id(r): _claimed_event(found, r) for r in reports}
    events = []
    for i, ev in enumerate(found):
        mine = [r for r in reports if owner[id(r)] == i]
        claims = attributed_claims(doc, ev, quotes, index, unverified, echoes, mine)
        actor1, actor2 = coded_mention(doc, index, ev.actor1), coded_mention(doc, index, ev.actor2)
        cameo, rule = state_force_cameo(ev.type.cameo, ev.rule or None, actor1.coded if actor1 else None,
                                        actor2.coded if actor2 else None)
        events.append(EventAttribution(actor1, actor2, cameo, rule, claims))
    return Attributions(tuple(events), tuple(quote_speaker(index, q) for q in quotes))


@Language.factory("dateline_attribution", assigns=["doc._.dateline_attributions"],
                  requires=["doc._.dateline_events", "doc._.dateline_quotes", "doc._.dateline_actor_index"])
def make_attribution_stage(nlp: Language, name: str) -> AttributionStage:
    return AttributionStage()


class AttributionStage:
    """Sources, stances and coded parties of every event and quote: ``doc._.dateline_attributions``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_attributions = attribute_doc(doc)
        return doc
