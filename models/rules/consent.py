"""Consent under UU 27/2022 (UU PDP), DOMAIN.md §8: the versioned privacy notice and the
consent rules (``E_CONSENT_MISSING``, ``E_GUARDIAN_CONSENT``).

The notice texts are data (``data/notices/``); their SHA-256 is taken over the UTF-8 bytes of
the file so a consent record can prove which text was shown. One tick per purpose: bundled
consent is void, so the required enrolment purpose and the optional local-government purpose
are separate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from core.errors import Issue
from models.rules.datafiles import ReferenceDataError, read_bytes, read_csv
from models.rules.eligibility import is_minor
from models.rules.idnumber import clean
from models.rules.nik import check_nik

FIELD = "consent"
REQUIRED_PURPOSE = "ENROLMENT"
OPTIONAL_PURPOSES: tuple[str, ...] = ("LOCAL_GOV_AID",)
PURPOSES: dict[str, str] = {
    "ENROLMENT": ("Saya setuju data pribadi saya diproses untuk pendaftaran BPJS Ketenagakerjaan."),
    "LOCAL_GOV_AID": (
        "Saya setuju data pribadi saya dibagikan kepada program pemerintah daerah untuk "
        "bantuan iuran."
    ),
}
METHODS: tuple[str, ...] = ("SCREEN_SIGNATURE", "PAPER_FORM")


@dataclass(frozen=True, slots=True)
class NoticeVersion:
    version: str
    text: str
    sha256: str
    valid_from: date


@lru_cache(maxsize=1)
def notices() -> tuple[NoticeVersion, ...]:
    """Every shipped notice version, oldest first."""
    out: list[NoticeVersion] = []
    for row in read_csv("notices/notices.csv", columns=("version", "file", "valid_from")):
        raw = read_bytes(f"notices/{row['file']}")
        try:
            valid_from = date.fromisoformat(row["valid_from"])
            text = raw.decode("utf-8")
        except ValueError as exc:
            raise ReferenceDataError(params={"file": row["file"]}) from exc
        out.append(NoticeVersion(row["version"], text, hashlib.sha256(raw).hexdigest(), valid_from))
    out.sort(key=lambda n: n.valid_from)
    if not out or len({n.version for n in out}) != len(out):
        raise ReferenceDataError(detail="notices.csv needs unique versions")
    return tuple(out)


def notice(version: str) -> NoticeVersion | None:
    return next((n for n in notices() if n.version == version), None)


def current_notice(on: date) -> NoticeVersion:
    """The version in force on ``on`` (the latest with ``valid_from`` ≤ ``on``)."""
    valid = [n for n in notices() if n.valid_from <= on]
    if not valid:
        raise LookupError(f"no privacy notice in force on {on.isoformat()}")
    return valid[-1]


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _missing(reason: str) -> Issue:
    return Issue("E_CONSENT_MISSING", FIELD, {"reason": reason})


def check_consent(
    consent: Mapping[str, Any] | None, *, birth_date: date | None, on: date
) -> list[Issue]:
    """A consent record (``ConsentPayload`` fields) that proves enrolment consent: a known
    notice (and its hash, when given), the required purpose ticked, a method with its proof,
    not withdrawn; for a minor, a guardian with name, relationship and a valid NIK."""
    if not consent:
        return [_missing("none")]
    issues: list[Issue] = []
    shown = notice(str(consent.get("notice_version") or ""))
    if shown is None:
        issues.append(_missing("notice_unknown"))
    elif consent.get("notice_sha256") and consent["notice_sha256"] != shown.sha256:
        issues.append(_missing("notice_changed"))
    purposes = consent.get("purposes") or ()
    if REQUIRED_PURPOSE not in purposes:
        issues.append(_missing("purpose"))
    method = consent.get("method")
    if method not in METHODS:
        issues.append(_missing("method"))
    elif method == "PAPER_FORM" and not str(consent.get("paper_form_number") or "").strip():
        issues.append(_missing("paper_form_number"))
    withdrawn = _as_date(consent.get("withdrawn_on"))
    if withdrawn is not None and withdrawn <= on:
        issues.append(_missing("withdrawn"))
    if birth_date is not None and is_minor(birth_date, on=on):
        issues.extend(_check_guardian(consent.get("guardian"), on=on))
    return issues


def _check_guardian(guardian: Any, *, on: date) -> list[Issue]:
    if not isinstance(guardian, Mapping):
        return [Issue("E_GUARDIAN_CONSENT", FIELD, {"reason": "none"})]
    for key in ("name", "relationship", "nik"):
        if not str(guardian.get(key) or "").strip():
            return [Issue("E_GUARDIAN_CONSENT", FIELD, {"reason": key})]
    result = check_nik(clean(str(guardian["nik"])), today=on)
    if not result.ok:
        return [Issue("E_GUARDIAN_CONSENT", FIELD, {"reason": "nik"})]
    if result.birth_date is not None and is_minor(result.birth_date, on=on):
        return [Issue("E_GUARDIAN_CONSENT", FIELD, {"reason": "guardian_minor"})]
    return []
