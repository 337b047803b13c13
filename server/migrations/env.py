"""Alembic environment of the server database (PostgreSQL and SQLite alike).

Run through ``python -m server migrate`` (``server.db.upgrade``), which passes the
``ServerSettings`` in ``config.attributes``; SQLite uses batch mode for ``ALTER``.
"""

from __future__ import annotations

from alembic import context

from server.config import load_settings
from server.db import make_engine
from server.models import Base

config = context.config
settings = config.attributes.get("settings") or load_settings()
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = make_engine(settings)
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
                transaction_per_migration=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported; run `python -m server migrate`")
run_migrations_online()
