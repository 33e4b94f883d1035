"""0005 event articles: each event row carries its article's content id, input id, title and published date.

Listing events (a date range and a country, a box on the map) returned each event with those four article fields
through a join to ``articles``, whose rows hold the text and the coding (about 7 kB each): 500 events read 500 such
rows at random places of the largest table, from the disk whenever it is not cached. With the four fields copied
into ``events`` (about 150 bytes an event; they are written with the event and change only when the article is
re-coded, which rewrites its events) a listing reads the events table and its indexes alone. Existing rows are
filled from ``articles`` here.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = (("article_content_id", "content_id", sa.String(80)), ("article_input_id", "input_id", sa.Text()),
           ("article_title", "title", sa.Text()), ("article_published", "published", sa.Date()))


def upgrade() -> None:
    for name, _, kind in COLUMNS:
        op.add_column("events", sa.Column(name, kind))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE events SET " + ", ".join(f"{name} = a.{source}" for name, source, _ in COLUMNS)
                   + " FROM articles a WHERE a.id = events.article_id")
    else:
        op.execute("UPDATE events SET (" + ", ".join(name for name, _, _ in COLUMNS) + ") = (SELECT "
                   + ", ".join(f"a.{source}" for _, source, _ in COLUMNS)
                   + " FROM articles a WHERE a.id = events.article_id)")


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        for name, _, _ in reversed(COLUMNS):
            batch.drop_column(name)
