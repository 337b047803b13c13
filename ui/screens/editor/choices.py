"""Words for the coded choices of the prospect form (DOMAIN.md §5, §6, §10; SYNC §3).

The codes are the ``ProspectPayload``/``VisitPayload`` values; the words go through Qt's
translator (context ``EditorChoices``) so they follow the app language. Occupation names are
reference data with their own Indonesian and English columns (``occupations.csv``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models.rules.occupations import load_occupations

__all__ = [
    "already_pu_choices",
    "choice_label",
    "funding_choices",
    "occupation_choices",
    "outcome_choices",
    "package_label",
    "relationship_choices",
    "sex_choices",
    "visit_kind_choices",
]


def sex_choices() -> list[tuple[str, str]]:
    return [
        ("L", QCoreApplication.translate("EditorChoices", "Male (L)")),
        ("P", QCoreApplication.translate("EditorChoices", "Female (P)")),
    ]


def already_pu_choices() -> list[tuple[str, str]]:
    return [
        ("TIDAK", QCoreApplication.translate("EditorChoices", "No")),
        ("YA", QCoreApplication.translate("EditorChoices", "Yes")),
        ("TIDAK_TAHU", QCoreApplication.translate("EditorChoices", "Don't know")),
    ]


def package_label(code: str) -> str:
    labels = {
        "JKK_JKM": QCoreApplication.translate("EditorChoices", "JKK + JKM"),
        "JKK_JKM_JHT": QCoreApplication.translate("EditorChoices", "JKK + JKM + JHT"),
    }
    return labels.get(code, code)


def funding_choices() -> list[tuple[str, str]]:
    return [
        ("MANDIRI", QCoreApplication.translate("EditorChoices", "Self-paid (mandiri)")),
        ("WADAH_MITRA", QCoreApplication.translate("EditorChoices", "Wadah or partner (IKS)")),
        ("DONATUR_CSR", QCoreApplication.translate("EditorChoices", "Donor or CSR")),
        ("SERTAKAN", QCoreApplication.translate("EditorChoices", "SERTAKAN (workers sponsor)")),
        ("APBN", QCoreApplication.translate("EditorChoices", "Central budget (APBN)")),
        ("APBD_PROVINSI", QCoreApplication.translate("EditorChoices", "Province budget (APBD)")),
        ("APBD_KABKOTA", QCoreApplication.translate("EditorChoices", "Regency/city budget (APBD)")),
        ("DBHCHT", QCoreApplication.translate("EditorChoices", "Tobacco excise share (DBHCHT)")),
        ("DANA_DESA_APBDES", QCoreApplication.translate("EditorChoices", "Village fund (APBDes)")),
        ("OTHER", QCoreApplication.translate("EditorChoices", "Other")),
    ]


def relationship_choices() -> list[tuple[str, str]]:
    return [
        ("SUAMI_ISTRI", QCoreApplication.translate("EditorChoices", "Spouse")),
        ("ANAK", QCoreApplication.translate("EditorChoices", "Child")),
        ("ORANG_TUA", QCoreApplication.translate("EditorChoices", "Parent")),
        ("CUCU", QCoreApplication.translate("EditorChoices", "Grandchild")),
        ("KAKEK_NENEK", QCoreApplication.translate("EditorChoices", "Grandparent")),
        ("SAUDARA_KANDUNG", QCoreApplication.translate("EditorChoices", "Sibling")),
        ("MERTUA", QCoreApplication.translate("EditorChoices", "Parent-in-law")),
        ("DITUNJUK_WASIAT", QCoreApplication.translate("EditorChoices", "Named in a will")),
    ]


def visit_kind_choices() -> list[tuple[str, str]]:
    return [
        ("VISIT", QCoreApplication.translate("EditorChoices", "Visit")),
        ("CALL", QCoreApplication.translate("EditorChoices", "Call")),
    ]


def outcome_choices() -> list[tuple[str, str]]:
    return [
        ("PLANNED", QCoreApplication.translate("EditorChoices", "Planned")),
        ("INTERESTED", QCoreApplication.translate("EditorChoices", "Interested")),
        ("ENROLLED", QCoreApplication.translate("EditorChoices", "Enrolled")),
        ("REFUSED", QCoreApplication.translate("EditorChoices", "Refused")),
        ("NOT_FOUND", QCoreApplication.translate("EditorChoices", "Not met")),
        ("NO_ANSWER", QCoreApplication.translate("EditorChoices", "No answer")),
    ]


def occupation_choices(language: str) -> list[tuple[str, str]]:
    """(code, name) in file order, named in the app language."""
    english = language == "en"
    return [(o.code, o.label_en if english else o.label_id) for o in load_occupations()]


def choice_label(choices: list[tuple[str, str]], code: str | None) -> str:
    return next((label for value, label in choices if value == code), code or "")
