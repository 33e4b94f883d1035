"""The store's tables (SQLAlchemy Core), one definition for SQLite and PostgreSQL.

The migrations in ``migrations/versions`` create exactly these tables (a test compares them); queries and writes
use the objects below. The full-text index is engine-specific and lives outside this metadata: an FTS5 table
``articles_fts`` on SQLite, a generated ``tsv`` column (migration 0002) with a GIN index on PostgreSQL (over ``tsv``
and the article's window of ids, migration 0004).
"""

from __future__ import annotations

import sqlalchemy as sa

# the Alembic revision the code below expects; opening a store migrates it up to here
SCHEMA_REVISION = "0005"

metadata = sa.MetaData()

# stored as text on SQLite and as json on PostgreSQL: both keep the keys in the contract's order
Json = sa.JSON()

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("content_id", sa.String(80), nullable=False, unique=True),     # "sha256:" + hex of the text
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
    sa.Column("coding", Json, nullable=False),                                # the contract JSON, without text
    sa.Index("ix_articles_input_id", "input_id"),
    sa.Index("ix_articles_published", "published"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("event_id", sa.String(16), nullable=False),                    # "e1" (the main event), "e2", ...
    sa.Column("ordinal", sa.Integer, nullable=False),                        # 0 for the main event
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
    sa.Column("lat_band", sa.Integer),                                       # floor(lat): the box index's key
    sa.Column("geonames_id", sa.BigInteger),
    sa.Column("location_precision", sa.String(16)),
    sa.Column("actor1_name", sa.Text),
    sa.Column("actor1_cameo", sa.String(32)),
    sa.Column("actor2_name", sa.Text),
    sa.Column("actor2_cameo", sa.String(32)),
    sa.Column("killed", sa.Integer),                                         # estimates.killed.best
    sa.Column("injured", sa.Integer),                                        # estimates.injured.best
    sa.Column("estimates", Json),                                            # {kind: {low, best, high}}
    sa.Column("confidence", sa.Float),
    # the article's fields a listing of events shows (migration 0005): a listing never reads the large article rows
    sa.Column("article_content_id", sa.String(80)),
    sa.Column("article_input_id", sa.Text),
    sa.Column("article_title", sa.Text),
    sa.Column("article_published", sa.Date),
    sa.UniqueConstraint("article_id", "event_id", name="uq_events_article_event"),
    sa.Index("ix_events_date", "date_start", "date_end"),
    # the web page's queries read these indexes alone (country or box, then the latest): id is in them
    sa.Index("ix_events_country_date", "country", "date_start", "id"),
    # a box is read as one range of lon per 1-degree band of latitude, not as a band around the whole earth
    sa.Index("ix_events_box", "lat_band", "lon", "lat", "date_start", "id"),
    sa.Index("ix_events_plover", "plover"),
)

# the article's fields copied into each event row (migration 0005)
ARTICLE_FIELDS = ("article_content_id", "article_input_id", "article_title", "article_published")

claims = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
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
    sa.Index("ix_claims_article", "article_id"),
    sa.Index("ix_claims_event", "event_pk"),
    sa.Index("ix_claims_source", "source_name"),
)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
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
    sa.Index("ix_quotes_article", "article_id"),
)

warnings = sa.Table(
    "warnings", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("code", sa.String(64), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Index("ix_warnings_article", "article_id"),
    sa.Index("ix_warnings_code", "code"),
)

errors = sa.Table(
    "errors", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(80), nullable=False, unique=True),           # what makes re-reporting a no-op
    sa.Column("origin", sa.Text),                                            # the file ("-" for standard input)
    sa.Column("line", sa.Integer),                                           # its line, for a JSONL record
    sa.Column("input_id", sa.Text),
    sa.Column("content_id", sa.String(80)),                                  # when the text was readable
    sa.Column("code", sa.String(32), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("dateline_version", sa.String(32), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_errors_code", "code"),
    sa.Index("ix_errors_content_id", "content_id"),
)

# incidents (dateline.incidents): one row per real-world happening, its contract record kept whole
incidents = sa.Table(
    "incidents", metadata,
    sa.Column("id", sa.String(40), primary_key=True),                       # "inc-" + 16 hex of the founder
    sa.Column("plover", sa.String(32)),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("date_precision", sa.String(16)),
    sa.Column("country", sa.String(3)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("killed", sa.Integer),                                         # estimates.killed.best
    sa.Column("injured", sa.Integer),
    sa.Column("members", sa.Integer, nullable=False),
    sa.Column("first_reported", sa.Date),
    sa.Column("last_reported", sa.Date),
    sa.Column("record", Json, nullable=False),                               # the contract's incident record
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_incidents_country_date", "country", "date_start"),
    sa.Index("ix_incidents_date", "date_start"),
)

# which incident each reported event belongs to, with what the merge compares (no text re-read to match)
incident_members = sa.Table(
    "incident_members", metadata,
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("incident_id", sa.String(40), sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("day_lo", sa.Date),                                            # the days the event may have been on
    sa.Column("day_hi", sa.Date),
    sa.Column("features", Json, nullable=False),                             # dateline.incidents.Mention.features
    sa.Index("ix_incident_members_incident", "incident_id"),
    sa.Index("ix_incident_members_block", "country", "day_lo", "day_hi"),
    sa.Index("ix_incident_members_article", "article_id"),
)

# the id of an incident absorbed into another, and the id that absorbed it
incident_aliases = sa.Table(
    "incident_aliases", metadata,
    sa.Column("alias", sa.String(40), primary_key=True),
    sa.Column("incident_id", sa.String(40), nullable=False),
    sa.Index("ix_incident_aliases_incident", "incident_id"),
)

TABLES = (articles, events, claims, quotes, warnings, errors, incidents, incident_members, incident_aliases)
