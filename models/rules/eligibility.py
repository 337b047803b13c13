"""Age rules of BPU eligibility (DOMAIN.md §4): maximum age, near-maximum, minors.

A person born on 29 February has their birthday on 1 March in non-leap years.
"""

from __future__ import annotations

from datetime import date

from core.errors import Issue

FIELD = "birth_date"
ADULT_AGE = 18
NEAR_MAX_DAYS = 30


def birthday_in(birth_date: date, year: int) -> date:
    """The birthday in ``year``; 29 Feb becomes 1 Mar in non-leap years."""
    try:
        return birth_date.replace(year=year)
    except ValueError:  # 29 February in a non-leap year
        return date(year, 3, 1)


def age_on(birth_date: date, on: date) -> int:
    """Age in completed years on ``on``."""
    years = on.year - birth_date.year
    return years - 1 if on < birthday_in(birth_date, on.year) else years


def check_age(
    birth_date: date, *, on: date, max_age: int = 65, new_registration: bool = True
) -> list[Issue]:
    """``E_AGE_MAX`` (new registrations only), ``W_AGE_NEAR_MAX`` (turns ``max_age`` within
    30 days), ``W_AGE_MINOR`` (under 18; guardian consent is checked in ``consent.py``)."""
    issues: list[Issue] = []
    age = age_on(birth_date, on)
    limit_day = birthday_in(birth_date, birth_date.year + max_age)
    if age >= max_age:
        if new_registration:
            issues.append(Issue("E_AGE_MAX", FIELD, {"age": age, "max_age": max_age}))
    elif (limit_day - on).days <= NEAR_MAX_DAYS:
        issues.append(
            Issue(
                "W_AGE_NEAR_MAX",
                FIELD,
                {"date": limit_day.isoformat(), "max_age": max_age, "days": (limit_day - on).days},
            )
        )
    if age < ADULT_AGE:
        issues.append(Issue("W_AGE_MINOR", FIELD, {"age": age}))
    return issues


def is_minor(birth_date: date, *, on: date) -> bool:
    return age_on(birth_date, on) < ADULT_AGE
