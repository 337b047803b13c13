"""Calendar months written ``YYYY-MM`` (DOMAIN.md conventions): parse, add, ranges."""

from __future__ import annotations

import re
from datetime import date

_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def is_month(value: object) -> bool:
    return isinstance(value, str) and _MONTH_RE.match(value) is not None


def parse_month(value: str) -> tuple[int, int]:
    """``"2026-02"`` → ``(2026, 2)``; ``ValueError`` on anything else."""
    match = _MONTH_RE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not a YYYY-MM month: {value!r}")
    return int(match.group(1)), int(match.group(2))


def format_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_of(day: date) -> str:
    return format_month(day.year, day.month)


def first_day(month: str) -> date:
    year, mon = parse_month(month)
    return date(year, mon, 1)


def add_months(month: str, count: int) -> str:
    """``add_months("2026-11", 3)`` → ``"2027-02"``; ``count`` may be negative."""
    year, mon = parse_month(month)
    index = year * 12 + (mon - 1) + count
    return format_month(index // 12, index % 12 + 1)


def month_range(first: str, count: int) -> list[str]:
    """``count`` consecutive months starting at ``first``."""
    if count < 0:
        raise ValueError("count must be ≥ 0")
    return [add_months(first, offset) for offset in range(count)]


def months_between(start: str, end: str) -> int:
    """Number of months from ``start`` to ``end`` (``end`` − ``start``; may be negative)."""
    y1, m1 = parse_month(start)
    y2, m2 = parse_month(end)
    return (y2 * 12 + m2) - (y1 * 12 + m1)
