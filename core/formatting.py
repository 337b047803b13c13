"""Rupiah, dates and times, formatted the same on screen, paper and exports (id_ID, Babel).

UI.md §6: ``Rp16.800`` (no currency digits), ``−Rp8.400``, ``25 Nov 2026``, ``25/11/2026``,
``14.02`` (WIB, stored as UTC).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

LOCALE = "id_ID"
WIB = timezone(timedelta(hours=7), "WIB")
_MINUS = "\u2212"


def rupiah(amount: int) -> str:
    """``16800`` → ``Rp16.800``; negative amounts get a real minus sign."""
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError("rupiah amounts are integers")
    digits = format_decimal(abs(amount), format="#,##0", locale=LOCALE)
    return f"{_MINUS if amount < 0 else ''}Rp{digits}"


def thousands(amount: int) -> str:
    """``1000000`` → ``1.000.000`` (for input fields)."""
    return format_decimal(amount, format="#,##0", locale=LOCALE)


def date_medium(value: date) -> str:
    """``25 Nov 2026``."""
    return _babel_date(value, format="d MMM y", locale=LOCALE)


def date_long(value: date) -> str:
    """``25 November 2026``."""
    return _babel_date(value, format="d MMMM y", locale=LOCALE)


def date_short(value: date) -> str:
    """``25/11/2026`` (explicit pattern: Babel's id short form has a two-digit year)."""
    return value.strftime("%d/%m/%Y")


def month_label(month: str) -> str:
    """``2026-01`` → ``Jan 2026``."""
    year, mon = (int(part) for part in month.split("-"))
    return _babel_date(date(year, mon, 1), format="MMM y", locale=LOCALE)


def to_wib(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(WIB)


def time_wib(value: datetime) -> str:
    """UTC timestamp → ``14.02`` in WIB."""
    return to_wib(value).strftime("%H.%M")


def datetime_wib(value: datetime) -> str:
    """UTC timestamp → ``25 Nov 2026 14.02``."""
    local = to_wib(value)
    return f"{date_medium(local.date())} {local.strftime('%H.%M')}"
