"""Indonesian mobile numbers → E.164 (DOMAIN.md §7.3), exactly as the table specifies.

Operator prefixes are never checked: those lists are conventions, not regulator data.
``phonenumbers`` is used to cross-check the E.164 form we build and to format for display.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers

from core.errors import Issue

FIELD = "mobile"
_STRIP = frozenset(" -.()\t\u00a0")
_PREFIXES = ("+62", "62", "0")


@dataclass(frozen=True, slots=True)
class PhoneResult:
    e164: str | None
    issues: list[Issue]

    @property
    def ok(self) -> bool:
        return self.e164 is not None


def normalise_mobile(raw: str, *, field: str = FIELD) -> PhoneResult:
    """Steps 1–5 of §7.3: strip, drop ``+62``/``62``/``0``, check ``8…`` with 9–12 digits."""
    text = "".join(ch for ch in (raw or "") if ch not in _STRIP and not ch.isspace())
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            rest = text[len(prefix) :]
            break
    else:
        return PhoneResult(None, [Issue("E_PHONE_FORMAT", field)])
    if not rest or not (rest.isascii() and rest.isdigit()) or rest[0] == "0":
        return PhoneResult(None, [Issue("E_PHONE_FORMAT", field)])
    if rest[0] != "8":
        return PhoneResult(None, [Issue("E_PHONE_NOT_MOBILE", field)])
    if not 9 <= len(rest) <= 12:
        return PhoneResult(None, [Issue("E_PHONE_LENGTH", field, {"n": len(rest) + 1})])
    return PhoneResult("+62" + rest, [])


def format_mobile(e164: str) -> str:
    """``"+6281200000001"`` → ``"0812-0000-0001"`` (national form, grouped for reading)."""
    try:
        number = phonenumbers.parse(e164, None)
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        national = ""
    if national.startswith("08"):
        return national
    digits = "0" + e164.removeprefix("+62") if e164.startswith("+62") else e164
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def e164_agrees_with_phonenumbers(e164: str) -> bool:
    """Cross-check: ``phonenumbers`` parses our E.164 form to the same E.164 string."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == e164
