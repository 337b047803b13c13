"""``models.interrupt``: a read running on one thread is stopped from another, and nothing
else is: not a statement that starts after the block, not a block that was not marked."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from core.errors import Cancelled
from models.db import Database
from models.interrupt import Interruptible

# Counts to 300 million: most of a minute unless something stops it.
ENDLESS = text(
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300000000) "
    "SELECT count(*) FROM n"
)


def _run_in_thread(db: Database, guard: Interruptible) -> tuple[threading.Thread, dict]:
    outcome: dict = {}
    started = threading.Event()

    def read() -> None:
        try:
            with db.read_scope() as session, guard.running(session):
                started.set()
                outcome["value"] = session.scalar(ENDLESS)
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            outcome["error"] = exc
        finally:
            started.set()

    thread = threading.Thread(target=read)
    thread.start()
    assert started.wait(10)
    return thread, outcome


def test_a_running_read_is_stopped_from_another_thread(db: Database) -> None:
    guard = Interruptible()
    thread, outcome = _run_in_thread(db, guard)
    time.sleep(0.05)  # let the statement get going (one not started yet is stopped as it starts)
    assert guard.interrupt() is True
    thread.join(10)
    assert not thread.is_alive()
    assert isinstance(outcome.get("error"), Cancelled), outcome
    # The store reads on as usual afterwards, on the same pooled connections.
    with db.read_scope() as session:
        assert session.scalar(text("SELECT count(*) FROM prospects")) == 0


def test_an_interrupt_between_two_statements_stops_the_next(db: Database) -> None:
    guard = Interruptible()
    with db.read_scope() as session, pytest.raises(Cancelled):
        with guard.running(session):
            assert session.scalar(text("SELECT 1")) == 1
            assert guard.interrupt() is True  # no statement runs now: SQLite alone ignores it
            session.scalar(ENDLESS)


def test_nothing_is_interrupted_outside_a_running_block(db: Database) -> None:
    guard = Interruptible()
    assert guard.interrupt() is False  # nothing running
    with db.read_scope() as session:
        with guard.running(session):
            assert session.scalar(text("SELECT 1")) == 1
        # The block has ended: an interrupt now must not reach the next statement.
        assert guard.interrupt() is False
        assert session.scalar(text("SELECT count(*) FROM (SELECT 1 UNION SELECT 2)")) == 2


def test_an_unrelated_failure_is_not_reported_as_a_cancel(db: Database) -> None:
    guard = Interruptible()
    with db.read_scope() as session, pytest.raises(OperationalError):
        with guard.running(session):
            session.execute(text("SELECT * FROM no_such_table"))
