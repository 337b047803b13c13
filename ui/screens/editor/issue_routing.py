"""Where a rule issue is shown in the editor, and which issues are shown yet.

Rules name the payload field an issue concerns (``nik``, ``heirs.1.name``, ``consent.purposes``,
``signature_agent`` …); the editor has one row per input. ``row_key`` maps the first onto the
second. ``visible`` decides what to show while the agent is still typing: errors of fields not
visited yet (mostly "Fill in this field") wait until the field was left once or a save was
attempted; warnings show at once because they only arise from something entered.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.errors import Issue

__all__ = ["GENERAL", "row_key", "visible"]

GENERAL = ""  # issues with no field of the form (shown in a banner)

_ALIASES = {
    "no_mobile": "mobile",
    "rw": "rt",
    "village_name_free": "village_code",
    "witness_name": "read_aloud",
    "signature_agent": "signature_participant",
}
_NOT_ON_FORM = frozenset(
    {"branch_code", "area_code", "registration_date", "registration_place", "channel", "quote"}
)


def row_key(issue: Issue, *, paper_method: bool) -> str:
    """The editor row an issue belongs to (``GENERAL`` when none does)."""
    field = issue.field or ""
    if field.startswith("payload."):
        field = field.removeprefix("payload.")
    if field.startswith("heirs"):
        return "heirs"
    if issue.code == "E_GUARDIAN_CONSENT":
        return "guardian"
    if field == "consent" and issue.params.get("reason") == "paper_form_number":
        return "paper_form_number"
    if field.startswith("consent"):
        return "consent"
    if field in ("signature_participant", "signature_agent") and paper_method:
        return "paper_form_number"
    field = _ALIASES.get(field, field)
    if not field or field in _NOT_ON_FORM:
        return GENERAL
    return field.split(".")[0]


def visible(issue: Issue, *, key: str, touched: Iterable[str] | set[str], show_all: bool) -> bool:
    if show_all or issue.is_warning or key == GENERAL:
        return True
    return key in touched
