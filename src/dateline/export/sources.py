"""Items from the corpus store: the codings it keeps (``--level events``) or its incidents (``--level incidents``,
``Store.incidents``, when the store has them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dateline.export.items import ExportReport, Item, Selection, item_from_incident, items_from_coding

INCIDENTS_MISSING = "incidents are not available in this store yet"


class IncidentsUnavailable(RuntimeError):
    """The store has no incident merge (``Store.incidents``) yet."""


def _filters(selection: Selection) -> Any:
    from dateline.store import Filters  # late: reading a codings file needs no database driver

    return Filters(since=selection.since, until=selection.until, country=selection.country, type=selection.type,
                   limit=None)


def items_from_store(store: Any, level: str = "events", selection: Selection | None = None,
                     report: ExportReport | None = None, *, include_text: bool = False) -> Iterator[Item]:
    """Items of the store's codings or incidents that the selection keeps.

    Raises :class:`IncidentsUnavailable` for ``level="incidents"`` when the store has no ``incidents`` method."""
    sel = selection or Selection()
    if level == "incidents":
        incidents = getattr(store, "incidents", None)
        if incidents is None:
            raise IncidentsUnavailable(INCIDENTS_MISSING)
        for record in incidents(_filters(sel)):
            item = item_from_incident(record)
            if sel.keeps(item):
                yield item
        return
    for stored in store.codings(_filters(sel), include_text=include_text):
        for item in items_from_coding(stored["coding"], outlet=stored.get("outlet"), url=stored.get("url"),
                                      text=stored.get("text")):
            if sel.keeps(item):
                yield item
