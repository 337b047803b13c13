"""Dialect helpers: ``INSERT … ON CONFLICT``, and raw psycopg execution for the hot path.

The push path's PostgreSQL statements are plain SQL; run through SQLAlchemy each cost ~0.3 ms
of Python, through the driver ~0.05 ms. ``pg_execute`` runs them on the session's own DBAPI
connection, inside the session's transaction. ``pg_pipeline`` sends the statements issued in
its block together (psycopg pipeline mode): the database still runs them one after the other,
but the client waits once, when a result is first read or the block ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, CursorResult, Executable
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


def upsert(session: Session, table: Any) -> Any:
    """``insert(table)`` with ``on_conflict_do_update``/``on_conflict_do_nothing`` available."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def is_postgres(session: Session | Connection) -> bool:
    if isinstance(session, Session):
        return session.get_bind().dialect.name == "postgresql"
    return session.dialect.name == "postgresql"


def rowcount(session: Session, statement: Executable) -> int:
    """Rows an UPDATE or DELETE touched."""
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


_PLACEHOLDER = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


@lru_cache(maxsize=64)
def _pyformat(sql: str) -> str:
    """``:name`` placeholders (as in ``text()``) → psycopg's ``%(name)s``."""
    return _PLACEHOLDER.sub(r"%(\1)s", sql.replace("%", "%%"))


def pg_execute(session: Session | Any, sql: str, params: dict[str, Any]) -> Any:
    """Execute ``sql`` on the psycopg connection under ``session`` (a Session or a
    Connection); returns the psycopg cursor."""
    connection = session.connection() if isinstance(session, Session) else session
    driver: Any = connection.connection.driver_connection
    dbapi = connection.dialect.loaded_dbapi
    try:
        return driver.execute(_pyformat(sql), params)
    except dbapi.Error as exc:  # as SQLAlchemy would raise it: IntegrityError, OperationalError…
        raise DBAPIError.instance(
            sql, params, exc, dbapi.Error, dialect=connection.dialect
        ) from exc


def pg_commit(session: Session) -> None:
    """COMMIT the session's transaction on the driver, now. Inside ``pg_pipeline`` the COMMIT
    goes out with the statements sent before it (one round trip), so locks those statements
    took are released as soon as the database has run them, not after the Python thread has
    read their results and had its turn on the GIL. The session's own commit at the end of
    ``Database.write()`` then finds the connection idle and sends nothing. Errors are raised
    as SQLAlchemy's by ``pg_pipeline``; a failed statement before the COMMIT rolls it all back."""
    driver: Any = session.connection().connection.driver_connection
    driver.commit()


@contextmanager
def pg_pipeline(session: Session) -> Iterator[None]:
    """Statements sent by ``pg_execute`` inside the block go out without waiting for each
    other's results (one round trip for all of them, the first read syncs). A failing
    statement skips the rest and raises as SQLAlchemy would, at the read or the block's end."""
    connection = session.connection()
    driver: Any = connection.connection.driver_connection
    dbapi = connection.dialect.loaded_dbapi
    try:
        with driver.pipeline():
            yield
    except dbapi.Error as exc:
        raise DBAPIError.instance(
            "(pipeline)", {}, exc, dbapi.Error, dialect=connection.dialect
        ) from exc
