"""Rate limits (SYNC_PROTOCOL.md §4.11) on database counters, so every worker sees the same count."""

from __future__ import annotations

from datetime import datetime

from server.clock import epoch_minute
from server.db import Database
from server.problems import ProblemError
from server.repositories import throttle


def retry_after(now: datetime) -> str:
    """Seconds until the next one-minute window opens."""
    return str(max(1, 60 - int(now.timestamp()) % 60))


def check_rate(db: Database, *, bucket: str, limit: int, now: datetime) -> None:
    """Count one request in ``bucket``; 429 ``rate-limited`` once over ``limit`` per minute."""
    with db.write() as session:
        count = throttle.hit(session, bucket=bucket, window_start=epoch_minute(now))
    if count > limit:
        raise ProblemError("rate-limited", headers={"Retry-After": retry_after(now)})
