"""KK (family card) number rules, DOMAIN.md §7.2: the NIK layout, but DDMMYY is the date the
data was entered (no +40, no sex). Steps 1 and 3–5 of §7.1 apply with ``E_KK_*``/``W_KK_*``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.errors import Issue
from models.rules.idnumber import parse

FIELD = "kk_number"


@dataclass(frozen=True, slots=True)
class KkResult:
    kk: str | None  # the cleaned 16 digits, only when the number has no error
    entry_date: date | None
    issues: list[Issue]

    @property
    def ok(self) -> bool:
        return not any(issue.is_error for issue in self.issues)


def check_kk(raw: str, *, today: date, address_district_code: str | None = None) -> KkResult:
    parsed = parse(
        raw,
        prefix="KK",
        field_name=FIELD,
        today=today,
        female_offset=False,
        address_district_code=address_district_code,
    )
    return KkResult(parsed.digits if parsed.ok else None, parsed.day, list(parsed.issues))
