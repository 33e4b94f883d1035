"""Direct and indirect quotations with their speakers (name, role, organisation) and cues."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

import dateline.extensions  # noqa: F401


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


def find_quotes(doc: Doc) -> list[FoundQuote]:
    """Every quotation / attribution in ``doc`` in text order."""
    return []  # PLACEHOLDER: replaced by the quotes stage implementation


@Language.factory("dateline_quotes", assigns=["doc._.dateline_quotes"])
def make_quotes_stage(nlp: Language, name: str) -> QuotesStage:
    return QuotesStage()


class QuotesStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quotes = find_quotes(doc)
        return doc
