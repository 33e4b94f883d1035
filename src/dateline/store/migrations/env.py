"""Alembic's environment for the store's migrations: they run on the connection (and in the transaction, under
the write lock) that :func:`dateline.store.engine.migrate` hands over; SQLite alters tables in batch mode."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
