"""Event triggers -> typed events (PLOVER / CAMEO / ACLED), their status and the sentences reporting them."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

import dateline.extensions  # noqa: F401


@Language.factory("dateline_events", assigns=["doc._.dateline_events"])
def make_events_stage(nlp: Language, name: str) -> EventsStage:
    return EventsStage()


class EventsStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_events = []
        return doc
