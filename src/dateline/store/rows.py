"""Contract records -> the rows of the store's tables (one function per table, no database access)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from dateline.records import ArticleInfo, Coding, Event, Published, Quote, Span, Warning, iso_date


def _start(span: Span | None) -> int | None:
    return None if span is None else span[0]


def _end(span: Span | None) -> int | None:
    return None if span is None else span[1]


def coding_json(coding: Coding) -> dict[str, Any]:
    """The contract JSON as stored: without ``article.text`` (the text has its own column)."""
    d = coding.to_dict()
    d["article"].pop("text", None)
    return d


def coding_from_dict(d: dict[str, Any]) -> Coding:
    """A :class:`Coding` from its contract JSON (a stored coding, or a line of ``dateline code``)."""
    a = d["article"]
    pub = a.get("published") or {}
    dl = a.get("dateline")
    info = ArticleInfo(id=a["id"], input_id=a.get("input_id"), title=a.get("title"),
                       published=Published(pub.get("date"), pub.get("source")), chars=a["chars"],
                       language=a.get("language", "en"),
                       dateline=(dl["place"], tuple(dl["span"])) if dl else None, text=a.get("text"),
                       title_span=tuple(a["title_span"]) if a.get("title_span") else None)  # type: ignore[arg-type]
    warnings = tuple(Warning(w["code"], w["message"], tuple(w["span"]) if w.get("span") else None)  # type: ignore[arg-type]
                     for w in d.get("warnings", []))
    return Coding(info, tuple(Event.from_dict(e) for e in d.get("events", [])),
                  tuple(Quote.from_dict(q) for q in d.get("quotes", [])), warnings)


def article_row(coding: Coding, *, text: str, outlet: str | None, url: str | None, version: str,
                coded_at: datetime) -> dict[str, Any]:
    a = coding.article
    stored = coding_json(coding)
    return {"content_id": a.id, "input_id": a.input_id, "title": a.title, "published": iso_date(a.published.date),
            "published_source": a.published.source, "outlet": outlet, "url": url, "text": text, "chars": a.chars,
            "dateline_version": version, "schema": stored["schema"], "coded_at": coded_at,
            "coding": stored}


def _best(event: Event, kind: str) -> int | None:
    est = event.estimates.get(kind)
    return None if est is None else est.best


def event_rows(coding: Coding, article_id: int) -> list[dict[str, Any]]:
    rows = []
    for ordinal, ev in enumerate(coding.events):
        loc, a1, a2 = ev.location, ev.actor1, ev.actor2
        rows.append({
            "article_id": article_id, "event_id": ev.id, "ordinal": ordinal, "status": ev.status,
            "plover": ev.type.plover, "cameo": ev.type.cameo, "acled_event_type": ev.type.acled_event_type,
            "acled_sub_event_type": ev.type.acled_sub_event_type,
            "date_start": iso_date(ev.date.start), "date_end": iso_date(ev.date.end),
            "date_precision": ev.date.precision,
            "location_name": loc.name, "country": loc.country, "admin1": loc.admin1, "lat": loc.lat, "lon": loc.lon,
            "lat_band": None if loc.lat is None else math.floor(loc.lat),
            "geonames_id": loc.geonames_id, "location_precision": loc.precision,
            "actor1_name": a1.name if a1 else None, "actor1_cameo": a1.cameo if a1 else None,
            "actor2_name": a2.name if a2 else None, "actor2_cameo": a2.cameo if a2 else None,
            "killed": _best(ev, "killed"), "injured": _best(ev, "injured"),
            "estimates": {k: v.to_dict() for k, v in ev.estimates.items()},
            "confidence": round(ev.confidence, 3),
            "article_content_id": coding.article.id, "article_input_id": coding.article.input_id,
            "article_title": coding.article.title, "article_published": iso_date(coding.article.published.date),
        })
    return rows


def claim_rows(coding: Coding, article_id: int, event_pks: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    for ev in coding.events:
        for ordinal, c in enumerate(ev.claims):
            s = c.source
            rows.append({
                "article_id": article_id, "event_pk": event_pks[ev.id], "ordinal": ordinal, "kind": c.kind,
                "low": c.low, "high": c.high, "who": c.who, "source_name": s.name, "source_type": s.type,
                "source_role": s.role, "source_organization": s.organization, "source_country": s.country,
                "source_sector": s.sector, "source_cameo": s.cameo, "stance": c.stance, "partitive": c.partitive,
                "text": c.text, "span_start": _start(c.span), "span_end": _end(c.span),
            })
    return rows


def quote_rows(coding: Coding, article_id: int) -> list[dict[str, Any]]:
    return [{"article_id": article_id, "ordinal": i, "speaker_name": q.speaker.name, "speaker_role": q.speaker.role,
             "speaker_organization": q.speaker.organization, "speaker_cameo": q.speaker.cameo, "cue": q.cue,
             "kind": q.kind, "text": q.text, "span_start": _start(q.span), "span_end": _end(q.span)}
            for i, q in enumerate(coding.quotes)]


def warning_rows(coding: Coding, article_id: int) -> list[dict[str, Any]]:
    return [{"article_id": article_id, "ordinal": i, "code": w.code, "message": w.message,
             "span_start": _start(w.span), "span_end": _end(w.span)}
            for i, w in enumerate(coding.warnings)]
