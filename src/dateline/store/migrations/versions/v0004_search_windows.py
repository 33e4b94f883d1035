"""0004 search windows: PostgreSQL's full-text index also keys each article by its block of 1,024 ids.

The GIN index ``ix_articles_tsv`` over ``articles.tsv`` (migration 0002) is replaced by ``ix_articles_search``
over ``tsv`` plus one "window" lexeme per article, ``'dateline window N'`` with N = id >> 10 (a lexeme no text or
query can produce: the parser splits on spaces). ``Store.search`` asks for the newest matches by adding "one of the
newest windows" to the query: GIN reads those short lists and skips through the long lists of common words instead
of decoding them whole, so a query costs what the newest articles hold, not what the whole store holds. Every
full-text condition uses the same expression (``dateline.store.fulltext.INDEXED``), whose results are those of
``tsv`` alone. SQLite (FTS5 walks its lists from the newest row down already) is unchanged.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

POSTGRESQL = [
    "CREATE INDEX ix_articles_search ON articles USING gin "
    "((tsv || array_to_tsvector(ARRAY['dateline window '::text || ((id >> 10))::text])))",
    "DROP INDEX ix_articles_tsv",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)")
        op.execute("DROP INDEX ix_articles_search")
