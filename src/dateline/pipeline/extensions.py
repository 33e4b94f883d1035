"""Every custom attribute our pipeline sets on a spaCy ``Doc``, declared in one place (prefix ``dateline_``).

Each stage declares what it reads (``requires``) and sets (``assigns``) in its factory, so that
``nlp.analyze_pipes(pretty=True)`` shows the whole graph; nothing travels in ``doc.user_data``.
"""

from __future__ import annotations

from spacy.tokens import Doc

# name -> default; each stage sets its own and reads only what earlier stages (or the caller) set.
DOC_EXTENSIONS: dict[str, object] = {
    # set by pipeline.analyse() before the components run
    "dateline_published": None,   # datetime.date | None: the article's publication date
    "dateline_recased": False,    # bool: the doc is the recased copy of an all-capitals text (text.recase)
    "dateline_source_text": None,  # str | None: the article text as written when the doc is a recased copy
    "dateline_header": None,      # text.Header: the wire-style header, parsed once (component dateline_paragraphs
                                  # parses the doc itself when the caller gave none)
    "dateline_text": None,        # str: doc.text kept once (text.text_of), for spaCy rebuilds it on every read
    # set by the stages, in pipeline order
    "dateline_dates": None,       # list[dates.TimeExpr]            (stage dateline_dates)
    "dateline_figures": None,     # list[figures.Figure]            (stage dateline_figures)
    "dateline_quotes": None,      # list[quotes.FoundQuote]         (stage dateline_quotes)
    "dateline_actor_index": None,  # actors.ActorIndex              (stage dateline_actors)
    "dateline_actor_warnings": None,  # list[(code, message, span)]  (stage dateline_actors)
    "dateline_places": None,      # list[places.PlaceMention]       (stage dateline_places)
    "dateline_events": None,      # list[events.FoundEvent]         (stage dateline_events)
    "dateline_attributions": None,  # attribution.Attributions      (stage dateline_attribution)
}

for _name, _default in DOC_EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
