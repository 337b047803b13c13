"""Due dates, arrears, membership hint and the JKM run (§3)."""

from __future__ import annotations

from datetime import date

import pytest

from models.rules.schedule import arrears, due_date, jkm_full_benefit, membership_hint

HOLIDAYS = frozenset({date(2026, 8, 17)})


def test_due_date_moves_past_weekend_and_holiday() -> None:
    assert due_date("2026-07", HOLIDAYS) == date(2026, 8, 18)
    assert due_date("2026-07") == date(2026, 8, 17)  # Monday without the holiday
    assert due_date("2026-05") == date(2026, 6, 15)  # a Monday
    assert due_date("2026-12") == date(2027, 1, 15)  # year rollover


@pytest.mark.parametrize(
    ("today", "owed", "status"),
    [
        (date(2026, 8, 18), 3, "AKTIF"),
        (date(2026, 8, 19), 4, "BERAKHIR"),
        (date(2026, 4, 15), 0, "AKTIF"),
        (date(2026, 4, 16), 0, "AKTIF"),
        (date(2026, 5, 16), 1, "AKTIF"),
    ],
)
def test_arrears_doc_vectors(today: date, owed: int, status: str) -> None:
    assert arrears("2026-03", today, HOLIDAYS) == owed
    hint = membership_hint("2026-03", today, HOLIDAYS)
    assert (hint.status, hint.arrears) == (status, owed)
    assert hint.in_arrears == (status == "AKTIF" and owed > 0)


def test_paid_ahead_and_jht_claimed() -> None:
    assert arrears("2027-01", date(2026, 8, 19), HOLIDAYS) == 0
    assert membership_hint("2026-03", date(2026, 8, 19), HOLIDAYS, jht_claimed=True).status == (
        "NONAKTIF"
    )


@pytest.mark.parametrize(
    ("months", "full"),
    [
        (["2026-05", "2026-06"], False),
        (["2026-05", "2026-06", "2026-07"], True),
        (["2026-05", "2026-07", "2026-08"], False),
        (["2026-11", "2026-12", "2027-01"], True),
        (["2026-07", "2026-05", "2026-06"], True),
        ([], False),
    ],
)
def test_jkm_full_benefit(months: list[str], full: bool) -> None:
    assert jkm_full_benefit(months) is full


def test_jkm_counts_only_since_registration() -> None:
    paid = ["2026-04", "2026-05", "2026-06"]
    assert jkm_full_benefit(paid, registration_month="2026-04")
    assert not jkm_full_benefit(paid, registration_month="2026-05")
