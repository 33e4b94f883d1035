"""0001 initial: articles with their coding, events, claims, quotes, warnings, error records.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON()


def _article_fk() -> sa.Column:
    return sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_id", sa.String(80), nullable=False, unique=True),
        sa.Column("input_id", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("published_source", sa.String(16)),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("dateline_version", sa.String(32), nullable=False),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column("coded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("coding", JSON, nullable=False),
    )
    op.create_index("ix_articles_input_id", "articles", ["input_id"])
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        _article_fk(),
        sa.Column("event_id", sa.String(16), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("plover", sa.String(32)),
        sa.Column("cameo", sa.String(8)),
        sa.Column("acled_event_type", sa.Text),
        sa.Column("acled_sub_event_type", sa.Text),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.String(16)),
        sa.Column("location_name", sa.Text),
        sa.Column("country", sa.String(3)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("lat_band", sa.Integer),
        sa.Column("geonames_id", sa.BigInteger),
        sa.Column("location_precision", sa.String(16)),
        sa.Column("actor1_name", sa.Text),
        sa.Column("actor1_cameo", sa.String(32)),
        sa.Column("actor2_name", sa.Text),
        sa.Column("actor2_cameo", sa.String(32)),
        sa.Column("killed", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("estimates", JSON),
        sa.Column("confidence", sa.Float),
        sa.UniqueConstraint("article_id", "event_id", name="uq_events_article_event"),
    )
    op.create_index("ix_events_date", "events", ["date_start", "date_end"])
    op.create_index("ix_events_country_date", "events", ["country", "date_start", "id"])
    op.create_index("ix_events_box", "events", ["lat_band", "lon", "lat", "date_start", "id"])
    op.create_index("ix_events_plover", "events", ["plover"])

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        _article_fk(),
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("low", sa.BigInteger),
        sa.Column("high", sa.BigInteger),
        sa.Column("who", sa.Text),
        sa.Column("source_name", sa.Text, nullable=False),
        sa.Column("source_type", sa.String(16)),
        sa.Column("source_role", sa.Text),
        sa.Column("source_organization", sa.Text),
        sa.Column("source_country", sa.String(3)),
        sa.Column("source_sector", sa.String(16)),
        sa.Column("source_cameo", sa.String(32)),
        sa.Column("stance", sa.String(16), nullable=False),
        sa.Column("partitive", sa.Boolean, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
    )
    op.create_index("ix_claims_article", "claims", ["article_id"])
    op.create_index("ix_claims_event", "claims", ["event_pk"])
    op.create_index("ix_claims_source", "claims", ["source_name"])

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        _article_fk(),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("speaker_name", sa.Text),
        sa.Column("speaker_role", sa.Text),
        sa.Column("speaker_organization", sa.Text),
        sa.Column("speaker_cameo", sa.String(32)),
        sa.Column("cue", sa.Text),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
    )
    op.create_index("ix_quotes_article", "quotes", ["article_id"])

    op.create_table(
        "warnings",
        sa.Column("id", sa.Integer, primary_key=True),
        _article_fk(),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
    )
    op.create_index("ix_warnings_article", "warnings", ["article_id"])
    op.create_index("ix_warnings_code", "warnings", ["code"])

    op.create_table(
        "errors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(80), nullable=False, unique=True),
        sa.Column("origin", sa.Text),
        sa.Column("line", sa.Integer),
        sa.Column("input_id", sa.Text),
        sa.Column("content_id", sa.String(80)),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("dateline_version", sa.String(32), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_errors_code", "errors", ["code"])
    op.create_index("ix_errors_content_id", "errors", ["content_id"])


def downgrade() -> None:
    for table in ("errors", "warnings", "quotes", "claims", "events", "articles"):
        op.drop_table(table)
