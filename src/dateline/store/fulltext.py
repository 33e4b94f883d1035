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
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY
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
        ids = sa.select(articles.c.id).where(_indexed().op("@@")(_tsquery(query)))
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


# PostgreSQL: the GIN index (migration 0004) is over the article's tsvector plus one key for its block of 1,024
# article ids, a "window" lexeme that no text or query can produce (it holds spaces, which the parser splits on).
# A search for the newest matches adds "one of the newest windows" to its words: GIN then reads the short lists of
# those windows and skips through the long lists of common words to the same rows, instead of decoding them whole
# (a common word's list grows with the store; "police killed" decoded 670,000 entries per query). The expression
# is the index's: both must stay as migration 0004 wrote them.
WINDOW_BITS = 10
WINDOW_LEXEME = "dateline window "
INDEXED = (f"(articles.tsv || array_to_tsvector(ARRAY['{WINDOW_LEXEME}'::text || "
           f"((articles.id >> {WINDOW_BITS}))::text]))")
# at most this many windows in one query (their lists are read whole); a wider range is searched without them
MAX_WINDOWS = 256


def _indexed() -> ColumnElement[Any]:
    return sa.literal_column(INDEXED)


def windows(min_id: int, max_id: int) -> str | None:
    """The tsquery "any of the windows holding ids ``min_id`` .. ``max_id``", None when they are too many."""
    first, last = min_id >> WINDOW_BITS, max_id >> WINDOW_BITS
    if last - first + 1 > MAX_WINDOWS:
        return None
    return " | ".join(f"'{WINDOW_LEXEME}{n}'" for n in range(first, last + 1))


def next_window(window: int, found: int, wanted: int) -> int:
    """The next range of newest ids to search when ``window`` ids held ``found`` matches, fewer than ``wanted``:
    where the density seen says ``wanted`` are, with a quarter more for the margin, at least half again as wide;
    eightfold when none was found. (Eightfold always overshot: 480 matches in 16,000 ids led to 128,000 ids, past
    the index windows, and 3,800 rows read for 500.)"""
    if found == 0:
        return window * 8
    return max(window * 3 // 2, window * wanted * 5 // (found * 4))


def matches_since(query: str, min_id: int, max_id: int) -> sa.Select[Any]:
    """PostgreSQL: the ids of the articles above ``min_id`` that match (``max_id``: the newest id known; newer
    ones may be found too)."""
    cond = [_indexed().op("@@")(_tsquery(query)), articles.c.id > min_id]
    window = windows(min_id + 1, max_id)
    if window is not None:
        # a second condition, not ``&&`` with the query: a query of stop words alone is empty, and ``'' && w``
        # is ``w``, which would match every article of the window
        cond.append(_indexed().op("@@")(sa.cast(sa.literal(window), TSQUERY)))
    return sa.select(articles.c.id).where(*cond)


def rank_postgresql(query: str, ids: list[int]) -> sa.Select[Any]:
    """PostgreSQL: (id, ts_rank) of these articles. The ids go as one array parameter (``id = ANY(:ids)``):
    an ``IN`` of 500 parameters cost the client about twice the server's time to render and bind."""
    return sa.select(articles.c.id, sa.func.ts_rank(_tsv(), _tsquery(query))).where(
        articles.c.id == sa.any_(sa.bindparam("ids", ids, type_=ARRAY(sa.Integer))))


def ranked(query: str, limit: int, candidates: int = CANDIDATES) -> sa.Select[Any]:
    """SQLite: (article id, score) of the best ``limit`` among the ``candidates`` most recently stored matches,
    best first (the negated bm25: higher is better). FTS5 walks its doclists from the newest row id down and
    stops."""
    fts = sa.table("articles_fts", sa.column("rowid"))
    recent = (sa.select(fts.c.rowid.label("id"), (-sa.func.bm25(sa.literal_column("articles_fts"))).label("score"))
              .where(sa.literal_column("articles_fts").op("MATCH")(fts5_query(query) or '""'))
              .order_by(fts.c.rowid.desc()).limit(candidates).subquery())
    return sa.select(recent.c.id, recent.c.score).order_by(recent.c.score.desc(), recent.c.id.desc()).limit(limit)
