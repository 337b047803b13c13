"""The server's clock, injected so tests can move time (session expiry, codes, rotation)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

Clock = Callable[[], datetime]
WIB = timezone(timedelta(hours=7), "WIB")


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_today(now: datetime) -> date:
    """The calendar day in Indonesia's western time zone (the branch's day, for age rules)."""
    return now.astimezone(WIB).date()


def epoch_minute(now: datetime) -> int:
    return int(now.timestamp() // 60)
