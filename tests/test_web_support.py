"""Helpers of the web tests (no tests here): a store of short fake-coded articles, and the app over it whose coder is
the fake one of the store tests, so that the API tests need no spaCy model."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from dateline.ingest import article_from_fields
from dateline.records import Coding
from dateline.store import Store

from .test_store_support import article_text, fake_coding

TOKEN = "test-token-7f3a"
# (country, date, killed) of the stored articles: two incidents in Iraq in March, one in Kenya in May, and one
# Iraqi incident reported by two articles (same day, same town)
ARTICLES = [("IRQ", "2024-03-01", 3), ("IRQ", "2024-03-05", 7), ("KEN", "2024-05-02", 2), ("IRQ", "2024-03-01", 3)]


def fake_code(text: str, *, published: str | date | None = None, title: str | None = None,
              include_text: bool = False) -> Coding:
    """``dateline.code`` with the fake coder of the store tests."""
    article = article_from_fields(text, title=title, published=published, published_source="argument")
    coding = fake_coding(article)
    if include_text:
        coding = dataclasses.replace(coding, article=dataclasses.replace(coding.article, text=article.text))
    return coding


def fill(store: Store) -> None:
    """The ARTICLES, merged into incidents; the first and the last are one incident (same text but its number)."""
    records: list[dict[str, Any]] = []
    for n, (country, day, killed) in enumerate(ARTICLES):
        same = 0 if n == 3 else n
        text = article_text(same, country=country, date=day, killed=killed,
                            extra=f'"We heard the shots," said Witness{n}. Edition {n}.')
        records.append({"id": f"a{n}", "text": text, "title": f"Report {n}", "published": day})
    report = store.ingest_records(records)
    assert report.stored == len(ARTICLES), report
    store.merge()
