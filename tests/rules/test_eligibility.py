"""Age rules (§4)."""

from __future__ import annotations

from datetime import date

import pytest

from models.rules.eligibility import age_on, check_age

BORN = date(1961, 9, 1)


def test_doc_vectors() -> None:
    assert [i.code for i in check_age(BORN, on=date(2026, 8, 31))] == ["W_AGE_NEAR_MAX"]
    issue = check_age(BORN, on=date(2026, 9, 1))[0]
    assert issue.code == "E_AGE_MAX" and issue.params["age"] == 65


def test_near_max_window_is_30_days() -> None:
    assert check_age(BORN, on=date(2026, 8, 1)) == []  # 31 days before
    near = check_age(BORN, on=date(2026, 8, 2))
    assert [i.code for i in near] == ["W_AGE_NEAR_MAX"]
    assert near[0].params == {"date": "2026-09-01", "max_age": 65, "days": 30}


def test_max_age_only_for_new_registrations_and_configurable() -> None:
    assert check_age(BORN, on=date(2026, 9, 1), new_registration=False) == []
    assert [i.code for i in check_age(BORN, on=date(2017, 9, 1), max_age=56)] == ["E_AGE_MAX"]


def test_n5_1930_is_too_old() -> None:
    assert [i.code for i in check_age(date(1930, 7, 15), on=date(2026, 9, 1))] == ["E_AGE_MAX"]


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (date(2001, 2, 28), 0),
        (date(2001, 3, 1), 1),
        (date(2004, 2, 28), 3),
        (date(2004, 2, 29), 4),
        (date(2018, 2, 28), 17),
        (date(2018, 3, 1), 18),
    ],
)
def test_leap_day_birthday_is_first_of_march(on: date, age: int) -> None:
    assert age_on(date(2000, 2, 29), on) == age


def test_minor_warning() -> None:
    assert [i.code for i in check_age(date(2008, 9, 2), on=date(2026, 9, 1))] == ["W_AGE_MINOR"]
    assert check_age(date(2008, 9, 1), on=date(2026, 9, 1)) == []
    # leap-day 18th birthday in a non-leap year is 1 March
    assert check_age(date(2008, 2, 29), on=date(2026, 2, 28))[0].code == "W_AGE_MINOR"
    assert check_age(date(2008, 2, 29), on=date(2026, 3, 1)) == []
