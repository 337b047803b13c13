"""Engines, transactions and the migration state of the server database.

PostgreSQL (psycopg 3) in production, SQLite (WAL, ``synchronous=FULL``) for the demo and a
single office. ``Database.write()`` and ``Database.read()`` are the only ways services open a
transaction; they commit on a clean exit and roll back on an exception, so the commit happens
inside the endpoint, before the response (SYNC_PROTOCOL.md §7.4).

On SQLite a write transaction starts with ``BEGIN IMMEDIATE`` (the single writer takes the lock
first, which keeps seqs in commit order, §1), and writers of one process queue on a lock instead
of spinning in SQLite's busy handler. On PostgreSQL reads run at ``REPEATABLE READ`` so one
feed page is one snapshot.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from server.config import ServerSettings

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_RETRYABLE_PG = {"40P01", "40001", "55P03"}  # deadlock, serialization failure, lock not available


class SchemaNotReady(RuntimeError):
    """The database is not migrated to the code's head revision."""

    def __init__(self, current: str | None, head: str) -> None:
        super().__init__(
            f"database schema is at {current or 'nothing'}, the code needs {head}: "
            "run `python -m server migrate` first"
        )
        self.current = current
        self.head = head


def make_engine(settings: ServerSettings) -> Engine:
    url = settings.db_url
    if settings.is_sqlite:
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    connect_args: dict[str, Any] = {}
    if settings.db_schema:
        connect_args["options"] = f"-csearch_path={settings.db_schema}"
    return create_engine(
        url,
        connect_args=connect_args,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # No pre-ping (a round trip per checkout, two per push); connections are recycled
        # hourly, and one broken by a database restart fails one request, which clients resend.
        pool_recycle=3600,
    )


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_on_begin)
    cursor = dbapi_connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=30000",
    ):
        cursor.execute(pragma)
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    options = connection.get_execution_options()
    if options.get("isolation_level") == "AUTOCOMMIT":
        return  # lookups: each statement on its own
    if options.get("jangkau_write"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


class Database:
    """One engine plus write and read session factories."""

    def __init__(self, settings: ServerSettings, engine: Engine | None = None) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self.is_postgres = self.engine.dialect.name == "postgresql"
        write_engine = self.engine.execution_options(jangkau_write=True)
        read_engine: Engine = self.engine
        if self.is_postgres:
            read_engine = self.engine.execution_options(isolation_level="REPEATABLE READ")
        self.session_factory = sessionmaker(write_engine, expire_on_commit=False)
        self._read_factory = sessionmaker(read_engine, expire_on_commit=False)
        self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._sqlite_writer = threading.Lock()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction, committed when the block ends without an exception."""
        if self.is_sqlite:
            with self._sqlite_writer, self._transaction(self.session_factory) as session:
                yield session
        else:
            with self._transaction(self.session_factory) as session:
                yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot (PostgreSQL ``REPEATABLE READ``; one SQLite read transaction)."""
        with self._transaction(self._read_factory) as session:
            yield session

    @contextmanager
    def lookup(self) -> Iterator[Connection]:
        """A connection in autocommit for single-statement reads (token checks): no session,
        no BEGIN/COMMIT round trips."""
        with self._autocommit.connect() as connection:
            yield connection

    @staticmethod
    @contextmanager
    def _transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
        session = factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def is_retryable(exc: BaseException) -> bool:
    """Deadlocks and serialization failures (PostgreSQL), a busy database (SQLite)."""
    if isinstance(exc, DBAPIError):
        orig = exc.orig
        sqlstate = getattr(orig, "sqlstate", None)
        if sqlstate in _RETRYABLE_PG:
            return True
        if isinstance(exc, OperationalError) and "database is locked" in str(orig):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Migrations
# ---------------------------------------------------------------------------------------------


def alembic_config(settings: ServerSettings) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["settings"] = settings
    return config


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def ensure_schema(settings: ServerSettings) -> None:
    """PostgreSQL: create the configured schema (``db_schema``) if it does not exist."""
    if not (settings.is_postgres and settings.db_schema):
        return
    engine = create_engine(settings.db_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{settings.db_schema}"'))
    finally:
        engine.dispose()


def upgrade(settings: ServerSettings, revision: str = "head") -> None:
    """Apply the Alembic migrations (both databases)."""
    ensure_schema(settings)
    if settings.is_sqlite:
        path = settings.db_url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(settings), revision)


def check_schema(engine: Engine) -> None:
    """Raise ``SchemaNotReady`` unless the database is at the code's head revision."""
    head = head_revision()
    current = current_revision(engine)
    if current != head:
        raise SchemaNotReady(current, head)
