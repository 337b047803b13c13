"""Payment schedule, arrears and the membership hint (DOMAIN.md §3).

Month M is due on the 15th of M+1, moved to the next working day past weekends and the
configured holidays [UNCERTAIN for BPU]. Arrears are the months in (``paid_through``, latest M
whose due date is before today]. A synced server status always wins over this hint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from models.rules.months import add_months, format_month, month_of, months_between, parse_month

DUE_DAY = 15
MAX_ARREARS = 3  # Perdir 22/PERDIR.02/072022: at most 3 months may be paid late
JKM_FULL_RUN = 3

MembershipStatus = Literal["AKTIF", "NONAKTIF", "BERAKHIR"]


def due_date(month: str, holidays: Iterable[date] = frozenset()) -> date:
    """The due date of contribution month ``month`` (``YYYY-MM``)."""
    closed = frozenset(holidays)
    year, mon = parse_month(add_months(month, 1))
    day = date(year, mon, DUE_DAY)
    while day.weekday() >= 5 or day in closed:
        day += timedelta(days=1)
    return day


def latest_overdue_month(today: date, holidays: Iterable[date] = frozenset()) -> str:
    """The latest month M with ``due_date(M) < today``."""
    closed = frozenset(holidays)
    month = add_months(month_of(today), -1)
    while due_date(month, closed) >= today:
        month = add_months(month, -1)
    return month


def arrears(paid_through: str, today: date, holidays: Iterable[date] = frozenset()) -> int:
    """Months in (``paid_through``, latest overdue month]; 0 when paid ahead."""
    return max(months_between(paid_through, latest_overdue_month(today, holidays)), 0)


@dataclass(frozen=True, slots=True)
class MembershipHint:
    status: MembershipStatus
    arrears: int

    @property
    def in_arrears(self) -> bool:
        """``AKTIF`` with *tunggakan*."""
        return self.status == "AKTIF" and self.arrears > 0


def membership_hint(
    paid_through: str,
    today: date,
    holidays: Iterable[date] = frozenset(),
    *,
    jht_claimed: bool = False,
) -> MembershipHint:
    """0 → AKTIF; 1–3 → AKTIF with arrears; more → BERAKHIR (NONAKTIF if JHT was claimed)."""
    owed = arrears(paid_through, today, holidays)
    if owed <= MAX_ARREARS:
        return MembershipHint("AKTIF", owed)
    return MembershipHint("NONAKTIF" if jht_claimed else "BERAKHIR", owed)


def jkm_full_benefit(paid_months: Iterable[str], *, registration_month: str | None = None) -> bool:
    """JKM pays in full after a run of ≥ 3 consecutive paid months since registration; before
    that only the funeral cost. Whether a lapse resets the run is [UNCERTAIN]: any run counts."""
    months = sorted(
        {m for m in paid_months if registration_month is None or m >= registration_month}
    )
    run, previous = 0, None
    for month in months:
        run = run + 1 if previous is not None and add_months(previous, 1) == month else 1
        if run >= JKM_FULL_RUN:
            return True
        previous = month
    return False


def first_due_month(registration_date: date) -> str:
    """The contribution month of a registration: the registration month (§5)."""
    return format_month(registration_date.year, registration_date.month)
