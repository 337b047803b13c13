"""The shared layout of NIK and KK numbers: ``PP KK SS DDMMYY NNNN`` (DOMAIN.md §7.1, §7.2).

``nik.py`` and ``kk.py`` call :func:`parse` with their code prefix; only the NIK adds 40 to the
day for women. Checks stop at the first failing step of 1 (clean); steps 2–4 report every
field that is wrong (day, month, serial); the area and cross-checks (warnings) run only on a
number without errors, because the agent retypes an invalid number anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from core.errors import Issue
from models.rules.regions import district_of_nik, regions

Sex = Literal["L", "P"]


@dataclass(frozen=True, slots=True)
class Parsed:
    digits: str | None  # the cleaned 16 digits once step 1 passed
    day: date | None
    sex: Sex | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(issue.is_error for issue in self.issues)


def clean(raw: str) -> str:
    """Remove every whitespace character (agents type and paste NIKs with spaces)."""
    return "".join(ch for ch in raw if not ch.isspace())


def resolve_year(yy: int, month: int, day: int, *, today: date) -> int:
    """2000+YY, or 1900+YY when the 2000s date would lie after ``today`` (§7.1 step 3)."""
    year = 2000 + yy
    if (year, month, day) > (today.year, today.month, today.day):
        return 1900 + yy
    return year


def parse(
    raw: str,
    *,
    prefix: Literal["NIK", "KK"],
    field_name: str,
    today: date,
    female_offset: bool,
    address_district_code: str | None,
) -> Parsed:
    text = clean(raw or "")
    if not text.isascii() or not text.isdigit():
        if text:
            return Parsed(None, None, None, [Issue(f"E_{prefix}_NOT_DIGITS", field_name)])
    if len(text) != 16:
        return Parsed(None, None, None, [Issue(f"E_{prefix}_LENGTH", field_name, {"n": len(text)})])

    issues: list[Issue] = []
    dd, mm, yy = int(text[6:8]), int(text[8:10]), int(text[10:12])
    sex: Sex | None = None
    day: int | None = None
    if 1 <= dd <= 31:
        day, sex = dd, "L"
    elif female_offset and 41 <= dd <= 71:
        day, sex = dd - 40, "P"
    else:
        issues.append(Issue(f"E_{prefix}_DAY", field_name, {"day": text[6:8]}))
    if not 1 <= mm <= 12:
        issues.append(Issue(f"E_{prefix}_MONTH", field_name, {"month": text[8:10]}))

    found: date | None = None
    if day is not None and 1 <= mm <= 12:
        year = resolve_year(yy, mm, day, today=today)
        try:
            found = date(year, mm, day)
        except ValueError:
            issues.append(
                Issue(f"E_{prefix}_DATE", field_name, {"year": year, "month": mm, "day": day})
            )
    if text[12:16] == "0000":
        issues.append(Issue(f"E_{prefix}_SERIAL", field_name))
    if issues:
        return Parsed(text, found, sex if female_offset else None, issues)

    issues.extend(
        area_issues(
            text, prefix=prefix, field_name=field_name, address_district_code=address_district_code
        )
    )
    return Parsed(text, found, sex if female_offset else None, issues)


def area_issues(
    digits: str, *, prefix: str, field_name: str, address_district_code: str | None
) -> list[Issue]:
    """§7.1 step 5: ``PP``, ``PP.KK``, ``PP.KK.SS`` must be known codes (warning only, since
    regions split and get renumbered); a known kecamatan differing from the address warns."""
    index = regions()
    district = district_of_nik(digits)
    for code in (district[:2], district[:5], district):
        if code not in index:
            return [Issue(f"W_{prefix}_AREA_UNKNOWN", field_name, {"code": code})]
    if address_district_code and address_district_code != district:
        return [
            Issue(
                f"W_{prefix}_AREA_MISMATCH",
                field_name,
                {"code": district, "address_code": address_district_code},
            )
        ]
    return []
