"""Words and display values for the review screen (UI.md §3.8; DOMAIN.md §5 labels).

The record is read-only here, so every ``ProspectPayload`` field becomes a row (label, value).
``SECTIONS`` orders the fields in the tabs Identitas | Alamat | Pekerjaan | Program | Ahli Waris
| Persetujuan | Catatan, the same order as the agent's editor. Codes are shown with their words
(region names, occupation names, programme, funding source), dates and rupiah through
``core.formatting``. Labels go through Qt's translator (context ``ReviewFields``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from core import formatting
from models.rules.occupations import occupation
from models.rules.regions import regions
from ui.screens.editor.choices import (
    already_pu_choices,
    choice_label,
    funding_choices,
    package_label,
    relationship_choices,
    sex_choices,
)

__all__ = [
    "SECTIONS",
    "HEIR_FIELDS",
    "field_label",
    "display_value",
    "section_title",
    "section_of",
    "state_label",
    "flag_text",
    "reason_label",
    "outcome_label",
]


# (tab key, payload fields in display order)
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "identity",
        (
            "nik",
            "full_name",
            "birth_place",
            "birth_date",
            "sex",
            "mother_maiden_name",
            "mobile",
            "no_mobile",
            "email",
            "kk_number",
        ),
    ),
    (
        "address",
        (
            "address_line",
            "rt",
            "rw",
            "province_code",
            "regency_code",
            "district_code",
            "village_code",
            "village_name_free",
            "area_code",
        ),
    ),
    (
        "work",
        (
            "occupation_1",
            "occupation_1_detail",
            "occupation_2",
            "occupation_2_detail",
            "work_location",
            "working_hours",
            "declared_income",
            "already_pu",
        ),
    ),
    (
        "programme",
        (
            "package",
            "payment_period_months",
            "first_contribution_month",
            "funding_source",
            "funding_ref",
            "jht_funding_source",
            "quote",
            "registration_date",
            "registration_place",
            "channel",
            "branch_code",
        ),
    ),
    ("heirs", ()),
    (
        "consent",
        ("signature_participant", "signature_agent", "paper_form_number", "consent_id"),
    ),
    ("notes", ("notes", "restricted", "acknowledged_warnings", "outreach_event_id")),
)
HEIR_FIELDS = ("order", "name", "relationship", "mobile", "nik")
_SECTION_OF = {name: key for key, names in SECTIONS for name in names}


def section_title(key: str) -> str:
    titles = {
        "identity": QCoreApplication.translate("ReviewFields", "Identity"),
        "address": QCoreApplication.translate("ReviewFields", "Address"),
        "work": QCoreApplication.translate("ReviewFields", "Work"),
        "programme": QCoreApplication.translate("ReviewFields", "Programme"),
        "heirs": QCoreApplication.translate("ReviewFields", "Heirs"),
        "consent": QCoreApplication.translate("ReviewFields", "Consent"),
        "notes": QCoreApplication.translate("ReviewFields", "Notes"),
    }
    return titles.get(key, key)


def section_of(field: str) -> str | None:
    """The tab a field (or ``heirs.0.name``) is shown on."""
    if field.startswith("heirs"):
        return "heirs"
    return _SECTION_OF.get(field)


def field_label(field: str) -> str:
    """``mother_maiden_name`` → "Nama ibu kandung"; ``heirs.1.name`` → "Ahli waris 2: Nama"."""
    if field.startswith("heirs."):
        parts = field.split(".")
        if len(parts) == 3 and parts[1].isdigit():
            return QCoreApplication.translate("ReviewFields", "Heir {n}: {field}").format(
                n=int(parts[1]) + 1, field=_heir_label(parts[2])
            )
    labels = {
        "nik": QCoreApplication.translate("ReviewFields", "NIK"),
        "full_name": QCoreApplication.translate("ReviewFields", "Full name (as on the KTP)"),
        "birth_place": QCoreApplication.translate("ReviewFields", "Place of birth"),
        "birth_date": QCoreApplication.translate("ReviewFields", "Date of birth"),
        "sex": QCoreApplication.translate("ReviewFields", "Sex"),
        "mother_maiden_name": QCoreApplication.translate("ReviewFields", "Mother's maiden name"),
        "mobile": QCoreApplication.translate("ReviewFields", "Mobile number"),
        "no_mobile": QCoreApplication.translate("ReviewFields", "Has no mobile"),
        "email": QCoreApplication.translate("ReviewFields", "Email"),
        "kk_number": QCoreApplication.translate("ReviewFields", "KK number"),
        "address_line": QCoreApplication.translate("ReviewFields", "Address"),
        "rt": QCoreApplication.translate("ReviewFields", "RT"),
        "rw": QCoreApplication.translate("ReviewFields", "RW"),
        "province_code": QCoreApplication.translate("ReviewFields", "Province"),
        "regency_code": QCoreApplication.translate("ReviewFields", "Regency/city"),
        "district_code": QCoreApplication.translate("ReviewFields", "District"),
        "village_code": QCoreApplication.translate("ReviewFields", "Village"),
        "village_name_free": QCoreApplication.translate("ReviewFields", "Village (typed)"),
        "area_code": QCoreApplication.translate("ReviewFields", "Place of capture"),
        "occupation_1": QCoreApplication.translate("ReviewFields", "Main occupation"),
        "occupation_1_detail": QCoreApplication.translate(
            "ReviewFields", "Main occupation, detail"
        ),
        "occupation_2": QCoreApplication.translate("ReviewFields", "Second occupation"),
        "occupation_2_detail": QCoreApplication.translate(
            "ReviewFields", "Second occupation, detail"
        ),
        "work_location": QCoreApplication.translate("ReviewFields", "Work location"),
        "working_hours": QCoreApplication.translate("ReviewFields", "Working hours"),
        "declared_income": QCoreApplication.translate("ReviewFields", "Income per month"),
        "already_pu": QCoreApplication.translate("ReviewFields", "Already a PU participant?"),
        "package": QCoreApplication.translate("ReviewFields", "Programme"),
        "payment_period_months": QCoreApplication.translate("ReviewFields", "Payment period"),
        "first_contribution_month": QCoreApplication.translate(
            "ReviewFields", "First contribution month"
        ),
        "funding_source": QCoreApplication.translate("ReviewFields", "Funding source"),
        "funding_ref": QCoreApplication.translate("ReviewFields", "Funding reference"),
        "jht_funding_source": QCoreApplication.translate("ReviewFields", "JHT funding source"),
        "quote": QCoreApplication.translate("ReviewFields", "Contribution"),
        "registration_date": QCoreApplication.translate("ReviewFields", "Registration date"),
        "registration_place": QCoreApplication.translate("ReviewFields", "Registration place"),
        "channel": QCoreApplication.translate("ReviewFields", "Channel"),
        "branch_code": QCoreApplication.translate("ReviewFields", "Branch office"),
        "signature_participant": QCoreApplication.translate(
            "ReviewFields", "Participant's signature"
        ),
        "signature_agent": QCoreApplication.translate("ReviewFields", "Agent's signature"),
        "paper_form_number": QCoreApplication.translate("ReviewFields", "Paper form no."),
        "consent_id": QCoreApplication.translate("ReviewFields", "Consent record"),
        "notes": QCoreApplication.translate("ReviewFields", "Agent's notes"),
        "restricted": QCoreApplication.translate("ReviewFields", "Restricted"),
        "acknowledged_warnings": QCoreApplication.translate("ReviewFields", "Checked warnings"),
        "outreach_event_id": QCoreApplication.translate("ReviewFields", "Event"),
        "heirs": QCoreApplication.translate("ReviewFields", "Heirs"),
    }
    return labels.get(field, field)


def _heir_label(key: str) -> str:
    labels = {
        "order": QCoreApplication.translate("ReviewFields", "Order"),
        "name": QCoreApplication.translate("ReviewFields", "Name"),
        "relationship": QCoreApplication.translate("ReviewFields", "Relationship"),
        "mobile": QCoreApplication.translate("ReviewFields", "Mobile number"),
        "nik": QCoreApplication.translate("ReviewFields", "NIK"),
    }
    return labels.get(key, key)


def heir_label(key: str) -> str:
    return _heir_label(key)


def _region(code: Any) -> str:
    if not isinstance(code, str) or not code:
        return ""
    name = regions().name(code)
    return f"{code} {name}" if name else code


def _occupation(code: Any) -> str:
    if not isinstance(code, str) or not code:
        return ""
    found = occupation(code)
    if found is None:
        return code
    from ui.translations import current_language

    return found.label_en if current_language() == "en" else found.label_id


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _yes_no(value: Any) -> str:
    return (
        QCoreApplication.translate("ReviewFields", "Yes")
        if value
        else QCoreApplication.translate("ReviewFields", "No")
    )


def display_value(field: str, value: Any) -> str:  # noqa: C901 - one case per kind of field
    """What the supervisor reads for ``value`` of ``field`` (empty string when absent)."""
    if value is None or value == "" or value == []:
        return ""
    if field in ("province_code", "regency_code", "district_code", "village_code", "area_code"):
        return _region(value)
    if field in ("occupation_1", "occupation_2"):
        return _occupation(value)
    if field in ("birth_date", "registration_date"):
        day = _as_date(value)
        return formatting.date_medium(day) if day else str(value)
    if field == "declared_income" and isinstance(value, int):
        return formatting.rupiah(value)
    if field == "first_contribution_month" and isinstance(value, str):
        try:
            return formatting.month_label(value)
        except (ValueError, KeyError):
            return value
    if field == "payment_period_months":
        return QCoreApplication.translate("ReviewFields", "{n} months").format(n=value)
    if field == "sex":
        return choice_label(sex_choices(), str(value))
    if field == "already_pu":
        return choice_label(already_pu_choices(), str(value))
    if field == "package":
        return package_label(str(value))
    if field in ("funding_source", "jht_funding_source"):
        return choice_label(funding_choices(), str(value))
    if field in ("no_mobile", "restricted"):
        return _yes_no(value)
    if field in ("signature_participant", "signature_agent"):
        return {
            "SCREEN": QCoreApplication.translate("ReviewFields", "On screen"),
            "PAPER": QCoreApplication.translate("ReviewFields", "On paper"),
        }.get(str(value), str(value))
    if field == "quote" and isinstance(value, Mapping):
        return _quote(value)
    if field == "acknowledged_warnings" and isinstance(value, list):
        return ", ".join(str(w.get("code", "")) for w in value if isinstance(w, Mapping))
    if field.startswith("heirs.") and field.endswith(".relationship"):
        return choice_label(relationship_choices(), str(value))
    if isinstance(value, datetime):
        return formatting.datetime_wib(value)
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, list | dict):
        return str(value)
    return str(value)


def _quote(quote: Mapping[str, Any]) -> str:
    monthly, total = quote.get("monthly_first"), quote.get("total")
    if not isinstance(monthly, int) or not isinstance(total, int):
        return ""
    text = QCoreApplication.translate("ReviewFields", "{monthly}/month, total {total}").format(
        monthly=formatting.rupiah(monthly), total=formatting.rupiah(total)
    )
    if quote.get("uncertain"):
        text += " · " + QCoreApplication.translate("ReviewFields", "estimate")
    return text


def state_label(state: str | None) -> str:
    """Server review states in the badge words of UI.md §4."""
    labels = {
        "received": QCoreApplication.translate("ReviewFields", "Sent"),
        "approved": QCoreApplication.translate("ReviewFields", "Approved"),
        "returned": QCoreApplication.translate("ReviewFields", "Needs correction"),
        "rejected": QCoreApplication.translate("ReviewFields", "Rejected"),
        "withdrawn": QCoreApplication.translate("ReviewFields", "Withdrawn"),
    }
    return labels.get(state or "", state or "")


def flag_text(flag: str) -> str:
    labels = {
        "possible_duplicate": QCoreApplication.translate("ReviewFields", "duplicate"),
        "out_of_area": QCoreApplication.translate("ReviewFields", "outside area"),
        "attachments_missing": QCoreApplication.translate("ReviewFields", "attachment missing"),
        "awaiting_parent": QCoreApplication.translate("ReviewFields", "awaiting record"),
    }
    return labels.get(flag, flag)


def reason_label(code: str | None) -> str:
    labels = {
        "DATA_INCOMPLETE": QCoreApplication.translate("ReviewFields", "Incomplete data"),
        "DATA_INVALID": QCoreApplication.translate("ReviewFields", "Wrong data"),
        "DUPLICATE": QCoreApplication.translate("ReviewFields", "Duplicate"),
        "NOT_ELIGIBLE": QCoreApplication.translate("ReviewFields", "Not eligible"),
        "NO_CONSENT": QCoreApplication.translate("ReviewFields", "No consent"),
        "ALREADY_MEMBER": QCoreApplication.translate("ReviewFields", "Already a member"),
        "OTHER": QCoreApplication.translate("ReviewFields", "Other"),
    }
    return labels.get(code or "", code or "")


def outcome_label(outcome: str) -> str:
    labels = {
        "approve": QCoreApplication.translate("ReviewFields", "Approved"),
        "return": QCoreApplication.translate("ReviewFields", "Returned for correction"),
        "reject": QCoreApplication.translate("ReviewFields", "Rejected"),
        "reopen": QCoreApplication.translate("ReviewFields", "Reopened"),
    }
    return labels.get(outcome, outcome)
