"""Alembic environment of the local store.

Migrations run only through ``models.migrate.upgrade_to_head``, which hands over an open
connection inside its single transaction (so a failed step leaves nothing half-done) with
foreign keys off; SQLite ``ALTER`` goes through batch mode.
"""

from __future__ import annotations

from alembic import context

from models.schema import metadata

FTS_PREFIX = "prospect_fts"


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]  # noqa: ARG001
    # The FTS5 virtual table and its shadow tables are managed by hand (migration 0002).
    return not (type_ == "table" and name is not None and name.startswith(FTS_PREFIX))


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run local-store migrations through models.migrate (it supplies the key)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    include_object=include_object,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
