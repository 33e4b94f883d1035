"""Casualty and other counts in the text, vague quantities ("dozens") as ranges."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

import dateline.extensions  # noqa: F401


@dataclass(frozen=True)
class Figure:
    """One count of people affected: "31 dead", "at least 12 soldiers were wounded".

    ``low``/``high``: exact -> equal; "dozens" -> (24, 99) style; "at least 12" -> (12, None).
    ``partitive``: a detail of another figure ("six of the dead were women"), never extra victims.
    ``negated``: "no one was hurt", "there were no injuries" (low = high = 0).
    """

    kind: str            # killed | injured | arrested | displaced | missing | kidnapped
    low: int | None
    high: int | None
    who: str | None      # victim group as written: "soldiers", "women", "camp residents"
    text: str            # the whole figure phrase
    span: tuple[int, int]
    number_span: tuple[int, int] | None
    trigger: str         # the casualty word ("killed", "dead", "wounded")
    trigger_span: tuple[int, int]
    partitive: bool = False
    negated: bool = False


def find_figures(doc: Doc) -> list[Figure]:
    """Every casualty figure in ``doc`` in text order."""
    return []  # PLACEHOLDER: replaced by the figures stage implementation


@Language.factory("dateline_figures", assigns=["doc._.dateline_figures"])
def make_figures_stage(nlp: Language, name: str) -> FiguresStage:
    return FiguresStage()


class FiguresStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_figures = find_figures(doc)
        return doc
