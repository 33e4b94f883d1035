"""Every custom attribute our pipeline sets on a spaCy ``Doc``, declared in one place (prefix ``dateline_``)."""

from __future__ import annotations

from spacy.tokens import Doc

# name -> default; each stage sets its own and reads only what earlier stages declared.
DOC_EXTENSIONS: dict[str, object] = {
    "dateline_published": None,   # datetime.date | None, set before the pipeline runs
    "dateline_dates": None,       # list[dates.TimeExpr]            (stage dateline_dates)
    "dateline_figures": None,     # list[figures.Figure]            (stage dateline_figures)
    "dateline_quotes": None,      # list[quotes.FoundQuote]         (stage dateline_quotes)
    "dateline_places": None,      # list[places.PlaceMention]       (stage dateline_places)
    "dateline_events": None,      # list[events.FoundEvent]         (stage dateline_events)
}

for _name, _default in DOC_EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
