"""0003 incidents: incidents, which reported event belongs to which, and the ids of absorbed incidents.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

JSON = sa.JSON()


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("plover", sa.String(32)),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.String(16)),
        sa.Column("country", sa.String(3)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("killed", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("members", sa.Integer, nullable=False),
        sa.Column("first_reported", sa.Date),
        sa.Column("last_reported", sa.Date),
        sa.Column("record", JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_incidents_country_date", "incidents", ["country", "date_start"])
    op.create_index("ix_incidents_date", "incidents", ["date_start"])
    op.create_table(
        "incident_members",
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("incident_id", sa.String(40), sa.ForeignKey("incidents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("day_lo", sa.Date),
        sa.Column("day_hi", sa.Date),
        sa.Column("features", JSON, nullable=False),
    )
    op.create_index("ix_incident_members_incident", "incident_members", ["incident_id"])
    op.create_index("ix_incident_members_block", "incident_members", ["country", "day_lo", "day_hi"])
    op.create_index("ix_incident_members_article", "incident_members", ["article_id"])
    op.create_table(
        "incident_aliases",
        sa.Column("alias", sa.String(40), primary_key=True),
        sa.Column("incident_id", sa.String(40), nullable=False),
    )
    op.create_index("ix_incident_aliases_incident", "incident_aliases", ["incident_id"])


def downgrade() -> None:
    op.drop_table("incident_aliases")
    op.drop_table("incident_members")
    op.drop_table("incidents")
