"""The only place that turns error codes into words (STYLE.md §7, UI.md §5).

``issue_message(issue)`` gives the sentence for a rule outcome (every ``E_``/``W_`` code of
DOMAIN.md), ``user_message(exc_or_issue)`` the sentence for anything raised on purpose (store,
sync and server problem codes of SYNC_PROTOCOL.md §4.2) or by accident. Sentences say what
happened and what to do next, in short everyday Indonesian; the English source text goes
through Qt's translator, so the language follows the app. ``show_error(parent, exc)`` logs the
full detail and shows the sentence, with the code under *Rincian*; it stays silent when the user
cancelled.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from core import formatting
from core.errors import Cancelled, Issue, JangkauError, ValidationError

log = logging.getLogger(__name__)

__all__ = [
    "issue_message",
    "user_message",
    "show_error",
    "open_kept",
    "known_codes",
    "message_for_code",
    "GENERIC_CODE",
]

GENERIC_CODE = "internal"
_open_boxes: set[QMessageBox] = set()
_MONEY_KEYS = frozenset({"amount", "income", "basis", "total", "minimum"})


def _issue_texts() -> dict[str, tuple[str, str | None]]:
    """Code → (sentence with named fields, sentence when the fields are missing)."""
    return {
        # NIK (DOMAIN §7.1)
        "E_NIK_NOT_DIGITS": (
            Q.translate("IssueMessages", "Digits only. Look for a typed O or I."),
            None,
        ),
        "E_NIK_LENGTH": (
            Q.translate("IssueMessages", "The NIK needs 16 digits, not {n}. Check the KTP."),
            Q.translate("IssueMessages", "The NIK needs 16 digits. Check the KTP."),
        ),
        "E_NIK_DAY": (
            Q.translate(
                "IssueMessages",
                "The NIK's day of birth (digits 7–8) is not possible. Check the KTP.",
            ),
            None,
        ),
        "E_NIK_MONTH": (
            Q.translate(
                "IssueMessages",
                "The NIK's month of birth (digits 9–10) is not 01–12. Check the KTP.",
            ),
            None,
        ),
        "E_NIK_DATE": (
            Q.translate(
                "IssueMessages", "The NIK's birth date (digits 7–12) is impossible. Check the KTP."
            ),
            None,
        ),
        "E_NIK_SERIAL": (
            Q.translate(
                "IssueMessages", "The last 4 digits of a NIK are never 0000. Check the KTP."
            ),
            None,
        ),
        "W_NIK_AREA_UNKNOWN": (
            Q.translate(
                "IssueMessages", "The area code at the start of the NIK is unknown. Check the KTP."
            ),
            None,
        ),
        "W_NIK_AREA_MISMATCH": (
            Q.translate(
                "IssueMessages",
                "The NIK was issued in another kecamatan than the address. Fine if the person moved.",
            ),
            None,
        ),
        "W_NIK_DOB_MISMATCH": (
            Q.translate(
                "IssueMessages",
                "Birth date differs from the NIK ({date}). Check the KTP, then tick I have checked.",
            ),
            Q.translate(
                "IssueMessages",
                "Birth date differs from the NIK. Check the KTP, then tick I have checked.",
            ),
        ),
        "W_NIK_SEX_MISMATCH": (
            Q.translate(
                "IssueMessages",
                "Sex differs from the NIK. Check the KTP, then tick I have checked.",
            ),
            None,
        ),
        "E_NIK_DUPLICATE": (
            Q.translate("IssueMessages", "This NIK is already in {name}. Continue there."),
            Q.translate(
                "IssueMessages", "This NIK is already in another of your prospects. Continue there."
            ),
        ),
        # KK number (DOMAIN §7.2)
        "E_KK_NOT_DIGITS": (Q.translate("IssueMessages", "A KK number has digits only."), None),
        "E_KK_LENGTH": (
            Q.translate("IssueMessages", "A KK number has 16 digits, not {n}. Check the KK."),
            Q.translate("IssueMessages", "A KK number has 16 digits. Check the KK."),
        ),
        "E_KK_DAY": (
            Q.translate("IssueMessages", "The KK number's day (digits 7–8) is not 01–31."),
            None,
        ),
        "E_KK_MONTH": (
            Q.translate("IssueMessages", "The KK number's month (digits 9–10) is not 01–12."),
            None,
        ),
        "E_KK_DATE": (
            Q.translate(
                "IssueMessages", "The KK number's date (digits 7–12) is impossible. Check the KK."
            ),
            None,
        ),
        "E_KK_SERIAL": (
            Q.translate(
                "IssueMessages", "The last 4 digits of a KK number are never 0000. Check the KK."
            ),
            None,
        ),
        "W_KK_AREA_UNKNOWN": (
            Q.translate("IssueMessages", "The area code at the start of the KK number is unknown."),
            None,
        ),
        "W_KK_AREA_MISMATCH": (
            Q.translate(
                "IssueMessages", "The KK number is from another kecamatan than the address."
            ),
            None,
        ),
        # Mobile (DOMAIN §7.3)
        "E_PHONE_FORMAT": (
            Q.translate("IssueMessages", "A mobile starts with 08, 628 or +628."),
            None,
        ),
        "E_PHONE_NOT_MOBILE": (
            Q.translate("IssueMessages", "A landline. Enter a mobile or tick Has no mobile."),
            None,
        ),
        "E_PHONE_LENGTH": (Q.translate("IssueMessages", "An 08 mobile has 10–13 digits."), None),
        "W_MOBILE_SHARED": (
            Q.translate(
                "IssueMessages", "Another participant uses this mobile too. Check it is right."
            ),
            None,
        ),
        "W_NO_MOBILE": (
            Q.translate("IssueMessages", "No mobile: payment reminders cannot reach this person."),
            None,
        ),
        # Income and contribution (DOMAIN §2)
        "E_INCOME_INVALID": (
            Q.translate("IssueMessages", "Enter the monthly income as a whole number of rupiah."),
            None,
        ),
        "W_INCOME_BELOW_MIN": (
            Q.translate(
                "IssueMessages",
                "Income below Rp1.000.000; the contribution still uses Rp1.000.000 ({amount}/month). Explain it.",
            ),
            Q.translate(
                "IssueMessages",
                "Income below Rp1.000.000; the contribution still uses Rp1.000.000. Explain it.",
            ),
        ),
        "E_INCOME_BELOW_MIN": (
            Q.translate(
                "IssueMessages", "Income below Rp1.000.000 cannot be registered at this branch."
            ),
            None,
        ),
        # Eligibility (DOMAIN §4)
        "E_AGE_MAX": (
            Q.translate(
                "IssueMessages", "Aged {max_age} or older: BPU registration is not possible."
            ),
            Q.translate("IssueMessages", "Too old for BPU registration (65 or older)."),
        ),
        "W_AGE_NEAR_MAX": (
            Q.translate(
                "IssueMessages", "Turns {max_age} soon: the first payment must come before {date}."
            ),
            Q.translate(
                "IssueMessages", "Turns 65 within 30 days: the first payment must come before then."
            ),
        ),
        "W_AGE_MINOR": (
            Q.translate("IssueMessages", "Under 18: a parent or guardian must consent."),
            None,
        ),
        "E_OCC_NONE": (Q.translate("IssueMessages", "Choose the main occupation."), None),
        "E_OCC_MAX": (Q.translate("IssueMessages", "At most 2 occupations."), None),
        "E_OCC_DUP": (
            Q.translate("IssueMessages", "The second occupation repeats the first."),
            None,
        ),
        "E_OCC_DETAIL": (
            Q.translate("IssueMessages", "For Other, describe the occupation in Detail."),
            None,
        ),
        "W_MULTI_SEGMENT": (
            Q.translate(
                "IssueMessages",
                "Already a wage-earner (PU) participant. Allowed; check it is right.",
            ),
            None,
        ),
        # Address (DOMAIN §9)
        "E_ADDRESS_INCONSISTENT": (
            Q.translate(
                "IssueMessages", "The village is not in the chosen kecamatan. Choose again."
            ),
            None,
        ),
        "W_ADDRESS_OUTSIDE_BRANCH": (
            Q.translate(
                "IssueMessages", "Address outside the Pekalongan branch. Type the village name."
            ),
            None,
        ),
        # Consent (DOMAIN §8)
        "E_CONSENT_MISSING": (
            Q.translate(
                "IssueMessages",
                "No consent yet. Read the notice aloud, then tick the required consent.",
            ),
            None,
        ),
        "E_GUARDIAN_CONSENT": (
            Q.translate(
                "IssueMessages", "Under 18: fill in the guardian's name, relationship and NIK."
            ),
            None,
        ),
        # Funding (DOMAIN §6)
        "W_FUNDING_REF_MISSING": (
            Q.translate(
                "IssueMessages", "Add the programme or agreement number of this funding source."
            ),
            None,
        ),
        "W_FUNDING_CONTESTED": (
            Q.translate(
                "IssueMessages",
                "Village funds are contested as a source. The full contribution is quoted.",
            ),
            None,
        ),
        # Form completeness (DOMAIN §5, §10)
        "E_REQUIRED": (Q.translate("IssueMessages", "Fill in this field."), None),
        "E_TOO_LONG": (
            Q.translate("IssueMessages", "Too long: at most {max} characters."),
            Q.translate("IssueMessages", "Too long. Shorten it."),
        ),
        "E_EMAIL_FORMAT": (
            Q.translate("IssueMessages", "An email looks like nama@contoh.id."),
            None,
        ),
        "E_BIRTH_DATE_INVALID": (
            Q.translate("IssueMessages", "Enter a real birth date, not in the future."),
            None,
        ),
        "E_PACKAGE_INVALID": (
            Q.translate("IssueMessages", "Choose the programme: JKK + JKM, or with JHT."),
            None,
        ),
        "E_PERIOD_INVALID": (
            Q.translate("IssueMessages", "Choose a payment period of 1, 3, 6 or 12 months."),
            None,
        ),
        "E_MONTH_INVALID": (
            Q.translate("IssueMessages", "Choose the first contribution month."),
            None,
        ),
        "E_FUNDING_UNKNOWN": (
            Q.translate("IssueMessages", "Choose who pays from the funding source list."),
            None,
        ),
        "E_OCC_UNKNOWN": (
            Q.translate("IssueMessages", "This occupation is not in the list. Choose again."),
            None,
        ),
        "E_SIGNATURE_MISSING": (
            Q.translate("IssueMessages", "Both signatures are needed, or the paper form number."),
            None,
        ),
        "E_HEIR_INVALID": (
            Q.translate("IssueMessages", "Each heir needs a name, relationship and order."),
            None,
        ),
        "E_PASSWORD_TOO_SHORT": (
            Q.translate("IssueMessages", "The password needs at least {min} characters."),
            Q.translate("IssueMessages", "The password is too short."),
        ),
        "E_AGENT_KIND_INVALID": (
            Q.translate("IssueMessages", "Choose the agent type from the list."),
            None,
        ),
        "E_FORMAT": (
            Q.translate("IssueMessages", "This value has the wrong form. Check it."),
            None,
        ),
        "E_FIELD_UNKNOWN": (
            Q.translate(
                "IssueMessages",
                "The form holds a field this version does not know. Update the app.",
            ),
            None,
        ),
        "E_PAYLOAD_TOO_LARGE": (
            Q.translate("IssueMessages", "This record is too large to send. Shorten the notes."),
            None,
        ),
        # Follow-ups and outreach events (models/services/followups.py, outreach.py)
        "E_DUE_DATE_PAST": (
            Q.translate(
                "IssueMessages", "The follow-up date {date} has passed. Pick today or later."
            ),
            Q.translate("IssueMessages", "The follow-up date has passed. Pick today or later."),
        ),
        "E_DATE_FUTURE": (
            Q.translate("IssueMessages", "{date} is in the future. Enter the day it happened."),
            Q.translate("IssueMessages", "That date is in the future. Enter the day it happened."),
        ),
        "E_AREA_UNKNOWN": (
            Q.translate(
                "IssueMessages", "Area {code} is not in the region list. Pick it from the list."
            ),
            Q.translate(
                "IssueMessages", "That area is not in the region list. Pick it from the list."
            ),
        ),
    }


def _problem_texts() -> dict[str, tuple[str, str | None]]:
    """Store, sync and server problem codes (SYNC_PROTOCOL.md §4.2, §4.6) → sentence."""
    return {
        GENERIC_CODE: (
            Q.translate(
                "ProblemMessages", "Something went wrong. The details are in the log file."
            ),
            None,
        ),
        # Local store and profile
        "wrong-password": (Q.translate("ProblemMessages", "Wrong password."), None),
        "store-error": (
            Q.translate(
                "ProblemMessages",
                "The data on this laptop could not be opened. Call your supervisor.",
            ),
            None,
        ),
        "store-locked": (
            Q.translate(
                "ProblemMessages", "This profile is open in another Jangkau window. Close it first."
            ),
            None,
        ),
        "store-newer-than-app": (
            Q.translate(
                "ProblemMessages", "This data was saved by a newer Jangkau. Update the app."
            ),
            None,
        ),
        "migration-failed": (
            Q.translate(
                "ProblemMessages",
                "Updating the data failed; nothing was changed. Call your supervisor.",
            ),
            None,
        ),
        "disk-full": (
            Q.translate(
                "ProblemMessages", "The laptop's disk is full. Free some space, then try again."
            ),
            None,
        ),
        "password-too-short": (
            Q.translate("ProblemMessages", "The password needs at least 10 characters."),
            None,
        ),
        "password-mismatch": (Q.translate("ProblemMessages", "The two passwords differ."), None),
        "profile-exists": (
            Q.translate(
                "ProblemMessages", "A profile with this username already exists on this laptop."
            ),
            None,
        ),
        "too-many-attempts": (
            Q.translate("ProblemMessages", "Too many wrong tries. Wait {seconds} seconds."),
            Q.translate("ProblemMessages", "Too many wrong tries. Wait a moment."),
        ),
        "validation-failed": (
            Q.translate(
                "ProblemMessages", "Some fields need attention. They are marked on the form."
            ),
            None,
        ),
        "not-found": (
            Q.translate(
                "ProblemMessages", "That record is no longer there. The list has been refreshed."
            ),
            None,
        ),
        "conflict": (
            Q.translate(
                "ProblemMessages",
                "Someone changed this record meanwhile. Choose which version to keep.",
            ),
            None,
        ),
        "store-closed": (
            Q.translate("ProblemMessages", "Jangkau is locked. Unlock it to continue."),
            None,
        ),
        "event-closed": (
            Q.translate(
                "ProblemMessages", "This event is already closed. Open a new event instead."
            ),
            None,
        ),
        "event-has-drafts": (
            Q.translate(
                "ProblemMessages",
                "{drafts} prospects of this event are still drafts. Finish or send them first.",
            ),
            Q.translate(
                "ProblemMessages",
                "Some prospects of this event are still drafts. Finish or send them first.",
            ),
        ),
        "id-reused": (
            Q.translate(
                "ProblemMessages",
                "This decision was already recorded with other content. Reload the record.",
            ),
            None,
        ),
        "out-of-scope": (
            Q.translate(
                "ProblemMessages", "That area is outside your assignment. Pick one of your areas."
            ),
            None,
        ),
        "not-submitted": (
            Q.translate(
                "ProblemMessages", "This prospect was never sent. Delete the draft instead."
            ),
            None,
        ),
        "has-synced-children": (
            Q.translate(
                "ProblemMessages", "Visits of this draft were already sent; it cannot be deleted."
            ),
            None,
        ),
        "outbox-frozen": (
            Q.translate(
                "ProblemMessages", "This record is being sent right now. Try again in a moment."
            ),
            None,
        ),
        "not-a-draft": (
            Q.translate(
                "ProblemMessages", "Only drafts can be deleted. Withdraw a sent record instead."
            ),
            None,
        ),
        "read-only": (
            Q.translate(
                "ProblemMessages", "This record is approved or rejected and cannot be changed."
            ),
            None,
        ),
        # Connection (UI.md §5, SYNC §6.4, §6.5)
        "offline": (
            Q.translate(
                "ProblemMessages",
                "No connection. Your records are saved here and will be sent later.",
            ),
            None,
        ),
        "sync-failed": (
            Q.translate(
                "ProblemMessages",
                "Sending stopped; nothing is lost. Retrying in {minutes} minutes.",
            ),
            Q.translate("ProblemMessages", "Sending stopped; nothing is lost. Retrying soon."),
        ),
        "timeout": (
            Q.translate(
                "ProblemMessages",
                "The connection is too slow. Your records are kept; retrying later.",
            ),
            None,
        ),
        "protocol-error": (
            Q.translate(
                "ProblemMessages",
                "The answer did not come from the Jangkau server. Retrying later.",
            ),
            None,
        ),
        "sync-error": (
            Q.translate("ProblemMessages", "Sync stopped; nothing is lost. Retrying later."),
            None,
        ),
        "captive-portal": (
            Q.translate("ProblemMessages", "This Wi-Fi needs a browser login; then Sync now."),
            None,
        ),
        "clock-wrong": (
            Q.translate("ProblemMessages", "The laptop clock is wrong. Set the date and time."),
            None,
        ),
        "certificate-date": (
            Q.translate("ProblemMessages", "Secure connection refused. Check the date and time."),
            None,
        ),
        "not-enrolled": (
            Q.translate(
                "ProblemMessages", "This laptop is not enrolled yet. Enroll it in Settings."
            ),
            None,
        ),
        "no-printer": (
            Q.translate("ProblemMessages", "No printer found. Check cable and power, or Save PDF."),
            None,
        ),
        # Printing (printing/cups.py, printing/qr.py, printing/form_data.py)
        "printer-missing": (
            Q.translate("ProblemMessages", "No printer found. Check cable and power, or Save PDF."),
            None,
        ),
        "print-failed": (
            Q.translate(
                "ProblemMessages",
                "The printer did not print. Check that it is on and has paper, or Save PDF.",
            ),
            None,
        ),
        "print-restricted": (
            Q.translate(
                "ProblemMessages",
                "This person restricted the use of their data, so the form is not printed.",
            ),
            None,
        ),
        "print-cancelled": (
            Q.translate("ProblemMessages", "Cancelled. Nothing was saved or printed."),
            None,
        ),
        "qr-invalid": (
            Q.translate(
                "ProblemMessages",
                "This is not the code of a Jangkau form. Scan the QR code again; its text "
                "starts with JKU1.",
            ),
            None,
        ),
        # Server problem types (SYNC §4.2)
        "bad-request": (
            Q.translate(
                "ProblemMessages", "The server did not understand the request. Update the app."
            ),
            None,
        ),
        "unauthenticated": (
            Q.translate(
                "ProblemMessages", "The server did not recognise this laptop. Enroll it again."
            ),
            None,
        ),
        "invalid-credentials": (
            Q.translate("ProblemMessages", "Username, password or enrollment code is wrong."),
            None,
        ),
        "session-expired": (
            Q.translate("ProblemMessages", "Your sign-in has expired. Sign in again."),
            None,
        ),
        "device-revoked": (
            Q.translate(
                "ProblemMessages",
                "This laptop is blocked. Call your supervisor; your records are kept.",
            ),
            None,
        ),
        "device-wipe": (
            Q.translate(
                "ProblemMessages",
                "This laptop was withdrawn by the branch. Call your supervisor at once.",
            ),
            None,
        ),
        "forbidden": (
            Q.translate("ProblemMessages", "Not allowed for this account. Contact the admin."),
            None,
        ),
        "role-not-permitted": (
            Q.translate("ProblemMessages", "This account cannot do this. Sign in as a supervisor."),
            None,
        ),
        "stale-revision": (
            Q.translate(
                "ProblemMessages", "A newer version arrived. It has been reloaded; decide again."
            ),
            None,
        ),
        "invalid-transition": (
            Q.translate(
                "ProblemMessages", "This record's state has changed. Reload and look again."
            ),
            None,
        ),
        "duplicate-unresolved": (
            Q.translate("ProblemMessages", "Resolve the possible duplicate before approving."),
            None,
        ),
        "undo-unavailable": (
            Q.translate(
                "ProblemMessages",
                "Too late to undo: the agent already has this decision, or time is up.",
            ),
            None,
        ),
        "not-clean": (
            Q.translate(
                "ProblemMessages", "This record has a flag or an error. Review it on its own."
            ),
            None,
        ),
        "upload-offset-mismatch": (
            Q.translate(
                "ProblemMessages", "An attachment upload was interrupted. It resumes by itself."
            ),
            None,
        ),
        "cursor-expired": (
            Q.translate(
                "ProblemMessages", "The server was restored. Jangkau downloads your records again."
            ),
            None,
        ),
        "payload-too-large": (
            Q.translate(
                "ProblemMessages", "Too much data at once. Jangkau sends it in smaller parts."
            ),
            None,
        ),
        "unsupported-media-type": (
            Q.translate("ProblemMessages", "The server refused the data format. Update the app."),
            None,
        ),
        "checksum-mismatch": (
            Q.translate("ProblemMessages", "A file arrived damaged. It is sent again."),
            None,
        ),
        "client-too-old": (
            Q.translate("ProblemMessages", "Update the app to version {min_version} or newer."),
            Q.translate("ProblemMessages", "Update the app to the newest version."),
        ),
        "rate-limited": (
            Q.translate("ProblemMessages", "The server is busy. Jangkau tries again shortly."),
            None,
        ),
        "login-throttled": (
            Q.translate(
                "ProblemMessages", "Too many sign-in attempts. Wait a minute, then try again."
            ),
            None,
        ),
        "server-error": (
            Q.translate(
                "ProblemMessages", "The server had a problem; nothing is lost. Retrying later."
            ),
            None,
        ),
        "unavailable": (
            Q.translate(
                "ProblemMessages",
                "The server is down for a moment; nothing is lost. Retrying later.",
            ),
            None,
        ),
        # Per-record push results (SYNC §4.6)
        "revision-conflict": (
            Q.translate(
                "ProblemMessages", "Changed on the server too. Choose which version to keep."
            ),
            None,
        ),
        "stale-base": (
            Q.translate(
                "ProblemMessages", "Changed on the server meanwhile. Choose which version to keep."
            ),
            None,
        ),
        "record-locked": (
            Q.translate(
                "ProblemMessages", "The supervisor has closed this record. Ask to reopen it."
            ),
            None,
        ),
        "not-owner": (
            Q.translate(
                "ProblemMessages", "This record belongs to another agent. Contact the admin."
            ),
            None,
        ),
        "identity-mismatch": (
            Q.translate(
                "ProblemMessages",
                "This laptop's enrollment does not match the record. Contact the admin.",
            ),
            None,
        ),
        "entity-not-writable": (
            Q.translate(
                "ProblemMessages",
                "The server does not accept changes to this kind of data. Contact the admin.",
            ),
            None,
        ),
        "hash-mismatch": (
            Q.translate("ProblemMessages", "The record was damaged on the way. It is sent again."),
            None,
        ),
    }


def known_codes() -> list[str]:
    """Every code this module has a sentence for (issue codes, then problem codes)."""
    return [*_issue_texts(), *_problem_texts()]


class _Fields(string.Formatter):
    def get_value(self, key: Any, args: Any, kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str):
            if key not in kwargs:
                raise KeyError(key)
            return _display(key, kwargs[key])
        return super().get_value(key, args, kwargs)


def _display(key: str, value: Any) -> str:
    if key == "date" and isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return formatting.datetime_wib(value)
    if isinstance(value, date):
        return formatting.date_medium(value)
    if key in _MONEY_KEYS and isinstance(value, int) and not isinstance(value, bool):
        return formatting.rupiah(value)
    return str(value)


def _fill(texts: tuple[str, str | None], params: Mapping[str, Any]) -> str:
    full, bare = texts
    try:
        return _Fields().format(full, **dict(params))
    except (KeyError, IndexError, ValueError):
        return bare if bare is not None else full


# Codes that mean the same thing to the user share one sentence.
_ALIASES = {
    "store-unreadable": "store-error",
    "store-wal-unavailable": "store-error",
    "store-missing": "store-error",
    "profile-missing": "store-error",
    "keyfile-invalid": "store-error",
    "keyfile-version": "store-error",
    "keyfile-missing": "store-error",
    "keyfile-mismatch": "store-error",
    "integrity-check-failed": "store-error",
    "foreign-key-check-failed": "store-error",
    "store-exists": "profile-exists",
    "record-read-only": "read-only",
    "missing-protocol-header": "protocol-error",
    "not-json": "protocol-error",
    "unexpected-redirect": "protocol-error",
    "protocol-mismatch": "protocol-error",
    "empty-body": "protocol-error",
    "batch-mismatch": "sync-error",
    "duplicate-result": "sync-error",
    "feed-stuck": "sync-error",
}


def _normalise(code: str) -> str:
    """Server field errors spell rule codes as ``nik-date``; map them onto ``E_NIK_DATE``."""
    if code.endswith("-checksum-mismatch"):
        return "checksum-mismatch"
    return _ALIASES.get(code, code)


def message_for_code(code: str, params: Mapping[str, Any] | None = None) -> str | None:
    """The sentence for ``code``, or ``None`` when this module does not know it."""
    params = params or {}
    issues = _issue_texts()
    if code in issues:
        return _fill(issues[code], params)
    problems = _problem_texts()
    code = _normalise(code)
    if code in problems:
        return _fill(problems[code], params)
    upper = code.upper().replace("-", "_")
    for prefix in ("E_", "W_"):
        if prefix + upper in issues:
            return _fill(issues[prefix + upper], params)
    return None


def issue_message(issue: Issue) -> str:
    """The sentence for one rule outcome; unknown codes get the generic sentence (and a log line)."""
    text = message_for_code(issue.code, issue.params)
    if text is None:
        log.warning("no sentence for issue code %s", issue.code)
        return _fill(_problem_texts()[GENERIC_CODE], {})
    return text


def user_message(exc_or_issue: BaseException | Issue) -> str:
    """What to tell the user about an error or rule outcome: what happened, what to do."""
    match exc_or_issue:
        case Issue():
            return issue_message(exc_or_issue)
        case ValidationError(issues=[first, *_]):
            return issue_message(first)
        case JangkauError():
            text = message_for_code(exc_or_issue.code, exc_or_issue.params)
            if text is not None:
                return text
        case OSError() if getattr(exc_or_issue, "errno", None) == 28:  # ENOSPC
            return _fill(_problem_texts()["disk-full"], {})
        case ConnectionError() | TimeoutError():
            return _fill(_problem_texts()["offline"], {})
    code = getattr(exc_or_issue, "code", None)
    if isinstance(code, str):
        text = message_for_code(code, getattr(exc_or_issue, "params", None))
        if text is not None:
            return text
    return _fill(_problem_texts()[GENERIC_CODE], {})


def error_code(exc: BaseException) -> str:
    """The stable code for *Rincian* and support (never personal data)."""
    code = getattr(exc, "code", None)
    return code if isinstance(code, str) else f"{GENERIC_CODE}:{type(exc).__name__}"


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Log the full detail, then show the sentence; silent when the user cancelled."""
    if isinstance(exc, Cancelled):
        log.info("cancelled: %s", getattr(exc, "detail", None) or "by the user")
        return
    log.error("error shown to the user (%s)", error_code(exc), exc_info=exc)
    if QApplication.instance() is None:
        return
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(Q.translate("ProblemMessages", "Jangkau"))
    box.setText(user_message(exc))
    box.setDetailedText(Q.translate("ProblemMessages", "Code: {code}").format(code=error_code(exc)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    open_kept(box)


def open_kept(box: QMessageBox) -> None:
    """Open ``box`` (window-modal) and keep it until it closes: a box with no window to parent
    it is owned by Python alone and would be deleted, unseen, as its caller returns."""
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()
