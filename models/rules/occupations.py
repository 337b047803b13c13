"""Occupations (DOMAIN.md §4.1, ``data/occupations.csv``) and the occupation rules of §4.

The list is project data: codes are stable and never reused. The group ``ojek_driver`` is the
PP 50/2025 transport sector; a ``[UNCERTAIN]`` mark in ``notes`` makes that sector uncertain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from core.errors import Issue
from models.rules.datafiles import ReferenceDataError, read_csv

Sector = Literal["TRANSPORTASI", "NON_TRANSPORTASI"]

GROUPS = (
    "pedagang",
    "nelayan",
    "petani",
    "buruh_lepas",
    "umkm",
    "ojek_driver",
    "tukang",
    "lainnya",
)
TRANSPORT_GROUP = "ojek_driver"
OTHER_CODE = "LAIN_LAINNYA"  # needs a free-text detail
MAX_OCCUPATIONS = 2
_UNCERTAIN_MARK = "[UNCERTAIN]"


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str
    label_id: str
    label_en: str
    group: str
    notes: str

    @property
    def needs_detail(self) -> bool:
        return self.code == OTHER_CODE


@lru_cache(maxsize=1)
def load_occupations() -> tuple[Occupation, ...]:
    rows = read_csv("occupations.csv", columns=("code", "label_id", "label_en", "group", "notes"))
    out: list[Occupation] = []
    seen: set[str] = set()
    for row in rows:
        if row["code"] in seen or not row["code"]:
            raise ReferenceDataError(params={"code": row["code"]}, detail="duplicate or empty code")
        if row["group"] not in GROUPS:
            raise ReferenceDataError(params={"group": row["group"]}, detail="unknown group")
        seen.add(row["code"])
        out.append(
            Occupation(row["code"], row["label_id"], row["label_en"], row["group"], row["notes"])
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Occupation]:
    return {occ.code: occ for occ in load_occupations()}


def occupation(code: str) -> Occupation | None:
    return _by_code().get(code)


def pp50_sector(primary_code: str | None) -> Sector:
    """``TRANSPORTASI`` if the primary occupation's group is ``ojek_driver`` (§2.2)."""
    occ = occupation(primary_code) if primary_code else None
    return (
        "TRANSPORTASI" if occ is not None and occ.group == TRANSPORT_GROUP else "NON_TRANSPORTASI"
    )


def sector_uncertain(code: str | None) -> bool:
    """True if the occupation's notes mark its PP 50/2025 sector ``[UNCERTAIN]``."""
    occ = occupation(code) if code else None
    return occ is not None and _UNCERTAIN_MARK in occ.notes


def sector_for(primary: str | None, secondary: str | None = None) -> tuple[Sector, bool]:
    """The PP 50 sector of a person and whether it is uncertain: the primary occupation counts;
    it is uncertain if that occupation's sector is, or if a second occupation is in the other
    sector (DOMAIN.md: which occupation counts for a person with two is [UNCERTAIN])."""
    sector = pp50_sector(primary)
    uncertain = sector_uncertain(primary)
    if secondary and occupation(secondary) is not None and pp50_sector(secondary) != sector:
        uncertain = True
    return sector, uncertain


def check_occupations(slots: Sequence[tuple[str | None, str | None]]) -> list[Issue]:
    """(code, detail) per slot, slot 1 first. Fields are ``occupation_<n>``/``…_detail``."""
    issues: list[Issue] = []
    filled = [
        (n, code.strip(), detail)
        for n, (code, detail) in enumerate(slots, 1)
        if code and code.strip()
    ]
    if not filled:
        return [Issue("E_OCC_NONE", "occupation_1")]
    if len(filled) > MAX_OCCUPATIONS:
        issues.append(
            Issue(
                "E_OCC_MAX",
                f"occupation_{filled[MAX_OCCUPATIONS][0]}",
                {"max": MAX_OCCUPATIONS, "n": len(filled)},
            )
        )
    if not (slots[0][0] or "").strip():
        issues.append(Issue("E_REQUIRED", "occupation_1"))
    seen: set[str] = set()
    for n, code, detail in filled:
        if code in seen:
            issues.append(Issue("E_OCC_DUP", f"occupation_{n}", {"code": code}))
        seen.add(code)
        occ = occupation(code)
        if occ is None:
            issues.append(Issue("E_OCC_UNKNOWN", f"occupation_{n}", {"code": code}))
        elif occ.needs_detail and not (detail or "").strip():
            issues.append(Issue("E_OCC_DETAIL", f"occupation_{n}_detail", {"code": code}))
    return issues
