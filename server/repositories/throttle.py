"""Database counters for login throttling and rate limits: correct across workers and servers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from server.models.identity import LoginThrottle, RateCounter
from server.repositories.dialect import upsert


def hit(session: Session, *, bucket: str, window_start: int) -> int:
    """Count one request in ``bucket`` for the minute ``window_start``; returns the new count."""
    stmt = upsert(session, RateCounter.__table__).values(
        bucket=bucket, window_start=window_start, count=1
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["bucket", "window_start"],
        set_={"count": RateCounter.__table__.c.count + 1},
    ).returning(RateCounter.__table__.c.count)
    count = int(session.execute(stmt).scalar_one())
    if count == 1:
        forget_before(session, bucket=bucket, window_start=window_start)
    return count


def forget_before(session: Session, *, bucket: str, window_start: int) -> None:
    """A new window opened: the bucket's older windows are of no use any more."""
    session.execute(
        delete(RateCounter).where(
            RateCounter.bucket == bucket, RateCounter.window_start < window_start
        )
    )


def throttle_state(session: Session, *, username: str) -> LoginThrottle | None:
    return session.scalars(select(LoginThrottle).where(LoginThrottle.username == username)).first()


def record_failure(session: Session, *, username: str, now: datetime) -> int:
    """Atomically count one more consecutive failure; returns the count."""
    table = LoginThrottle.__table__
    stmt = upsert(session, table).values(
        username=username, failures=1, last_failure_at=now, locked_until=None
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["username"],
        set_={"failures": table.c.failures + 1, "last_failure_at": now},
    ).returning(table.c.failures)
    return int(session.execute(stmt).scalar_one())


def lock(session: Session, *, username: str, until: datetime) -> None:
    session.execute(
        update(LoginThrottle).where(LoginThrottle.username == username).values(locked_until=until)
    )


def reset(session: Session, *, username: str) -> None:
    session.execute(delete(LoginThrottle).where(LoginThrottle.username == username))
