"""NIK (national identity number) rules, DOMAIN.md §7.1: ``PP KK SS DDMMYY NNNN``.

``check_nik`` cleans the input, derives the date of birth and sex (women's day has 40 added),
checks the area codes against the region files and cross-checks typed values. The reference
date ``today`` is injected so tests (and the year pivot) are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from core.errors import Issue
from models.rules.idnumber import clean, parse

FIELD = "nik"


@dataclass(frozen=True, slots=True)
class NikResult:
    nik: str | None  # the cleaned 16 digits, only when the NIK has no error
    birth_date: date | None
    sex: Literal["L", "P"] | None
    issues: list[Issue]

    @property
    def ok(self) -> bool:
        """No error (warnings may remain)."""
        return not any(issue.is_error for issue in self.issues)


def check_nik(
    raw: str,
    *,
    today: date,
    address_district_code: str | None = None,
    typed_birth_date: date | None = None,
    typed_sex: str | None = None,
) -> NikResult:
    """Steps 1–6 of §7.1. Errors are on field ``nik``; the DOB and sex cross-check warnings
    are on ``birth_date`` and ``sex``, where the agent corrects them."""
    parsed = parse(
        raw,
        prefix="NIK",
        field_name=FIELD,
        today=today,
        female_offset=True,
        address_district_code=address_district_code,
    )
    issues = list(parsed.issues)
    if parsed.ok:
        if (
            typed_birth_date is not None
            and parsed.day is not None
            and typed_birth_date != parsed.day
        ):
            issues.append(
                Issue("W_NIK_DOB_MISMATCH", "birth_date", {"date": parsed.day.isoformat()})
            )
        if typed_sex and parsed.sex and typed_sex != parsed.sex:
            issues.append(Issue("W_NIK_SEX_MISMATCH", "sex", {"sex": parsed.sex}))
        return NikResult(parsed.digits, parsed.day, parsed.sex, issues)
    return NikResult(None, parsed.day, parsed.sex, issues)


def format_nik(nik: str) -> str:
    """``"3375011505909901"`` → ``"3375 0115 0590 9901"`` (groups of four)."""
    digits = clean(nik)
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def mask_nik(nik: str) -> str:
    """``"3375011505909901"`` → ``"337501******9901"``: area and serial stay, the date hides."""
    digits = clean(nik)
    if len(digits) <= 10:
        return "*" * len(digits)
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
