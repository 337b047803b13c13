"""Every connection of the store runs WAL, synchronous=FULL and foreign keys (SYNC §9 T1);
writes take the lock up front (``BEGIN IMMEDIATE``); FTS5 trigram is checked at open."""

from __future__ import annotations

import threading

import pytest
import sqlcipher3
from sqlalchemy import text

from core.errors import StoreError
from models.db import Database
from tests.models.conftest import PASSWORD


def _pragmas(connection) -> tuple:  # type: ignore[no-untyped-def]
    return tuple(
        connection.exec_driver_sql(f"PRAGMA {name}").scalar()
        for name in ("journal_mode", "synchronous", "foreign_keys")
    )


def test_pragmas_on_every_pooled_connection(db: Database):
    held = [db.engine.connect() for _ in range(4)]  # forces several DBAPI connections
    try:
        dbapi_ids = {id(c.connection.dbapi_connection) for c in held}
        assert len(dbapi_ids) == 4
        for conn in held:
            assert _pragmas(conn) == ("wal", 2, 1)
    finally:
        for conn in held:
            conn.close()
    with db.session_scope() as session:
        assert _pragmas(session.connection()) == ("wal", 2, 1)
    with db.read_scope() as session:
        assert _pragmas(session.connection()) == ("wal", 2, 1)


def test_pragmas_on_connections_of_other_threads(db: Database):
    seen: list[tuple] = []

    def work() -> None:
        with db.read_scope() as session:
            seen.append(_pragmas(session.connection()))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert seen == [("wal", 2, 1)] * 3


def test_pragmas_after_reopen(db: Database, db_path):
    db.close()
    reopened = Database.open(db_path, password=PASSWORD)
    try:
        with reopened.engine.connect() as conn:
            assert _pragmas(conn) == ("wal", 2, 1)
    finally:
        reopened.close()


def test_foreign_keys_are_enforced(db: Database):
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with db.session_scope() as session:
            session.execute(
                text(
                    "INSERT INTO heirs (prospect_id, heir_order, name, relationship) "
                    "VALUES ('00000000000000000000000000000000', 1, 'X', 'ANAK')"
                )
            )


def test_write_scope_takes_the_write_lock_at_begin(db: Database, db_path):
    """``session_scope`` starts with BEGIN IMMEDIATE: before it writes anything, another writer
    is already locked out (a save never fails half-way on a busy lock)."""
    dek = db._dek
    other = sqlcipher3.connect(str(db_path), timeout=0.05, isolation_level=None)
    other.execute(f"PRAGMA key = \"x'{dek.hex()}'\"")
    try:
        with db.session_scope() as session:
            session.execute(text("SELECT 1"))  # no write yet
            with pytest.raises(sqlcipher3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after commit
        other.execute("ROLLBACK")
        with db.read_scope() as session:
            session.execute(text("SELECT 1"))
            other.execute("BEGIN IMMEDIATE")  # a read snapshot does not block writers
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_session_scope_rolls_back_on_error(db: Database):
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with db.session_scope() as session:
            session.execute(text("UPDATE agent_profile SET display_name = 'X'"))
            raise Boom
    with db.read_scope() as session:
        assert session.execute(text("SELECT display_name FROM agent_profile")).scalar() == "Agen 07"


def test_closed_store_refuses_sessions(db: Database):
    db.close()
    with pytest.raises(StoreError) as caught:
        with db.session_scope():
            pass
    assert caught.value.code == "store-closed"


def test_fts5_trigram_is_available(db: Database):
    with db.read_scope() as session:
        options = session.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'prospect_fts'")
        ).scalar()
    assert "trigram" in options
