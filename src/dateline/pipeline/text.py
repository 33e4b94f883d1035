"""The text before the stages: recasing of all-capitals wire text, paragraph boundaries, and the one parser of the
wire-style header ("SAN SALVADOR, 3 JAN 90 (EFE) -- [TEXT]", "AURORA, Colo. (CBS4) –", "— Jane Doe in Mosul
contributed to this report").

The header is parsed once per article (:func:`parse_header`) into a :class:`Header` that the stages read from
``doc._.dateline_header``: the dates stage its extent (a date inside it is the filing date), the places stage its
place, the coding its ``article.dateline``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

import dateline.pipeline.extensions  # noqa: F401  (declares doc._.dateline_*)
from dateline.lexicon import rows, words

# ---------------------------------------------------------------------------------------------- capitals

_SENT_START = re.compile(r"(^|[.!?]\s+|\n\s*\n\s*|--\s+|\]\s+)([a-z])")


def is_upper_case_text(text: str) -> bool:
    """Wire text set in capitals (MUC-style) defeats a cased model; detect it."""
    letters = [c for c in text[:5000] if c.isalpha()]
    if len(letters) < 20:
        return False
    return sum(c.isupper() for c in letters) / len(letters) > 0.8


def recase(text: str) -> str:
    """A same-length, sentence-cased copy of an all-capitals text, for the tagger and parser.

    Offsets stay valid because only the case of letters changes; outputs always slice the original.
    """
    low = text.lower()
    out = _SENT_START.sub(lambda m: m.group(1) + m.group(2).upper(), low)
    out = re.sub(r"\bi\b", "I", out)
    assert len(out) == len(text)
    return out


# A headline set in title case ("Gunman Kills 2, Wounds 5 At Harbor Bar") defeats the tagger as capitals do: its
# verbs and common nouns read as names. Only a first line this short is a headline.
_HEADLINE_CHARS = 300
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# words a headline capitalises that are never names, whether or not the story repeats them
_FUNCTION_WORDS = frozenset(
    "a an the and or but nor of in on at to for from by with into onto over under after before during near as "
    "off out up down about against amid among between through than that this these those its his her their our "
    "is are was were be been has have had will would can could may might not no who what when where why how "
    "say says said outside inside behind across along around following since until without within toward towards "
    "beside while".split())


def _stem(word: str) -> str:
    """A crude stem that matches a headline's present to the story's past ("Kills" / "killed", "Dies" / "died")."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[:-len(suffix)]
    return w


@cache
def _casualty_stems() -> frozenset[str]:
    """The stems of the casualty, event and number words the stages know ("kill", "wound", "shooting", "bomb",
    "five"): common words, never a name, whether or not the story below writes them."""
    trig = [r[0] for r in rows("triggers.tsv") if r and " " not in r[0]]
    return frozenset(_stem(w) for w in [*words("figures_triggers"), *words("figures_words", "shot"),
                                        *words("figures_words", "fatal-adverb"), *words("figures_numbers"), *trig])


def is_title_case(line: str) -> bool:
    """Most words of more than three letters capitalised, and at least three of them ("Man Shot On Elm Street")."""
    long = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) / len(long) >= 0.8


def recase_headline(text: str) -> str:
    """A same-length copy of ``text`` whose first line, when it is a headline in title case, is in sentence case
    for the tagger and parser: a capitalised word becomes lowercase when the story below writes it (or a word of
    its stem) in lowercase, or when it is a function, number, casualty or event word the stages know; a word the
    story writes only capitalised (a name), a word of capitals ("NYPD") and the first word of the headline or of a
    part after a colon or a dash stay. Outputs always slice the original text."""
    end = text.find("\n")
    if end <= 0 or end > _HEADLINE_CHARS or not is_title_case(text[:end]):
        return text
    body = text[end:]
    lower_words = {w for w in _WORD.findall(body) if w[0].islower()}
    lower_stems = {_stem(w) for w in lower_words}
    out = list(text)
    for m in _WORD.finditer(text, 0, end):
        w = m.group(0)
        if not w[0].isupper() or not w[1:].islower():
            continue        # lowercase already, capitals ("NYPD"), inner capitals ("McDonald")
        before = text[:m.start()].rstrip()
        if not before or before[-1] in ":—–-|\"'“‘([":
            continue        # the headline's first word, or the first of a part after a colon or a dash
        low = w.lower()
        stem = _stem(w)
        if low in lower_words or low in _FUNCTION_WORDS or stem in lower_stems or stem in _casualty_stems():
            out[m.start()] = text[m.start()].lower()
    recased = "".join(out)
    assert len(recased) == len(text)
    return recased


def text_of(doc: Doc) -> str:
    """``doc.text``, kept once: spaCy joins the tokens anew on every ``doc.text``, which made the stages quadratic
    in the article's length when they read it per figure or per mention."""
    text: str | None = doc._.dateline_text
    if text is None:
        text = doc.text
        doc._.dateline_text = text
    return text


# ---------------------------------------------------------------------------------------------- bounded work

# Longest run of non-space characters the tokenizer sees; longer runs (a megabyte "token", 50,000 nested
# brackets or quotes, a line without spaces) are cut into pieces of this length in the analysed copy, because
# spaCy's tokenizer takes quadratic time inside one run. Real words and URLs are far shorter.
MAX_RUN = 200
# Longest stretch of tokens without a sentence end the parser and the stages see: a longer stretch (no ".",
# "!", "?", ";" or line break in 500 tokens: a generated list, a word repeated) is cut into sentences of this
# size, so that the work per sentence stays bounded. Real sentences are far shorter.
MAX_SENTENCE_TOKENS = 500
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def bounded(view: str) -> str:
    """A same-length copy of ``view`` in which every run of non-space characters longer than :data:`MAX_RUN` is
    cut by a space every :data:`MAX_RUN` characters (outputs still slice the original text)."""
    if not _LONG_RUN.search(view):
        return view
    chars = list(view)
    for m in _LONG_RUN.finditer(view):
        for k in range(m.start() + MAX_RUN, m.end(), MAX_RUN + 1):
            chars[k] = " "
    return "".join(chars)


# ---------------------------------------------------------------------------------------------- page furniture

# Web pages carry links to other stories inside and after the article ("RELATED: 4 shot at a bar downtown",
# "More stories you may like on 7News" and a list of headlines): their figures, places and dates are other
# happenings', never this article's. Such lines are blanked (spaces, same length) in the copy the stages read.
_RELATED_NOUNS = r"(?:stor(?:y|ies)|articles?|content|coverage|links?|headlines|news|posts?|videos?)"
_LINK_WORDS = (rf"(?:related(?:\s+{_RELATED_NOUNS})?|read\s+more|see\s+also|also\s+read"
               r"|more\s+(?:stories|news|headlines|coverage)"
               r"|more\s+(?:on|from)\s+\S+(?:\s+\S+)?|also\s+on\s+\S+(?:\s+\S+)?|trending(?:\s+(?:now|stories))?"
               r"|(?:top|recent|latest|popular|recommended)\s+(?:stories|headlines|videos|news)"
               r"|(?:more\s+)?stories\s+you\s+(?:may|might)\s+(?:also\s+)?like(?:\s+on\s+\S+)?"
               r"|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)(?:\s+these\s+stories)?)")
# a heading alone on its line ("RELATED STORIES:", "MORE FROM WAVE3.COM", "Trending stories:")
_LINK_HEADING = re.compile(rf"[^\S\n]*{_LINK_WORDS}[^\S\n]*:?[^\S\n]*(?:\n|$)", re.I)
# one link on the heading's line ("RELATED: Man charged in ...", "READ MORE | 2 dead ...", "Related Coverage 4 shot")
_LINK_LINE = re.compile(rf"[^\S\n]*(?:{_LINK_WORDS}[^\S\n]*(?::|\||>>)"
                        rf"|related[^\S\n]+{_RELATED_NOUNS}[^\S\n]+(?-i:[A-Z0-9+]))[^\n]*", re.I)
# the widget of recommended stories that ends a page: all that follows is other stories
_WIDGET = re.compile(r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested)", re.I)
# a video player's list of other clips, a line each: "1:08 Mayor opens the new library" (a running time, not a
# time of day: no "a.m." / "p.m."); three such lines in a row are a list
_CLIP = re.compile(r"[^\S\n]*\d{1,2}:\d\d[^\S\n]+(?![ap]\.?m\b)[\w\"'“‘(]", re.I)
_CLIPS_IN_A_ROW = 3
# a photo gallery's credit and counter inside the text: "Photo: Jane Doe, The Tribune Image 1 of / 8 Caption Close"
_GALLERY = re.compile(r"Photo:[^\S\n][^\n]{0,80}?(?=\s+Image \d+ of\b)|Image \d+ of(?: /)? \d+(?: Caption Close)?"
                      r"|Buy photo\b")
_LINE = re.compile(r"[^\n]*(?:\n|$)")
_ITEM_BULLET = re.compile(r"\s*[+•*▪►»]\s")
_SENTENCE_CLOSE = re.compile(r"[.!?][\"'”’)]*\s*$")
_ANY_FURNITURE = re.compile(rf"\n[^\S\n]*(?:{_LINK_WORDS}|\d{{1,2}}:\d\d\s)|Image \d+ of\b", re.I)


def unfurnished(text: str) -> str:
    """A same-length copy of ``text`` with the page's furniture blanked: a line that is one link to another story
    ("RELATED: ..."); a heading of links with the list under it (bulleted lines, or lines that end with no sentence
    end: headlines), up to the first line of prose; under a "you may also like" heading, the rest of the page; a
    video player's list of clips; a photo gallery's credits and counters (its captions stay: they describe the
    story's pictures). The first line (the headline) is never blanked."""
    first = text.find("\n")
    if first < 0 or not _ANY_FURNITURE.search(text, first):
        return text
    chars = list(text)

    def blank(a: int, b: int) -> None:
        for k in range(a, b):
            if chars[k] != "\n":
                chars[k] = " "

    lines: list[tuple[int, int]] = []
    pos = first + 1
    while pos < len(text):
        line = _LINE.match(text, pos)
        assert line is not None
        if line.end() == pos:
            break
        lines.append((pos, line.end()))
        pos = line.end()
    k = 0
    while k < len(lines):
        pos, end = lines[k]
        k += 1
        if (head := _LINK_HEADING.match(text, pos)) and head.end() == end:
            blank(pos, end)
            if _WIDGET.search(text, pos, end):
                blank(end, len(text))
                break
            # the list under the heading: blank lines, bullets and headlines, up to the first line of prose
            while k < len(lines):
                body = text[lines[k][0]:lines[k][1]].strip()
                if body and not _ITEM_BULLET.match(body) and _SENTENCE_CLOSE.search(body):
                    break
                blank(*lines[k])
                k += 1
        elif _LINK_LINE.match(text, pos):
            blank(pos, end)
        elif _CLIP.match(text, pos):
            # the run of clip lines (blank lines between them belong to the run)
            run = [k - 1]
            j = k
            while j < len(lines) and (_CLIP.match(text, lines[j][0]) or not text[lines[j][0]:lines[j][1]].strip()):
                if text[lines[j][0]:lines[j][1]].strip():
                    run.append(j)
                j += 1
            if len(run) >= _CLIPS_IN_A_ROW:
                for r in run:
                    blank(*lines[r])
                k = run[-1] + 1
    for m in _GALLERY.finditer(text, first + 1):
        blank(m.start(), m.end())
    out = "".join(chars)
    assert len(out) == len(text)
    return out


# ---------------------------------------------------------------------------------------------- the header

PARAGRAPH = re.compile(r"\n[ \t]*\n")
_I = re.IGNORECASE
# The extent of a dateline: it ends at the first dash or "[TEXT]"; a date before that is the filing date.
_EXTENT_END = re.compile(r"\s?(?:--|—|–)\s?|\s-\s|\[text\]", _I)
# what makes a dateline a dated one: a year, or a wire date such as "3 JAN 90"
# (or a day and month before the agency in brackets, the year left out: "TEGUCIGALPA, 4 FEB (EFE) --")
_EXTENT_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\b\d{1,2}\s+[a-z]{3}\s+\d\d\b"
                          r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\(", _I)
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s+[A-Za-z]")
# The dateline's place, for geocoding: "AURORA, Colo. (CBS4) –", "MADRID (SPAIN), 19 NOV 89 (EFE) --"
_PLACE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’ -]{1,40}?[A-Z.])"
    r"(?:\s*\((?P<paren>[A-Za-z][A-Za-z .]{1,30})\))?"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]{1,14}(?: [A-Z][A-Za-z.]{1,14})?))?"
    r"(?:,?\s*\(?[A-Z]?[a-z]{0,8}\.?\s*\d{1,2},?\s+\d{2,4}\)?|,\s*\d{1,2}\s+[A-Z]{3,9}(?:\s+\d{2,4})?)?"
    r"\s*(?:\([^)\n]{0,40}\))?\s*(?:--|—|–|-(?![A-Z]{2})|:)")     # a hyphen inside "PORT-AU-PRINCE" ends nothing
_PLACE_MIXED = re.compile(r"\((?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}),\s*(?P<region>[A-Z][A-Za-z.]{1,14})\)"
                          r"\s*(?:--|—|–|-)")
_PLACE_STARTS = re.compile(r"\n\s*\n|\|\s*[^|\n]{0,60}\s{2,}|\n")
# a scraped page may glue the outlet's title-case name to the capitals dateline: "Valley Herald DENTON, Texas —"
_OUTLET_BEFORE = re.compile(r"(?:[A-Z][a-z]+ ){1,3}(?=[A-Z]{3,})")
# The place the story was filed from, as ``article.dateline`` reports it: a capitals dateline ending in a dash,
# else the last credit line ("— Jane Doe in Mosul contributed").
_FILED = re.compile(
    r"(?P<place>[A-Z][A-Z .'’-]{2,40}(?:,\s*+[A-Z][A-Za-z .]{1,30})?)"
    r"\s*+(?:,\s*+\d{1,2}\s++[A-Z]{3,9}+(?:\s++\d{2,4})?+)?"
    r"\s*+(?:\([^)]{0,40}\))?\s*+(?:—|--|–)")
# Possessive runs of white space (``\s*+``): what follows each cannot be white space, so nothing is lost, and a
# run of spaces is never split between neighbours (that backtracking was cubic in the run's length). The credit
# line's name and place are bounded, so a long line costs linear time.
_CREDIT = re.compile(r"(?:^|\n)[^\S\n]*+(?:—|--|–)?[^\S\n]*+[A-Z][\w.'’ -]{1,80}? in "
                     r"(?P<place>[A-Z][\w.'’ ,-]{1,60}?),?\s++contributed")
CREDIT_LINE = re.compile(r"\bcontributed\b")   # "—Jane Doe in Mosul contributed to this article."


@dataclass(frozen=True)
class Header:
    """The wire-style header of one article (offsets index the article text).

    ``extent``: where the dateline sits, ``(0, 0)`` when there is none (a first line that is only a date
    counts: the published-date header of a plain text). ``place``: the dateline's place for geocoding,
    ``(start, end, region hint)``. ``filed_from``: the place the story was filed from as written, with its
    span, for ``article.dateline`` (a capitals dateline, else the last credit line).
    """

    extent: tuple[int, int] = (0, 0)
    place: tuple[int, int, str | None] | None = None
    filed_from: tuple[str, tuple[int, int]] | None = None

    @property
    def end(self) -> int:
        return self.extent[1]


def parse_header(view: str, original: str | None = None, recased: bool = False) -> Header:
    """The header of an article. ``view`` is the text the pipeline analyses (the recased copy of an
    all-capitals text when ``recased``), ``original`` the article text (same length; default ``view``)."""
    original = view if original is None else original
    return Header(extent=_extent(view), place=_place(view.upper() if recased else view),
                  filed_from=_filed_from(original))


def _extent(text: str) -> tuple[int, int]:
    """A dateline opens the text or its first paragraph after a headline, and ends at a dash or "[TEXT]"
    within a short stretch without a paragraph break ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT]",
    "INDIANAPOLIS, Ind. (December 19, 2015) —")."""
    nl = text.find("\n")
    first = (text[:nl] if nl >= 0 else text).strip()
    if 0 < len(first) <= 40 and re.fullmatch(r"[\w ,./-]*\d[\w ,./-]*", first) and _EXTENT_DATE.search(first):
        # (a first line that is a date, with its year: a headline "2 dead in Elm St shooting" is none)
        return 0, max(nl, 0) if nl >= 0 else len(text)
    starts = [0]
    para = PARAGRAPH.search(text, 0, 400)
    if para:
        starts.append(para.end())
    for start in starts:
        m = _EXTENT_END.search(text, start, start + 150)
        if m and "\n\n" not in text[start:m.start()] and not _SENTENCE_END.search(text, start, m.start()) \
                and _EXTENT_DATE.search(text, start, m.start()):
            return start, m.start()
    return 0, 0


def _place(text: str) -> tuple[int, int, str | None] | None:
    """The wire or local-news dateline place: (start, end, region hint) — "AURORA, Colo. (CBS4) –"."""
    head = text[:700]
    starts = [0] + [m.end() for m in _PLACE_STARTS.finditer(head)]
    for s in starts:
        seg = head[s:]
        seg_ws = len(seg) - len(seg.lstrip())
        m = _PLACE.match(seg, seg_ws)
        if m is None:
            m2 = _OUTLET_BEFORE.match(seg[seg_ws:])
            if m2:
                m = _PLACE.match(seg, seg_ws + m2.end())
        if m is None:
            m = _PLACE_MIXED.match(seg, seg_ws)
        if m is None:
            continue
        place = m.group("place").rstrip(" .-")
        start = s + m.start("place")
        near = re.match(r"NEAR\s+", place)
        if near:        # "NEAR DALLAS, Ore. --": the town
            place, start = place[near.end():], start + near.end()
        if len(place) < 3 or sum(c.isalpha() for c in place) < 3:
            continue
        region = m.groupdict().get("region") or m.groupdict().get("paren")
        return start, start + len(place), region
    return None


def _filed_from(text: str) -> tuple[str, tuple[int, int]] | None:
    starts = [0]
    headline_end = text.find("\n\n")
    if 0 < headline_end < 200:   # the dateline may open the first paragraph after a headline
        starts.append(headline_end + 2 + len(text[headline_end + 2:]) - len(text[headline_end + 2:].lstrip()))
    for start in starts:
        m = _FILED.match(text, start)
        if m:
            place = m.group("place").strip()
            return place, (m.start("place"), m.start("place") + len(place))
    credits = list(_CREDIT.finditer(text))
    if credits:   # the last credit line names where the reporting was done
        last = credits[-1]
        return last.group("place").strip(" ,"), (last.start("place"), last.end("place"))
    return None


# ---------------------------------------------------------------------------------------------- the component


def prepare(doc: Doc) -> Header:
    """The doc's header. ``pipeline.analyse`` sets it, with the published date, the recased flag and the source
    text, before the components run; a doc made otherwise (``nlp(text)``) gets the header of its own text here and
    keeps what its maker set of the others (by default: no published date, not recased, no source text)."""
    if doc._.dateline_header is None:
        doc._.dateline_header = parse_header(doc.text, doc._.dateline_source_text, bool(doc._.dateline_recased))
    header: Header = doc._.dateline_header
    return header


def _dateline_rest(text: str) -> bool:
    """What may stand between a dateline's town and its dash: a region and a station or agency in brackets
    (", Colo. (KDVR)"), not words of a headline ("RPD: 4 shot in Gilpin Court - NBC12")."""
    words = re.sub(r"\([^()\n]*\)", " ", text).replace(",", " ").split()
    return "\n" not in text and all(w[0].isupper() for w in words)


@Language.component("dateline_paragraphs", assigns=["token.is_sent_start", "doc._.dateline_header",
                                                     "doc._.dateline_recased", "doc._.dateline_source_text",
                                                     "doc._.dateline_published"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """The article facts (:func:`prepare`), and paragraph breaks: a blank line ends a sentence, so headlines and
    datelines do not merge into the lead sentence."""
    since_end = 0
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
            since_end = 0
        elif tok.text in (".", "!", "?", ";") or "\n" in tok.text:
            since_end = 0
        else:
            since_end += 1
            if since_end >= MAX_SENTENCE_TOKENS:
                doc[tok.i + 1].is_sent_start = True
                since_end = 0
    # "SAN SALVADOR, 3 JAN 90 (EFE) -- [TEXT] ...", "BAMAKO, Mali — Five attackers and two guards were killed": the
    # wire dateline is not the lead's subject
    header = prepare(doc)
    end = header.end
    if not end and header.place is not None:
        dash = _EXTENT_END.search(doc.text, header.place[1], header.place[1] + 80)
        if dash is not None and _dateline_rest(doc.text[header.place[1]:dash.start()]):
            end = dash.start()
    if end:
        after = doc.char_span(end, len(doc.text), alignment_mode="expand")
        if after is not None:
            for tok in after:
                if not tok.is_space and not tok.is_punct and tok.text not in ("[", "]") \
                        and tok.lower_ not in ("text", "report"):
                    doc[tok.i].is_sent_start = True
                    break
    return doc


# ---------------------------------------------------------------------------------------------- English words


# English word classes from the lemmatiser's WordNet index, read from the pipeline when the places stage is built
# (:func:`load_word_classes`); empty until then, so only the explicit stop-lists apply.
_WORD_CLASSES: dict[str, frozenset[str]] = {"common": frozenset(), "nouns": frozenset()}


def read_word_classes(nlp: Language) -> dict[str, frozenset[str]]:
    """Verbs, adjectives and adverbs ("common") and nouns of the pipeline's lemmatiser tables."""
    def index(pos_tags: tuple[str, ...]) -> frozenset[str]:
        words: set[str] = set()
        try:
            table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        except (KeyError, AttributeError):   # no lemmatiser tables: the explicit stop-lists still apply
            return frozenset()
        for pos in pos_tags:
            if pos in table:
                words.update(w for w in table[pos] if w.isalpha())
        return frozenset(words)

    return {"common": index(("verb", "adj", "adv")), "nouns": index(("noun",))}


def load_word_classes(nlp: Language) -> None:
    """Reads the word classes of ``nlp``'s lemmatiser once (the places stage does, when it is built)."""
    if not any(_WORD_CLASSES.values()):
        _WORD_CLASSES.update(read_word_classes(nlp))


def english_word_classes() -> dict[str, frozenset[str]]:
    """The English word classes read by :func:`load_word_classes`: "common" (verbs, adjectives, adverbs) and
    "nouns"; empty before."""
    return _WORD_CLASSES
