"""Every rule code of the domain (DOMAIN.md §2.2, §4, §6, §7, §8, §9, §10) and its severity.

An ``E_`` code is an ERROR that blocks submission; a ``W_`` code is a WARNING the agent must
acknowledge and the supervisor sees. ``ui/errors.py`` gives each code a sentence in Indonesian
and English; ``tests/rules/test_codes.py`` checks this list against a scan of docs/DOMAIN.md.
Codes marked *added* are not in DOMAIN.md; docs/DECISIONS.md ("Domain rules") explains them.
"""

from __future__ import annotations

from typing import Literal

Severity = Literal["error", "warning"]

_ERRORS = (
    # §2.2 contribution
    "E_INCOME_INVALID",
    "E_INCOME_BELOW_MIN",
    # §4 eligibility and occupations
    "E_AGE_MAX",
    "E_OCC_NONE",
    "E_OCC_MAX",
    "E_OCC_DUP",
    "E_OCC_DETAIL",
    "E_OCC_UNKNOWN",  # added: a code that is not in occupations.csv
    "E_NIK_DUPLICATE",
    # §7.1 NIK
    "E_NIK_NOT_DIGITS",
    "E_NIK_LENGTH",
    "E_NIK_DAY",
    "E_NIK_MONTH",
    "E_NIK_DATE",
    "E_NIK_SERIAL",
    # §7.2 KK
    "E_KK_NOT_DIGITS",
    "E_KK_LENGTH",
    "E_KK_DAY",
    "E_KK_MONTH",
    "E_KK_DATE",
    "E_KK_SERIAL",
    # §7.3 mobile
    "E_PHONE_FORMAT",
    "E_PHONE_NOT_MOBILE",
    "E_PHONE_LENGTH",
    # §8, §9, §10
    "E_ADDRESS_INCONSISTENT",
    "E_CONSENT_MISSING",
    "E_GUARDIAN_CONSENT",
    # added: §5 form fields
    "E_REQUIRED",
    "E_TOO_LONG",
    "E_EMAIL_FORMAT",
    "E_BIRTH_DATE_INVALID",
    "E_PACKAGE_INVALID",
    "E_PERIOD_INVALID",
    "E_MONTH_INVALID",
    "E_FUNDING_UNKNOWN",
    "E_SIGNATURE_MISSING",
    "E_HEIR_INVALID",
)

_WARNINGS = (
    # §2.2
    "W_INCOME_BELOW_MIN",
    # §4
    "W_AGE_NEAR_MAX",
    "W_AGE_MINOR",
    "W_MULTI_SEGMENT",
    # §7.1
    "W_NIK_AREA_UNKNOWN",
    "W_NIK_AREA_MISMATCH",
    "W_NIK_DOB_MISMATCH",
    "W_NIK_SEX_MISMATCH",
    # §7.2
    "W_KK_AREA_UNKNOWN",
    "W_KK_AREA_MISMATCH",
    # §6, §7.3, §9, §10
    "W_FUNDING_REF_MISSING",
    "W_FUNDING_CONTESTED",
    "W_NO_MOBILE",
    "W_MOBILE_SHARED",
    "W_ADDRESS_OUTSIDE_BRANCH",
)

SEVERITY: dict[str, Severity] = {
    **dict.fromkeys(_ERRORS, "error"),
    **dict.fromkeys(_WARNINGS, "warning"),
}

ERROR_CODES: frozenset[str] = frozenset(_ERRORS)
WARNING_CODES: frozenset[str] = frozenset(_WARNINGS)


def severity(code: str) -> Severity:
    """The severity of a known code; ``KeyError`` for an unknown one."""
    return SEVERITY[code]
