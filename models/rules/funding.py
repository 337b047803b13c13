"""Funding sources: who pays JKK+JKM (DOMAIN.md §6).

``discount_allowed`` documents whether the PP 50/2025 discount may apply; the quote itself
reads the exclusions from ``contribution_discounts.csv`` (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import Issue

DEFAULT = "MANDIRI"
CONTESTED = "DANA_DESA_APBDES"


@dataclass(frozen=True, slots=True)
class FundingSource:
    code: str
    discount_allowed: bool
    status: str  # confirmed / inferred / decision


FUNDING_SOURCES: dict[str, FundingSource] = {
    f.code: f
    for f in (
        FundingSource("MANDIRI", True, "confirmed"),
        FundingSource("WADAH_MITRA", True, "confirmed"),
        FundingSource("DONATUR_CSR", True, "confirmed"),
        FundingSource("SERTAKAN", True, "confirmed"),
        FundingSource("APBN", False, "confirmed"),
        FundingSource("APBD_PROVINSI", False, "confirmed"),
        FundingSource("APBD_KABKOTA", False, "confirmed"),
        FundingSource("DBHCHT", False, "inferred"),
        FundingSource("DANA_DESA_APBDES", False, "decision"),
        FundingSource("OTHER", True, "confirmed"),
    )
}


def discount_allowed(code: str) -> bool:
    return FUNDING_SOURCES[code].discount_allowed


def check_funding(
    source: str | None, ref: str | None, *, field: str = "funding_source"
) -> list[Issue]:
    """Unknown code → ``E_FUNDING_UNKNOWN``; a sponsor without a programme or agreement
    reference → ``W_FUNDING_REF_MISSING``; village budget → ``W_FUNDING_CONTESTED``.
    A missing source is left to the required-field rule."""
    if not source:
        return []
    if source not in FUNDING_SOURCES:
        return [Issue("E_FUNDING_UNKNOWN", field, {"code": source})]
    issues: list[Issue] = []
    if source != DEFAULT and not (ref or "").strip():
        issues.append(Issue("W_FUNDING_REF_MISSING", "funding_ref", {"source": source}))
    if source == CONTESTED:
        issues.append(Issue("W_FUNDING_CONTESTED", field, {"source": source}))
    return issues
