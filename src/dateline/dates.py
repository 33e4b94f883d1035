"""Temporal expressions -> resolved date ranges with precision, anchored on the published date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

import dateline.extensions  # noqa: F401  (declares doc._.dateline_*)


@dataclass(frozen=True)
class TimeExpr:
    """One temporal expression found in the text.

    ``start``/``end`` are None when the expression cannot be resolved (a relative expression and no
    published date): then ``precision`` is ``"unknown"``. ``relative`` says whether it needed the anchor.
    """

    text: str
    span: tuple[int, int]
    start: date | None
    end: date | None
    precision: str  # day | week | month | year | unknown
    relative: bool


def find_dates(doc: Doc, published: date | None) -> list[TimeExpr]:
    """Every temporal expression in ``doc`` in text order, resolved against ``published``."""
    return []  # PLACEHOLDER: replaced by the dates stage implementation


def event_date(doc: Doc, exprs: list[TimeExpr], anchor: tuple[int, int],
               published: date | None) -> TimeExpr | None:
    """The expression that dates the event whose trigger sits at character span ``anchor``."""
    return None  # PLACEHOLDER


@Language.factory("dateline_dates", assigns=["doc._.dateline_dates"])
def make_dates_stage(nlp: Language, name: str) -> DatesStage:
    return DatesStage()


class DatesStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_dates = find_dates(doc, doc._.dateline_published)
        return doc
