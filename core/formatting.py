"""Rupiah, dates and times, formatted the same on screen, paper and exports (id_ID).

UI.md §6: ``Rp16.800`` (no currency digits), ``−Rp8.400``, ``25 Nov 2026``, ``25/11/2026``,
``14.02`` (WIB, stored as UTC).

The patterns are Babel's id_ID patterns written out (grouping ``.``, the month names below):
loading Babel's locale data costs ~20 ms of a cold start and every list cell paid Babel's
pattern machinery; tests/core/test_formatting_babel.py holds these against Babel itself.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

LOCALE = "id_ID"
WIB = timezone(timedelta(hours=7), "WIB")
_MINUS = "\u2212"
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def _grouped(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def rupiah(amount: int) -> str:
    """``16800`` → ``Rp16.800``; negative amounts get a real minus sign."""
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError("rupiah amounts are integers")
    digits = _grouped(abs(amount))
    return f"{_MINUS if amount < 0 else ''}Rp{digits}"


def thousands(amount: int) -> str:
    """``1000000`` → ``1.000.000`` (for input fields)."""
    return _grouped(int(amount))


def date_medium(value: date) -> str:
    """``25 Nov 2026``."""
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {value.year}"


def date_long(value: date) -> str:
    """``25 November 2026``."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def date_short(value: date) -> str:
    """``25/11/2026`` (explicit pattern: Babel's id short form has a two-digit year)."""
    return value.strftime("%d/%m/%Y")


def month_label(month: str) -> str:
    """``2026-01`` → ``Jan 2026``."""
    year, mon = (int(part) for part in month.split("-"))
    if not 1 <= mon <= 12:
        raise ValueError(f"no month {month!r}")
    return f"{MONTHS_SHORT[mon - 1]} {year}"


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
