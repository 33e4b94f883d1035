"""Full-text search, one query language on both engines.

A query is written as for a web search engine (PostgreSQL's ``websearch_to_tsquery``): words must all occur
(stemmed: "killing" finds "killed"), ``"a quoted phrase"`` must occur as written, ``OR`` between two words or
phrases accepts either, and ``-word`` excludes articles with it. On PostgreSQL the query goes to
``websearch_to_tsquery('english', ...)`` as it is; on SQLite it is translated to an FTS5 expression.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from dateline.store.schema import articles

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


def _phrase(text: str) -> str | None:
    words = _WORD.findall(text)
    return '"' + " ".join(words) + '"' if words else None


def fts5_query(query: str) -> str | None:
    """The FTS5 expression for a web-search style query; None when it holds no word to search for."""
    groups: list[list[str]] = []          # AND of OR-groups
    negated: list[str] = []
    join_next = False
    for m in _TOKEN.finditer(query):
        neg, quoted, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None and bare == "OR":
            join_next = bool(groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            neg, bare = "-", bare[1:]
        term = _phrase(quoted if quoted is not None else bare or "")
        if term is None:
            continue
        if neg:
            negated.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        return None
    expr = " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
    for term in negated:
        expr = f"({expr}) NOT {term}"
    return expr


def matches(dialect: str, query: str, article_id: ColumnElement[int] | None = None) -> ColumnElement[bool]:
    """A condition: the article ``article_id`` names (default ``articles.id``) matches ``query`` in its title or
    text."""
    column = articles.c.id if article_id is None else article_id
    ids: sa.Select[tuple[int]]
    if dialect == "postgresql":
        ids = sa.select(articles.c.id).where(sa.literal_column("articles.tsv").op("@@")(
            sa.func.websearch_to_tsquery(sa.literal_column("'english'::regconfig"), query)))
        return column.in_(ids)
    expr = fts5_query(query)
    if expr is None:
        return sa.false()
    ids = sa.select(sa.literal_column("rowid")).select_from(sa.table("articles_fts")).where(
        sa.literal_column("articles_fts").op("MATCH")(expr))
    return column.in_(ids)


# search() ranks the most recently stored matches, at most this many: the work per query stays bounded however
# common the words are (a GIN or FTS5 index yields matches, not the best ones)
CANDIDATES = 500


def _tsquery(query: str) -> ColumnElement[Any]:
    return sa.func.websearch_to_tsquery(sa.literal_column("'english'::regconfig"), query)


def _tsv() -> ColumnElement[Any]:
    return sa.literal_column("articles.tsv")


def matches_since(query: str, min_id: int) -> sa.Select[Any]:
    """PostgreSQL: the ids of the articles above ``min_id`` that match."""
    return sa.select(articles.c.id).where(_tsv().op("@@")(_tsquery(query)), articles.c.id > min_id)


def rank_postgresql(query: str, ids: list[int]) -> sa.Select[Any]:
    """PostgreSQL: (id, ts_rank) of these articles."""
    return sa.select(articles.c.id, sa.func.ts_rank(_tsv(), _tsquery(query))).where(articles.c.id.in_(ids))


def ranked(query: str, limit: int, candidates: int = CANDIDATES) -> sa.Select[Any]:
    """SQLite: (article id, score) of the best ``limit`` among the ``candidates`` most recently stored matches,
    best first (the negated bm25: higher is better). FTS5 walks its doclists from the newest row id down and
    stops."""
    fts = sa.table("articles_fts", sa.column("rowid"))
    recent = (sa.select(fts.c.rowid.label("id"), (-sa.func.bm25(sa.literal_column("articles_fts"))).label("score"))
              .where(sa.literal_column("articles_fts").op("MATCH")(fts5_query(query) or '""'))
              .order_by(fts.c.rowid.desc()).limit(candidates).subquery())
    return sa.select(recent.c.id, recent.c.score).order_by(recent.c.score.desc(), recent.c.id.desc()).limit(limit)
